// jscodeshift transform: the `jest` object → `vi` (mocks, module registry, timers, config) and
// Jasmine-style globals (fit, xit, xdescribe, …) → Vitest modifiers, `%p` in .each titles → `%j`. Its only runtime imports are
// sibling modules (mock factories in mock-factory.ts, constructed mocks in mock-constructors.ts,
// requires of mocked modules in mocked-requires.ts,
// shared node helpers in ast-nodes.ts). Where Vitest has no exact counterpart the call is left as
// it was and reported as { line, message }.

import type { API, ASTNode, ASTPath, Collection, FileInfo, JSCodeshift, Options } from 'jscodeshift';
import { type AnyNode, allowsTopLevelAwait, enclosingFunction, isFunction, isJestMember, isJestRef, isMockFactory, stringValue, underJestCheck } from './ast-nodes.js';
import { vitestSpecifier } from './companions.js';
import { jasmineGlobals, processCopy } from './jest-sandbox.js';
import { constructibleImplementations } from './mock-constructors.js';
import { prettyPlaceholders } from './each-titles.js';
import { templateTitles } from './each-template-titles.js';
import { emptyImplementations } from './empty-implementation.js';
import { blockMockReturningHooks } from './hook-returns.js';
import { typeExtendedMatchers } from './extend-types.js';
import { fileRetries } from './retry-times.js';
import { importMockedRequires } from './mocked-requires.js';
import { argsAndReturn, argsThenReturn, mockGenerics, type MockGenerics } from './mock-generics.js';
import { checkMockCall, importCall, mirrorBuiltinMock, mockedModule, moveActualIntoFactories, topLevelVariables } from './mock-factory.js';

// tsx, and Babel's Flow grammar for Flow files (parser.ts).
export { parser } from './parser.js';

/** jest.X → vi.Y where Vitest has the same behaviour under another (or the same) name. */
const RENAMED: Readonly<Record<string, string>> = {
  ...Object.fromEntries(
    [
      'fn', 'spyOn', 'mock', 'unmock', 'doMock', 'mocked', 'clearAllMocks', 'resetAllMocks', 'restoreAllMocks',
      'useFakeTimers', 'useRealTimers', 'advanceTimersByTime', 'advanceTimersByTimeAsync', 'advanceTimersToNextTimer',
      'advanceTimersToNextTimerAsync', 'runAllTimers', 'runAllTimersAsync', 'runOnlyPendingTimers',
      'runOnlyPendingTimersAsync', 'runAllTicks', 'clearAllTimers', 'getTimerCount', 'setSystemTime',
      'getRealSystemTime', 'resetModules', 'isMockFunction',
    ].map((name) => [name, name]),
  ),
  dontMock: 'doUnmock',
  // Jest < 27's name of jest.fn (dayjs, Jest 22).
  genMockFunction: 'fn',
  // Native-ESM Jest's module mocks: neither is hoisted, both reach the `import()`s that follow, and
  // the factory returns the module namespace (`default` for the default export), as vi.doMock's does.
  unstable_mockModule: 'doMock',
  unstable_unmockModule: 'doUnmock',
};

const REPORTED: Readonly<Record<string, string>> = {
  isolateModules:
    'jest.isolateModules has no Vitest counterpart: call vi.resetModules() and import the module again with `await import(…)` inside the test',
  isolateModulesAsync:
    'jest.isolateModulesAsync has no Vitest counterpart: call vi.resetModules() and import the module again with `await import(…)`',
  retryTimes:
    'jest.retryTimes in a block or a function other than a describe or test callback, with options, or for tests that are not all `describe|it|test(name, fn)`: use the `retry` test option (`it(name, { retry: n }, fn)`) or `test.retry` in the Vitest config',
  createMockFromModule: 'jest.createMockFromModule: use `await vi.importMock(path)` in an async context',
  genMockFromModule: 'jest.genMockFromModule: use `await vi.importMock(path)` in an async context',
  setMock: 'jest.setMock: use vi.mock(path, () => moduleExports) (note: vi.mock is hoisted)',
  replaceProperty: 'jest.replaceProperty: use vi.stubEnv / vi.stubGlobal, or assign and restore the property in hooks',
  enableAutomock: 'jest.enableAutomock: Vitest has no global automock; add vi.mock(path) for each module',
  disableAutomock: 'jest.disableAutomock: Vitest has no global automock; remove the call',
  autoMockOn: 'jest.autoMockOn: Vitest has no global automock; add vi.mock(path) for each module',
  autoMockOff: 'jest.autoMockOff: Vitest has no global automock; remove the call',
  getSeed: 'jest.getSeed has no Vitest counterpart',
  isEnvironmentTornDown: 'jest.isEnvironmentTornDown has no Vitest counterpart',
  runAllImmediates: 'jest.runAllImmediates (legacy timers) has no Vitest counterpart: use vi.runAllTimers()',
  deepUnmock: 'jest.deepUnmock has no Vitest counterpart: use vi.unmock(path)',
};

