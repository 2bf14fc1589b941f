// ts-morph setup transform for the root package.json: Jest's packages out of dependencies and
// devDependencies, vitest (and jsdom / happy-dom / @vitest/coverage-v8 when the Jest config needs
// them) in; `jest …` in scripts → `vitest …`. The Jest config is translated (jest-config.ts) and
// written as vitest.config.ts (with the compat setup file, vitest-settings.ts) through ctx.addFile,
// unless a Vite config exists to take a `test` block (vite-config.ts); without addFile the text to
// write is reported.
// Key order and indentation are kept; the "jest" key is removed only once its config has a home.

import type { SourceFile } from 'ts-morph';
import type { TsMorphContext } from './ts-morph-context.js';
import { renderVitestConfig, vitestEnvironment, type JsonValue } from './jest-config.js';
import { hasDependency, vitestSettings, type VitestSettings } from './vitest-settings.js';
import { findJestConfig, JEST_CONFIG_FILE, readManifest, textOf, viteConfigPath, type FoundJestConfig } from './jest-config-source.js';
import { mockCopyText, nodeModuleMocks } from './node-module-mocks.js';
import { mockedPackageFiles, mockedPackagesNote } from './package-mocks.js';
import { SPLIT_FILE, SPLIT_HELPER, SPLIT_TYPES, SPLIT_TYPES_FILE } from './runner-split.js';
import { chooseVitest, projectFacts, strictPeerVite, VITEST_LINES } from './versions.js';
import { planCompanions } from './companions.js';
import { chooseJsdom } from './jsdom-version.js';
import { keptNodeTypes } from './node-types.js';
import { usesFlow } from './flow-types.js';
// A namespace import: the transform loader may turn this module into CommonJS without default interop.
import * as semver from 'semver';
import { commandWords, jestTargetOf, parseScriptCall } from './script-calls.js';
import { SHELL_WORD, shellWords, unquote } from './shell-words.js';
import { factsManifest, forWorkspacePackages, jestWorkspacePackages, memberContext, nxJestProjects, presetPackages } from './workspace-packages.js';

export const JEST_PACKAGES = [
  'jest', 'babel-jest', 'ts-jest', '@types/jest', '@jest/globals', '@jest/types', 'jest-environment-jsdom',
  'jest-environment-node', 'jest-watch-typeahead', 'jest-circus', 'jest-cli', 'jest-config', '@swc/jest', 'esbuild-jest',
] as const;

// jsdom's range is chooseJsdom's (the major the project's Jest ran on).
const DEPENDENCY_VERSIONS: Readonly<Record<string, string>> = {
  'happy-dom': '^17.0.0',
  // Vitest's edge-runtime environment loads it; 5.0.0 is what @edge-runtime/jest-environment 4 runs on.
  '@edge-runtime/vm': '^5.0.0',
};

/**
 * The Vitest range to install: the recipe's `vitestVersion` option, else the line that fits the
 * project's Vite and Node (versions.ts), said in a report either way; undefined when none fits.
 */
function vitestRange(ctx: TsMorphContext, pkg: Record<string, JsonValue>, phase: Phase): string | undefined {
  if (typeof ctx.options['vitestVersion'] === 'string') return ctx.options['vitestVersion'];
  // The option `checksNode` stands for the Node the checks run on where that is not this one (tests).
  const runningNode = typeof ctx.options['checksNode'] === 'string' ? ctx.options['checksNode'] : process.versions.node;
  const choice = chooseVitest({ ...projectFacts(factsManifest(pkg, ctx.options), (path) => textOf(ctx, path), ctx.files), runningNode });
  if (phase === 'finish') return choice.status === 'chosen' ? choice.line.range : undefined;
  if (choice.status === 'none') {
    // Every step would fail for want of Vitest: the run stops after setup with this one cause.
    ctx.report({ message: `${choice.why}. Nothing was changed: upgrade Vite, Node or TypeScript, or set the recipe option vitestVersion`, stop: true });
    return undefined;
  }
  ctx.report({ message: `${choice.why} (the recipe option vitestVersion overrides it)` });
  return choice.line.range;
}

/** The Vitest range vitestRange gives, without its reports (the Makefile follows package.json's choice). */
function chosenRange(ctx: TsMorphContext, pkg: Record<string, JsonValue>): string | undefined {
  if (typeof ctx.options['vitestVersion'] === 'string') return ctx.options['vitestVersion'];
  const runningNode = typeof ctx.options['checksNode'] === 'string' ? ctx.options['checksNode'] : process.versions.node;
  const choice = chooseVitest({ ...projectFacts(factsManifest(pkg, ctx.options), (path) => textOf(ctx, path), ctx.files), runningNode });
  return choice.status === 'chosen' ? choice.line.range : undefined;
}

/**
 * What may stand before Jest in a script: environment assignments (values quoted or not),
 * `cross-env`, `npx` with its flags, `yarn [run]`, `pnpm [exec|run|dlx]`, `npm exec [--]`, `bunx`,
 * `dotenv [-e f] --`, `env-cmd [-f f]`, and `node` with its flags before Jest's own file.
 */
const PREFIXES = String.raw`(?:(?:[A-Z_][A-Z0-9_]*=(?:"[^"]*"|'[^']*'|[^\s"']*)|cross-env|npx(?:\s+--?[a-z][\w-]*)*|yarn(?:\s+run)?|pnpm(?:\s+(?:exec|run|dlx))?|npm\s+exec(?:\s+--)?|bunx|dotenv(?:\s+-[ecv]\s+\S+)*\s+--|env-cmd(?:\s+-[fe]\s+\S+)*|node(?:\s+-[-\w]+(?:=\S+)?)*)\s+)*`;
/** Jest itself: the bin, or its file in node_modules (run by node). */
const JEST_WORD = String.raw`(?:jest|(?:\.\/)?node_modules\/\.bin\/jest|(?:\.\/)?node_modules\/jest\/bin\/jest(?:\.js)?|(?:react-scripts|craco|react-app-rewired)\s+test|vue-cli-service\s+test:unit)`;
// Its arguments are shell words: a quoted one may hold spaces (`--coverageThreshold="{ … }"`).
const JEST_COMMAND = new RegExp(String.raw`(^|&&|\|\||;)(\s*${PREFIXES})(${JEST_WORD})(?=$|[\s;&|])((?:\s+${SHELL_WORD})*)`, 'g');

