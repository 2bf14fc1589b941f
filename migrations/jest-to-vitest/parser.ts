// The parser the step transforms export (jscodeshift's Worker, and codemigrate's engine, take a
// transform's own `parser` over the recipe's): tsx, as before, and Babel's Flow grammar for Flow.
//
// A Flow project's tests are `.js` files with type annotations (`const x = (null: any)`,
// `import type { Options } from '..'`, `keys: $ReadOnlyArray<K>`): tsx stops on them ("Did not
// expect a type annotation here"), and every codemod kept each file as it was (graphql/dataloader:
// 5 test files, 8 leftovers, no step green). A file whose leading comments carry the `@flow`
// pragma is read with jscodeshift's `babylon` parser (Babel with its flow and jsx plugins); any
// other file that tsx cannot read is tried with it too, and keeps tsx's error if both fail.
//
// Before Flow, a file tsx cannot read is tried with the same options but Babel's current
// `decorators` plugin in place of `decorators-legacy`: with the legacy plugin Babel 7.29 stops on a
// decorated computed class member with a definite assignment (`@Field() [symbolKey]!: string;`,
// "Unexpected token"), which TypeScript accepts (type-graphql's tests/functional/fields.ts: two
// leftovers and its step held back). Only as a fallback: the legacy plugin is jscodeshift's choice.
import { createRequire } from 'node:module';

interface Parser {
  parse(source: string, options?: unknown): unknown;
}

const require = createRequire(import.meta.url);
const make = (name: string): Parser => (require(`jscodeshift/parser/${name}.js`) as () => Parser)();
const tsx = make('tsx');
const flow = make('babylon');
const tsxDecorators = ((): Parser => {
  // jscodeshift's own @babel/parser and options, so the two tsx readings differ in one plugin only.
  const fromJscodeshift = createRequire(require.resolve('jscodeshift/parser/tsx.js'));
  const babel = fromJscodeshift('@babel/parser') as { parse(source: string, options: unknown): unknown };
  const base = fromJscodeshift('./tsOptions.js') as { plugins: unknown[] };
  const plugins = ['jsx', ...base.plugins.map((plugin) => (plugin === 'decorators-legacy' ? ['decorators', {}] : plugin))];
  return { parse: (source) => babel.parse(source, { ...base, plugins }) };
})();

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
      for (const fallback of [tsxDecorators, flow]) {
        try {
          return fallback.parse(source, options);
        } catch {
          // the next reading, or tsx's error
        }
      }
      throw error;
    }
  },
};
