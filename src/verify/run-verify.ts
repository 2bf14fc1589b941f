// Runs a recipe's verify commands in a directory, one after another, stopping at the first that
// does not pass. Each command runs under /bin/sh in its own process group, so a timeout or an abort
// ends everything it started; output is kept only as a bounded tail.

import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { VerifyCommand } from '../core/recipe.js';
import { VERIFY_TAIL_BYTES, type VerifyResult } from '../core/verify.js';
import { expandCheck, shownCommand, verifyEnvironment } from './expand.js';
import type { Sandbox, SandboxOptions } from './sandbox.js';
import { createTailBuffer } from './tail-buffer.js';

export interface VerifyContext {
  readonly cwd: string;
  readonly files: readonly string[];
  readonly module: string;
  /** Defaults to process.env; the model's secrets are removed either way. */
  readonly env?: NodeJS.ProcessEnv;
  /** More variable names to hide, e.g. the API key variable the config names. */
  readonly secretNames?: readonly string[];
  readonly signal?: AbortSignal;
  /** Runs each command in this sandbox (installs with `network`). */
  readonly sandbox?: Sandbox;
  readonly network?: boolean;
  /** What `{recipeDir}` stands for (the recipe file's folder, for the scripts it ships); shown in the sandbox. */
  readonly recipeDir?: string;
}

/**
 * Runs the command as the leader of its own process group (so a timeout can end all it started)
 * and, beside it in that group, a watchdog that reads a pipe from this process: when the pipe
 * closes — this process finished with the command, or died, even by SIGKILL of its own group —
 * the watchdog kills the whole verify group. Without it, a killed codemigrate left its verify
 * commands running in scratch worktrees that the resume removes and re-creates.
 * (A background list's stdin is /dev/null unless redirected: hence fd 3.)
 */
const GROUP_WRAPPER = 'exec 3<&0; ( while read -r _; do :; done; kill -KILL 0 ) <&3 >/dev/null 2>&1 & exec /bin/sh -c "$1" </dev/null 3<&-';

/** Between SIGTERM and SIGKILL to the process group. */
export const KILL_GRACE_MS = 2_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

/** One result per command run; rejects with an error named 'AbortError' when `signal` aborts. */
export async function runVerify(commands: readonly VerifyCommand[], ctx: VerifyContext): Promise<VerifyResult[]> {
  const env = verifyEnvironment(ctx.env ?? process.env, ctx.secretNames ?? []);
  const results: VerifyResult[] = [];
  for (const command of commands) {
    if (ctx.signal?.aborted) throw abortError(ctx.signal);
    const expanded = expandCheck(command.run, { files: ctx.files, modules: [ctx.module], ...(ctx.recipeDir !== undefined && { recipeDir: ctx.recipeDir }) });
    const result = await runCommand(expanded, command.timeoutSeconds, {
      cwd: ctx.cwd,
      env,
      signal: ctx.signal,
      ...(ctx.sandbox && { sandbox: { sandbox: ctx.sandbox, network: ctx.network === true, ...(ctx.recipeDir !== undefined && { readable: [ctx.recipeDir] }) } }),
    });
    results.push(result);
    if (result.status !== 'passed') break;
  }
  return results;
}

export interface RunOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly signal: AbortSignal | undefined;
  /** Keep the whole stdout and stderr too (up to CAPTURE_LIMIT_BYTES each), for a parser to read. */
  readonly capture?: boolean;
  /** Where to run it (cwd writable); unsandboxed without. */
  readonly sandbox?: { readonly sandbox: Sandbox } & Omit<SandboxOptions, 'cwd'>;
}

/** What a run with `capture` kept besides the tail. */
export interface CapturedRun extends VerifyResult {
  readonly stdout?: string;
  readonly stderr?: string;
}

/** A typecheck of a large project prints megabytes; more than this is not a report worth reading. */
export const CAPTURE_LIMIT_BYTES = 64 * 1024 * 1024;

