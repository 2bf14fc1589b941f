// Runs git: hooks silenced, no optional locks, no prompts, and no repository location leaking in
// from a hook's environment. Every git process of codemigrate starts here.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { CodemigrateError } from '../core/errors.js';
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

export function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0' };
  for (const name of LEAKING_VARIABLES) delete env[name];
  return env;
}

export function spawnGit(cwd: string, args: readonly string[]): ChildProcessWithoutNullStreams {
  return spawn('git', [...BASE_ARGS, ...args], { cwd, env: gitEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
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
export function runGit(cwd: string, args: readonly string[], options: RunOptions = {}): Promise<GitResult> {
  const okExitCodes = options.okExitCodes ?? [0];
  return new Promise((resolve, reject) => {
    const child = spawnGit(cwd, args);
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
export async function gitText(cwd: string, args: readonly string[]): Promise<string> {
  const result = await runGit(cwd, args);
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
