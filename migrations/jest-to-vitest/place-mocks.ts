// ts-morph setup transform, after setup's jest-api and vitest-imports: a migrated copy of a mock of
// a package that lives outside the root's `__mocks__` (`src/__mocks__/axios.js`, copied by
// package-json.ts to `__mocks__/axios.vitest.js` with a marker line naming its original) takes the
// plain name Vitest looks for, `__mocks__/axios.js` (node-module-mocks.ts). A copy of a root mock
// keeps its `.vitest` name: its original is still Jest's, and the compat file imports the copy.

import type { SourceFile } from 'ts-morph';
import { COPY_MARKER } from './node-module-mocks.js';
import { setupOriginalPath } from './runner-split.js';
import type { TsMorphContext } from './ts-morph-context.js';

export default function transform(_sourceFile: SourceFile, ctx: TsMorphContext): string | undefined {
  if (!COPY_MARKER.test(ctx.text) || !/\.vitest\.[cm]?[jt]sx?$/.test(ctx.path)) return undefined;
  if (!ctx.addFile || !ctx.removeFile) {
    ctx.report({ message: `rename ${ctx.path} to ${setupOriginalPath(ctx.path)} (this runner cannot add or remove files): Vitest looks for a package's mock there` });
    return undefined;
  }
  ctx.addFile(setupOriginalPath(ctx.path), ctx.text);
  ctx.removeFile(ctx.path);
  return undefined;
}
