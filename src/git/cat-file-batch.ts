// One long-lived `git cat-file --batch` process that reads objects for many callers. Requests are
// pipelined: each is written to stdin at once and answered in the order written, so a FIFO of
// waiters is the queue. The process keeps Node alive only while a request is waiting. Not through
// simple-git (one process per command, as runGit): a run reads thousands of blobs, and a process
// start per object would cost more than the read.

import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { CodemigrateError } from '../core/errors.js';
import { gitError } from './errors.js';
import { setProcessRef as setRef, spawnGit, type GitContext } from './git-process.js';

export interface GitObject {
  readonly oid: string;
  readonly type: string;
  readonly content: Buffer;
}

interface Waiter {
  readonly name: string;
  readonly resolve: (object: GitObject | undefined) => void;
  readonly reject: (error: unknown) => void;
}

interface Body {
  readonly oid: string;
  readonly type: string;
  /** Content plus the newline that ends every answer. */
  readonly buffer: Buffer;
  filled: number;
}

/** One git process and the state of its answers; a closed session is never reused. */
interface Session {
  readonly child: ChildProcessWithoutNullStreams;
  readonly waiters: Waiter[];
  header: Buffer;
  body: Body | undefined;
  stderr: string;
}

const ARGS = ['cat-file', '--batch'] as const;

export class CatFileBatch {
  readonly #git: GitContext;
  #session: Session | undefined;

  constructor(git: GitContext) {
    this.#git = git;
  }

  /** The object named `name` (an oid or any revision such as "<commit>^{tree}"); undefined if missing. */
  read(name: string): Promise<GitObject | undefined> {
    // The protocol is line-based: a newline or space inside a name would shift every later answer.
    if (!/^\S+$/.test(name)) {
      return Promise.reject(new CodemigrateError('internal', `cat-file: invalid object name ${JSON.stringify(name)}`));
    }
    const session = this.#session ?? this.#start();
    return new Promise((resolve, reject) => {
      session.waiters.push({ name, resolve, reject });
      if (session.waiters.length === 1) setRef(session.child, true);
      session.child.stdin.write(`${name}\n`);
    });
  }

  /** Ends the process once it has answered what was asked. Safe to call more than once. */
  close(): Promise<void> {
    const session = this.#session;
    if (!session) return Promise.resolve();
    this.#session = undefined;
    return new Promise((resolve) => {
      session.child.once('close', () => resolve());
      setRef(session.child, true);
      session.child.stdin.end();
    });
  }

  #start(): Session {
    const child = spawnGit(this.#git, ARGS);
    const session: Session = { child, waiters: [], header: Buffer.alloc(0), body: undefined, stderr: '' };
    this.#session = session;
    child.stdout.on('data', (chunk: Buffer) => receive(session, chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      session.stderr += chunk.toString('utf8');
    });
    child.stdin.on('error', () => {});
    let spawnError: Error | undefined;
    child.on('error', (error) => {
      spawnError = error;
    });
    child.on('close', (code) => {
      if (this.#session === session) this.#session = undefined;
      const waiters = session.waiters.splice(0);
      if (waiters.length === 0) return;
      const exitCode = spawnError ? null : code;
      const error = gitError({ args: ARGS, exitCode, stderr: session.stderr, cause: spawnError });
      for (const waiter of waiters) waiter.reject(error);
    });
    return session;
  }
}

function receive(session: Session, chunk: Buffer): void {
  let data = chunk;
  while (data.length > 0) {
    const body = session.body;
    if (body) {
      const take = Math.min(body.buffer.length - body.filled, data.length);
      data.copy(body.buffer, body.filled, 0, take);
      body.filled += take;
      data = data.subarray(take);
      if (body.filled === body.buffer.length) {
        session.body = undefined;
        const content = body.buffer.subarray(0, body.buffer.length - 1);
        shift(session)?.resolve({ oid: body.oid, type: body.type, content });
      }
      continue;
    }
    const newline = data.indexOf(0x0a);
    if (newline === -1) {
      session.header = Buffer.concat([session.header, data]);
      return;
    }
    const line = Buffer.concat([session.header, data.subarray(0, newline)]).toString('utf8');
    session.header = Buffer.alloc(0);
    data = data.subarray(newline + 1);
    if (!parseHeader(session, line)) return;
  }
}

/** Handles one answer's header line; false when the output can no longer be followed. */
function parseHeader(session: Session, line: string): boolean {
  const fields = line.split(' ');
  const last = fields[fields.length - 1];
  if (last === 'missing') {
    shift(session)?.resolve(undefined);
    return true;
  }
  if (last === 'ambiguous') {
    const waiter = shift(session);
    waiter?.reject(new CodemigrateError('git', `git cat-file: ambiguous object name ${waiter.name}`));
    return true;
  }
  const [oid, type, size] = fields;
  const length = Number(size);
  if (fields.length !== 3 || oid === undefined || type === undefined || !Number.isSafeInteger(length) || length < 0) {
    // Framing is lost: no later answer can be trusted, so the process ends and its waiters fail.
    const shown = JSON.stringify(line.slice(0, 200));
    const error = new CodemigrateError('git', `git cat-file --batch: unexpected output ${shown}`);
    for (const waiter of session.waiters.splice(0)) waiter.reject(error);
    session.child.kill();
    return false;
  }
  session.body = { oid, type, buffer: Buffer.allocUnsafe(length + 1), filled: 0 };
  return true;
}

function shift(session: Session): Waiter | undefined {
  const waiter = session.waiters.shift();
  if (session.waiters.length === 0) setRef(session.child, false);
  return waiter;
}
