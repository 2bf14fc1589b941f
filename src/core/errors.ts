// One error hierarchy. Every error that stops a command carries a code and the exit code it maps
// to; `problems` holds one line per problem, each naming the file and field or the step.

export const ERROR_CODES = [
  'usage', // bad flags or arguments                       → exit 2
  'recipe', // recipe not found, malformed, unknown keys    → exit 2
  'config', // migration.config.json malformed              → exit 2
  'repo', // missing repo, unborn branch, rebase…          → exit 2
  'transform', // a codemod that cannot be loaded           → exit 2
  'lock', // another run holds the repository's lock       → exit 3
  'interrupted', // SIGINT/SIGTERM                          → exit 130
  'git', // a git command failed unexpectedly              → exit 1
  'verify', // a check land needs could not be started     → exit 1
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

const EXIT_CODES: Record<ErrorCode, number> = {
  usage: 2,
  recipe: 2,
  config: 2,
  repo: 2,
  transform: 2,
  lock: 3,
  interrupted: 130,
  git: 1,
  verify: 1,
  internal: 1,
};

export class CodemigrateError extends Error {
  readonly code: ErrorCode;
  readonly problems: readonly string[];

  constructor(code: ErrorCode, problems: string | readonly string[], options?: { cause?: unknown }) {
    const list = typeof problems === 'string' ? [problems] : problems;
    super(list.join('\n'), options);
    this.name = 'CodemigrateError';
    this.code = code;
    this.problems = list;
  }

  get exitCode(): number {
    return EXIT_CODES[this.code];
  }
}

export const usageError = (problems: string | readonly string[]) => new CodemigrateError('usage', problems);
export const recipeError = (problems: string | readonly string[]) => new CodemigrateError('recipe', problems);
export const configError = (problems: string | readonly string[]) => new CodemigrateError('config', problems);
export const repoError = (problems: string | readonly string[]) => new CodemigrateError('repo', problems);
export const transformError = (problems: string | readonly string[], cause?: unknown) =>
  new CodemigrateError('transform', problems, { cause });

export function isCodemigrateError(error: unknown): error is CodemigrateError {
  return error instanceof CodemigrateError;
}
