// Pure: the Jest ecosystem's packages and what each becomes under Vitest, as data. A package of the
// project that looks like Jest's (jest-*, *-jest, @jest/*) and is not in the table is reported,
// never silently kept. `replace` packages are added at setup (Jest keeps the old one until finish)
// and the old one goes at finish, with `remove` ones; `specifier` maps what setup files import
// (and Jest's setupFiles name) to what the Vitest copies import.

// A namespace import: the transform loader may turn this module into CommonJS without default interop.
import * as semver from 'semver';

export type CompanionAction =
  /** Gone at finish: Vitest does its work itself. */
  | { readonly kind: 'remove' }
  /** Another package does its work under Vitest: added at setup, the old one gone at finish. */
  | {
      readonly kind: 'replace';
      readonly by: string;
      readonly range: string;
      readonly needsVitest?: string;
      /** [Vitest range, counterpart range]: the first whose Vitest range admits the chosen line wins over `range`. */
      readonly rangeByVitest?: readonly (readonly [string, string])[];
    }
  /** Works under Vitest as it is. */
  | { readonly kind: 'keep' };

export interface Companion {
  readonly name: string;
  readonly action: CompanionAction;
  /** Said in setup's report when the project has the package ('' for nothing to say). */
  readonly note: string;
  /** What a setup file's import of the package (or a subpath) becomes in its Vitest copy. */
  readonly specifier?: Readonly<Record<string, string>>;
}

const JEST_TRANSFORMERS: readonly string[] = ['ts-jest', 'babel-jest', '@swc/jest', 'esbuild-jest', '@sucrase/jest-plugin', 'jest-transform-stub', 'jest-css-modules-transform', 'jest-svg-transformer'];

