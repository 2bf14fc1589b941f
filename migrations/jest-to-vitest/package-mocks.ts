// Mocks of a file inside a package (`jest.mock('@scope/pkg/lib/modules/search.js', factory)`) that
// the package itself requires. Jest's registry answered every require, the package's own among
// them, so the mock reached the package's internals. Vitest externalizes a dependency (Node loads
// it), and even an inlined CommonJS package keeps Node's `require`: measured with Vitest 4.1 on
// package-mocks.test.ts's fixture, `server.deps.inline` alone leaves the package on its own file.
// A mock of the package's main entry (`vi.mock('pkg')`) needs none of this: Vitest mocks it for
// the test's own imports (same fixture).
//
// Setup sees every test file, so it collects those packages; the Vitest config then inlines them
// (`server.deps.inline`, read by every Vitest line the recipe picks: 0.34 and later) and a plugin
// turns each top-level relative `require()` inside them into `await import()` (the runner
// evaluates a module inside an async function), so the package's requires go through Vitest's
// mocker as Jest's went through its registry. A require inside a function stays Node's.

import { builtinModules } from 'node:module';
import type { JsonValue } from './jest-config.js';

/** `jest.mock('x/y', …)`, `vi.mock("x/y")`, `jest.doMock(…)`: the literal first argument. */
const MOCK_CALL = /\b(?:jest|vi)\s*\.\s*(?:mock|doMock|unmock|dontMock)\s*\(\s*(['"`])([^'"`\n]+)\1/g;

/**
 * The packages a path inside which the texts mock (`@scope/pkg/lib/x.js` → `@scope/pkg`), sorted.
 * A regular expression over the text, not a parse: setup reads every test file and needs only the
 * literal first argument of a mock call.
 */
export function mockedPackageFiles(texts: Iterable<string>): string[] {
  const packages = new Set<string>();
  for (const text of texts) {
    if (!/\.\s*(?:mock|doMock|unmock|dontMock)\s*\(/.test(text)) continue;
    for (const match of text.matchAll(MOCK_CALL)) {
      const specifier = match[2]!;
      if (/^(?:\.{1,2}\/|\/|[a-z]+:|[#~@]\/|\$)/i.test(specifier)) continue;
      const parts = specifier.split('/');
      const size = specifier.startsWith('@') ? 2 : 1;
      // The package alone (main entry) needs no inlining; `@scope` alone is no package.
      if (parts.length <= size || parts.slice(0, size).some((part) => part === '')) continue;
      const name = parts.slice(0, size).join('/');
      if (builtinModules.includes(name)) continue;
      packages.add(name);
    }
  }
  return [...packages].sort();
}

/** The config's plugin (as text, run by the project's Vite), named `codemigrateMockedPackages`. */
export function mockedPackagesPlugin(packages: readonly string[], typed = true): string[] {
  const types = (text: string) => (typed ? text : '');
  return [
    "// Added by codemigrate's jest-to-vitest recipe: tests mock files inside these packages, which the packages",
    "// require themselves; Jest's registry answered those requires. test.server.deps.inline hands the packages",
    "// to Vite, and this makes each top-level relative require() in them an import through Vitest's mocker.",
    'const codemigrateMockedPackages = (() => {',
    `  const packages = ${JSON.stringify(packages)};`,
    `  const topLevelRequires = (program${types(': unknown')}) => {`,
    `    const calls${types(': { start: number; end: number; arguments: { value: string }[] }[]')} = [];`,
    `    const walk = (node${types(': any')}, nested${types(': boolean')})${types(': void')} => {`,
    "      if (!node || typeof node !== 'object') return;",
    '      if (Array.isArray(node)) return node.forEach((child) => walk(child, nested));',
    "      if (!nested && node.type === 'CallExpression' && node.callee?.type === 'Identifier' && node.callee.name === 'require' && node.arguments?.length === 1 && typeof node.arguments[0]?.value === 'string') calls.push(node);",
    "      const inner = nested || /Function|Class|Method|StaticBlock/.test(node.type ?? '');",
    '      for (const child of Object.values(node)) walk(child, inner);',
    '    };',
    '    walk(program, false);',
    '    return calls.sort((a, b) => a.start - b.start);',
    '  };',
    '  return {',
    "    name: 'codemigrate:mocked-package-requires',",
    `    enforce: 'post'${types(' as const')},`,
    '    // `vite build` bundles these packages as they are.',
    '    apply: () => Boolean(process.env.VITEST),',
    `    transform(${types('this: { parse(code: string): unknown }, ')}code${types(': string')}, id${types(': string')}) {`,
    `      const file = id.split('?')[0]${types('!')}.replaceAll('\\\\', '/');`,
    '      if (!packages.some((name) => file.includes(`/node_modules/${name}/`)) || !/\\brequire\\s*\\(/.test(code)) return null;',
    `      let program${types(': unknown')};`,
    '      try {',
    '        program = this.parse(code);',
    '      } catch {',
    '        return null;',
    '      }',
    "      let out = '';",
    '      let at = 0;',
    '      for (const call of topLevelRequires(program)) {',
    `        const specifier = call.arguments[0]${types('!')}.value;`,
    '        if (!/^\\.{1,2}\\//.test(specifier) || /\\.(?:json|node)$/.test(specifier)) continue;',
    "        if (!code.startsWith('require', call.start)) return null; // offsets that are not the string's",
    "        // A CommonJS file's module.exports is the namespace's default; a mock factory's object is the namespace.",
    "        out += `${code.slice(at, call.start)}((m) => 'default' in m ? m.default : m)(await import(${JSON.stringify(specifier)}))`;",
    '        at = call.end;',
    '      }',
    '      return at === 0 ? null : { code: out + code.slice(at), map: null };',
    '    },',
    '  };',
    '})();',
  ];
}

/** The `test` options with the packages in `server.deps.inline` (after any the options name already). */
export function withInlinedPackages(test: Readonly<Record<string, JsonValue>>, packages: readonly string[]): Record<string, JsonValue> {
  if (packages.length === 0) return { ...test };
  const server = isObject(test['server']) ? test['server'] : {};
  const deps = isObject(server['deps']) ? server['deps'] : {};
  const existing = Array.isArray(deps['inline']) ? deps['inline'] : [];
  const inline = [...existing, ...packages.filter((name) => !existing.includes(name))];
  return { ...test, server: { ...server, deps: { ...deps, inline } } };
}

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What setup reports: the config's addition and why. */
export function mockedPackagesNote(packages: readonly string[]): string {
  return `${packages.join(', ')}: tests mock a file inside ${packages.length === 1 ? 'this package' : 'these packages'}, which Jest's registry reached from the package's own requires; the Vitest config inlines ${packages.length === 1 ? 'it' : 'them'} (test.server.deps.inline) and routes ${packages.length === 1 ? 'its' : 'their'} top-level relative requires through Vitest's mocker (codemigrate:mocked-package-requires)`;
}
