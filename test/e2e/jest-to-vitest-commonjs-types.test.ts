// The built-in jest-to-vitest recipe on a TypeScript project that TypeScript reads as CommonJS
// (commander's shape: no "type": "module", tsconfig `module: node16`, `skipLibCheck: false`,
// `types: ["node", "jest"]`, `lib` without the DOM), judged by this project's real tsc and Vitest: the recipe's setup and
// finish run in memory (as land runs finish) around the test file in the form the steps give it;
// the result is written to a folder with this project's node_modules linked in. Without
// commonjs-globals.ts, finish leaves one TS1479 in vitest/index.d.cts; with it, none, and Vitest
// still runs the tests (globals, the compat setup file without its import).

import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCodemodEngine } from '../../src/codemods/index.js';
import { loadRecipeFile } from '../../src/config/index.js';
import { toRepoPath, type RepoPath } from '../../src/core/paths.js';
import type { CodemodSpec } from '../../src/core/recipe.js';
import type { TreeFiles } from '../../src/edits/tree-files.js';
import { computeSetup } from '../../src/runner/run-setup.js';
import { PROJECT_ROOT } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp-repo.js';

const engine = createCodemodEngine();
const dirs: string[] = [];
afterAll(async () => {
  await engine.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const JEST_PROJECT: Record<string, string> = {
  'package.json': `${JSON.stringify({ name: 'cli-lib', version: '1.0.0', type: 'commonjs', main: 'index.js', scripts: { test: 'jest' }, devDependencies: { '@types/jest': '^29.2.4', '@types/node': '^20.0.0', jest: '^29.7.0', 'ts-jest': '^29.0.3', typescript: '^5.8.3' } }, null, 2)}\n`,
  'jest.config.js': "module.exports = {\n  testEnvironment: 'node',\n  transform: { '^.+\\\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },\n};\n",
  // No DOM in `lib`, as a Node library has: each tsc check then costs half the CPU (lib.dom.d.ts is checked too).
  'tsconfig.json': '{\n  "compilerOptions": {\n    "module": "node16",\n    "lib": ["es2022"],\n    "strict": true,\n    "types": ["node", "jest"],\n    "noEmit": true,\n    "skipLibCheck": false,\n  },\n  "include": ["**/*.ts"],\n  "exclude": ["node_modules"],\n}\n',
  'lib/greet.ts': "export function greet(name: string): string {\n  return `hello ${name}`;\n}\n",
  'tests/greet.test.ts': "import { greet } from '../lib/greet';\n\ntest('greets', () => {\n  const spy = jest.fn(greet);\n  expect(spy('a')).toBe('hello a');\n});\n",
};

/** The test file as the steps leave it (jest-api, vitest-imports). */
const MIGRATED_TEST =
  "import { expect, test, vi, type Mock } from 'vitest';\nimport { greet } from '../lib/greet';\n\ntest('greets', () => {\n  const spy: Mock<typeof greet> = vi.fn(greet);\n  expect(spy('a')).toBe('hello a');\n});\n";

function tree(files: ReadonlyMap<string, string>): TreeFiles {
  const texts = new Map([...files].map(([path, text]) => [toRepoPath(path), text] as const));
  return {
    commit: 'c0',
    entries: new Map([...texts.keys()].map((path) => [path, { path, mode: '100644', oid: path }] as const)),
    read: async (paths: readonly RepoPath[]) => paths.flatMap((path) => (texts.has(path) ? [{ path, text: texts.get(path)! }] : [])),
    readOne: async (path) => texts.get(path),
  };
}

async function applyPhase(files: Map<string, string>, specs: readonly CodemodSpec[]): Promise<Map<string, string>> {
  const result = await computeSetup(engine, specs, tree(files), 'recipes/jest-to-vitest.json');
  const next = new Map(files);
  for (const change of result.changes) {
    if ('delete' in change) next.delete(change.path);
    else next.set(change.path, typeof change.content === 'string' ? change.content : new TextDecoder().decode(change.content));
  }
  return next;
}

/** Writes the files beside this project's node_modules; runs `command` there. */
function runIn(files: ReadonlyMap<string, string>, command: string, args: string[]): { status: number | null; output: string } {
  const dir = makeTempDir();
  dirs.push(dir);
  for (const [path, text] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  // Without this test runner's own VITEST* variables, which would make an inner Vitest a worker of it.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_OPTIONS'));
  const result = spawnSync(join(dir, 'node_modules/.bin', command), args, { cwd: dir, encoding: 'utf8', env: { ...env, CI: 'true', NO_COLOR: '1' } });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('jest-to-vitest on a TypeScript project read as CommonJS', () => {
  // Two tsc runs and one Vitest run over Vitest's types: a backstop, not a budget (main's 180 s ran
  // out at load ~25 on 2 cores, 264 s; with the lib above it took 155 s there).
  it('finishes with no new diagnostic: the tests take Vitest from its globals, which TypeScript resolves as ESM', { timeout: 600_000 }, async () => {
    const recipe = await loadRecipeFile(join(PROJECT_ROOT, 'recipes/jest-to-vitest.json'), { builtin: true });
    const afterSetup = await applyPhase(new Map(Object.entries(JEST_PROJECT)), recipe.setup);
    expect(afterSetup.get('vitest.jest-compat.ts')).toContain("from 'vitest';");
    afterSetup.set('tests/greet.test.ts', MIGRATED_TEST);

    const without = await applyPhase(afterSetup, recipe.finish.filter((spec) => !spec.name.endsWith('commonjs-globals.ts')));
    const charged = runIn(without, 'tsc', ['--noEmit', '--pretty', 'false', '-p', '.']);
    expect(charged.output).toMatch(/vitest\/index\.d\.cts\(1,15\): error TS1479/);
    expect(charged.output.match(/error TS/g)).toHaveLength(1);

    const finished = await applyPhase(afterSetup, recipe.finish);
    expect(finished.get('tests/greet.test.ts')).toBe(
      "import type { Mock } from 'vitest' with { 'resolution-mode': 'import' };\nimport { greet } from '../lib/greet';\n\ntest('greets', () => {\n  const spy: Mock<typeof greet> = vi.fn(greet);\n  expect(spy('a')).toBe('hello a');\n});\n",
    );
    expect(finished.get('tsconfig.json')).toContain('"types": ["node", "vitest/globals"]');
    expect(finished.get('vitest.jest-compat.ts')).not.toMatch(/from 'vitest'/);
    const config = [...finished.keys()].find((path) => /^vitest\.config\./.test(path))!;
    expect(finished.get(config)).toMatch(/globals: true/);
    const typed = runIn(finished, 'tsc', ['--noEmit', '--pretty', 'false', '-p', '.']);
    expect(typed.output).toBe('');
    expect(typed.status).toBe(0);

    const tested = runIn(finished, 'vitest', ['run']);
    expect(tested.output).toMatch(/Tests\s+1 passed \(1\)/);
    expect(tested.status).toBe(0);
  });
});
