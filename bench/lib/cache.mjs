// The codemod result cache (issue 16.3): a recipe of 5 jscodeshift transforms over the corpus,
// `codemigrate run` cold (the cache emptied), then again after editing one transform (the 3rd of
// 5), then again unchanged. The edited transform reruns on every file; the ones before it are
// answered from the cache; the ones after it rerun only on files whose input it changed.
// Each transform is the bench's rewrite-import with its own import source, so all 5 parse every
// file as community codemods do (no prefilter).

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchEnv, git } from './git-env.mjs';
import { measure } from './measure.mjs';
import { busyFraction, waitForQuiet } from './quiet.mjs';

/** Theia's re-exports the 5 transforms rewrite (the first is the one the corpus uses most). */
const SOURCES = ['inversify', 'react', '@phosphor/widgets', 'vscode-uri', 'lodash.debounce'];
export const CACHE_MODES = ['cold', 'edited', 'unchanged'];

export async function runCache({ root, repo, rounds, log }) {
  const dir = mkdtempSync(join(tmpdir(), 'codemigrate-bench-cache-'));
  const template = readFileSync(join(root, 'bench/transforms/rewrite-import.cjs'), 'utf8');
  const writeTransform = (index, to) => {
    const from = `@theia/core/shared/${SOURCES[index]}`;
    writeFileSync(join(dir, `t${index + 1}.cjs`), template.replace("options.from || '@theia/core/shared/inversify'", JSON.stringify(from)).replace("options.to || 'inversify'", JSON.stringify(to)));
  };
  const recipe = join(dir, 'recipe.json');
  writeFileSync(
    recipe,
    JSON.stringify({
      id: 'bench-cache',
      description: 'Benchmark: five import rewrites, one step per directory',
      modules: { by: 'directory', include: ['packages/**/*.ts'], exclude: ['**/*.d.ts', '**/node_modules/**'] },
      steps: SOURCES.map((_, index) => ({ codemod: `./t${index + 1}.cjs`, engine: 'jscodeshift', parser: 'ts' })),
    }),
  );
  const env = { ...benchEnv() };
  delete env.CODEMIGRATE_CODEMOD_CACHE; // this section measures the cache itself
  const runs = { cold: [], edited: [], unchanged: [] };
  try {
    for (let round = 0; round < rounds; round += 1) {
      SOURCES.forEach((source, index) => writeTransform(index, source));
      rmSync(join(repo, '.git', 'codemigrate', 'cache'), { recursive: true, force: true });
      for (const mode of CACHE_MODES) {
        // The edit: the 3rd transform rewrites its import to another name (a change of behaviour).
        if (mode === 'edited') writeTransform(2, `${SOURCES[2]}-edited`);
        await waitForQuiet({ maxWaitMs: 10_000 });
        const busy = await busyFraction(500);
        const runId = `bench-cache-${mode}-${round}-${process.pid}`;
        const result = await measure(process.execPath, [join(root, 'bin/codemigrate.js'), 'run', recipe, '--repo', repo, '--run-id', runId, '--json'], { cwd: repo, env });
        if (result.code !== 0) throw new Error(`cache ${mode} failed (${result.code}): ${result.stderr.slice(0, 500)}`);
        const cached = result.stdout
          .split('\n')
          .filter((line) => line.includes('"step-finished"'))
          .flatMap((line) => JSON.parse(line).codemods ?? [])
          .reduce((sum, codemod) => sum + (codemod.cached ?? 0), 0);
        log(`  round ${round + 1} ${mode}: ${result.seconds.toFixed(2)} s wall, ${result.cpuSeconds.toFixed(1)} CPU s, ${cached} file results from the cache (busy ${Math.round(busy * 100)} %)`);
        runs[mode].push({ seconds: result.seconds, cpuSeconds: result.cpuSeconds, cached, busy });
        cleanRun(repo, runId);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return runs;
}

/** The run's branches and state, so that rounds do not pile refs up. */
function cleanRun(repo, runId) {
  const refs = git(repo, 'for-each-ref', '--format=%(refname)', `refs/heads/codemigrate/${runId}/`).split('\n').filter(Boolean);
  if (refs.length > 0) git(repo, 'update-ref', '--stdin', { input: refs.map((ref) => `delete ${ref}\n`).join('') });
  rmSync(join(repo, '.git', 'codemigrate', runId), { recursive: true, force: true });
}
