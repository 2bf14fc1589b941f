// ts-morph setup transform for a Jest config file (jest.config.*, or one a script names with
// --config): its config is wrapped in the runner split helper's withoutVitestFiles, so that while
// the migration is under way Jest leaves the test files that import from 'vitest' to Vitest
// (runner-split.ts). `module.exports = …` gets a line after it; `export default X` becomes
// `export default withoutVitestFiles(X)`. The recipe's finish removes the file with Jest.

import { posix } from 'node:path';
import type { SourceFile } from 'ts-morph';
import type { TsMorphContext } from './ts-morph-context.js';
import { forWorkspacePackages } from './workspace-packages.js';
import { SPLIT_FILE } from './runner-split.js';

const CONFIG_FILE = /(^|\/)[^/]*jest[^/]*\.config\.(?:js|ts|cjs|mjs|cts|mts)$/;

function helperSpecifier(path: string): string {
  const relative = posix.relative(posix.dirname(path), SPLIT_FILE);
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/** Also each workspace package's own, in its folder (workspace-packages.ts). */
export default forWorkspacePackages(transform);

function transform(sourceFile: SourceFile, ctx: TsMorphContext): string | undefined {
  if (!CONFIG_FILE.test(ctx.path) || ctx.text.includes(SPLIT_FILE)) return undefined;
  const specifier = helperSpecifier(ctx.path);
  const newline = ctx.text.includes('\r\n') ? '\r\n' : '\n';
  const comment = "// Added by codemigrate's jest-to-vitest recipe until the migration is finished: Vitest runs the test files that import from 'vitest'.";
  const exported = sourceFile.getExportAssignment((e) => !e.isExportEquals());
  if (exported) {
    const expression = exported.getExpression();
    const text = ctx.text;
    const wrapped = `${text.slice(0, expression.getStart())}withoutVitestFiles(${expression.getText()})${text.slice(expression.getEnd())}`;
    const imports = sourceFile.getImportDeclarations();
    const at = imports.length > 0 ? imports[imports.length - 1]!.getEnd() : 0;
    const line = `${comment}${newline}import { withoutVitestFiles } from '${specifier}';`;
    return at === 0 ? `${line}${newline}${wrapped}` : `${wrapped.slice(0, at)}${newline}${line}${wrapped.slice(at)}`;
  }
  if (/\bmodule\.exports\s*=/.test(ctx.text)) {
    const body = ctx.text.endsWith('\n') ? ctx.text : `${ctx.text}${newline}`;
    return `${body}${newline}${comment}${newline}module.exports = require('${specifier}').withoutVitestFiles(module.exports);${newline}`;
  }
  ctx.report({ message: `neither \`export default\` nor \`module.exports =\`: wrap the exported config in withoutVitestFiles from ./${SPLIT_FILE} by hand, or Jest will also run the files Vitest runs` });
  return undefined;
}
