// Runs git: hooks silenced, no optional locks, no prompts, no repository location leaking in
// from a hook's environment, and no secret: git runs the repository's own filters (smudge on
// every checkout of a scratch worktree) with the environment it was given. Every git process of
// codemigrate starts here.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { simpleGit } from 'simple-git';
import { CodemigrateError } from '../core/errors.js';
import { DEFAULT_SECRET_NAMES } from '../core/secrets.js';
import { gitError } from './errors.js';

// hooksPath silences hooks; an fsmonitor hook is configured apart from them and must be off too.
const BASE_ARGS = ['-c', 'core.hooksPath=/dev/null', '-c', 'core.fsmonitor=false', '--no-optional-locks'] as const;

// Set by git for hooks and aliases; inherited, they would point our commands at another
// repository, index or object store than the one we opened.
const LEAKING_VARIABLES = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_COMMON_DIR',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_PREFIX',
] as const;

/** Where git runs and what it must not see: one per repository port (its worktrees share it). */
export interface GitContext {
  readonly cwd: string;
  /** Variables hidden besides the leaking ones and the default secrets (the configured key's name). */
  readonly hidden: readonly string[];
}

/** process.env without the leaking variables, the default secrets and `hidden` (the configured key's name). */
export function gitEnv(hidden: readonly string[] = []): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0' };
  for (const name of [...LEAKING_VARIABLES, ...DEFAULT_SECRET_NAMES, ...hidden]) delete env[name];
  return env;
}

export function gitContext(cwd: string, hidden: readonly string[] = []): GitContext {
  return { cwd, hidden: [...hidden] };
}

/** The same hidden variables in another directory (a scratch worktree). */
export function gitIn(git: GitContext, cwd: string): GitContext {
  return { cwd, hidden: git.hidden };
}

/** A long-lived git process (cat-file --batch, update-ref --stdin). The environment is read at each start, as process.env is then. */
export function spawnGit(git: GitContext, args: readonly string[]): ChildProcessWithoutNullStreams {
  return spawn('git', [...BASE_ARGS, ...args], { cwd: git.cwd, env: gitEnv(git.hidden), stdio: ['pipe', 'pipe', 'pipe'] });
}

export interface GitResult {
  readonly exitCode: number;
  readonly stdout: Buffer;
  readonly stderr: string;
}

export interface RunOptions {
  /** Exit codes that are answers rather than failures (e.g. 1 for "no such ref"). */
  readonly okExitCodes?: readonly number[];
}

// simple-git takes these as `-c` pairs and refuses them unless allowed: both turn a feature off.
const BASE_CONFIG = ['core.hooksPath=/dev/null', 'core.fsmonitor=false'];

/**
 * Runs a one-shot git command through simple-git to completion; throws CodemigrateError('git')
 * for an exit code not in okExitCodes. The long-lived streams (cat-file --batch, update-ref
 * --stdin) keep spawnGit: they feed a process for a whole run, which simple-git does not do.
 */
export async function runGit(git: GitContext, args: readonly string[], options: RunOptions = {}): Promise<GitResult> {
  const okExitCodes = options.okExitCodes ?? [0];
  // `--no-optional-locks` is a git option before the command, which simple-git does not take; this
  // variable is the same switch.
  const env = { ...gitEnv(git.hidden), GIT_OPTIONAL_LOCKS: '0' };
  let finished: GitResult | undefined;
  try {
    const client = simpleGit({
      baseDir: git.cwd,
      config: BASE_CONFIG,
      // The environment is ours already (gitEnv); simple-git would strip every GIT_* variable not named.
      allowEnvironment: Object.keys(env),
      unsafe: { allowUnsafeHooksPath: true, allowUnsafeFsMonitor: true },
      // The exit code decides, not simple-git's "non-zero and something on stderr": `rev-parse -q`
      // exits 1 with nothing on stderr, and okExitCodes says which codes are answers.
      errors: (_error, result) => {
        finished = { exitCode: result.exitCode, stdout: Buffer.concat(result.stdOut), stderr: Buffer.concat(result.stdErr).toString('utf8') };
        return undefined;
      },
    }).env(env);
    await client.raw([...args]);
  } catch (cause) {
    // simple-git refused to start: the folder does not exist, or an argument it holds unsafe.
    throw gitError({ args, exitCode: null, stderr: messageOf(cause), cause });
  }
  // A process that could not start (spawn's errno, negative) or was killed has no exit code.
  const exitCode = finished !== undefined && Number.isInteger(finished.exitCode) && finished.exitCode >= 0 ? finished.exitCode : null;
  if (finished === undefined || exitCode === null || !okExitCodes.includes(exitCode)) {
    // Without an exit code, stderr holds simple-git's report of the spawn error, stack and all.
    const stderr = exitCode === null ? (finished?.stderr.split('\n')[0] ?? '') : (finished?.stderr ?? '');
    throw gitError({ args, exitCode, stderr });
  }
  return finished;
}

function messageOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

/** stdout as text without the final newline. */
export async function gitText(git: GitContext, args: readonly string[]): Promise<string> {
  const result = await runGit(git, args);
  return result.stdout.toString('utf8').replace(/\n$/, '');
}

/** A revision or ref name as one argument: never an option, never several words. */
export function revisionArg(name: string): string {
  if (name.length === 0 || name.startsWith('-') || /[\s\0]/.test(name)) {
    throw new CodemigrateError('internal', `not a revision or ref name: ${JSON.stringify(name)}`);
  }
  return name;
}

/** An idle long-lived git process must not keep a finished program running; a busy one must. */
export function setProcessRef(child: ChildProcessWithoutNullStreams, on: boolean): void {
  for (const handle of [child, child.stdin, child.stdout, child.stderr] as const) {
    const target = handle as unknown as { ref?: () => void; unref?: () => void };
    if (on) target.ref?.();
    else target.unref?.();
  }
}
