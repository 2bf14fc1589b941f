// Turns a failed git process into a CodemigrateError: the command, the exit code and the first
// lines of stderr, with a hint for the failures a user can fix (renovate's lib/util/git/error.ts).

import { CodemigrateError, type ErrorCode } from '../core/errors.js';

const STDERR_LINES = 4;

interface Rule {
  readonly pattern: RegExp;
  readonly code: ErrorCode;
  readonly hint: string;
}

// Only failures that say something about the repository itself become 'repo' (exit 2);
// everything else stays 'git' (an unexpected failure, exit 1).
const RULES: readonly Rule[] = [
  { pattern: /not a git repository/i, code: 'repo', hint: 'not a git repository' },
  {
    pattern: /detected dubious ownership/i,
    code: 'repo',
    hint: 'git refuses a repository owned by another user; see `git config --global --add safe.directory`',
  },
  {
    pattern: /index\.lock': File exists|Unable to create '.*\.lock'/i,
    code: 'git',
    hint: 'another git process holds a lock file; if none is running, remove the .lock file',
  },
  { pattern: /No space left on device/i, code: 'git', hint: 'the disk is full' },
];

export interface GitFailure {
  readonly args: readonly string[];
  /** null when the process could not start or was killed by a signal. */
  readonly exitCode: number | null;
  readonly stderr: string;
  readonly cause?: unknown;
}

export function gitError(failure: GitFailure): CodemigrateError {
  const command = `git ${failure.args.map(quoteArg).join(' ')}`;
  const lines = failure.stderr
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.length > 0)
    .slice(0, STDERR_LINES);
  const rule = RULES.find((candidate) => candidate.pattern.test(failure.stderr));
  const status = failure.exitCode === null ? 'did not run to completion' : `exited with ${failure.exitCode}`;
  const problems = [`${command}: ${status}${rule ? ` (${rule.hint})` : ''}`, ...lines.map((line) => `  ${line}`)];
  return new CodemigrateError(rule?.code ?? 'git', problems, { cause: failure.cause });
}

function quoteArg(arg: string): string {
  return /^[\w@%+=:,./^{}~-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
