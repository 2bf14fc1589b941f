// The format hook with the real Prettier 3 and ESLint (codemigrate's dev dependencies, linked into
// a temporary project's node_modules as the project's own).

import { mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeFixtureDir } from '../config/__testfixtures__/fixture-dir.js';
import type { RepoPath } from '../core/paths.js';
import type { FormatterName } from '../core/recipe.js';
import { projectFormat } from './format.js';

const fixtures = join(import.meta.dirname, '__testfixtures__/format');
const fixture = (name: string) => readFileSync(join(fixtures, name), 'utf8');
const path = (value: string) => value as RepoPath;

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A project naming `declared` in its devDependencies, with `installed` linked into its node_modules. */
function project(declared: readonly FormatterName[], installed: readonly FormatterName[], files: Record<string, string | object> = {}): string {
  const dir = makeFixtureDir({
    'package.json': { name: 'p', devDependencies: Object.fromEntries(declared.map((name) => [name, '*'])) },
    '.prettierrc': { singleQuote: true, semi: false },
    '.prettierignore': 'generated/\n',
    'eslint.config.mjs': "export default [{ rules: { 'prefer-const': 'error' } }];\n",
    ...files,
  });
  dirs.push(dir);
  const own = createRequire(import.meta.url);
  mkdirSync(join(dir, 'node_modules'));
  for (const name of installed) symlinkSync(dirname(own.resolve(`${name}/package.json`)), join(dir, 'node_modules', name));
  return dir;
}

async function formatWith(root: string, names: readonly FormatterName[], before: Record<string, string>, after: Record<string, string>) {
  const notices: string[] = [];
  const format = projectFormat(root, names, (message) => notices.push(message));
  const result = await format(
    Object.entries(before).map(([file, text]) => ({ path: path(file), text })),
    new Map(Object.entries(after).map(([file, text]) => [path(file), text])),
  );
  return { texts: Object.fromEntries(result.texts), summaries: result.summaries, notices };
}

describe('projectFormat', () => {
  it("formats the files a step changed with the project's Prettier, then ESLint --fix, as configured", async () => {
    const root = project(['prettier', 'eslint'], ['prettier', 'eslint']);
    const untouched = 'export const   messy = "left as it was"\n';
    const { texts, summaries, notices } = await formatWith(
      root,
      ['prettier', 'eslint'],
      { 'src/helper.js': fixture('helper.base.input.js'), 'src/other.ts': untouched },
      { 'src/helper.js': fixture('helper.input.js'), 'src/other.ts': untouched },
    );
    expect(texts['src/helper.js']).toBe(fixture('helper.output.js'));
    expect(texts['src/other.ts']).toBe(untouched);
    expect(summaries).toEqual([
      expect.objectContaining({ codemod: 'format: prettier', modified: 1, unchanged: 0, skipped: 0, errors: 0 }),
      expect.objectContaining({ codemod: 'format: eslint', modified: 1, unchanged: 0, skipped: 0, errors: 0 }),
    ]);
    expect(notices).toEqual([]);
  });

  it("skips what the project's ignore files leave out, and keeps a file Prettier cannot parse as the step made it", async () => {
    const root = project(['prettier'], ['prettier']);
    const broken = 'export const x = (\n';
    const { texts, summaries } = await formatWith(
      root,
      ['prettier'],
      { 'generated/a.ts': 'a\n', 'src/broken.ts': 'b\n', 'notes.unknownext': 'c\n', 'src/new.ts': '' },
      { 'generated/a.ts': 'export const   a = "x"\n', 'src/broken.ts': broken, 'notes.unknownext': 'd\n', 'src/new.ts': 'export const b = "y";\n' },
    );
    expect(texts).toEqual({ 'generated/a.ts': 'export const   a = "x"\n', 'src/broken.ts': broken, 'notes.unknownext': 'd\n', 'src/new.ts': "export const b = 'y'\n" });
    expect(summaries).toEqual([expect.objectContaining({ modified: 1, skipped: 2, errors: 1 })]);
    expect(summaries[0]?.output).toEqual([{ file: 'src/broken.ts', text: expect.stringMatching(/^prettier left the file as it was: /) }]);
  });

  it('runs no formatter the project does not name, and says why once; a named one not installed is said too', async () => {
    const root = project(['eslint'], []);
    const edited = 'export const   a = "x"\n';
    const { texts, summaries, notices } = await formatWith(root, ['prettier', 'eslint'], { 'a.ts': '', 'b.ts': '' }, { 'a.ts': edited, 'b.ts': edited });
    expect(texts).toEqual({ 'a.ts': edited, 'b.ts': edited });
    expect(summaries).toEqual([]);
    expect(notices).toEqual([
      expect.stringMatching(/^format: the recipe formats with prettier, but .*package\.json does not name it/),
      expect.stringMatching(/^format: eslint is in package\.json but cannot be loaded from /),
    ]);
  });
});
