// Files a framework generates into the project, which git ignores and its tsconfig.json extends:
// SvelteKit's `.svelte-kit/tsconfig.json`, written by `svelte-kit sync` (@sveltejs/kit's own
// postinstall runs it in the user's checkout). The checks run in scratch worktrees that hold what
// git tracks and a linked node_modules, so no postinstall ran there: ts-jest, Vite and tsc all stop
// on the missing file (svelte-headless-table: every suite failed to load in the baseline, TS5083,
// where the user's checkout passes 87 of 87). Before a check, a missing one is generated with the
// project's own tool; nothing happens when the file is there or the tool is not installed.
// Plain JavaScript with no dependencies, because it runs with `node` inside the project.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';

/** The folder a tool generates, and the command (a node_modules/.bin name) that does it. */
export const GENERATORS = [{ folder: '.svelte-kit', bin: 'svelte-kit', args: ['sync'] }];

/** The `extends` of tsconfig.json, read as text: it is JSON with comments (SvelteKit's template has them). */
function extendsOf(cwd) {
  let text;
  try {
    text = readFileSync(join(cwd, 'tsconfig.json'), 'utf8');
  } catch {
    return [];
  }
  const match = /"extends"\s*:\s*("(?:[^"\\]|\\.)*"|\[[^\]]*\])/.exec(text);
  if (!match) return [];
  return [...match[1].matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]);
}

/** The generated files tsconfig.json extends that are missing in `cwd` (nothing is run). */
export function missingGenerated(cwd = process.cwd()) {
  return extendsOf(cwd).map(normalize).filter((path) => GENERATORS.some((g) => path === g.folder || path.startsWith(`${g.folder}/`)) && !existsSync(join(cwd, path)));
}

/** Runs each generator whose file tsconfig.json extends and is missing; returns what it ran. */
export function generateMissing(cwd = process.cwd()) {
  const ran = [];
  for (const named of extendsOf(cwd)) {
    const path = normalize(named);
    const generator = GENERATORS.find((g) => path === g.folder || path.startsWith(`${g.folder}/`));
    if (!generator || existsSync(join(cwd, path))) continue;
    const bin = join(cwd, 'node_modules', '.bin', generator.bin);
    if (!existsSync(bin)) continue;
    // Its output goes to stderr: the checks' stdout is read by their parsers.
    const result = spawnSync(bin, generator.args, { cwd, stdio: ['ignore', process.stderr, process.stderr] });
    ran.push({ command: `${generator.bin} ${generator.args.join(' ')}`, status: result.status });
  }
  return ran;
}
