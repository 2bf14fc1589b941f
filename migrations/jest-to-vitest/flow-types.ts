// The `codemigrate:flow-types` plugin of the Vitest config the recipe writes (as text: the config
// is the project's file, run by the project's Vite), and when a project needs it.
//
// A Flow project's babel-jest stripped the type annotations of every file it loaded, tests and
// sources (`@babel/preset-flow` in its Babel config). Vite compiles TypeScript and JSX, never
// Flow: `const x = (null: any)`, `new DataLoader<number, number>(…)` and `import type` from a
// `.js` file are syntax errors to it, and every test file failed to load (graphql/dataloader). The
// plugin runs the project's JavaScript through the project's @babel/core with the Flow-stripping
// plugin alone (no project Babel config: its other presets, preset-env's CommonJS among them, were
// Jest's business), ahead of Vite's own transforms, so JSX, imports and requires are left to them.
import type { JsonValue } from './jest-config.js';

/** Packages that say the project's JavaScript carries Flow annotations that Babel stripped. */
const FLOW_PACKAGES = ['flow-bin', '@babel/preset-flow', '@babel/plugin-transform-flow-strip-types', 'babel-preset-flow', 'babel-plugin-transform-flow-strip-types'];

/** Whether babel-jest stripped Flow types for the tests: a Flow package among the dependencies. */
export function usesFlow(pkg: Record<string, JsonValue>): boolean {
  return ['dependencies', 'devDependencies'].some((field) => {
    const deps = pkg[field];
    return deps !== null && typeof deps === 'object' && !Array.isArray(deps) && FLOW_PACKAGES.some((name) => name in deps);
  });
}

/**
 * The plugin's text. @babel/core and the strip plugin are the project's; a strict package manager
 * (pnpm) hides the plugin under the preset that depends on it, so it is looked for there too.
 */
export function flowTypesPlugin(): string[] {
  return [
    "// Added by codemigrate's jest-to-vitest recipe: Flow type annotations, which babel-jest stripped",
    "// (@babel/preset-flow), are stripped from the project's JavaScript before Vite reads it.",
    'const flowRequire = createRequire(import.meta.url);',
    'const flowPackage = (name: string): string => {',
    "  for (const host of ['', '@babel/preset-flow/', 'babel-preset-react-app/', 'react-scripts/']) {",
    '    try {',
    "      return host === '' ? flowRequire.resolve(name) : createRequire(flowRequire.resolve(`${host}package.json`)).resolve(name);",
    '    } catch {}',
    '  }',
    '  throw new Error(`codemigrate:flow-types: ${name} is not installed; add it to devDependencies`);',
    '};',
    'const flowTypes = {',
    "  name: 'codemigrate:flow-types',",
    "  enforce: 'pre' as const,",
    '  async transform(code: string, id: string) {',
    "    const file = id.split('?')[0] ?? '';",
    '    if (/[\\\\/]node_modules[\\\\/]/.test(file) || !/\\.[cm]?jsx?$/.test(file)) return null;',
    "    const babel = flowRequire(flowPackage('@babel/core'));",
    '    const result = await babel.transformAsync(code, {',
    '      filename: file, babelrc: false, configFile: false, sourceMaps: true, sourceType: \'unambiguous\',',
    "      plugins: [flowPackage('@babel/plugin-transform-flow-strip-types')], parserOpts: { plugins: ['jsx'] },",
    '    });',
    '    return result?.code == null ? null : { code: result.code, map: result.map };',
    '  },',
    '};',
    '',
  ];
}