/** Runs one already expanded command (see runVerify for the rules); never rejects but on abort. */
export function runCommand(command: string, timeoutSeconds: number, options: RunOptions): Promise<CapturedRun> {
  const { signal } = options;
  const started = performance.now();
  const tail = createTailBuffer(VERIFY_TAIL_BYTES);
  const stdout = options.capture ? createCapture(CAPTURE_LIMIT_BYTES) : undefined;
  const stderr = options.capture ? createCapture(CAPTURE_LIMIT_BYTES) : undefined;
  const note = (text: string) => tail.push(Buffer.from(`\n[codemigrate] ${text}\n`));
  const result = (status: VerifyResult['status'], exitCode: number | null): CapturedRun => ({
    command: shownCommand(command),
    status,
    exitCode,
    durationMs: Math.round(performance.now() - started),
    outputTail: tail.text(),
    ...(stdout && { stdout: stdout.text() }),
    ...(stderr && { stderr: stderr.text() }),
  });

  return new Promise((resolve, reject) => {
    let child: ChildProcess;
    try {
      const argv = ['/bin/sh', '-c', GROUP_WRAPPER, 'codemigrate-verify', command];
      const { file, args, env } = options.sandbox
        ? options.sandbox.sandbox.wrap(argv, options.env, { cwd: options.cwd, ...options.sandbox })
        : { file: argv[0]!, args: argv.slice(1), env: options.env };
      child = spawn(file, args, {
        cwd: options.cwd,
        env,
        detached: true,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      child.stdin?.on('error', () => {}); // the watchdog may be gone before we close its pipe
    } catch (error) {
      note(`could not start /bin/sh: ${(error as Error).message}`);
      resolve(result('error', null));
      return;
    }

    let stopReason: 'timeout' | 'abort' | undefined;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let spawnError: Error | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    let killed = false;
    let done = false;

    const signalGroup = (name: NodeJS.Signals) => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, name);
      } catch {
        // ESRCH: the group is already gone.
      }
    };
    // Something outside the group (a daemon that called setsid) may still hold our pipes.
    const abandonStreams = () => {
      child.stdout?.destroy();
      child.stderr?.destroy();
      setImmediate(finish);
    };
    const terminate = () => {
      if (killTimer !== undefined || killed) return;
      signalGroup('SIGTERM');
      killTimer = setTimeout(() => {
        killed = true;
        signalGroup('SIGKILL');
        if (exit !== undefined) abandonStreams();
      }, KILL_GRACE_MS);
    };
    const stop = (reason: 'timeout' | 'abort') => {
      if (done || stopReason !== undefined) return;
      if (reason === 'timeout' && exit !== undefined) return; // finished in time; only leftovers remain
      stopReason = reason;
      terminate();
    };

    const timeoutMs = Number.isFinite(timeoutSeconds) ? Math.min(Math.max(timeoutSeconds * 1000, 0), MAX_TIMER_MS) : MAX_TIMER_MS;
    const timeoutTimer = setTimeout(() => stop('timeout'), timeoutMs);
    const onAbort = () => stop('abort');
    signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout?.on('data', (chunk: Buffer) => {
      tail.push(chunk);
      stdout?.push(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      tail.push(chunk);
      stderr?.push(chunk);
    });
    child.on('error', (error) => {
      spawnError = error;
      finish();
    });
    child.on('exit', (code, exitSignal) => {
      exit = { code, signal: exitSignal };
      child.stdin?.end();
      // Background processes the command left behind would outlive it in the scratch worktree.
      if (killed) abandonStreams();
      else terminate();
    });
    child.on('close', finish);

    function finish() {
      if (done) return;
      done = true;
      clearTimeout(timeoutTimer);
      clearTimeout(killTimer);
      signal?.removeEventListener('abort', onAbort);
      child.stdin?.destroy();
      if (exit !== undefined || stopReason !== undefined) signalGroup('SIGKILL');
      if (stopReason === 'abort') {
        reject(abortError(signal!));
        return;
      }
      if (spawnError !== undefined) {
        note(`could not start /bin/sh in ${options.cwd}: ${spawnError.message}`);
        resolve(result('error', null));
      } else if (stopReason === 'timeout') {
        note(`timed out after ${timeoutSeconds} s; its process group was killed`);
        resolve(result('timed-out', null));
      } else if (exit?.code === 0) {
        resolve(result('passed', 0));
      } else {
        if (exit?.signal) note(`killed by ${exit.signal}`);
        resolve(result('failed', exit?.code ?? null));
      }
    }
  });
}

/** The first `limit` bytes of a stream (a report is read from its start). */
function createCapture(limit: number): { push(chunk: Buffer): void; text(): string } {
  const chunks: Buffer[] = [];
  let size = 0;
  return {
    push(chunk) {
      if (size >= limit) return;
      const kept = chunk.subarray(0, limit - size);
      chunks.push(kept);
      size += kept.length;
    },
    text: () => Buffer.concat(chunks).toString('utf8'),
  };
}

export function abortError(signal: AbortSignal): Error {
  const error = new Error('verify aborted', { cause: signal.reason });
  error.name = 'AbortError';
  return error;
}
