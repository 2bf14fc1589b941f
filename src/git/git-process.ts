// Runs git: hooks silenced, no optional locks, no prompts, no repository location leaking in
// from a hook's environment, and no secret: git runs the repository's own filters (smudge on
// every checkout of a scratch worktree) with the environment it was given. Every git process of
// codemigrate starts here.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
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

/** The environment is read at each start, as process.env is then. */
export function spawnGit(git: GitContext, args: readonly string[]): ChildProcessWithoutNullStreams {
  return spawn('git', [...BASE_ARGS, ...args], { cwd: git.cwd, env: gitEnv(git.hidden), stdio: ['pipe', 'pipe', 'pipe'] });
}

export interface GitResult {
  readonly exitCode: number;
  readonly stdout: Buffer;
  readonly stderr: string;
}

export interface RunOptions {
  readonly input?: string | Uint8Array;
  /** Exit codes that are answers rather than failures (e.g. 1 for "no such ref"). */
  readonly okExitCodes?: readonly number[];
}

/** Runs git to completion; throws CodemigrateError('git') for an exit code not in okExitCodes. */
export function runGit(git: GitContext, args: readonly string[], options: RunOptions = {}): Promise<GitResult> {
  const okExitCodes = options.okExitCodes ?? [0];
  return new Promise((resolve, reject) => {
    const child = spawnGit(git, args);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let spawnError: Error | undefined;
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => {
      spawnError = error;
    });
    // git may exit before reading all of its input; that EPIPE is not the error to report.
    child.stdin.on('error', () => {});
    child.on('close', (code) => {
      const stderr = Buffer.concat(err).toString('utf8');
      if (spawnError || code === null || !okExitCodes.includes(code)) {
        const exitCode = spawnError ? null : code;
        reject(gitError({ args, exitCode, stderr: stderr || (spawnError?.message ?? ''), cause: spawnError }));
        return;
      }
      resolve({ exitCode: code, stdout: Buffer.concat(out), stderr });
    });
    child.stdin.end(options.input ?? '');
  });
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
