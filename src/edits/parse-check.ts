// Does an edited file still parse? Syntax only (no types), by extension: JS/TS through the
// TypeScript parser that ts-morph ships, JSON through JSON.parse; other files are not checked.

import { ts } from 'ts-morph';

const SCRIPT = /\.(c|m)?(j|t)sx?$/;

/** Undefined when the text parses, else a one-line reason with the first error's position. */
export function syntaxError(path: string, text: string): string | undefined {
  if (path.endsWith('.json')) {
    try {
      JSON.parse(text.replace(/^\uFEFF/, ''));
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }
  if (!SCRIPT.test(path)) return undefined;
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
