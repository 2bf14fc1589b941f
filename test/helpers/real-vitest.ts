// This repository's own Vitest, run for real over a temporary project (a fixture of a migrated
// test suite): what it printed, without colours, and its exit status. CI=true, as a CI run is:
// a missing snapshot fails instead of being written.

import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

const VITEST = resolve(import.meta.dirname, '../../node_modules/vitest/vitest.mjs');

export function runRealVitest(dir: string): { status: number | null; output: string } {
  const child = spawnSync(process.execPath, [VITEST, 'run', '--root', dir], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1' } });
  return { status: child.status, output: stripVTControlCharacters(`${child.stdout}${child.stderr}`) };
}
