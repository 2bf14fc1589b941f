// `codemigrate/transform` as an author's project sees it: a project whose node_modules holds this
// package (built: dist/*.d.ts) compiles transforms typed with its types, and each wrong use marked
// `@ts-expect-error` must fail to compile (an unused directive is itself an error).

import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp-repo.js';

const AUTHOR = `import type { JscodeshiftParser, JscodeshiftTransform, TsMorphContext, TsMorphTransform } from 'codemigrate/transform';

export const parser: JscodeshiftParser = 'tsx';

export const rename: JscodeshiftTransform = (file, api, options) => {
  const j = api.jscodeshift;
  const root = j(file.source);
  const found = root.find(j.Identifier, { name: 'oldName' });
  if (found.length === 0) return null;
  api.report('a message');
  api.report({ line: 1, message: 'at a line', stop: false });
  found.forEach((path) => {
    path.node.name = typeof options['to'] === 'string' ? options['to'] : 'newName';
  });
  return root.toSource();
};

export const later: JscodeshiftTransform = async (file) => (file.path.endsWith('.ts') ? file.source : undefined);

export const morph: TsMorphTransform = (sourceFile, ctx: TsMorphContext) => {
  ctx.report(sourceFile.getStatements()[0] ?? 1, 'first statement');
  ctx.report({ message: 'cannot go on', stop: true });
  ctx.addFile('extra.json', '{}');
  if (ctx.path.endsWith('.json')) return ctx.text.replace('a', 'b');
  if (ctx.files.length > 1) return false;
  sourceFile.getClasses();
};

// @ts-expect-error a report needs a message
export const reportWithoutMessage: JscodeshiftTransform = (file, api) => { api.report({ line: 2 }); return file.source; };

// @ts-expect-error a jscodeshift transform returns the new text, not the collection
export const returnsCollection: JscodeshiftTransform = (file, api) => api.jscodeshift(file.source);

// @ts-expect-error not one of jscodeshift's parsers
export const notAParser: JscodeshiftParser = 'typescript';

// @ts-expect-error the context has no writeFile: addFile is the way
export const unknownMember: TsMorphTransform = (sourceFile, ctx) => ctx.writeFile('a', sourceFile.getText());

// @ts-expect-error a ts-morph transform's arguments are (sourceFile, ctx), not jscodeshift's
export const wrongShape: TsMorphTransform = (file: { source: string }) => file.source;
`;

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** The diagnostics of compiling `author.ts` in a fresh project that has this package installed. */
function compileAsAuthor(text: string): string[] {
  const dir = makeTempDir('codemigrate-author-');
  dirs.push(dir);
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(PROJECT_ROOT, join(dir, 'node_modules', 'codemigrate'), 'dir');
  writeFileSync(join(dir, 'package.json'), '{ "name": "author", "type": "module" }\n');
  writeFileSync(join(dir, 'author.ts'), text);
  const program = ts.createProgram([join(dir, 'author.ts')], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const at = d.file && d.start !== undefined ? `${d.file.fileName.slice(dir.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: ` : '';
    return `${at}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

describe('codemigrate/transform', () => {
  // TypeScript's node10 resolution ("moduleResolution": "node", still common) reads no "exports":
  // package.json's typesVersions gives it the same declaration files.
  it.each(['node10', 'nodenext', 'bundler'] as const)('resolves its entries to their declarations under moduleResolution %s', (kind) => {
    const dir = makeTempDir('codemigrate-resolve-');
    dirs.push(dir);
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(PROJECT_ROOT, join(dir, 'node_modules', 'codemigrate'), 'dir');
    writeFileSync(join(dir, 'package.json'), '{ "name": "author", "type": "module" }\n');
    const moduleResolution = { node10: ts.ModuleResolutionKind.Node10, nodenext: ts.ModuleResolutionKind.NodeNext, bundler: ts.ModuleResolutionKind.Bundler }[kind];
    const module = kind === 'nodenext' ? ts.ModuleKind.NodeNext : ts.ModuleKind.ESNext;
    for (const entry of ['transform', 'testing']) {
      const resolved = ts.resolveModuleName(`codemigrate/${entry}`, join(dir, 'author.ts'), { module, moduleResolution }, ts.sys).resolvedModule;
      expect(resolved && ts.sys.realpath!(resolved.resolvedFileName), entry).toBe(join(PROJECT_ROOT, 'dist', `${entry}.d.ts`));
    }
  });

  // One compile (~10 CPU-s with ts-morph's declarations): a wrong use that compiled would leave
  // its expect-error directive unused, which is an error too.
  it("types an author's transforms, and rejects each wrong use", () => {
    expect(compileAsAuthor(AUTHOR)).toEqual([]);
  });
});