const HOOKS = new Set(['beforeEach', 'afterEach', 'beforeAll', 'afterAll']);

/** Jasmine-style globals Jest still accepts → the Vitest modifier form. */
const JASMINE: Readonly<Record<string, [string, string]>> = {
  fit: ['it', 'only'],
  xit: ['it', 'skip'],
  xtest: ['test', 'skip'],
  fdescribe: ['describe', 'only'],
  xdescribe: ['describe', 'skip'],
};

const CODE_FILE = /\.(?:[cm]?[jt]sx?)$/;
const TEST_FILE = /(?:\.(?:test|spec)\.[cm]?[jt]sx?$|(?:^|\/)__tests__\/.*\.[cm]?[jt]sx?$)/;

/** The local name `jest` has in this file: `jest`, or the alias imported from '@jest/globals'. */
function jestLocalName(j: JSCodeshift, root: Collection): string {
  let name = 'jest';
  root.find(j.ImportDeclaration, { source: { value: '@jest/globals' } }).forEach((path) => {
    for (const s of ((path.node as AnyNode).specifiers ?? []) as AnyNode[]) {
      if (s.type === 'ImportSpecifier' && s.imported.name === 'jest') name = s.local.name;
    }
  });
  return name;
}

/** jest-dom's matchers (a call of one in a test file means the file needs jest-dom's types). */
const JEST_DOM_MATCHER =
  /\.(?:toBeInTheDocument|toHaveTextContent|toHaveAttribute|toHaveClass|toBeVisible|toBeDisabled|toBeEnabled|toHaveValue|toBeChecked|toHaveStyle|toHaveFocus|toBeEmptyDOMElement|toHaveDisplayValue|toBeRequired|toBeInvalid|toBeValid|toHaveFormValues|toContainElement|toContainHTML|toHaveAccessibleName|toHaveAccessibleDescription|toBePartiallyChecked|toHaveErrorMessage|toHaveDescription)\(/;

/**
 * jest-dom's matcher types reach Vitest's expect only through a file of the program that imports
 * '@testing-library/jest-dom/vitest'; setup files often sit outside tsconfig's `include` (and
 * jest-dom 5 typed Jest's expect through @types/testing-library__jest-dom, which goes). A test file
 * using the matchers imports the entry itself (vite-react-jest in the corpus: 22 new diagnostics
 * in every step). The import only registers the matchers, which the setup file does anyway.
 */
function importJestDom(path: string, text: string): string {
  if (!TEST_FILE.test(path) || !JEST_DOM_MATCHER.test(text) || text.includes('@testing-library/jest-dom')) return text;
  const firstImport = /^import\s/m.exec(text);
  const line = "import '@testing-library/jest-dom/vitest';" + (text.includes('\r\n') ? '\r\n' : '\n');
  return firstImport ? text.slice(0, firstImport.index) + line + text.slice(firstImport.index) : line + text;
}

export default function transformer(file: FileInfo, api: API, options: Options): string | undefined {
  const migrated = migrateJestApi(file, api, options);
  const text = importJestDom(file.path, typeExtendedMatchers(api.jscodeshift, file.path, migrated ?? file.source));
  return text === file.source ? migrated : text;
}

function migrateJestApi(file: FileInfo, api: API, options: Options): string | undefined {
  if (!CODE_FILE.test(file.path)) return undefined;
  if (!/\bjest\b|\bjasmine\.|\bprocess\s*\.\s*\w+\s*=(?!=)|\b(?:fit|xit|xtest|fdescribe|xdescribe)\s*\(|\.toThrowErrorMatchingInlineSnapshot\(|%p|\.only\b|\.each\b[^]*\$[$\w.#]/.test(file.source)) return undefined;
  const j = api.jscodeshift;
  const root = j(file.source);
  const typed = /\.[cm]?tsx?$/.test(file.path);
  const jestName = jestLocalName(j, root);
  // `import { jest as j } from '@jest/globals'` becomes `import { vi as j } from 'vitest'`: the alias stays.
  const viName = jestName === 'jest' ? 'vi' : jestName;
  const report = (node: AnyNode, message: string) =>
    (api.report as (leftover: unknown) => void)({ line: node.loc?.start.line ?? 0, message });
  const asyncFactories = new Set<AnyNode>();
  const topLevelAwait = allowsTopLevelAwait(j, root, file.path);
  const actual = moveActualIntoFactories(j, root, { jest: jestName, vi: viName, typed, topLevelAwait }, report);
  const leaveRequires = actual.leave;
  const program = root.find(j.Program).paths()[0]?.node as AnyNode;
  const topLevel = topLevelVariables(program);
  let changed = actual.changed;
  if (importAfterDoMock(j, root, jestName, typed, report)) changed = true;
  if (importMockedRequires(j, root, jestName, typed, report)) changed = true;
  if (inlineErrorSnapshots(j, root)) changed = true;
  if (prettyPlaceholders(j, root, report)) changed = true;
  if (templateTitles(j, root, typed, report)) changed = true;
  if (emptyImplementations(j, root, typed)) changed = true;
  if (blockMockReturningHooks(j, root, jestName)) changed = true;
  // What it cannot carry over stays `jest.retryTimes(…)`, reported below with the other leftovers.
  if (fileRetries(j, root, jestName).changed) changed = true;

  if (jestMockImports(j, root, viName, report)) changed = true;
  if (jasmineGlobals(j, root, viName, report)) changed = true;
  if (TEST_FILE.test(file.path) && processCopy(j, root, viName)) changed = true;

  // @jest/globals → vitest, `jest` → `vi` in the import.
  root.find(j.ImportDeclaration, { source: { value: '@jest/globals' } }).forEach((path) => {
    const node = path.node as AnyNode;
    node.source = j.stringLiteral('vitest');
    for (const s of (node.specifiers ?? []) as AnyNode[]) {
      if (s.type === 'ImportSpecifier' && s.imported.name === 'jest') {
        const aliased = s.local.name !== 'jest';
        s.imported = j.identifier('vi');
        s.local = j.identifier(aliased ? s.local.name : 'vi');
      }
    }
    changed = true;
  });

  const vi = viName;
  const replaceRequire = (path: ASTPath, call: AnyNode, viName: 'importActual' | 'importMock') => {
    if (leaveRequires.has(call)) return false;
    const fn = enclosingFunction(path);
    const factory = fn && isMockFactory(fn, jestName) ? fn : undefined;
    if (!fn && !topLevelAwait) {
      report(call, `jest.${viName === 'importActual' ? 'requireActual' : 'requireMock'} at the top level of a CommonJS file: Vitest only has the async vi.${viName}, and top-level await needs an ES module; use \`await vi.${viName}(…)\` inside an async function`);
      return false;
    }
    if (fn && !factory && !(fn.node as AnyNode).async) {
      report(call, `jest.${viName === 'importActual' ? 'requireActual' : 'requireMock'} inside a synchronous function: Vitest only has the async vi.${viName}; make the function async and use \`await vi.${viName}(…)\``);
      return false;
    }
    // `{ ...jest.requireActual('x') }`, `{ ...jest.requireActual('x').default }`: spread straight into an object.
    let spreadOf = path;
    while ((spreadOf.parent?.node as AnyNode | undefined)?.type === 'MemberExpression' && spreadOf.parent.node.object === spreadOf.node && !spreadOf.parent.node.computed) spreadOf = spreadOf.parent;
    const parent = spreadOf.parent?.node as AnyNode | undefined;
    const spread = (parent?.type === 'SpreadElement' || parent?.type === 'SpreadProperty') && parent.argument === spreadOf.node && spreadOf.parent.parent?.node?.type === 'ObjectExpression';
    const replacement = importCall(j, { vi, typed, method: viName, factory: factory?.node as AnyNode | undefined, mocked: factory && mockedModule(factory), spread }, call);
    path.replace(j.awaitExpression(replacement as any));
    if (factory) asyncFactories.add(factory.node as AnyNode);
    return true;
  };

  const detectsJest = new RegExp(String.raw`\btypeof\s+${jestName}\b`).test(file.source);
  root.find(j.MemberExpression).forEach((path) => {
    const member = path.node as AnyNode;
    if (!isJestRef(member.object, jestName) || member.computed || member.property.type !== 'Identifier') return;
    // `typeof jest !== 'undefined' && jest.fn`: code that asks which runner it is in (a testing
    // helper a library ships, pinia's createTestingPinia) keeps Jest's branch for Jest.
    if (detectsJest && underJestCheck(path, jestName)) return;
    const name = member.property.name as string;
    const parent = path.parent?.node as AnyNode;
    const called = parent.type === 'CallExpression' && parent.callee === member;
    const call = called ? parent : undefined;

    if (!called) {
      const target = RENAMED[name];
      if (!target) {
        report(member, `jest.${name} used as a value: no Vitest counterpart known; rewrite it by hand`);
        return;
      }
      // `afterEach(jest.clearAllMocks)`: Vitest reads a hook's return value as its teardown, and
      // vi.* return `vi`, so the reference becomes a callback that returns nothing.
      if (parent.type === 'CallExpression' && parent.callee.type === 'Identifier' && HOOKS.has(parent.callee.name)) {
        path.replace(j.arrowFunctionExpression([], j.blockStatement([j.expressionStatement(j.callExpression(j.memberExpression(j.identifier(viName), j.identifier(target)), []))])));
      } else if (name === 'fn' && (parent.type === 'JSXExpressionContainer' || ((parent.type === 'ObjectProperty' || parent.type === 'Property') && parent.value === member))) {
        // `onChange={jest.fn}`, `{ setOpen: jest.fn }`: the factory handed over as a callback, for
        // `jest.fn()`. @types/jest's `fn(): Mock` overload let it pass as any callback and Jest's
        // `jest.fn(true)` made a mock; `vi.fn` has no such overload (TS2322) and `vi.fn(true)`
        // throws (casper-ui-kit: 2 steps, 7 diagnostics and 1 test). A mock is what was meant.
        path.replace(j.callExpression(j.memberExpression(j.identifier(viName), j.identifier(target)), []));
      } else {
        path.replace(j.memberExpression(j.identifier(viName), j.identifier(target)));
      }
      changed = true;
      return;
    }
    const callPath = path.parent as ASTPath;
    const args = call!.arguments as AnyNode[];

    if (name === 'requireActual' || name === 'requireMock') {
      if (replaceRequire(callPath, call!, name === 'requireActual' ? 'importActual' : 'importMock')) changed = true;
      return;
    }
    if (name === 'setTimeout') {
      const [timeout] = args;
      if (args.length !== 1 || !timeout) {
        report(call!, `jest.setTimeout called with ${args.length} arguments; use vi.setConfig({ testTimeout }) by hand`);
        return;
      }
      // The argument as recast prints it (its own text while unchanged) inside an identifier: recast
      // would print a new object over several lines. Not file.source sliced at the node's offsets:
      // recast counts a tab as 4 columns in them, and a tab-indented file gave other text.
      const text = j(timeout as ASTNode).toSource();
      const config = text.includes('\n') ? j.objectExpression([j.objectProperty(j.identifier('testTimeout'), timeout as any)]) : j.identifier(`{ testTimeout: ${text} }`);
      callPath.replace(j.callExpression(j.memberExpression(j.identifier(viName), j.identifier('setConfig')), [config as any]));
      changed = true;
      return;
    }
    if (name === 'now') {
      // jest.now() is Date.now() under modern fake timers (which fake Date) and under real timers.
      callPath.replace(j.callExpression(j.memberExpression(j.identifier('Date'), j.identifier('now')), []));
      changed = true;
      return;
    }
    if (name === 'unstable_mockModule' && args.length > 2) {
      report(call!, "jest.unstable_mockModule with a third argument ({ virtual: true }): Vitest cannot mock a module that does not exist; add a `resolve.alias` for it in the Vitest config");
      return;
    }
    const reason = REPORTED[name];
    if (reason) {
      report(call!, reason);
      return;
    }
    const target = RENAMED[name];
    if (!target) {
      report(call!, `jest.${name}: no Vitest counterpart known; rewrite it by hand`);
      return;
    }
    if (name === 'useFakeTimers' && args.length > 0) {
      const [config] = args;
      const legacy =
        stringValue(config) === 'legacy' ||
        (config?.type === 'ObjectExpression' && (config.properties as AnyNode[]).some((p) => p.key?.name === 'legacyFakeTimers' && p.value?.value === true));
      if (legacy) {
        report(call!, 'jest.useFakeTimers with legacy fake timers: Vitest has only modern (@sinonjs) timers; check the timing assertions and call vi.useFakeTimers()');
        return;
      }
      if (stringValue(config) === 'modern') call!.arguments = [];
      else if (config?.type === 'ObjectExpression' && (config.properties as AnyNode[]).every((p) => p.key?.name === 'now')) {
        // { now } means the same to both.
      } else {
        report(call!, 'jest.useFakeTimers config: Vitest takes @sinonjs/fake-timers options (toFake, shouldAdvanceTime, now); translate it by hand');
        return;
      }
    }
    if ((name === 'mock' || name === 'doMock') && args.length > 0) checkMockCall(j, callPath, call!, args, topLevel, report, viName);
    if (name === 'mock' && isFunction(args[1])) mirrorBuiltinMock(j, root, callPath, stringValue(args[0]), file.source);
    if (name === 'fn' && call!.typeParameters) retypeFn(j, call!, mockGenerics(options));
    member.object = j.identifier(viName);
    member.property = j.identifier(target);
    changed = true;
  });

  for (const fn of asyncFactories) fn.async = true;
  if (constructibleImplementations(j, root, jestName, report)) changed = true;

  // jest-dom's matchers: its /vitest entry extends Vitest's expect whether or not globals are on.
  root.find(j.ImportDeclaration).forEach((path) => {
    const node = path.node as AnyNode;
    // And the companions whose Vitest counterpart has another name (companions.ts).
    const specifier = typeof node.source.value === 'string' ? vitestSpecifier(node.source.value) : undefined;
    if (specifier !== undefined && specifier !== node.source.value) {
      node.source = j.stringLiteral(specifier);
      changed = true;
    }
    if (node.source.value === 'jest-preview' && /\bautoPreview\s*:\s*true\b/.test(file.source)) {
      const outcome = dropAutoPreview(j, root, node);
      if (outcome.dropped) changed = true;
      if (!outcome.dropped || !outcome.handled) report(node, "jest-preview's autoPreview reassigns Jest's globals (`it`, `test`, `fit`) and throws under Vitest: drop `autoPreview` (call `debug()` from jest-preview by hand) or the package");
    }
  });

  // fit / xit / xtest / fdescribe / xdescribe, when they are the globals (not local names).
  const focused = new Set<AnyNode>();
  root.find(j.CallExpression).forEach((path) => {
    const callee = (path.node as AnyNode).callee as AnyNode;
    const replacement = callee.type === 'Identifier' ? JASMINE[callee.name] : undefined;
    if (!replacement || path.scope?.lookup(callee.name)) return;
    (path.node as AnyNode).callee = j.memberExpression(j.identifier(replacement[0]), j.identifier(replacement[1]));
    focused.add((path.node as AnyNode).callee);
    if (replacement[1] === 'only') report(path.node as AnyNode, `${callee.name} → ${replacement.join('.')}: ${FOCUS}`);
    changed = true;
  });
  // A focus the project committed already (it.only, test.only.each, describe.only).
  root.find(j.MemberExpression).forEach((path) => {
    const { object, property } = path.node as AnyNode;
    if (focused.has(path.node as AnyNode) || object?.type !== 'Identifier' || !['it', 'test', 'describe'].includes(object.name) || property?.type !== 'Identifier' || property.name !== 'only') return;
    if (!path.scope?.lookup(object.name)) report(path.node as AnyNode, `${object.name}.only: ${FOCUS}`);
  });

  if (!changed) return undefined;
  const quote = options['quote'] ?? ((file.source.match(/"/g)?.length ?? 0) > (file.source.match(/'/g)?.length ?? 0) ? 'double' : 'single');
  const output = retab(file.source, root.toSource({ quote, arrowParensAlways: true, lineTerminator: file.source.includes('\r\n') ? '\r\n' : '\n' }));
  // recast reprints a directive it kept with a second `;` once a top-level statement is inserted.
  return output.replace(/^((['"])use strict\2);;/, '$1;');
}

/**
 * recast indents what it reprints (a callback whose test got options, a body that lost a
 * statement) with 4 spaces a level, counting a tab as 4 columns, whatever its `useTabs`: in a
 * tab-indented file those lines get their tabs back. Only lines the source does not have as they
 * are (text inside a template literal stays as written).
 */
function retab(source: string, output: string): string {
  const tabbed = (source.match(/^\t/gm)?.length ?? 0) > (source.match(/^ {2}/gm)?.length ?? 0);
  if (!tabbed) return output;
  const lines = new Set(source.split(/\r?\n/));
  return output.replace(/^((?: {4})+)(\S[^\r\n]*)$/gm, (line, indent: string, rest: string) => (lines.has(line) ? line : '\t'.repeat(indent.length / 4) + rest));
}

/**
 * A committed focus: Jest runs only the focused tests of the file, wherever it runs; Vitest refuses
 * `.only` when CI is set (its `allowOnly` defaults to !CI), and the file then fails (career-finder's
 * JobResults step in the corpus). Said, not decided: the focus is most often a mistake.
 */
const FOCUS = 'a committed focus: Jest ran only the focused tests here, Vitest stops on `.only` when CI is set (`test.allowOnly` defaults to false there); remove the focus, or set `test: { allowOnly: true }` in the Vitest config to keep running only these';

/** What jest-mock (and ts-jest/utils, `mocked`) export that `vi` has under the same name. */
const JEST_MOCK_EXPORTS: Readonly<Record<string, ReadonlySet<string>>> = {
  'jest-mock': new Set(['fn', 'spyOn', 'mocked']),
  'ts-jest/utils': new Set(['mocked']),
};

/**
 * `import { mocked } from 'jest-mock'` → `vi.mocked` at each use, the import gone: finish removes
 * jest-mock (companions.ts), and the file then failed to load (auto-test in the corpus: 4 tests).
 * An import with another name in it, or a use the rename cannot reach (shadowed), is reported.
 */
function jestMockImports(j: JSCodeshift, root: Collection, vi: string, report: (node: AnyNode, message: string) => void): boolean {
  let changed = false;
  root.find(j.ImportDeclaration).forEach((path) => {
    const node = path.node as AnyNode;
    const known = JEST_MOCK_EXPORTS[node.source.value as string];
    if (!known || node.importKind === 'type') return;
    const specifiers = (node.specifiers ?? []) as AnyNode[];
    const values = specifiers.filter((s) => s.importKind !== 'type');
    if (values.length === 0) return;
    if (!values.every((s) => s.type === 'ImportSpecifier' && known.has(s.imported.name))) {
      report(node, `${node.source.value}: only ${[...known].join(', ')} have a vi counterpart of the same name; the package goes at finish, rewrite this import by hand`);
      return;
    }
    const programScope = path.scope;
    for (const s of values) {
      const local = s.local.name as string;
      root.find(j.Identifier, { name: local }).forEach((ref) => {
        const parent = ref.parent?.node as AnyNode;
        if (/^(?:Import|Export)\w*Specifier$/.test(parent.type)) return;
        // Not a property name (`x.mocked`, `{ mocked: … }`), and bound by this import.
        if ((parent.type === 'MemberExpression' && parent.property === ref.node && !parent.computed) || ((parent.type === 'Property' || parent.type === 'ObjectProperty') && parent.key === ref.node && !parent.computed && parent.value !== ref.node)) return;
        if (ref.scope?.lookup(local) !== programScope) {
          report(ref.node as AnyNode, `${local} from ${node.source.value} is shadowed here: use vi.${s.imported.name} by hand`);
          return;
        }
        ref.replace(j.memberExpression(j.identifier(vi), j.identifier(s.imported.name)));
      });
    }
    const types = specifiers.filter((s) => s.importKind === 'type');
    if (types.length > 0) node.specifiers = types;
    else j(path).remove();
    changed = true;
  });
  return changed;
}

/**
 * jest.fn<R, A>() (@types/jest) → vi.fn<(...args: A) => R>(); a single function type is already
 * Vitest 2+'s form. Below 2.0 (mock-generics.ts) vi.fn takes <A, R>: `jest.fn<() => void>()` →
 * `vi.fn<[], void>()`, `jest.fn<R, A>()` → `vi.fn<A, R>()`.
 */
function retypeFn(j: JSCodeshift, call: AnyNode, generics: MockGenerics): void {
  const params = call.typeParameters.params as AnyNode[];
  const [first, second] = params;
  if (!first) return;
  const functionType = params.length === 1 && (first.type === 'TSFunctionType' || first.type === 'TSTypeQuery' || first.type === 'TSTypeReference');
  if (generics === 'tuple') {
    call.typeParameters = j.tsTypeParameterInstantiation((functionType ? argsAndReturn(j, first) : argsThenReturn(j, first, second)) as any[]);
    return;
  }
  if (functionType) return;
  const rest = j.restElement(j.identifier('args')) as AnyNode;
  rest.typeAnnotation = j.tsTypeAnnotation((second ?? j.tsArrayType(j.tsAnyKeyword())) as any);
  const fnType = j.tsFunctionType([rest as any]);
  fnType.typeAnnotation = j.tsTypeAnnotation(first as any);
  call.typeParameters = j.tsTypeParameterInstantiation([fnType]);
}

const AUTO_PREVIEW_NOTE =
  " autoPreview dropped by codemigrate: it reassigns Jest's globals (it, test, fit) and throws under Vitest. Call debug() from jest-preview in a failing test instead.";

/**
 * `jestPreviewConfigure({ autoPreview: true, … })` → the same call without `autoPreview`, with a
 * comment saying why. Only a debugging aid goes (a preview of the DOM when a test fails); what the
 * tests do and assert is unchanged. `handled` is false when a call passes its options some other way.
 */
function dropAutoPreview(j: JSCodeshift, root: Collection, declaration: AnyNode): { dropped: boolean; handled: boolean } {
  const specifier = (declaration.specifiers as AnyNode[] | undefined)?.find((s) => s.type === 'ImportSpecifier' && s.imported.name === 'jestPreviewConfigure');
  if (!specifier) return { dropped: false, handled: false };
  const local = specifier.local.name as string;
  let handled = true;
  let dropped = false;
  root.find(j.CallExpression, { callee: { type: 'Identifier', name: local } }).forEach((path) => {
    const options = (path.node.arguments as AnyNode[])[0];
    const property = options?.type === 'ObjectExpression'
      ? (options.properties as AnyNode[]).find((p) => (p.type === 'ObjectProperty' || p.type === 'Property') && !p.computed && (p.key.name ?? p.key.value) === 'autoPreview')
      : undefined;
    if (!property || !options) {
      if (options?.type !== 'ObjectExpression' || (options.properties as AnyNode[]).some((p) => p.type === 'SpreadElement')) handled = false;
      return;
    }
    if (property.value.type !== 'BooleanLiteral' && property.value.type !== 'Literal') {
      handled = false;
      return;
    }
    options.properties = (options.properties as AnyNode[]).filter((p) => p !== property);
    if (options.properties.length === 0) path.node.arguments = [];
    const statement = path.parent?.node as AnyNode | undefined;
    if (statement?.type === 'ExpressionStatement') statement.comments = [...(statement.comments ?? []), j.commentLine(AUTO_PREVIEW_NOTE, true, false)];
    dropped = true;
  });
  return { dropped, handled };
}

/** Callbacks that may become async without their caller noticing: tests and hooks. */
const TEST_CALLEES = new Set(['it', 'test', ...HOOKS]);

/**
 * `jest.doMock(path, factory)` then `require(…)` in a test or hook: Vitest's doMock reaches the
 * next dynamic import only, and `require` is Node's, so the test would get the real module
 * (auto-test's "single mock"). Each later `require('…')` of that callback becomes
 * `await import('…')` (the same namespace shape babel's interop gave; `as any` in TypeScript, the
 * type `require` had) and the callback async.
 * JSON and native addons keep require: their import shape differs. Returns whether it changed.
 */
function importAfterDoMock(j: JSCodeshift, root: Collection, jestName: string, typed: boolean, report: (node: AnyNode, message: string) => void): boolean {
  let changed = false;
  root.find(j.CallExpression).forEach((path) => {
    const call = path.node as AnyNode;
    if (!isJestMember(call.callee, jestName, ['doMock'])) return;
    const fn = enclosingFunction(path);
    if (!fn) return;
    const owner = fn.parent?.node as AnyNode | undefined;
    const callee = owner?.type === 'CallExpression' ? owner.callee : undefined;
    const name = callee?.type === 'Identifier' ? callee.name : callee?.type === 'MemberExpression' ? callee.object?.name : undefined;
    const node = fn.node as AnyNode;
    const mayTurnAsync = TEST_CALLEES.has(name) && !node.generator && node.params.length === 0;
    const requires = j(fn)
      .find(j.CallExpression, { callee: { type: 'Identifier', name: 'require' } })
      .filter((required) => (required.node as AnyNode).start > call.end && enclosingFunction(required)?.node === node)
      .filter((required) => {
        const specifier = stringValue((required.node as AnyNode).arguments[0]);
        return specifier !== undefined && !/\.(?:json|node)$/.test(specifier);
      });
    if (requires.size() === 0) return;
    if (!mayTurnAsync) {
      report(call, "require after doMock outside a test or hook: Vitest's doMock reaches the next dynamic import only, never require; load the module with `await import(…)`");
      return;
    }
    requires.forEach((required) => {
      const imported = j.awaitExpression(j.callExpression(j.import(), [j.stringLiteral(stringValue((required.node as AnyNode).arguments[0])!)]) as any);
      // In TypeScript `require` gave `any`; the module's own type would reject what the test reads off the mock.
      required.replace(typed ? j.tsAsExpression(imported, j.tsAnyKeyword()) : imported);
    });
    node.async = true;
    changed = true;
  });
  return changed;
}

/**
 * What an inline snapshot's text compares as in Jest (jest-snapshot's stripAddedIndentation, then
 * the line breaks it adds around a multi-line value): a snapshot written over several lines loses
 * the first line's indentation on every line, and its opening and closing line breaks. Text that
 * does not keep to that shape is only trimmed, which a multi-line value then fails to match.
 */
function jestInlineSnapshot(raw: string): string {
  const lines = raw.split('\n');
  const indentation = /^([^\S\n]*)\S/m.exec(raw)?.[1];
  if (lines.length <= 2 || lines[0]!.trim() !== '' || lines.at(-1)!.trim() !== '') return raw.trim();
  const inner = lines.slice(1, -1);
  if (indentation && !inner.every((line) => line === '' || line.startsWith(indentation))) return raw.trim();
  return inner.map((line) => (indentation ? line.slice(indentation.length) : line)).join('\n');
}

/**
 * `expect(fn).toThrowErrorMatchingInlineSnapshot(`"message"`)`: Jest stored the thrown error's
 * message, Vitest 1+ compares the error itself (`[TypeError: message]`), whose class the snapshot
 * does not say. A message becomes the same exact check, `.toThrow(expect.objectContaining({
 * message }))`; one over several lines as Jest read it (jestInlineSnapshot: lint-staged's
 * validation errors). Ones with Jest 30's causes (`Cause: …` lines) and escaped ones (Jest < 29
 * escaped quotes and backslashes) stay as they were, for verify and the model. Returns whether it changed.
 */
function inlineErrorSnapshots(j: JSCodeshift, root: Collection): boolean {
  let changed = false;
  root.find(j.CallExpression, { callee: { type: 'MemberExpression', property: { name: 'toThrowErrorMatchingInlineSnapshot' } } }).forEach((path) => {
    const call = path.node as AnyNode;
    const [snapshot, ...rest] = call.arguments as AnyNode[];
    if (rest.length > 0 || snapshot?.type !== 'TemplateLiteral' || snapshot.expressions.length > 0) return;
    const text = jestInlineSnapshot(String(snapshot.quasis[0]?.value.cooked ?? ''));
    const message = /^"([^\\]*)"$/.exec(text)?.[1];
    if (message === undefined || message.includes('\nCause: ')) return;
    // The expect(…) the chain starts from, whatever it is called (a local alias stays).
    let object: AnyNode = call.callee.object;
    while (object?.type === 'MemberExpression') object = object.object;
    const expectName = object?.type === 'CallExpression' && object.callee.type === 'Identifier' ? object.callee.name : 'expect';
    const matcher = j.callExpression(j.memberExpression(j.identifier(expectName), j.identifier('objectContaining')), [
      j.objectExpression([j.property('init', j.identifier('message'), j.stringLiteral(message))]),
    ]);
    call.callee.property = j.identifier('toThrow');
    call.arguments = [matcher];
    changed = true;
  });
  return changed;
}
