// The parser the step transforms export (jscodeshift's Worker, and codemigrate's engine, take a
// transform's own `parser` over the recipe's): tsx, as before, and Babel's Flow grammar for Flow.
//
// A Flow project's tests are `.js` files with type annotations (`const x = (null: any)`,
// `import type { Options } from '..'`, `keys: $ReadOnlyArray<K>`): tsx stops on them ("Did not
// expect a type annotation here"), and every codemod kept each file as it was (graphql/dataloader:
// 5 test files, 8 leftovers, no step green). A file whose leading comments carry the `@flow`
// pragma is read with jscodeshift's `babylon` parser (Babel with its flow and jsx plugins); any
// other file that tsx cannot read is tried with it too, and keeps tsx's error if both fail.
import { createRequire } from 'node:module';

interface Parser {
  parse(source: string, options?: unknown): unknown;
}

const require = createRequire(import.meta.url);
const make = (name: string): Parser => (require(`jscodeshift/parser/${name}.js`) as () => Parser)();
const tsx = make('tsx');
const flow = make('babylon');

/** Whether the comments before the first statement hold Flow's `@flow` pragma. */
export function hasFlowPragma(source: string): boolean {
  const leading = /^(?:#![^\n]*\n)?(?:\s|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/.exec(source)?.[0] ?? '';
  return /@flow\b/.test(leading);
}

export const parser: Parser = {
  parse(source, options) {
    if (hasFlowPragma(source)) return flow.parse(source, options);
    try {
      return tsx.parse(source, options);
    } catch (error) {
      try {
        return flow.parse(source, options);
      } catch {
        throw error;
      }
    }
  },
};
