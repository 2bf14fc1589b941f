/**
 * The same edit as rewrite-import.cjs, as a ts-morph transform: import and export declarations
 * whose module specifier is `from` get `to`. Returns null (skipped) when nothing matched.
 */
import type { SourceFile } from 'ts-morph';

export default function rewriteImport(sourceFile: SourceFile, ctx: { options: Record<string, unknown> }) {
  const from = typeof ctx.options['from'] === 'string' ? ctx.options['from'] : '@theia/core/shared/inversify';
  const to = typeof ctx.options['to'] === 'string' ? ctx.options['to'] : 'inversify';
  let changed = 0;
  for (const declaration of [...sourceFile.getImportDeclarations(), ...sourceFile.getExportDeclarations()]) {
    if (declaration.getModuleSpecifierValue() === from) {
      declaration.setModuleSpecifier(to);
      changed += 1;
    }
  }
  return changed > 0 ? undefined : null;
}