/** Jest CLI flag → Vitest flag ('' drops it); flags not listed are reported. */
const FLAGS: Readonly<Record<string, string>> = {
  '--ci': '', '--colors': '', '--no-cache': '', '--watch': '', '--watchAll': '', '--verbose': '--reporter=verbose',
  '--coverage': '--coverage', '--collectCoverage': '--coverage', '--silent': '--silent', '--passWithNoTests': '--passWithNoTests', '-u': '-u',
  '--updateSnapshot': '-u', '--runInBand': '--no-file-parallelism', '-i': '--no-file-parallelism', '--bail': '--bail=1',
  '--detectOpenHandles': '', '--forceExit': '', '--logHeapUsage': '--logHeapUsage', '--json': '--reporter=json',
  '--no-watchman': '', '--watchman': '', '-b': '--bail=1', '-o': '--changed', '--onlyChanged': '--changed',
  '--coverage=false': '--coverage.enabled=false', '--silent=false': '', '--verbose=false': '', '--errorOnDeprecated': '',
  '--expand': '--expand', '-e': '--expand', '--no-coverage': '--coverage.enabled=false',
};
const VALUE_FLAGS: Readonly<Record<string, string>> = {
  '--maxWorkers': '--maxWorkers', '-w': '--maxWorkers', '--testTimeout': '--testTimeout', '--env': '--environment',
  '--testNamePattern': '--testNamePattern', '-t': '--testNamePattern', '--shard': '--shard', '--testPathPattern': '',
  '--config': '', '-c': '', '--coverageDirectory': '--coverage.reportsDirectory', '--outputFile': '--outputFile',
  '--collectCoverageFrom': '--coverage.include', '--changedSince': '--changed', '--testPathPatterns': '',
  '--testNamePatterns': '--testNamePattern',
};
/** Jest's array flags (every word up to the next flag is a value) → Vitest's flag, once per value. */
const ARRAY_FLAGS: Readonly<Record<string, string>> = {
  '--coverageReporters': '--coverage.reporter', '--selectProjects': '--project', '--testPathIgnorePatterns': '',
  '--reporters': '--reporter',
};
/** Jest's reporters by name → Vitest's built-in ones. */
const REPORTERS: Readonly<Record<string, string>> = { default: 'default', summary: 'dot', 'jest-junit': 'junit', 'github-actions': 'github-actions', verbose: 'verbose' };
/** Jest flags that make Vitest a different command: `vitest related <files>`, `vitest list`. */
const COMMAND_FLAGS: Readonly<Record<string, 'related' | 'list' | 'clearCache'>> = { '--findRelatedTests': 'related', '--listTests': 'list', '--clearCache': 'clearCache' };

type VitestCommand = 'run' | 'related' | 'list' | 'clearCache';

interface VitestInvocation {
  readonly command: VitestCommand;
  readonly watch: boolean;
  readonly flags: string[];
}

