// Does an edited file still parse? Syntax only (no types), by extension: JS/TS through the
// TypeScript parser that ts-morph ships, JSON through JSON.parse; other files are not checked.

import { createRequire } from 'node:module';
import type { ts as TypeScript } from 'ts-morph';

// Loaded on first use: the TypeScript parser is large, and most commands never check a model edit.
let typescript: typeof TypeScript | undefined;

const SCRIPT = /\.(c|m)?(j|t)sx?$/;

/** Undefined when the text parses, else a one-line reason with the first error's position. */
export async function syntaxError(path: string, text: string): Promise<string | undefined> {
  if (path.endsWith('.json')) {
    try {
      JSON.parse(text.replace(/^\uFEFF/, ''));
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }
  if (!SCRIPT.test(path)) return undefined;
  // require, not import: see ts-morph-engine.ts.
  typescript ??= (createRequire(import.meta.url)('ts-morph') as typeof import('ts-morph')).ts;
  const ts = typescript;
  const output = ts.transpileModule(text, {
    fileName: path,
    reportDiagnostics: true,
    compilerOptions: { allowJs: true, jsx: ts.JsxEmit.Preserve, noEmit: true, isolatedModules: false },
  });
  const first = output.diagnostics?.find((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error);
  if (!first) return undefined;
  const message = ts.flattenDiagnosticMessageText(first.messageText, ' ');
  if (first.file && first.start !== undefined) {
    const { line, character } = first.file.getLineAndCharacterOfPosition(first.start);
    return `${line + 1}:${character + 1}: ${message}`;
  }
  return message;
}
