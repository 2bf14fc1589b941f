// Pure: package.json scripts that run other scripts. `npm run test -- --coverageReporters=lcov`,
// `yarn test --ci`, `pnpm run test --ci`: the package manager appends the arguments to the end of
// the named script, so when that script ends in a Jest command they are Jest's flags and must be
// translated with it. Commands are split on `&&`, `||`, `;` and `|` (inside quotes too: a known
// limit) and read as shell words (shell-words.ts), quotes kept in each word.

import { shellWords } from './shell-words.js';

export interface ScriptCall {
  /** `npm run test`, `yarn test`, … and any npm flags before `--`: the words kept as they are. */
  readonly head: readonly string[];
  /** The script it runs. */
  readonly name: string;
  /** `--` when the call has one before the forwarded arguments (npm needs it). */
  readonly separator: '--' | '';
  /** The arguments handed on to the script. */
  readonly forwarded: readonly string[];
}

/** What a script ends with when it ends in a Jest command, reached directly or through script calls. */
export interface JestTarget {
  /** The arguments of that Jest command. */
  readonly args: readonly string[];
  /** The script is that one command and nothing else: a call of it can be replaced by the command. */
  readonly alone: boolean;
}

const OPERATOR = /&&|\|\||;|\|/;
const ENV_PREFIX = /^(?:[A-Za-z_][A-Za-z0-9_]*=\S*|cross-env|npx)$/;
const NPM_RUN = new Set(['run', 'run-script', 'rum', 'urn']);
const NPM_TEST = new Set(['test', 'tst', 't']);

/** The words of one command, after environment assignments, `cross-env` and `npx`. */
export function commandWords(command: string): { prefix: string[]; words: string[] } {
  const all = shellWords(command);
  const start = all.findIndex((word) => !ENV_PREFIX.test(word));
  return start < 0 ? { prefix: all, words: [] } : { prefix: all.slice(0, start), words: all.slice(start) };
}

/** `npm run test -- a b`, `npm test -- a`, `yarn [run] test a`, `pnpm [run] test a` → the call; else undefined. */
export function parseScriptCall(words: readonly string[]): ScriptCall | undefined {
  const [tool, first, ...rest] = words;
  if (first === undefined) return undefined;
  if (tool === 'npm') {
    let index: number;
    let name: string | undefined;
    if (NPM_TEST.has(first)) {
      name = 'test';
      index = 2;
    } else if (NPM_RUN.has(first)) {
      // npm's own flags may come before the script name (`npm run -s test`).
      index = 2;
      while (words[index]?.startsWith('-') && words[index] !== '--') index++;
      name = words[index++];
    } else return undefined;
    if (name === undefined || name.startsWith('-')) return undefined;
    // npm hands on only what follows `--`; other words are its own options.
    const dashes = words.indexOf('--', index);
    return dashes < 0
      ? { head: words.slice(0, words.length), name, separator: '', forwarded: [] }
      : { head: words.slice(0, dashes), name, separator: '--', forwarded: words.slice(dashes + 1) };
  }
  if (tool === 'yarn' || tool === 'pnpm') {
    const named = first === 'run' ? rest[0] : first;
    if (named === undefined || named.startsWith('-')) return undefined;
    const after = words.slice(first === 'run' ? 3 : 2);
    const separator = after[0] === '--' ? '--' : '';
    return { head: words.slice(0, words.length - after.length), name: named, separator, forwarded: separator ? after.slice(1) : after };
  }
  return undefined;
}

/**
 * The Jest command `scripts[name]` ends with (its last command, following script calls that hand
 * their arguments on), or undefined when it ends in anything else: arguments appended to the
 * script reach only its last command.
 */
export function jestTargetOf(scripts: Readonly<Record<string, unknown>>, name: string, seen: ReadonlySet<string> = new Set()): JestTarget | undefined {
  const script = scripts[name];
  if (typeof script !== 'string' || seen.has(name)) return undefined;
  const commands = script.split(OPERATOR);
  const { words } = commandWords(commands.at(-1) ?? '');
  if (words[0] === 'jest') return { args: words.slice(1), alone: commands.length === 1 };
  const call = parseScriptCall(words);
  // `npm run x` without `--` would take appended flags as its own options.
  if (!call || (words[0] === 'npm' && call.separator === '')) return undefined;
  const inner = jestTargetOf(scripts, call.name, new Set([...seen, name]));
  return inner && { args: [...inner.args, ...call.forwarded], alone: false };
}
