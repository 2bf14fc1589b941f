import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTsMorphEngine } from '../codemods/ts-morph-engine.js';
import { toRepoPath, type RepoPath } from '../core/paths.js';
import type { CodemodSpec } from '../core/recipe.js';
import type { TreeFiles } from '../edits/tree-files.js';
import { computeSetup } from './run-setup.js';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'codemigrate-setup-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function spec(name: string, files: string[], body: string): Promise<CodemodSpec> {
  const resolved = join(scratch, name);
  await writeFile(resolved, `module.exports = function (sourceFile, ctx) {\n${body}\n};\n`);
  return { kind: 'codemod', name, resolved, engine: 'ts-morph', options: {}, field: `setup[${name}]`, files };
}

/** A source tree held in memory (only `entries` and `read` matter to setup). */
function tree(files: Record<string, string>): TreeFiles {
  const texts = new Map(Object.entries(files).map(([path, text]) => [toRepoPath(path), text] as const));
  const read = async (paths: readonly RepoPath[]) => paths.flatMap((path) => (texts.has(path) ? [{ path, text: texts.get(path)! }] : []));
  return {
    commit: 'c0',
    entries: new Map([...texts.keys()].map((path) => [path, { path, mode: '100644', oid: path }] as const)),
    read,
    readOne: async (path) => texts.get(path),
  };
}

describe('computeSetup', () => {
  it('gives a later codemod the files an earlier one added, and turns removed files into deletions', async () => {
    const add = await spec('add.js', ['package.json'], "  ctx.addFile('split.cjs', 'one\\n'); return null;");
    const edit = await spec('edit.js', ['*.cjs', 'jest.config.js'], "  if (ctx.path === 'jest.config.js') ctx.removeFile(ctx.path);\n  return ctx.text.replace('one', 'two');");
    const later = await spec('later.js', ['jest.config.js', 'package.json'], "  if (ctx.path === 'jest.config.js') throw new Error('a removed file came back');\n  return null;");
    const engine = createTsMorphEngine();
    const result = await computeSetup(engine, [add, edit, later], tree({ 'package.json': '{}\n', 'jest.config.js': 'module.exports = {};\n' }), 'r.json');
    expect(result.changes).toEqual([{ path: 'split.cjs', content: 'two\n' }, { path: 'jest.config.js', delete: true }]);
    expect(result.stats).toContainEqual({ path: 'jest.config.js', added: 0, removed: 1 });
    expect([...result.overlay]).toEqual([['split.cjs', 'two\n']]);
  });

  it("hands a codemod's context files as the earlier codemods left them, read but never changed", async () => {
    const raise = await spec('raise.js', ['package.json'], "  return ctx.text.replace('0.34.6', '3.2.4');");
    const copy = { ...(await spec('copy.js', ['*.vitest.ts'], "  return '// ' + JSON.stringify(ctx.options.context) + '\\n' + ctx.text;")), context: ['package.json', 'pnpm-lock.yaml'] };
    const engine = createTsMorphEngine();
    const source = tree({ 'package.json': '{"vitest":"0.34.6"}\n', 'pnpm-lock.yaml': 'lock\n', 'a.vitest.ts': 'x;\n', 'b.ts': 'y;\n' });
    const result = await computeSetup(engine, [raise, copy], source, 'r.json');
    const written = new Map([...result.overlay]);
    expect(written.get(toRepoPath('a.vitest.ts'))).toBe(`// ${JSON.stringify({ 'package.json': '{"vitest":"3.2.4"}\n', 'pnpm-lock.yaml': 'lock\n' })}\nx;\n`);
    // The context file is the raised package.json, which stays raise's change only.
    expect(written.get(toRepoPath('package.json'))).toBe('{"vitest":"3.2.4"}\n');
    expect(written.has(toRepoPath('pnpm-lock.yaml'))).toBe(false);
  });
});