export const COMPANIONS: readonly Companion[] = [
  // Runners and transformers: Vite transforms TypeScript and JSX itself.
  ...JEST_TRANSFORMERS.map(
    (name): Companion => ({ name, action: { kind: 'remove' }, note: '' }),
  ),
  ...['jest-environment-jsdom', 'jest-environment-node'].map((name): Companion => ({ name, action: { kind: 'remove' }, note: '' })),
  // Other environments the config translation maps to Vitest's own jsdom / happy-dom.
  ...['jest-environment-jsdom-global', 'jest-fixed-jsdom', '@happy-dom/jest-environment', 'jest-environment-happy-dom'].map(
    (name): Companion => ({ name, action: { kind: 'remove' }, note: `${name}: Vitest's own ${name.includes('happy') ? 'happy-dom' : 'jsdom'} environment takes its place (${name === 'jest-environment-jsdom-global' ? 'the `jsdom` global it exposes is not there: tests that reach it need a setup file' : name === 'jest-fixed-jsdom' ? "its fetch/Blob/TextEncoder fixes are Node's globals, which Vitest's jsdom keeps" : 'same options under test.environmentOptions.happyDOM'})` }),
  ),
  {
    name: '@edge-runtime/jest-environment',
    action: { kind: 'remove' },
    note: "@edge-runtime/jest-environment: Vitest's own edge-runtime environment takes its place (`environment: 'edge-runtime'`, `--environment=edge-runtime`), over @edge-runtime/vm, which setup adds",
  },
  ...['jest-watch-typeahead', 'jest-watch-select-projects', 'jest-watch-master'].map(
    (name): Companion => ({ name, action: { kind: 'remove' }, note: `${name}: Vitest's watch mode filters by file and test name itself` }),
  ),
  { name: 'jest-junit', action: { kind: 'remove' }, note: 'jest-junit: Vitest writes JUnit itself (`--reporter=junit --outputFile=…`); move its options (JEST_JUNIT_* variables, reporters entry) there' },
  { name: 'jest-localstorage-mock', action: { kind: 'remove' }, note: "jest-localstorage-mock: jsdom and happy-dom have localStorage; tests that spy on it use vi.spyOn(Storage.prototype, 'getItem')" },
  { name: 'jest-canvas-mock', action: { kind: 'replace', by: 'vitest-canvas-mock', range: '^1.2.0', needsVitest: '>=3.0.0' }, note: '', specifier: { 'jest-canvas-mock': 'vitest-canvas-mock' } },
  {
    name: 'jest-fetch-mock',
    action: { kind: 'replace', by: 'vitest-fetch-mock', range: '^0.4.5', needsVitest: '>=2.0.0' },
    note: "jest-fetch-mock → vitest-fetch-mock: its setup is `createFetchMock(vi).enableMocks()` (import createFetchMock from 'vitest-fetch-mock'), not `require('jest-fetch-mock').enableMocks()`",
  },
  { name: 'jest-mock-extended', action: {
      kind: 'replace',
      by: 'vitest-mock-extended',
      range: '^3.1.0',
      needsVitest: '>=3.0.0',
      // 3.x's peers stop at TypeScript 5 and 4.0+ want vitest >= 4 (npm view, 2026-12).
      rangeByVitest: [['>=4.0.0', '^5.1.1']],
    }, note: "jest-mock-extended → vitest-mock-extended: same API; imports change from 'jest-mock-extended'", specifier: { 'jest-mock-extended': 'vitest-mock-extended' } },
  {
    name: '@fast-check/jest',
    action: {
      kind: 'replace',
      by: '@fast-check/vitest',
      // Peers (npm view, 2026-12): 0.1.x vitest 0.28–3, 0.2.x/0.3.x 1–4, 0.4+ vitest >= 4.1 only.
      // From 0.3 it has `exports` alone, which TypeScript's node10 resolution (`module: commonjs`)
      // does not read: TS2307 in node-cron's fuzz test. 0.2.4 still has main and types.
      range: '~0.2.4',
      rangeByVitest: [['>=5.0.0', '^0.5.0'], ['<1.0.0', '^0.1.6']],
    },
    note: "@fast-check/jest → @fast-check/vitest: the same `test.prop` / `it.prop` / `fc`; imports change from '@fast-check/jest'",
    specifier: { '@fast-check/jest': '@fast-check/vitest' },
  },
  {
    name: 'jest-extended',
    action: { kind: 'keep' },
    note: "jest-extended: `jest-extended/all` among Jest's setup files works under Vitest (the compat file lends it Vitest's expect as a global); a setup file of the project's imports it as `import * as matchers from 'jest-extended'; expect.extend(matchers);` (0.x exports no matchers: raise it to 4); its types: `/// <reference types=\"jest-extended\" />` does not reach Vitest's Assertion, declare them in a vitest.d.ts",
  },
  { name: 'jest-axe', action: { kind: 'keep' }, note: '' },
  { name: 'jest-mock-warn', action: { kind: 'keep' }, note: "jest-mock-warn: works under Vitest with its globals (`test.globals: true`) and `jest` as vi, which the Vitest config and the compat file give it" },
  { name: 'jest-preview', action: { kind: 'keep' }, note: '' },
  { name: 'jest-styled-components', action: { kind: 'keep' }, note: 'jest-styled-components: needs Vitest globals (it registers a global beforeEach and serializer); keep `test.globals: true` or import it after `vitest`' },
  { name: 'jest-image-snapshot', action: { kind: 'keep' }, note: "jest-image-snapshot: its toMatchImageSnapshot reads Jest's snapshot state; under Vitest use expect.extend({ toMatchImageSnapshot }) with care, or Vitest's browser-mode toMatchScreenshot" },
  { name: 'jest-each', action: { kind: 'remove' }, note: "jest-each: Vitest has test.each / describe.each built in; `each(table).test(…)` calls need rewriting" },
  { name: 'jest-mock', action: { kind: 'remove' }, note: "jest-mock: use vitest's vi (fn, spyOn, mocked) instead of its ModuleMocker" },
  { name: 'eslint-plugin-jest', action: { kind: 'keep' }, note: 'eslint-plugin-jest: lints Jest tests; @vitest/eslint-plugin is its Vitest counterpart' },
  { name: 'identity-obj-proxy', action: { kind: 'remove' }, note: '' },
  ...['@nx/jest', '@nrwl/jest'].map(
    (name): Companion => ({ name, action: { kind: 'keep' }, note: `${name}: Nx runs these tests through its jest executor (\`nx test\`, project.json "test" targets); switch those targets to @nx/vite:test (or @nx/vitest) by hand — this recipe does not edit project.json` }),
  ),
  { name: '@angular-builders/jest', action: { kind: 'keep' }, note: '@angular-builders/jest: `ng test` runs Jest through angular.json; Angular\'s Vitest builder (@angular/build:unit-test, Angular 20+) or @analogjs/vitest-angular replaces it, by hand' },
  { name: '@storybook/jest', action: { kind: 'keep' }, note: "@storybook/jest: Storybook's interaction tests use @storybook/test (expect, fn) instead; unrelated to the test runner" },
  { name: 'svelte-jester', action: { kind: 'remove' }, note: 'svelte-jester: Vite compiles .svelte files with @sveltejs/vite-plugin-svelte; add it to the Vitest config if it is not in vite.config' },
  { name: 'vue-jest', action: { kind: 'remove' }, note: 'vue-jest: Vite compiles .vue files with @vitejs/plugin-vue; add it to the Vitest config if it is not in vite.config' },
  { name: '@vue/vue3-jest', action: { kind: 'remove' }, note: "@vue/vue3-jest: Vite compiles .vue files with @vitejs/plugin-vue: the Vitest config this recipe writes has it; a project's own vite.config must" },
  // Vue CLI's Jest plugin: its `test:unit` becomes `vitest run`, its preset's settings are in the Vitest config.
  { name: '@vue/cli-plugin-unit-jest', action: { kind: 'remove' }, note: '' },
  { name: 'tsdx', action: { kind: 'keep' }, note: '`tsdx test` runs its own Jest: scripts that call it must run `vitest run` instead (this recipe does not rewrite them)' },
  { name: '@types/testing-library__jest-dom', action: { kind: 'remove' }, note: '' },
];

