// Pure: expansion of {files} and {module} in a recipe's verify command, and the environment the
// commands run with.

import { DEFAULT_SECRET_NAMES } from '../core/secrets.js';

/** One POSIX shell word that the shell reads back as exactly `text`, whatever it holds. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** `{files}` → the step's files, each quoted, space-separated; `{module}` → the quoted module path. */
export function expandCommand(command: string, files: readonly string[], module: string): string {
  return expandCheck(command, { files, modules: [module] });
}

/**
 * `{files}` and `{module}` → the quoted lists (a baseline or land covers every module, so
 * `{module}` may stand for several), `{report}` → the quoted path of the file a check writes its
 * machine-readable report to, `{recipeDir}` → the quoted folder of the recipe file (for scripts a
 * recipe ships beside its codemods), `{cache}` → the quoted folder the check keeps its cache in
 * (check-cache.ts).
 */
export function expandCheck(command: string, values: { files: readonly string[]; modules: readonly string[]; report?: string; recipeDir?: string; cache?: string }): string {
  const quoted: Record<string, string> = {
    '{files}': values.files.map(shellQuote).join(' '),
    '{module}': values.modules.map(shellQuote).join(' '),
  };
  if (values.report !== undefined) quoted['{report}'] = shellQuote(values.report);
  if (values.recipeDir !== undefined) quoted['{recipeDir}'] = shellQuote(values.recipeDir);
  if (values.cache !== undefined) quoted['{cache}'] = shellQuote(values.cache);
  // A replacer function, so that "$&" or "$1" in a file name is not read as a pattern.
  return command.replace(/\{files\}|\{module\}|\{report\}|\{recipeDir\}|\{cache\}/g, (token) => quoted[token] ?? token);
}

/**
 * Linux caps one argument at 128 KiB (MAX_ARG_STRLEN), and `sh -c` gets the whole command as one:
 * a `{files}` list of ~3,000 paths gave `spawn E2BIG`. A list is cut so each command stays below this.
 */
export const MAX_COMMAND_BYTES = 100_000;

/**
 * Pure: the lists a command is run with, cut into chunks whose expansion stays under `limit`
 * bytes; a command that names neither list runs once. One name longer than the limit still gets a
 * chunk of its own (the shell then reports it). A command too long without its list runs once
 * with all of it: no chunk could start, and one failure says so as well as thousands.
 */
export function chunkLists(command: string, files: readonly string[], modules: readonly string[], limit = MAX_COMMAND_BYTES): { files: string[]; modules: string[] }[] {
  const key = command.includes('{files}') ? 'files' : command.includes('{module}') ? 'modules' : undefined;
  if (key === undefined) return [{ files: [...files], modules: [...modules] }];
  const list = key === 'files' ? files : modules;
  const uses = command.split(key === 'files' ? '{files}' : '{module}').length - 1;
  const fixed = Buffer.byteLength(expandCheck(command, { files: key === 'files' ? [] : files, modules: key === 'modules' ? [] : modules, report: '/' + 'x'.repeat(200), cache: '/' + 'x'.repeat(200) }));
  if (fixed >= limit) return [{ files: [...files], modules: [...modules] }];
  const chunks: string[][] = [];
  let current: string[] = [];
  let size = fixed;
  for (const name of list) {
    const cost = (Buffer.byteLength(shellQuote(name)) + 1) * uses;
    if (current.length > 0 && size + cost > limit) {
      chunks.push(current);
      current = [];
      size = fixed;
    }
    current.push(name);
    size += cost;
  }
  if (current.length > 0 || chunks.length === 0) chunks.push(current);
  return chunks.map((chunk) => (key === 'files' ? { files: chunk, modules: [...modules] } : { files: [...files], modules: chunk }));
}

/** Commands are shown (in results, on the terminal, in state) at most this long. */
export const SHOWN_COMMAND_CHARS = 2_000;

/** Pure: `command` as people read it, cut after SHOWN_COMMAND_CHARS with the rest counted. */
export function shownCommand(command: string): string {
  if (command.length <= SHOWN_COMMAND_CHARS) return command;
  return `${command.slice(0, SHOWN_COMMAND_CHARS)}… (${command.length - SHOWN_COMMAND_CHARS} more characters)`;
}

export { DEFAULT_SECRET_NAMES };

/** `env` without the model's secrets (the defaults and `secretNames`); everything else is kept. */
export function verifyEnvironment(env: NodeJS.ProcessEnv, secretNames: readonly string[] = []): NodeJS.ProcessEnv {
  const hidden = new Set<string>([...DEFAULT_SECRET_NAMES, ...secretNames]);
  const result: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    if (!hidden.has(name) && value !== undefined) result[name] = value;
  }
  return result;
}
