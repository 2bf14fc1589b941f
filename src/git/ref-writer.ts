// Creates refs through one long-lived `git update-ref --stdin`: a transaction per ref (start,
// create, prepare, commit), so that each is still all-or-nothing with "must not exist yet" as its
// expected old value, without a process start per ref (~4–5 ms of a ~8 ms checkpoint; see
// bench/README.md). git ends the process when a transaction fails: the ref is then read to tell
// "exists" from a real failure, and the next call starts a new process.

import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { gitError } from './errors.js';
import { revisionArg, setProcessRef, spawnGit, type GitContext } from './git-process.js';
import { readRef } from './refs.js';

const ARGS = ['update-ref', '--stdin'] as const;

interface Session {
  readonly child: ChildProcessWithoutNullStreams;
  /** Lines not yet matched to a transaction. */
  pending: string;
  stderr: string;
  exited: boolean;
  /** Called with each complete stdout line, or with undefined when the process ended. */
  onLine: ((line: string | undefined) => void) | undefined;
}

export interface RefCreator {
  create(ref: string, commit: string): Promise<'created' | 'exists'>;
  close(): Promise<void>;
}

export function createRefCreator(git: GitContext): RefCreator {
  let session: Session | undefined;
  // One transaction at a time: answers carry no ref name to match them by.
  let chain: Promise<unknown> = Promise.resolve();

  function start(): Session {
    const child = spawnGit(git, ARGS);
    const current: Session = { child, pending: '', stderr: '', exited: false, onLine: undefined };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      current.pending += chunk;
      let newline = current.pending.indexOf('\n');
      while (newline !== -1) {
        const line = current.pending.slice(0, newline);
        current.pending = current.pending.slice(newline + 1);
        current.onLine?.(line);
        newline = current.pending.indexOf('\n');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      current.stderr += chunk.toString('utf8');
    });
    child.stdin.on('error', () => {});
    const ended = () => {
      if (current.exited) return;
      current.exited = true;
      if (session === current) session = undefined;
      current.onLine?.(undefined);
    };
    child.on('close', ended);
    child.on('error', ended);
    setProcessRef(child, false);
    return current;
  }

  async function transaction(ref: string, commit: string): Promise<'created' | 'exists'> {
    const command = `start\ncreate ${revisionArg(ref)} ${revisionArg(commit)}\nprepare\ncommit\n`;
    const current = session ?? (session = start());
    const committed = await new Promise<boolean>((resolve) => {
      current.onLine = (line) => {
        if (line === undefined) resolve(false);
        else if (line === 'commit: ok') resolve(true);
      };
      setProcessRef(current.child, true);
      current.child.stdin.write(command);
    });
    current.onLine = undefined;
    if (!current.exited) setProcessRef(current.child, false);
    if (committed) return 'created';
    if ((await readRef(git, ref)) !== undefined) return 'exists';
    throw gitError({ args: [...ARGS, `(create ${ref})`], exitCode: current.child.exitCode, stderr: current.stderr });
  }

  return {
    create(ref, commit) {
      const result = chain.then(() => transaction(ref, commit));
      chain = result.catch(() => undefined);
      return result;
    },
    async close() {
      await chain;
      const current = session;
      session = undefined;
      if (current === undefined || current.exited) return;
      await new Promise<void>((resolve) => {
        current.child.once('close', () => resolve());
        setProcessRef(current.child, true);
        current.child.stdin.end();
      });
    },
  };
}
