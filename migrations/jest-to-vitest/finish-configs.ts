// ts-morph finish transform: once every module runs on Vitest, what setup added so that both
// runners could work side by side goes (runner-split.ts):
// - the split helper and its declarations, and every Jest config file (setup wrapped them, or
//   moved package.json's "jest" key into one); a Jest config setup could not wrap is reported;
// - `excludeJestFiles(X)` in the Vite / Vitest config becomes `X`, its import goes;
// - the Vitest copies of the Jest setup files and of package mocks replace the originals
//   (`src/setupTests.vitest.ts`'s text becomes `src/setupTests.ts`), and the config and the compat
//   setup file name the originals again; a mock Vitest found at the root in place of one elsewhere
//   loses its marker line and the original goes (node-module-mocks.ts).

import { Node, type SourceFile } from 'ts-morph';
import type { TsMorphContext } from './ts-morph-context.js';
import { forWorkspacePackages } from './workspace-packages.js';
import { VITE_CONFIG_FILE } from './jest-config-source.js';
import { COPY_MARKER } from './node-module-mocks.js';
import { COMPAT_FILE } from './vitest-settings.js';
import { SETUP_COPY, setupOriginalPath, SPLIT_FILE, SPLIT_IMPORT_LINES, SPLIT_TYPES_FILE } from './runner-split.js';

const JEST_CONFIG = /(^|\/)[^/]*jest[^/]*\.config\.(?:js|ts|cjs|mjs|cts|mts|json)$/;
/** The compat setup file, whose vi.mock calls name the Vitest copies of package mocks (node-module-mocks.ts). */
const COMPAT = new RegExp(`^${COMPAT_FILE.replace(/\./g, '\\.')}\\.[jt]s$`);
const COPY_NAMED = /(['"]\.\/[^'"]+)\.vitest(\.[cm]?[jt]sx?['"])/g;

/** Copies a Vite / Vitest config of the step names (`./src/setupTests.vitest.ts` → src/setupTests.vitest.ts). */
function namedCopies(ctx: TsMorphContext): Set<string> {
  const named = new Set<string>();
  for (const file of ctx.files) {
    if (!VITE_CONFIG_FILE.test(file) && !COMPAT.test(file)) continue;
    const text = file === ctx.path ? ctx.text : ctx.project.getSourceFile(`/${file}`)?.getFullText() ?? '';
    for (const [, path] of text.matchAll(/['"]\.\/([^'"]+\.vitest\.[cm]?[jt]sx?)['"]/g)) named.add(path!);
  }
  return named;
}

function unwrap(sourceFile: SourceFile, ctx: TsMorphContext): string | undefined {
  let text = ctx.text;
  const calls = sourceFile.getDescendants().filter((node) => Node.isCallExpression(node) && node.getExpression().getText() === 'excludeJestFiles');
  // From the last to the first, so that earlier offsets stay valid.
  for (const call of calls.reverse()) {
    if (!Node.isCallExpression(call)) continue;
    const [argument] = call.getArguments();
    text = text.slice(0, call.getStart()) + (argument ? argument.getText() : '{}') + text.slice(call.getEnd());
  }
  text = text.replace(SPLIT_IMPORT_LINES, '');
  text = text.replace(COPY_NAMED, '$1$2');
  return text === ctx.text ? undefined : text;
}

/** Also each workspace package's own, in its folder (workspace-packages.ts). */
export default forWorkspacePackages(transform);

function transform(sourceFile: SourceFile, ctx: TsMorphContext): string | undefined {
  if (!ctx.removeFile || !ctx.addFile) {
    ctx.report({ message: 'this runner cannot remove or add files: remove the Jest configs and jest-vitest-split.* by hand' });
    return undefined;
  }
  if (ctx.path === SPLIT_FILE || ctx.path === SPLIT_TYPES_FILE) {
    ctx.removeFile(ctx.path);
    return undefined;
  }
  if (JEST_CONFIG.test(ctx.path)) {
    if (ctx.text.includes(SPLIT_FILE) || !ctx.path.includes('/')) ctx.removeFile(ctx.path);
    else ctx.report({ message: 'a Jest config setup did not wrap: Jest is gone, remove it if nothing else reads it' });
    return undefined;
  }
  if (VITE_CONFIG_FILE.test(ctx.path)) return unwrap(sourceFile, ctx);
  // A mock Vitest found at the root in place of Jest's elsewhere: the original goes, the copy stays.
  const marked = COPY_MARKER.exec(ctx.text);
  if (marked) {
    if (ctx.files.includes(marked[1]!)) ctx.removeFile(marked[1]!);
    return ctx.text.slice(marked[0].length);
  }
  if (COMPAT.test(ctx.path)) {
    const text = ctx.text.replace(COPY_NAMED, '$1$2');
    return text === ctx.text ? undefined : text;
  }
  if (SETUP_COPY.test(ctx.path) && namedCopies(ctx).has(ctx.path)) {
    ctx.addFile(setupOriginalPath(ctx.path), ctx.text);
    ctx.removeFile(ctx.path);
  }
  return undefined;
}
