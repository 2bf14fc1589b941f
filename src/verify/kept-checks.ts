// A check's kept process (a recipe check's `serve`, DESIGN "Recipe"): a process that lives as long
// as the run, started where the baseline's check runs, and asked to check each step's worktree
// instead of running the check's `run` there (migrations/shared/tsc-kept.mjs: the typecheck with
// the baseline's parsed program kept). One JSON request a line on its stdin (`{ id, root }`), one
// answer a line on its stdout (`{ id, exitCode, output }`, or `{ id, fallback | error }`); the
// first answer (id 0) is its check of the folder it started in.
//
// Where it runs: in the verify sandbox, as the check's `run` would. It reads files and runs no
// project code but the baseline's own TypeScript (node_modules, read-only there), yet a
// long-lived process the step trees are shown to must not see or keep more than one check does:
// the run's scratch-worktree folder is shown to it read-only (each step's tree is a slot in it,
// reset per step), the folder it started in writable as for any check; no network, the
// allow-listed environment. A model's code is never run by it: type checking reads the text.
//
// Anything unexpected (it cannot start, dies, answers `fallback` or garbage, or times out) makes
// that check run its `run` as before: the kept process only ever saves time.
//
// The processes are kept per check-cache store (one per run) and command; the run closes them.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { Sandbox } from './sandbox.js';

export interface KeptAnswer {
  readonly exitCode: number;
  readonly output: string;
  /** The server's word for how it checked ("baseline", "incremental", "cold"). */
  readonly mode: string;
}

interface KeptServer {
  readonly child: ChildProcessWithoutNullStreams;
  readonly waiting: Map<number, (answer: Record<string, unknown> | undefined) => void>;
  nextId: number;
  dead: boolean;
  /** The request before the next one: it answers one at a time, so a step's timeout starts when its request is sent. */
  turn: Promise<void>;
}

/** store → command → its server. */
const kept = new Map<string, Map<string, KeptServer>>();

export interface KeptStart {
  readonly store: string;
  readonly key: string;
  /** The expanded `serve` command, run under /bin/sh in `cwd`. */
  readonly command: string;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly sandbox: Sandbox | undefined;
  readonly readable: readonly string[];
  readonly timeoutSeconds: number;
  readonly signal: AbortSignal | undefined;
}

/** Starts the check's kept server in `cwd` (ending the one before it): its answer for `cwd`, or undefined. */
export async function startKept(start: KeptStart): Promise<KeptAnswer | undefined> {
  closeKept(start.store, start.key);
  const argv = ['/bin/sh', '-c', `exec ${start.command}`];
  // The steps' slots sit beside the baseline's: the folder holding them all is shown, read-only.
  const options = { cwd: start.cwd, readable: start.readable, shown: [dirname(start.cwd)], network: false };
  const { file, args, env } = start.sandbox ? start.sandbox.wrap(argv, start.env, options) : { file: argv[0]!, args: argv.slice(1), env: start.env };
  let child: ChildProcessWithoutNullStreams;
  try {
    child = spawn(file, args, { cwd: start.cwd, env, stdio: 'pipe' });
  } catch {
    return undefined;
  }
  const server: KeptServer = { child, waiting: new Map(), nextId: 1, dead: false, turn: Promise.resolve() };
  const byStore = kept.get(start.store) ?? new Map<string, KeptServer>();
  kept.set(start.store, byStore);
  byStore.set(start.key, server);
  const end = () => {
    server.dead = true;
    for (const resolve of server.waiting.values()) resolve(undefined);
    server.waiting.clear();
  };
  child.on('error', end);
  child.on('exit', end);
  child.stdin.on('error', () => {}); // it may be gone before a request reaches it
  child.stderr.resume();
  createInterface({ input: child.stdout }).on('line', (line) => {
    let answer: Record<string, unknown> | undefined;
    try {
      answer = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    const id = typeof answer?.['id'] === 'number' ? answer['id'] : undefined;
    if (id === undefined) return;
    server.waiting.get(id)?.(answer);
    server.waiting.delete(id);
  });
  const first = await awaitAnswer(server, 0, start.timeoutSeconds, start.signal);
  // It cannot serve this project (a fallback for the baseline) or did not answer: not kept.
  if (first === undefined || first === FALLBACK) {
    closeKept(start.store, start.key);
    return undefined;
  }
  return first;
}

/** The kept server's check of `cwd`, or undefined when there is none or it cannot answer for it. */
export async function askKept(store: string, key: string, cwd: string, timeoutSeconds: number, signal: AbortSignal | undefined): Promise<KeptAnswer | undefined> {
  const server = kept.get(store)?.get(key);
  if (server === undefined || server.dead) return undefined;
  const before = server.turn;
  let done!: () => void;
  server.turn = new Promise((resolve) => (done = resolve));
  try {
    await before;
    signal?.throwIfAborted();
    if (server.dead) return undefined;
    const id = server.nextId++;
    const answer = awaitAnswer(server, id, timeoutSeconds, signal);
    server.child.stdin.write(`${JSON.stringify({ id, root: cwd })}\n`);
    const result = await answer;
    // A timeout leaves it mid-check: its next answers would be late ones. A fallback for one
    // step (a TypeScript of its own, a tsconfig edit) leaves it serving the others.
    if (result === undefined && !server.dead) closeKept(store, key);
    return result === FALLBACK ? undefined : result;
  } finally {
    done();
  }
}

/** Ends the run's kept processes (or one of them). */
export function closeKept(store: string, key?: string): void {
  const byStore = kept.get(store);
  if (byStore === undefined) return;
  for (const [name, server] of byStore) {
    if (key !== undefined && name !== key) continue;
    server.child.stdin.end();
    server.child.kill('SIGKILL');
    byStore.delete(name);
  }
  if (byStore.size === 0) kept.delete(store);
}

/** An answer that is no check result (`fallback`, `error`): the step's check runs its `run`. */
const FALLBACK = 'fallback';

function awaitAnswer(server: KeptServer, id: number, timeoutSeconds: number, signal: AbortSignal | undefined): Promise<KeptAnswer | typeof FALLBACK | undefined> {
  if (server.dead) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => settle(undefined), Math.min(timeoutSeconds * 1000, 2 ** 31 - 1));
    const onAbort = () => {
      clearTimeout(timer);
      server.waiting.delete(id);
      reject(signal!.reason instanceof Error ? signal!.reason : new Error('verify aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    function settle(answer: Record<string, unknown> | undefined) {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      server.waiting.delete(id);
      const { exitCode, output, mode } = answer ?? {};
      if (answer === undefined) resolve(undefined);
      else resolve(typeof exitCode === 'number' && typeof output === 'string' ? { exitCode, output, mode: typeof mode === 'string' ? mode : 'kept' } : FALLBACK);
    }
    server.waiting.set(id, settle);
  });
}
