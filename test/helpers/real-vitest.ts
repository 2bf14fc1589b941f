// This repository's own Vitest, run for real over a temporary project (a fixture of a migrated
// test suite): what it printed, without colours, and its exit status. CI=true, as a CI run is:
// a missing snapshot fails instead of being written.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

const VITEST = resolve(import.meta.dirname, '../../node_modules/vitest/vitest.mjs');

export function runRealVitest(dir: string): { status: number | null; output: string } {
  const child = spawnSync(process.execPath, [VITEST, 'run', '--root', dir], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1' } });
  return { status: child.status, output: stripVTControlCharacters(`${child.stdout}${child.stderr}`) };
}

export interface ProjectResult {
  /** The titles of its tests (`describe > it` as Vitest joins them), by status. */
  readonly passed: readonly string[];
  readonly failed: readonly string[];
  /** Failure messages, for an assertion's message. */
  readonly messages: readonly string[];
}

/**
 * One real Vitest run over several projects: each folder under `root` is a project with its own
 * vitest.config.js and package.json, the same as `runRealVitest(folder)` would run alone (its own
 * setup files, each test file in its own process), for one start of Vitest instead of one per
 * folder. Its results by folder name, from Vitest's JSON report, and the whole output.
 */
export function runRealVitestProjects(root: string, folders: readonly string[]): { results: Map<string, ProjectResult>; output: string } {
  const report = join(root, 'vitest-report.json');
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
  // Named by folder: projects without a name would all take their package.json's (none) or clash.
  writeFileSync(join(root, 'vitest.config.js'), `export default { test: { projects: ${JSON.stringify(folders.map((folder) => ({ extends: `./${folder}/vitest.config.js`, test: { name: folder, root: `./${folder}` } })))} } };\n`);
  const child = spawnSync(process.execPath, [VITEST, 'run', '--root', root, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], {
    cwd: root,
    encoding: 'utf8',
    // A backstop only, below the suite's 600 s: spawnSync blocks the calling worker, so a run that
    // never ends (a worker waiting for ever, as node-cron's did) would otherwise hang the suite.
    timeout: 540_000,
    env: { ...process.env, CI: 'true', NO_COLOR: '1' },
  });
  const ended = child.signal === null ? '' : `\n[stopped by ${child.signal}: the run had not ended within the backstop]`;
  const output = stripVTControlCharacters(`${child.stdout}${child.stderr}${ended}`);
  const results = new Map(folders.map((folder) => [folder, { passed: [] as string[], failed: [] as string[], messages: [] as string[] }]));
  if (!existsSync(report)) return { results, output };
  const json = JSON.parse(readFileSync(report, 'utf8')) as { testResults: { name: string; message?: string; assertionResults: { fullName: string; status: string; failureMessages?: string[] }[] }[] };
  for (const file of json.testResults) {
    const folder = relative(root, file.name).split(sep)[0]!;
    const result = results.get(folder);
    if (result === undefined) continue;
    if (file.message) result.messages.push(file.message);
    for (const test of file.assertionResults) {
      if (test.status === 'passed') result.passed.push(test.fullName);
      else if (test.status === 'failed') result.failed.push(test.fullName);
      result.messages.push(...(test.failureMessages ?? []));
    }
  }
  return { results, output };
}