/** `<rootDir>/src/**` → `src/**` (Jest resolves a CLI path against rootDir; Vitest against its root), quotes kept. */
function pathValue(value: string): string {
  const quote = /^(['"]).*\1$/s.exec(value)?.[1] ?? '';
  const inner = quote ? value.slice(1, -1) : value;
  return `${quote}${inner.replace(/^(!?)<rootDir>(?:\/|$)/, '$1') || '.'}${quote}`;
}

/** `--collectCoverageFrom=!src/x.ts` → `--coverage.exclude=src/x.ts` (Jest's `!` globs exclude), else `--coverage.include=…`. */
function coverageGlob(value: string): string {
  const path = pathValue(value);
  const negated = /^(['"]?)!/.exec(path);
  return negated ? `--coverage.exclude=${negated[1]}${path.slice(negated[0].length)}` : `--coverage.include=${path}`;
}

/**
 * Jest's CLI (yargs) takes every flag in kebab case too: `--collect-coverage` is `--collectCoverage`,
 * `--run-in-band` `--runInBand` (a `--no-` prefix negates). koa-rest's `jest --collect-coverage`
 * lost its coverage as an unknown flag.
 */
function camelCaseFlag(arg: string): string {
  const [flag = '', inline] = arg.split(/=(.*)/s, 2);
  const negation = flag.startsWith('--no-') ? 'no-' : '';
  const name = flag.slice(2 + negation.length);
  if (!flag.startsWith('--') || !/^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$/.test(name)) return arg;
  const camel = `--${negation}${name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase())}`;
  return inline === undefined ? camel : `${camel}=${inline}`;
}

const THRESHOLD_METRICS = ['lines', 'branches', 'functions', 'statements'];

/**
 * `--coverageThreshold='{"global": {"lines": 100}}'` (JSON, as Jest reads it) → Vitest's
 * `--coverage.thresholds.lines=100`, a negative number (uncovered items allowed) meaning the same
 * to both. Thresholds per path or glob have no flag: they are reported, as is JSON Jest would refuse.
 */
function coverageThresholdFlags(word: string, problems: string[]): string[] {
  let thresholds: unknown;
  try {
    thresholds = JSON.parse(unquote(word));
  } catch {
    thresholds = undefined;
  }
  if (thresholds === null || typeof thresholds !== 'object' || Array.isArray(thresholds)) {
    problems.push(`jest --coverageThreshold ${word} dropped: not a JSON object of thresholds; set test.coverage.thresholds in the Vitest config by hand`);
    return [];
  }
  const flags: string[] = [];
  for (const [key, metrics] of Object.entries(thresholds as Record<string, unknown>)) {
    if (key !== 'global') {
      problems.push(`jest --coverageThreshold: the thresholds of ${JSON.stringify(key)} dropped: Vitest takes thresholds per file glob only in its config (test.coverage.thresholds[${JSON.stringify(key)}]); add them there`);
      continue;
    }
    for (const [metric, value] of Object.entries((metrics ?? {}) as Record<string, unknown>)) {
      if (THRESHOLD_METRICS.includes(metric) && typeof value === 'number') flags.push(`--coverage.thresholds.${metric}=${value}`);
      else problems.push(`jest --coverageThreshold: global ${JSON.stringify(metric)}: ${JSON.stringify(value)} dropped: Vitest's thresholds are numbers for ${THRESHOLD_METRICS.join(', ')}`);
    }
  }
  return flags;
}

/** Jest's arguments → the Vitest command they ask for and its flags; unknown flags go into `problems`. */
function translateJestArgs(args: readonly string[], problems: string[]): VitestInvocation {
  const out: string[] = [];
  let watch = false;
  let command: VitestCommand = 'run';
  for (let i = 0; i < args.length; i++) {
    const arg = camelCaseFlag(args[i]!);
    const [flag = '', inline] = arg.split(/=(.*)/s, 2);
    // `--watchAll=false` (as CRA's docs write it) is the default: not a watch.
    if ((inline === 'false' || inline === 'true') && flag in FLAGS && FLAGS[flag] === '') {
      if (inline === 'true' && (flag === '--watch' || flag === '--watchAll')) watch = true;
      continue;
    }
    if (flag === '--watch' || flag === '--watchAll') watch = true;
    if (arg in COMMAND_FLAGS) {
      command = COMMAND_FLAGS[arg]!;
    } else if (arg in FLAGS) {
      if (FLAGS[arg]) out.push(FLAGS[arg]!);
    } else if (flag === '--transformIgnorePatterns') {
      // Which packages babel-jest compiled (an ESM axios under Jest 27): Vite loads ESM packages itself.
      while (inline === undefined && i + 1 < args.length && !args[i + 1]!.startsWith('-')) i++;
    } else if (flag in ARRAY_FLAGS) {
      const values = inline !== undefined ? [inline] : [];
      while (inline === undefined && i + 1 < args.length && !args[i + 1]!.startsWith('-')) values.push(args[++i]!);
      if (flag === '--reporters') {
        for (const value of values) {
          const name = REPORTERS[value.replace(/^(['"])(.*)\1$/, '$2')];
          if (name) out.push(`--reporter=${name}`);
          else problems.push(`jest --reporters ${value} dropped: no Vitest reporter of that name (Vitest's are default, verbose, dot, json, junit, tap, html, github-actions)`);
        }
      } else if (ARRAY_FLAGS[flag]) out.push(...values.map((value) => `${ARRAY_FLAGS[flag]}=${value}`));
      // Vitest stops on an option it does not know: what cannot be translated is left out.
      else problems.push(`jest ${flag} ${values.join(' ')} dropped: it takes regexps, Vitest's --exclude globs; add those by hand`);
    } else if (flag === '--coverageThreshold') {
      out.push(...coverageThresholdFlags(inline ?? args[++i] ?? '', problems));
    } else if (flag in VALUE_FLAGS) {
      const value = inline ?? args[++i] ?? '';
      if (flag === '--config' || flag === '-c') problems.push(`jest ${flag} ${value} dropped: Vitest reads vitest.config.* (or vite.config.*); translate that file`);
      else if (flag === '--collectCoverageFrom') out.push(coverageGlob(value));
      else if (flag === '--coverageDirectory') out.push(`${VALUE_FLAGS[flag]}=${pathValue(value)}`);
      else if (flag === '--env') {
        // A Jest environment package is no Vitest environment: its built-in counterpart, or left out, said.
        const environment = vitestEnvironment(unquote(value)).name;
        if (environment !== undefined) out.push(`--environment=${environment}`);
        else problems.push(`jest --env ${value} dropped: no Vitest environment known for it (Vitest's are node, jsdom, happy-dom, edge-runtime, or a vitest-environment-* package)`);
      }
      else out.push(VALUE_FLAGS[flag] ? `${VALUE_FLAGS[flag]}=${value}` : value);
    } else if (arg.startsWith('-') && arg !== '--') {
      // Vitest stops on an option it does not know (`Unknown option`): the flag is left out.
      problems.push(`jest flag ${arg} has no Vitest translation: left out of the Vitest command`);
    } else {
      out.push(arg);
    }
  }
  return { command, watch, flags: out };
}

/** `vitest related` watches as `vitest` does unless told `--run`; `vitest list` never watches. */
function vitestWords({ command, watch, flags }: VitestInvocation): string[] {
  // Jest clears its cache and runs nothing, whatever else the command says.
  if (command === 'clearCache') return ['vitest', '--clearCache'];
  if (command === 'list') return ['vitest', 'list', '--filesOnly', ...flags];
  if (command === 'related') return ['vitest', 'related', ...(watch ? [] : ['--run']), ...flags];
  return watch ? ['vitest', ...flags] : ['vitest', 'run', ...flags];
}

/** `jest --watch --coverage src` → `vitest --coverage src`; unknown flags go into `problems`. */
export function rewriteJestCommand(args: readonly string[], problems: string[]): string[] {
  return vitestWords(translateJestArgs(args, problems));
}

/**
 * Rewrites each `jest` command of a script (also after `npx`, `cross-env A=b`, `&&`). With
 * `coexist`, while the migration is under way, `jest A` becomes `jest A && vitest run B` (each
 * runner runs its own files); a watch command stays Jest's, with a problem saying so. `scripts`
 * (the manifest's, before any rewriting) lets a call of another script that ends in Jest
 * (`npm run test -- --coverageReporters=lcov`) have the flags it hands on translated too.
 */
export function rewriteScript(script: string, problems: string[], coexist = false, scripts: Readonly<Record<string, unknown>> = {}, binOnPath = true): string {
  const rewritten = script.replace(JEST_COMMAND, (all, lead: string, prefix: string, jestWord: string, rest: string, offset: number, whole: string) => {
    // Already split (setup run again on its own output): `jest A && vitest run B` stays.
    if (coexist && new RegExp(String.raw`^\s*&&\s*${PREFIXES}(?:vitest\b|\S*node_modules/vitest/)`).test(whole.slice(offset + all.length))) return all;
    // A package script finds vitest on PATH; make puts no node_modules/.bin there, so its `npx` stays.
    const cleanPrefix = binOnPath ? prefix.replace(/\bnpx\s+$/, '') : prefix;
    const args = shellWords(rest);
    const translated = translateJestArgs(args, problems);
    // CRA's `test` watches unless told --watchAll=false or run with CI set (Vitest's default too).
    // (Vue CLI's `test:unit` runs Jest with the project's jest.config, which the Vitest config now holds, and does not watch.)
    const craWatch = /^(?:react-scripts|craco|react-app-rewired)\s/.test(jestWord) && !/--watch(?:All)?=false/.test(rest) && !/\bCI=/.test(prefix);
    const invocation = craWatch ? { ...translated, watch: true } : translated;
    // `node --inspect-brk node_modules/.bin/jest` keeps its node flags: Vitest's entry file instead.
    const vitest = /node_modules\//.test(jestWord) ? ['node_modules/vitest/vitest.mjs', ...vitestWords(invocation).slice(1)] : vitestWords(invocation);
    if (!coexist) return `${lead}${cleanPrefix}${vitest.join(' ')}`;
    if (invocation.watch) {
      problems.push('a watch command runs only the tests still on Jest until the migration is finished');
      return all;
    }
    return `${all.trimEnd()} && ${cleanPrefix.trimStart()}${vitest.join(' ')}`;
  });
  const result = rewritten.replace(/(^|&&|\|\||;|\|)([^&|;]+)/g, (all, lead: string, command: string) => {
    const forwarded = rewriteForwarded(command, problems, coexist, scripts);
    return forwarded === undefined ? all : `${lead}${forwarded}`;
  });
  // A Jest run that none of the spellings above caught (a wrapper, a path of its own) is said, not kept in silence.
  const left = coexist ? result.replace(JEST_HALF, '$1') : result;
  const watchKept = problems.some((problem) => problem.startsWith('a watch command runs only'));
  if (!watchKept && /(?:^|[\s/&|;])jest(?:\.js)?(?=$|[\s;&|])/.test(left.replace(/(["']).*?\1|--[\w-]+=\S*/g, ''))) {
    problems.push(`still runs Jest in a form this recipe does not rewrite (${left.trim().slice(0, 120)}): make it run \`vitest run\``);
  }
  return result;
}

/**
 * A call of a script that ends in Jest, with Jest flags after it: the flags translated, or the
 * call replaced by the script's command when the flags change which Vitest command runs
 * (`--findRelatedTests`, `--listTests`, `--watch`). Undefined leaves the command as it is.
 */
function rewriteForwarded(command: string, problems: string[], coexist: boolean, scripts: Readonly<Record<string, unknown>>): string | undefined {
  const { prefix, words } = commandWords(command);
  const call = parseScriptCall(words);
  if (!call || call.forwarded.length === 0) return undefined;
  const target = jestTargetOf(scripts, call.name);
  if (!target) return undefined;
  const ignored: string[] = [];
  const before = translateJestArgs(target.args, ignored);
  // While the migration is under way a watch script stays Jest's: its flags still reach Jest.
  if (coexist && before.watch) return undefined;
  const own: string[] = [];
  const after = translateJestArgs([...target.args, ...call.forwarded], ignored);
  const translated = translateJestArgs(call.forwarded, own);
  const lead = /^\s*/.exec(command)![0];
  const trail = /\s*$/.exec(command)![0];
  if (after.command !== before.command || after.watch !== before.watch) {
    const described = `${[...call.head, call.separator].filter(Boolean).join(' ')} ${call.forwarded.join(' ')}`;
    const script = scripts[call.name] as string;
    if (!target.alone || `pre${call.name}` in scripts || `post${call.name}` in scripts) {
      problems.push(`${described}: with these flags Vitest is another command than scripts.${call.name} runs; write \`${vitestWords(after).join(' ')}\` here instead`);
      return undefined;
    }
    // `jest A` + `B` is the command npm would run: rewrite it whole, in place of the call.
    const inlined = rewriteScript(`${[...prefix, script.trim(), ...call.forwarded].join(' ')}`, problems, coexist);
    return `${lead}${inlined}${trail}`;
  }
  problems.push(...own);
  // `npm run test -- --watchAll=false` hands on nothing once translated: no `--` left dangling.
  const separator = call.separator && translated.flags.length > 0 ? [call.separator] : [];
  return `${lead}${[...prefix, ...call.head, ...separator, ...translated.flags].join(' ')}${trail}`;
}

/** `jest A &&` right before a `vitest` command: the Jest half of a script setup made coexist. */
const JEST_HALF = new RegExp(String.raw`(^|&&|\|\||;)\s*${PREFIXES}${JEST_WORD}(?:\s+${SHELL_WORD})*\s*&&(?=\s*${PREFIXES}(?:vitest\b|\S*node_modules/vitest/))`, 'g');

/** A script after finish: `jest A && vitest run B` is `vitest run B`, any other `jest` becomes Vitest's. */
export function finishScript(script: string, problems: string[], scripts: Readonly<Record<string, unknown>> = {}, binOnPath = true): string {
  return rewriteScript(script.replace(JEST_HALF, '$1').trimStart(), problems, false, scripts, binOnPath);
}

/** make's file names, in the order GNU make looks for them (run-tests.mjs reads the same). */
export const MAKEFILE = /^(?:GNUmakefile|makefile|Makefile)$/;

/** A Makefile's recipe line: its tab, make's `@`/`-`/`+` prefixes, then the command. */
const RECIPE_LINE = /^(\t[\t ]*(?:[@+-]+\s*)?)(.*)$/;

/**
 * The project's Makefile with the recipe lines that run Jest rewritten as package.json's scripts
 * are (setup: Jest then Vitest, each on its own files; finish: Vitest alone), `npx` kept: Hexlet's
 * course projects (thousands of public copies) run Jest only from `make test`, and after land
 * `npx jest` fetched a Jest that was no longer installed (`make test` failed) while land passed.
 * Undefined when no line changes, or when setup found no Vitest (package.json is left as it is).
 */
function rewriteMakefile(ctx: TsMorphContext, phase: Phase): string | undefined {
  const pkg = readManifest(ctx);
  if (!pkg) return undefined;
  // Finish comes only after setup rewrote the Makefile (package.json may no longer list Jest by then).
  if (phase !== 'finish' && !JEST_PACKAGES.some((name) => hasDependency(pkg, name))) return undefined;
  const version = chosenRange(ctx, pkg);
  if (version === undefined && phase !== 'finish') return undefined;
  const lines = ctx.text.split('\n');
  let changed = false;
  const out = lines.map((line, index) => {
    const recipe = RECIPE_LINE.exec(line);
    if (!recipe) return line;
    const problems: string[] = [];
    const command = recipe[2]!;
    const vitest = phase === 'finish' ? finishScript(command, problems, {}, false) : rewriteScript(command, problems, phase === 'setup', {}, false);
    const fitted = version !== undefined && beforeVitest11(version) ? forVitest034(vitest, problems) : vitest;
    for (const problem of problems) ctx.report({ line: index + 1, message: `${ctx.path}: ${problem}` });
    if (fitted === command) return line;
    changed = true;
    return `${recipe[1]}${fitted}`;
  });
  return changed ? out.join('\n') : undefined;
}

/** The recipe lines of the Makefile among the step's files, as rewriteMakefile leaves them (for what package.json then needs). */
function makefileCommands(ctx: TsMorphContext): string[] {
  const file = ctx.files.find((path) => MAKEFILE.test(path));
  const text = file === undefined ? undefined : textOf(ctx, file);
  if (text === undefined) return [];
  return text.split('\n').flatMap((line) => {
    const recipe = RECIPE_LINE.exec(line);
    return recipe ? [rewriteScript(recipe[2]!, [], false, {}, false)] : [];
  });
}

/** React's JSX runtime for a React project: automatic from React 17 on (react/jsx-runtime), else classic. */
export function reactOf(pkg: Record<string, JsonValue>): { reactRuntime?: 'automatic' | 'classic' } {
  const range = dependencyRange(pkg, 'react') ?? dependencyRange(pkg, 'react-dom');
  if (range === undefined) return {};
  const major = Number(/\d+/.exec(range)?.[0] ?? Number.NaN);
  return { reactRuntime: Number.isFinite(major) && major < 17 ? 'classic' : 'automatic' };
}

/**
 * A Vue 3 project without a Vite config (Vue CLI's webpack): vue-jest compiled its `.vue` files,
 * @vitejs/plugin-vue does under Vitest (6 runs on Vite 5 to 8, 4 on Vite 4 and 5: the 0.34 line's).
 * `vite` is the Vite range the plugin's peer admits (npm view, 2026-12): the 0.34 line also runs on
 * Vite 3, where plugin-vue 4 cannot load ("'vite' does not provide an export named 'isCSSRequest'":
 * pinia's workspace already locked Vite 3, and pnpm took it). Vue 2 needs another plugin and test
 * utils: the companions' note says so.
 */
function vueOf(pkg: Record<string, JsonValue>, vitest: string | undefined): { vue?: true; plugin?: readonly [string, string]; vite?: string } {
  const range = dependencyRange(pkg, 'vue');
  const min = range === undefined || semver.validRange(range) === null ? undefined : semver.minVersion(range);
  if (!min || min.major !== 3) return {};
  if (vitest !== undefined && beforeVitest11(vitest)) return { vue: true, plugin: ['@vitejs/plugin-vue', '^4.5.0'], vite: '^4.0.0 || ^5.0.0' };
  return { vue: true, plugin: ['@vitejs/plugin-vue', '^6.0.5'], vite: '^5.0.0 || ^6.0.0 || ^7.0.0 || ^8.0.0' };
}

/** The majors of `a` that `b` admits too, as `^M.0.0 || …` (`a` when they share none: npm then says why). */
export function commonViteMajors(a: string, b: string | undefined): string {
  if (b === undefined) return a;
  const majors: string[] = [];
  for (let major = 0; major <= 99; major += 1) {
    const caret = `^${major}.0.0`;
    if (semver.intersects(caret, a) && semver.intersects(caret, b)) majors.push(caret);
  }
  return majors.length > 0 ? majors.join(' || ') : a;
}

/**
 * babel-jest ran Babel macros: CRA's preset (react-scripts) and babel-plugin-macros bring the
 * plugin, a `*.macro` / `@scope/macro` package is one. The config's plugin then runs them.
 */
function usesBabelMacros(pkg: Record<string, JsonValue>): boolean {
  const names = Object.keys(allDependencies(pkg));
  return names.some((name) => name === 'react-scripts' || name === 'babel-plugin-macros' || /(?:^|[./])macro$/.test(name));
}

function dependencyRange(pkg: Record<string, JsonValue>, name: string): string | undefined {
  for (const field of ['dependencies', 'devDependencies']) {
    const range = (pkg[field] as Record<string, JsonValue> | undefined)?.[name];
    if (typeof range === 'string') return range;
  }
  return undefined;
}

function detectIndent(text: string): string | number {
  const match = /^([ \t]+)"/m.exec(text);
  return match?.[1] ?? 2;
}

function insertSorted(record: Record<string, JsonValue>, name: string, version: string): Record<string, JsonValue> {
  const keys = Object.keys(record);
  const sorted = keys.every((key, i) => i === 0 || keys[i - 1]! <= key);
  const entries = Object.entries(record);
  if (!sorted) return { ...record, [name]: version };
  const at = entries.findIndex(([key]) => key > name);
  entries.splice(at < 0 ? entries.length : at, 0, [name, version]);
  return Object.fromEntries(entries);
}

type Phase = 'setup' | 'finish' | 'all';

function phaseOf(ctx: TsMorphContext): Phase {
  const phase = ctx.options['phase'];
  return phase === 'setup' || phase === 'finish' ? phase : 'all';
}

/** How the root's test script reaches the packages, when it names a monorepo runner. */
function turboOrNx(pkg: Record<string, JsonValue>): string {
  const test = (pkg['scripts'] as Record<string, JsonValue> | undefined)?.['test'];
  if (typeof test !== 'string') return '';
  const runner = /\b(turbo|nx|lerna)\b/.exec(test)?.[1] ?? (/\s(?:-ws|--workspaces|-r|--recursive)\b|\bworkspaces\s+(?:foreach|run)\b/.test(test) ? 'the package manager' : undefined);
  return runner ? `: its test script runs theirs through ${runner} (\`${test}\`)` : '';
}

/**
 * Commands that run Jest with a config of their own, which no rewrite of the script can carry over
 * (survey D11): reported, with where that config lives.
 */
const JEST_WRAPPERS: readonly { readonly command: RegExp; readonly says: (tool: string) => string }[] = [
  {
    command: /\b(?:craco|react-app-rewired)\s+test\b/,
    says: (tool) => `runs Jest through ${tool}, whose config file may change CRA's Jest config (its \`jest\` section, overrides): the Vitest config holds CRA's own; carry over what that file adds by hand`,
  },
  {
    command: /\brazzle\s+test\b/,
    says: (tool) => `runs Jest through ${tool}, whose built-in config (jsdom, CSS and file stubs, babel) must move to vitest.config.ts; replace the command with \`vitest\``,
  },
  {
    command: /\b(?:tsdx|kcd-scripts)\s+test\b/,
    says: (tool) => `runs Jest through ${tool} with its own built-in config (this recipe does not rewrite it): replace the command with \`vitest run\` once vitest.config.ts holds what that config did`,
  },
  {
    command: /\bnx\s+(?:test\b|affected:test\b|(?:run-many|affected)\b.*(?:-t|--targets?)[= ]+\S*\btest\b)/,
    says: () => 'runs the projects\' `test` targets through Nx; where those targets use the @nx/jest:jest executor (project.json), switch them to @nx/vite:test (or @nx/vitest) by hand: this recipe does not edit project.json',
  },
  {
    command: /\bng\s+test\b/,
    says: () => "runs `ng test`: when angular.json's test builder is a Jest one (@angular-builders/jest), switch it to Angular's Vitest builder (@angular/build:unit-test) by hand: this recipe does not edit angular.json",
  },
];

/**
 * Why a jest-preset-angular project stops after setup (ykimura-tis/my-app, Angular 18): the preset
 * compiles components and their templates for Jest, sets jsdom and its serializers, and its
 * setup-jest entry starts TestBed on zone.js through Jest's globals; a Vitest config translated
 * from the project's own options has none of it, and every step failed as its setup file loaded
 * ("window is not defined"). What replaces it is Angular's build, not this recipe's.
 */
const ANGULAR_STOP =
  "jest-preset-angular: Angular's tests need Angular's compiler under Vitest, which this recipe does not set up: " +
  "from Angular 20 `ng test` with the @angular/build:unit-test builder, " +
  "before it @analogjs/vitest-angular (@analogjs/vite-plugin-angular in vitest.config, its setup-zone file instead of jest-preset-angular/setup-jest). " +
  'Nothing was changed: every step would fail as its setup file loads';

/**
 * Why a project on React Native's Jest preset stops after setup (PonceGL/theme, react-native 0.72):
 * the preset (react-native's, or Expo's jest-expo over it) transforms react-native's Flow-typed
 * sources with its Babel preset, resolves Haste's platform files (`.ios.js`, `.native.js`) and mocks
 * the native modules in its setup file. Vite parses none of it: the step's one test file failed
 * to load as it imported the library's entry ("Expected 'from', got 'typeOf'": react-native's
 * `import typeof`). No option setup could translate gives Vitest that.
 */
const REACT_NATIVE_PRESET = /^(?:react-native|@react-native\/jest-preset|jest-expo)(?:\/|$)/;

function reactNativeStop(preset: string): string {
  return (
    `preset "${preset}": React Native's Jest preset transforms react-native's Flow-typed sources, resolves its platform files (.ios.js, .native.js) and mocks its native modules; ` +
    "Vite does none of it (a test that imports react-native, directly or through the code it tests, fails to load: \"Expected 'from', got 'typeOf'\"), and this recipe knows no Vitest setup that does. " +
    'Nothing was changed: keep these tests on Jest, or move by hand the ones that import nothing of React Native'
  );
}

/**
 * A root that runs no Jest whose workspace packages run their own: each package is migrated in its
 * own folder (forWorkspacePackages), the root's `test` (turbo, nx, `npm test -ws`) kept, as it runs
 * theirs; said once here. Nx projects whose test target is Jest's executor cannot be carried:
 * the run stops after setup, with no package changed.
 */
function setupWorkspaceRoot(ctx: TsMorphContext, pkg: Record<string, JsonValue>): string | undefined {
  const read = (path: string) => textOf(ctx, path);
  const members = jestWorkspacePackages(ctx.files, read);
  const nx = nxJestProjects(ctx.files, read);
  if (nx.length > 0) {
    ctx.report({
      message: `Jest is set up in workspace packages (${members.join(', ')}), and Nx runs it through the @nx/jest:jest executor of ${nx.map((dir) => `${dir}/project.json`).join(', ')}: this recipe does not edit project.json, and a package whose script and config moved to Vitest would still be tested by that executor. Nothing was changed. Switch those test targets to \`nx:run-script\` (or @nx/vite:test) by hand and run it again`,
      stop: true,
    });
    return undefined;
  }
  // A root that declares the Jest its packages run (hoisted) gets their Vitest beside it; finish removes that Jest there.
  const declared = JEST_PACKAGES.filter((name) => hasDependency(pkg, name));
  ctx.report({ message: `Jest is set up in workspace packages (${members.join(', ')}), not at the root: each is migrated in its own folder (its package.json, Jest config, scripts and Makefile); the root's scripts are left as they are${turboOrNx(pkg)}${declared.length > 0 ? `; the root declares ${declared.join(', ')} for them: Vitest is added beside it, and finish removes Jest there` : ''}` });
  if (declared.length === 0 || hasDependency(pkg, 'vitest')) return undefined;
  // The line every package that takes its Vitest from here fits (each chooses as a root would, on its own facts over the root's).
  const ranges = members.flatMap((dir) => {
    const member = parseJsonObject(read(`${dir}/package.json`));
    if (member === undefined || JEST_PACKAGES.some((name) => hasDependency(member, name))) return [];
    return [chosenRange(memberContext(ctx, `${dir}`, { workspaceManifest: pkg }), member)];
  });
  if (ranges.length === 0 || ranges.includes(undefined)) return undefined;
  const version = ranges.reduce((low, range) => (before(range!, semver.minVersion(low!)?.version ?? '0.0.0') ? range : low));
  if (version === undefined) return undefined;
  ctx.report({ message: `vitest ${version} at the root, for ${members.join(', ')}: the line each of them fits (their reports say why)` });
  return printManifest(ctx, { ...pkg, devDependencies: insertSorted((pkg['devDependencies'] ?? {}) as Record<string, JsonValue>, 'vitest', version) });
}

/** Setup and finish of the root's package.json and Makefile, and of each workspace package that runs its own Jest (workspace-packages.ts). */
export default forWorkspacePackages(transformManifest);

function transformManifest(_sourceFile: SourceFile, ctx: TsMorphContext): string | undefined {
  if (MAKEFILE.test(ctx.path)) return rewriteMakefile(ctx, phaseOf(ctx));
  if (ctx.path !== 'package.json') return undefined;
  let pkg: Record<string, JsonValue>;
  try {
    pkg = JSON.parse(ctx.text) as Record<string, JsonValue>;
  } catch (error) {
    ctx.report({ message: `package.json does not parse: ${(error as Error).message}` });
    return undefined;
  }
  const phase = phaseOf(ctx);
  const scripts = pkg['scripts'];
  if (phase !== 'finish' && scripts && typeof scripts === 'object' && !Array.isArray(scripts)) {
    for (const [name, script] of Object.entries(scripts)) {
      if (typeof script !== 'string') continue;
      const wrapper = JEST_WRAPPERS.find(({ command }) => command.test(script));
      if (wrapper) ctx.report({ message: `scripts.${name}: ${wrapper.says(/\S+(?=\s+(?:affected:)?test\b)/.exec(script)?.[0] ?? 'its runner')}` });
    }
  }
  const hasJest = JEST_PACKAGES.some((name) => hasDependency(pkg, name));
  // At finish the Jest config is the one setup wrapped; there is nothing left to translate.
  const found = phase === 'finish' ? undefined : findJestConfig(ctx);
  if (phase !== 'finish' && jestWorkspacePackages(ctx.files, (path) => textOf(ctx, path)).length > 0) return setupWorkspaceRoot(ctx, pkg);
  // A workspace package forWorkspacePackages hands over runs Jest, declared here or not (its root may declare it).
  const workspacePackage = ctx.options['workspaceManifest'] !== undefined;
  if (!hasJest && !found && !workspacePackage && !(phase === 'finish' && 'jest' in pkg)) return undefined;
  // Angular's tests need Angular's compiler, which jest-preset-angular gave Jest: every step would fail.
  if (phase !== 'finish' && (hasDependency(pkg, 'jest-preset-angular') || found?.config['preset'] === 'jest-preset-angular')) {
    ctx.report({ message: ANGULAR_STOP, stop: true });
    return undefined;
  }
  // React Native's preset gave Jest what Vite cannot load: every step would fail as its tests load.
  const preset = found?.config['preset'];
  const nativePreset = typeof preset === 'string' && REACT_NATIVE_PRESET.test(preset) ? preset : hasDependency(pkg, 'jest-expo') ? 'jest-expo' : undefined;
  if (phase !== 'finish' && nativePreset !== undefined) {
    ctx.report({ message: reactNativeStop(nativePreset), stop: true });
    return undefined;
  }
  const version = vitestRange(ctx, pkg, phase);
  // No fitting Vitest: nothing is changed (the report says why), rather than scripts with no runner.
  if (version === undefined && phase !== 'finish') return undefined;
  const coexist = phase === 'setup';
  const mocks = nodeModuleMocks(ctx.files, pkg, found?.config['roots']);
  const { translation, compat, teardown, copies } = vitestSettings(pkg, found, ctx.options['globals'] === true, coexist, mocks);
  const next: Record<string, JsonValue> = { ...pkg };

  if (scripts && typeof scripts === 'object' && !Array.isArray(scripts)) {
    const rewritten: Record<string, JsonValue> = {};
    for (const [name, script] of Object.entries(scripts)) {
      if (typeof script !== 'string') {
        rewritten[name] = script;
        continue;
      }
      const problems: string[] = [];
      const vitestScript = phase === 'finish' ? finishScript(script, problems, scripts) : rewriteScript(script, problems, coexist, scripts);
      const fitted = version !== undefined && beforeVitest11(version) ? forVitest034(vitestScript, problems) : vitestScript;
      rewritten[name] = version !== undefined && before(version, '4.1.0') ? withoutClearCacheFlag(fitted, version) : fitted;
      for (const problem of problems) {
        // The config that --config named is the one translated below: dropping the flag loses nothing.
        const named = /^jest (?:--config|-c) (\S+) dropped:/.exec(problem)?.[1]?.replace(/^\.\//, '');
        if (named !== undefined && (named === found?.file || phase === 'finish')) continue;
        ctx.report({ message: `scripts.${name}: ${problem}` });
      }
    }
    next['scripts'] = rewritten;
  }

  // A workspace package that ships the Jest preset the config names: its settings are in the Vitest config.
  const presets = presetPackages(pkg, ctx.options);
  const companions = planCompanions(allDependencies(pkg), version, new Set([...JEST_PACKAGES, ...presets]));
  if (phase !== 'finish') for (const message of companions.reports) ctx.report({ message });
  if (phase !== 'finish' && presets.length > 0) ctx.report({ message: `${presets.join(', ')}: the workspace package whose Jest preset the Jest config names; its settings are carried into the Vitest config, and finish removes the dependency` });
  // While the migration is under way Jest (and what only Jest uses) stays installed for the
  // modules not migrated yet.
  const gone = new Set<string>([...JEST_PACKAGES, ...companions.remove, ...presets]);
  for (const field of ['dependencies', 'devDependencies']) {
    const deps = pkg[field];
    if (!deps || typeof deps !== 'object' || Array.isArray(deps)) continue;
    const kept = Object.entries(deps).filter(([name]) => coexist || !gone.has(name));
    next[field] = Object.fromEntries(kept.map(([name, range]) => [name, companions.raise[name] ?? range]));
  }
  if (phase === 'finish') {
    if ('jest' in next) ctx.report({ message: 'package.json still has a "jest" key: Jest is gone, remove it once its settings are in the Vitest config' });
    const nodeTypes = keptNodeTypes(pkg, (path) => textOf(ctx, path));
    if (nodeTypes !== undefined) next['devDependencies'] = insertSorted((next['devDependencies'] ?? {}) as Record<string, JsonValue>, '@types/node', nodeTypes);
    return printManifest(ctx, next);
  }
  let devDependencies = (next['devDependencies'] ?? {}) as Record<string, JsonValue>;
  const present = (name: string) => [next['dependencies'], devDependencies].some((d) => d && typeof d === 'object' && name in d);
  // `vitest run --coverage` needs a coverage provider installed, which Jest had built in.
  const rewrittenScripts = (next['scripts'] ?? {}) as Record<string, JsonValue>;
  // Also a call that hands `--coverage` on to a script running Vitest (dataloader's test:ci,
  // `npm run testonly -- --coverage`): the package manager appends it to that command.
  const forwardsCoverage = (script: string) =>
    script.split(/&&|\|\||;/).some((command) => {
      const call = parseScriptCall(commandWords(command).words);
      const target = call === undefined ? undefined : rewrittenScripts[call.name];
      return call !== undefined && typeof target === 'string' && /\bvitest\b/.test(target) && call.forwarded.some((word) => /^--(?:coverage|collectCoverage)(?:=true)?$/.test(word));
    });
  // And the Makefile's recipes (`make coverage`), rewritten alongside.
  const scriptCoverage = [...Object.values(rewrittenScripts), ...makefileCommands(ctx)].some((script) => typeof script === 'string' && (/\bvitest\b[^;&|]*\s--coverage\b/.test(script) || forwardsCoverage(script)));
  // So does an environment a script names (`--env jsdom` → `--environment=jsdom`: the jsdom package).
  const scriptEnvironments = Object.values(next['scripts'] ?? {}).flatMap((script) =>
    typeof script !== 'string' ? [] : [...script.matchAll(/\bvitest\b[^;&|]*\s--environment=([\w-]+)/g)].flatMap((match) => vitestEnvironment(match[1]!).dependency ?? []),
  );
  const needed = [...new Set([...translation.dependencies, ...scriptEnvironments, ...(scriptCoverage ? ['@vitest/coverage-v8'] : [])])];
  const jsdom = chooseJsdom(allDependencies(pkg));
  if (needed.includes('jsdom') && !present('jsdom') && jsdom.why !== undefined) {
    ctx.report({ message: `jsdom ${jsdom.range}, not the newest: ${jsdom.why}, and its majors differ where tests look (jsdom 26 resolves colours in getComputedStyle, where jest-dom's toHaveStyle('color: white') then fails)` });
  }
  const wanted: (readonly [string, string])[] = needed.map((d) => [d, d === 'jsdom' ? jsdom.range : (DEPENDENCY_VERSIONS[d] ?? 'latest')] as const);
  // The React JSX plugin of the rendered config imports 'vite': a strict package manager (pnpm)
  // resolves only what package.json names. Its range is the Vite the Vitest line runs on.
  const ownConfig = viteConfigPath(ctx) === undefined && (found !== undefined || coexist);
  const react = ownConfig ? reactOf(pkg) : {};
  const { plugin: vuePlugin, vite: vuePluginVite, ...vue } = ownConfig ? vueOf(pkg, version) : {};
  const babel = ownConfig ? { ...(usesFlow(pkg) && { flowTypes: true }), ...(usesBabelMacros(pkg) && { babelMacros: true }), ...(found?.craEnv && { craEnv: true }) } : {};
  // Jest's transform ran every project file, require()d ones too, unless the config emptied it.
  const transform = found?.config['transform'];
  const emptied = transform !== undefined && transform !== null && typeof transform === 'object' && Object.keys(transform).length === 0;
  const requires = ownConfig && !emptied ? { requireThroughVite: true } : {};
  const line = VITEST_LINES.find((candidate) => candidate.range === version);
  const viteRange = line?.vite;
  // pnpm's strict peers refuse the newest Vite when its @types/node peer misses the project's own.
  const strict = line === undefined ? undefined : strictPeerVite(projectFacts(pkg, (path) => textOf(ctx, path), ctx.files), line);
  if (strict !== undefined) ctx.report({ message: strict.why });
  const viteWanted = (react.reactRuntime !== undefined || babel.craEnv || vuePlugin) && viteRange !== undefined ? commonViteMajors(viteRange, vuePluginVite) : undefined;
  if (viteWanted !== undefined || strict?.range !== undefined) wanted.push(['vite', commonViteMajors(viteWanted ?? strict!.range!, strict?.range)]);
  if (vuePlugin) wanted.push(vuePlugin);
  // A workspace package whose Jest its root declares (hoisted) gets Vitest from there too (setupWorkspaceRoot).
  const root = ctx.options['workspaceManifest'] as Record<string, JsonValue> | undefined;
  const fromRoot = root !== undefined && !JEST_PACKAGES.some((name) => hasDependency(pkg, name)) && JEST_PACKAGES.some((name) => hasDependency(root, name));
  for (const [name, range] of [['vitest', version!] as const, ...wanted, ...Object.entries(companions.add)]) {
    if (fromRoot && name === 'vitest') continue;
    if (!present(name)) devDependencies = insertSorted(devDependencies, name, name.startsWith('@vitest/') ? version! : range);
  }
  if (Object.keys(devDependencies).length > 0 || 'devDependencies' in pkg) next['devDependencies'] = devDependencies;

  if (coexist) addCoexistFiles(ctx, next, found, copies);
  // Without a Jest config Vitest's defaults would do, but while Jest runs the unmigrated files
  // Vitest needs a config that leaves those to Jest.
  if (found || coexist) {
    const mockedPackages = mockedPackagesOf(ctx);
    if (mockedPackages.length > 0) ctx.report({ message: mockedPackagesNote(mockedPackages) });
    const text = renderVitestConfig(translation, { ...(coexist && { split: SPLIT_FILE }), ...react, ...vue, ...babel, ...requires, mockedPackages });
    // The config is ESM. In a CommonJS package a .ts file is CommonJS to TypeScript's node16/nodenext
    // resolution, which then refuses its import of 'vitest/config' (TS1479: nestjs/typescript-starter
    // in the corpus); .mts is ESM whatever the package says, and Vitest finds it.
    const configName = pkg['type'] === 'module' ? 'vitest.config.ts' : 'vitest.config.mts';
    const notes = found ? [...translation.warnings, ...found.unread.map((u) => `not read from ${found.file}: ${u}`)] : [];
    for (const warning of notes) ctx.report({ message: `jest config (${found!.file}): ${warning}` });
    if (viteConfigPath(ctx) !== undefined) {
      // vite-config.ts puts the `test` block (and the compat file) into the Vite config, which
      // keeps its plugins; a vitest.config.ts beside it would take precedence without them.
      if (found?.file === 'package.json' && !coexist) delete next['jest'];
    } else if (ctx.addFile) {
      ctx.addFile(configName, text);
      for (const file of [compat, teardown]) if (file) ctx.addFile(file.path, file.text);
      if (found?.file === 'package.json' && !coexist) delete next['jest'];
    } else {
      ctx.report({ message: `create ${configName} (this runner offers no ctx.addFile) with:\n${text}` });
      for (const file of [compat, teardown]) if (file) ctx.report({ message: `create ${file.path} (this runner offers no ctx.addFile) with:\n${file.text}` });
    }
  }
  return printManifest(ctx, next);
}

/** The packages the project's own script files (tests, setup files) mock a file inside (package-mocks.ts). */
export function mockedPackagesOf(ctx: TsMorphContext): string[] {
  const scripts = ctx.files.filter((path) => /\.[cm]?[jt]sx?$/.test(path) && !/(?:^|\/)node_modules\//.test(path));
  return mockedPackageFiles(scripts.map((path) => textOf(ctx, path) ?? ''));
}

/** `--no-file-parallelism`, `--maxWorkers` and `--expand` came with Vitest 1.1; the 0.34 line's CLI refuses them. */
function beforeVitest11(range: string): boolean {
  return before(range, '1.1.0');
}

function before(range: string, version: string): boolean {
  const min = semver.validRange(range) === null ? undefined : semver.minVersion(range);
  return min !== undefined && min !== null && semver.lt(min, version);
}

/**
 * `vitest --clearCache` came with Vitest 4.1; before it the cache is a folder Vitest keeps in
 * node_modules (`.vite/vitest` from 1.0, `.vitest` on 0.34), which the script then removes.
 */
function withoutClearCacheFlag(script: string, range: string): string {
  const folder = beforeVitest11(range) ? 'node_modules/.vitest' : 'node_modules/.vite/vitest';
  return script.replace(/(?:\S*node_modules\/vitest\/vitest\.mjs|\bvitest) --clearCache\b/g, `node -e "require('fs').rmSync('${folder}', { recursive: true, force: true })"`);
}

/** A script's Vitest flags in Vitest 0.34's spelling: one thread for `--no-file-parallelism`, the rest left out. */
export function forVitest034(script: string, problems: string[]): string {
  let out = script.replace(/((?:^|[\s/])vitest(?:\.mjs)?\b[^;&|]*?)\s--no-file-parallelism\b/g, '$1 --single-thread');
  // 0.34 kept the thresholds directly under coverage (test.coverage.lines); 1.0 moved them.
  out = out.replace(/(?:^|[\s/])vitest(?:\.mjs)?\b[^;&|]*/g, (command) => command.replace(/(\s)--coverage\.thresholds\.(lines|branches|functions|statements)=/g, '$1--coverage.$2='));
  for (const flag of ['--maxWorkers=\\S+', '--expand']) {
    out = out.replace(new RegExp(String.raw`((?:^|[\s/])vitest(?:\.mjs)?\b[^;&|]*?)\s${flag}(?=$|[\s;&|])`, 'g'), (_all, head: string) => {
      problems.push(`${flag.replace('=\\S+', '')} has no Vitest 0.34 counterpart: left out`);
      return head;
    });
  }
  return out;
}

function parseJsonObject(text: string | undefined): Record<string, JsonValue> | undefined {
  try {
    const parsed = JSON.parse(text ?? '') as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, JsonValue>) : undefined;
  } catch {
    return undefined;
  }
}

function allDependencies(pkg: Record<string, JsonValue>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of ['dependencies', 'devDependencies']) {
    for (const [name, range] of Object.entries((pkg[field] ?? {}) as Record<string, JsonValue>)) if (typeof range === 'string') out[name] = range;
  }
  return out;
}

/**
 * Setup's files for a migration under way: the runner split helper, Vitest copies of the Jest
 * setup files (migrated by the setup codemods after this one), and package.json's "jest" key moved
 * into a jest.config.cjs that leaves Vitest's files to Vitest (JSON cannot call the helper).
 */
function addCoexistFiles(ctx: TsMorphContext, next: Record<string, JsonValue>, found: FoundJestConfig | undefined, copies: VitestSettings['copies']): void {
  // react-scripts reads no jest.config file: its "jest" key stays, and its Jest is not split off.
  if (found?.builtIn === 'react-scripts') {
    ctx.report({ message: "react-scripts test reads only package.json's \"jest\" key, which cannot leave the migrated files to Vitest: until every step has landed, its own `npm test` runs them on Jest too (a land of some steps says so); land all steps together" });
  }
  if (!ctx.addFile) {
    ctx.report({ message: `create ${SPLIT_FILE} and ${SPLIT_TYPES_FILE} (this runner offers no ctx.addFile): see runner-split.ts; Jest and Vitest would otherwise both run every test file` });
    return;
  }
  ctx.addFile(SPLIT_FILE, SPLIT_HELPER);
  ctx.addFile(SPLIT_TYPES_FILE, SPLIT_TYPES);
  for (const copy of copies) {
    const text = textOf(ctx, copy.from);
    if (text === undefined) ctx.report({ message: `setup file ${copy.from}: not among setup's files; copy it to ${copy.to} and migrate it for Vitest (Jest keeps ${copy.from} until finish)` });
    else ctx.addFile(copy.to, copy.mock ? mockCopyText(copy.mock, text) : text);
  }
  if (found?.file === 'package.json' && found.builtIn === undefined) {
    if (ctx.files.some((file) => JEST_CONFIG_FILE.test(file))) return;
    ctx.addFile(movedJestConfigName(next), movedJestConfig(next['jest'] ?? {}));
    delete next['jest'];
  } else if (found === undefined && !ctx.files.some((file) => JEST_CONFIG_FILE.test(file))) {
    // Jest on its defaults (no config file, no "jest" key) would run the migrated files too in the
    // project's own `npm test` between steps: an empty config, wrapped, leaves them to Vitest.
    ctx.addFile(movedJestConfigName(next), movedJestConfig({}));
  }
}

/**
 * The file package.json's "jest" key moves into: jest.config.cjs, which Jest finds from 26 on and
 * whatever the package's "type"; jest.config.js for an older Jest, which looks for that name only
 * (dayjs, Jest 22: it ran without its config, Vitest's files included, and land counted 777 of its
 * tests missing). A "type": "module" package keeps .cjs (its .js would be an ES module).
 */
export function movedJestConfigName(pkg: Record<string, JsonValue>): string {
  const range = [pkg['devDependencies'], pkg['dependencies']].map((deps) => (deps && typeof deps === 'object' && !Array.isArray(deps) ? deps['jest'] : undefined)).find((r) => typeof r === 'string');
  const min = typeof range === 'string' && semver.validRange(range) !== null ? semver.minVersion(range) : null;
  return pkg['type'] !== 'module' && min !== null && semver.major(min) < 26 ? 'jest.config.js' : 'jest.config.cjs';
}

/** package.json's "jest" key as jest.config.cjs (or .js, above), wrapped so that Jest leaves Vitest's files alone. */
export function movedJestConfig(config: JsonValue): string {
  return [
    `// Jest's config, moved here from package.json's "jest" key by codemigrate's jest-to-vitest recipe:`,
    '// while the migration is under way, Jest leaves the test files that Vitest runs to Vitest.',
    `const { withoutVitestFiles } = require('./${SPLIT_FILE}');`,
    '',
    `module.exports = withoutVitestFiles(${JSON.stringify(config, null, 2)});`,
    '',
  ].join('\n');
}

function printManifest(ctx: TsMorphContext, next: Record<string, JsonValue>): string {
  const newline = ctx.text.includes('\r\n') ? '\r\n' : '\n';
  const body = JSON.stringify(next, null, detectIndent(ctx.text)).replace(/\n/g, newline);
  return ctx.text.endsWith('\n') ? body + newline : body;
}
