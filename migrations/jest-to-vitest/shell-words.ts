// Pure: the words of a package.json script as sh reads them. '…' quotes everything up to the next
// quote, "…" everything but a backslash before \ " $ ` or a newline, and a backslash outside quotes
// escapes the next character. dayjs's `jest --coverageThreshold="{ \"global\": { \"lines\": 100} }"`
// is one word, not five. Words keep their text (quotes and escapes) so that a rewrite writes back
// what it did not translate as the user wrote it; `unquote` gives the value the command receives.
// An unbalanced quote stands for itself, so a script sh would reject still splits at its spaces.
// Written here rather than taken from shell-quote: its parse gives values only (and operators as
// objects), not each word's text as written, which the rewrite must keep.

/** One shell word, as a regular expression source (no capturing groups, no operators outside quotes). */
export const SHELL_WORD = String.raw`(?:'[^']*'|"(?:[^"\\]|\\[\s\S])*"|\\[\s\S]|[^\s;&|'"\\]|['"\\])+`;

const WORDS = new RegExp(SHELL_WORD, 'g');

/** The words of one command, each as written. */
export function shellWords(command: string): string[] {
  return command.match(WORDS) ?? [];
}

/** The value sh hands the command for one word: quotes removed, escapes resolved. */
export function unquote(word: string): string {
  return word.replace(/'([^']*)'|"((?:[^"\\]|\\[\s\S])*)"|\\([\s\S])/g, (all, single?: string, double?: string, escaped?: string) => {
    if (single !== undefined) return single;
    if (double !== undefined) return double.replace(/\\([\\"$`\n])/g, (_, c: string) => (c === '\n' ? '' : c));
    return escaped === '\n' ? '' : (escaped ?? all);
  });
}