const JESTISH = /^(?:@jest\/|jest-|@[^/]+\/jest(?:-|$))|-jest(?:er)?$/;
/** Packages Jest itself is made of; package-json.ts removes them at finish. */
const KNOWN = new Set(COMPANIONS.map((companion) => companion.name));

export interface CompanionPlan {
  /** Packages to add at setup, with their ranges. */
  readonly add: Readonly<Record<string, string>>;
  /** Packages whose range setup raises (present, too old for Vitest). */
  readonly raise: Readonly<Record<string, string>>;
  /** Packages to remove at finish. */
  readonly remove: readonly string[];
  readonly reports: readonly string[];
}

/** jest-dom's `/vitest` entry came with 6; 6.10 wants Node 22, so the 6.9 line serves every Node from 14. */
export const JEST_DOM_RANGE = '~6.9.1';
/** What jest-dom 5 depended on for Jest's matcher types (its last 5.x). */
export const JEST_DOM_TYPES_RANGE = '^5.14.9';

/** What the project's packages become, for a Vitest range (undefined: none chosen). */
export function planCompanions(dependencies: Readonly<Record<string, string>>, vitestRange: string | undefined, jestPackages: ReadonlySet<string>): CompanionPlan {
  const add: Record<string, string> = {};
  const raise: Record<string, string> = {};
  const remove: string[] = [];
  const reports: string[] = [];
  const vitestMin = vitestRange === undefined ? undefined : lowest(vitestRange);
  for (const [name, range] of Object.entries(dependencies)) {
    if (name === '@testing-library/jest-dom') {
      const min = lowest(range);
      if (min === undefined) {
        reports.push(`@testing-library/jest-dom ${range}: a range this recipe cannot read (catalog:, workspace:, a tag): its /vitest entry needs 6 or later`);
      } else if (semver.lt(min, '6.0.0')) {
        raise[name] = JEST_DOM_RANGE;
        // jest-dom 5 brought @types/testing-library__jest-dom, which types Jest's expect with no
        // import; 6 does not. The files Jest still runs keep those types until finish removes them.
        if (!('@types/testing-library__jest-dom' in dependencies)) add['@types/testing-library__jest-dom'] = JEST_DOM_TYPES_RANGE;
        if (!remove.includes('@types/testing-library__jest-dom')) remove.push('@types/testing-library__jest-dom');
        reports.push(`@testing-library/jest-dom ${range} → ${JEST_DOM_RANGE}: its /vitest entry (Vitest's expect and types) came with 6, which serves Jest as well; 6 has no extend-expect entry: its imports become '@testing-library/jest-dom' (setup rewrites them in every file that names it: jest-dom-entry.ts)`);
      }
      continue;
    }
    const companion = COMPANIONS.find((entry) => entry.name === name);
    if (companion === undefined) {
      if (JESTISH.test(name) && !jestPackages.has(name)) reports.push(`${name}: a Jest package with no known Vitest counterpart: check that it works under Vitest, or replace it`);
      continue;
    }
    const action = companion.action;
    if (action.kind === 'replace') {
      if (action.needsVitest !== undefined && vitestMin !== undefined && !semver.satisfies(vitestMin, action.needsVitest)) {
        reports.push(`${name}: its Vitest counterpart ${action.by} needs vitest ${action.needsVitest}, and this project gets ${vitestRange}: kept; replace it by hand`);
        continue;
      }
      const byLine = vitestMin === undefined ? undefined : action.rangeByVitest?.find(([line]) => semver.satisfies(vitestMin, line))?.[1];
      if (!(action.by in dependencies)) add[action.by] = byLine ?? action.range;
      remove.push(name);
    } else if (action.kind === 'remove') {
      if (!remove.includes(name)) remove.push(name);
    }
    if (companion.note !== '') reports.push(companion.note);
  }
  return { add, raise, remove, reports };
}

/** The lowest version a range admits; undefined for what is no semver range (`catalog:`, `workspace:*`, `latest`). */
function lowest(range: string): string | undefined {
  if (semver.validRange(range) === null) return undefined;
  try {
    return semver.minVersion(range)?.version;
  } catch {
    return undefined;
  }
}

/** The module a Vitest setup file imports for `spec` (a Jest setup file's import or setupFiles entry). */
export function vitestSpecifier(spec: string): string {
  if (spec === '@testing-library/jest-dom' || spec === '@testing-library/jest-dom/extend-expect') return '@testing-library/jest-dom/vitest';
  for (const companion of COMPANIONS) {
    for (const [from, to] of Object.entries(companion.specifier ?? {})) if (spec === from) return to;
  }
  return spec;
}

/**
 * A package Jest used as a module stub or transformer, which the recipe removes with Jest and which
 * a Vite alias must not point to: `moduleNameMapper: { '\\.svg$': 'jest-svg-transformer' }`.
 */
export function isJestStub(name: string): boolean {
  return name === 'identity-obj-proxy' || JEST_TRANSFORMERS.includes(name);
}

export function isKnownCompanion(name: string): boolean {
  return KNOWN.has(name);
}
