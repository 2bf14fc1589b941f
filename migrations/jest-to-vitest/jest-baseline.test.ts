// jest-baseline.mjs runs the project's own Jest command: a stand-in runner in node_modules/.bin
// records the arguments it was given.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/helpers/temp-repo.js';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'jest-baseline.mjs');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Runs the script in a project with these scripts and a stand-in for each runner; returns what ran. */
function baselineOf(scripts: Record<string, string>, exitCode = 0): { bin: string; args: string[]; ci: string; status: number } {
  const dir = makeTempDir();
  dirs.push(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ scripts }));
  mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true });
  for (const bin of ['jest', 'react-scripts', 'craco']) {
    const file = join(dir, 'node_modules/.bin', bin);
    writeFileSync(file, `#!/usr/bin/env node\nrequire('fs').writeFileSync('ran.json', JSON.stringify({ bin: '${bin}', args: process.argv.slice(2), ci: process.env.CI }));\nprocess.exit(${exitCode});\n`);
    chmodSync(file, 0o755);
  }
  let status = 0;
  try {
    execFileSync(process.execPath, [SCRIPT, '/tmp/report.json'], { cwd: dir, stdio: 'pipe' });
  } catch (error) {
    status = (error as { status: number }).status;
  }
  return { ...(JSON.parse(readFileSync(join(dir, 'ran.json'), 'utf8')) as { bin: string; args: string[]; ci: string }), status };
}

describe('jest-baseline.mjs', () => {
  it('follows the test script through package-manager runs to jest and keeps its --config', () => {
    const ran = baselineOf({ test: 'yarn test:tsc', 'test:tsc': 'jest --config ./ts-jest.config.json --coverage --watch' });
    expect(ran).toEqual({ bin: 'jest', args: ['--config', './ts-jest.config.json', '--ci', '--json', '--outputFile=/tmp/report.json'], ci: 'true', status: 0 });
  });

  it('runs react-scripts test with watch mode off, and gives back the runner exit code', () => {
    const ran = baselineOf({ test: 'npm run lint && react-scripts test --env=jsdom', lint: 'eslint .' }, 1);
    expect(ran).toEqual({ bin: 'react-scripts', args: ['test', '--watchAll=false', '--env=jsdom', '--ci', '--json', '--outputFile=/tmp/report.json'], ci: 'true', status: 1 });
  });

  it('runs plain jest when no script names a runner', () => {
    expect(baselineOf({ test: 'node test.js' }).args).toEqual(['--ci', '--json', '--outputFile=/tmp/report.json']);
  });
});
