// One run per repository: <gitDir>/codemigrate/lock, created exclusively, holding who owns it.
// A lock whose holder is gone is stale and taken over: on this host, its pid is dead, or the pid
// now names another process (a different boot, or a different start time: pid reuse after a
// crash or a reboot); or the file is torn and older than a few seconds. A lock taken on another
// host is never judged (the repository may be on a shared file system): the error says how to
// remove it by hand. The takeover of one stale lock instance is itself guarded by an exclusive
// "takeover" file named after that instance (inode + content hash), and the stale file is unlinked
// only after re-reading it under that guard: a racer can never remove a lock someone just took.

import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { mkdir, open, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { CodemigrateError } from '../core/errors.js';
import { currentBootId, processStartTime } from './process-start.js';

export interface LockInfo {
  readonly pid: number;
  readonly hostname: string;
  readonly runId: string;
  readonly command: string;
  readonly startedAt: string;
  /** Tells two handles of one process apart (same pid, possibly the same millisecond). */
  readonly token: string;
  /** The holder's boot and start time (Linux): a live pid with other values is another process. Absent in old lock files. */
  readonly bootId?: string;
  readonly processStart?: string;
}

export interface LockHandle {
  readonly path: string;
  readonly info: LockInfo;
  /** Removes the lock if it is still ours; safe to call more than once. */
  release(): Promise<void>;
}

export const LOCK_FILE = 'lock';
/** A lock file that never got its content (crash between create and write) is stale after this. */
export const TORN_LOCK_STALE_MS = 5_000;
const TORN_READ_RETRIES = 10;
const TORN_READ_WAIT_MS = 10;
const MAX_ROUNDS = 200;
const BUSY_WAIT_MS = 10;

export function lockPath(gitDir: string): string {
  return join(gitDir, 'codemigrate', LOCK_FILE);
}

export async function acquireLock(gitDir: string, info: { runId: string; command: string }): Promise<LockHandle> {
  const path = lockPath(gitDir);
  await mkdir(join(gitDir, 'codemigrate'), { recursive: true });
  const mine: LockInfo = {
    ...ownIdentity(),
    runId: info.runId,
    command: info.command,
    startedAt: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
  };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (await createExclusive(path, `${JSON.stringify(mine)}\n`)) return lockHandle(path, mine);
    const seen = await readTorn(path);
    if (seen === undefined) continue; // released meanwhile: try again
    const holder = parseLock(seen.text);
    if (!isStale(seen, holder)) throw heldError(path, holder);
    if ((await takeOverStale(path, seen)) === 'busy') await delay(BUSY_WAIT_MS);
  }
  throw new CodemigrateError('lock', `could not take over the stale lock ${path}: other processes kept racing for it`);
}

/**
 * The lock as it is once its holder has finished writing it: a file just created by exclusive
 * open is empty for a moment, and the holder's pid is what the loser's message should name.
 */
async function readTorn(path: string): Promise<Instance | undefined> {
  let seen = await readInstance(path);
  for (let wait = 0; wait < TORN_READ_RETRIES && seen !== undefined && parseLock(seen.text)?.pid === undefined; wait++) {
    await delay(TORN_READ_WAIT_MS);
    seen = await readInstance(path);
  }
  return seen;
}

function lockHandle(path: string, mine: LockInfo): LockHandle {
  let released = false;
  const releaseSync = () => {
    if (released) return;
    released = true;
    process.off('exit', releaseSync);
    try {
      if (isSameHolder(parseLock(readFileSync(path, 'utf8')), mine)) unlinkSync(path);
    } catch {
      // Already gone, or unreadable: either way it is not ours to remove.
    }
  };
  process.on('exit', releaseSync);
  return {
    path,
    info: mine,
    release: async () => releaseSync(),
  };
}

interface Instance {
  readonly ino: number;
  readonly mtimeMs: number;
  readonly text: string;
}

async function takeOverStale(path: string, stale: Instance): Promise<'removed' | 'busy'> {
  const digest = createHash('sha256').update(stale.text).digest('hex').slice(0, 16);
  const guard = `${path}.takeover-${stale.ino}-${digest}`;
  const guardInfo = { ...ownIdentity(), startedAt: new Date().toISOString() };
  if (!(await createExclusive(guard, `${JSON.stringify(guardInfo)}\n`))) {
    // Someone else is taking this instance over. If they died doing so, clear their guard; that
    // needs a death inside a few milliseconds and a race on its remains to go wrong.
    const other = await readInstance(guard);
    if (other !== undefined && isStale(other, parseLock(other.text))) await unlink(guard).catch(() => undefined);
    return 'busy';
  }
  try {
    // Under the guard, nobody else removes this instance and its dead holder cannot: if the file
    // is still the same inode with the same bytes, it is still the stale lock.
    const again = await readInstance(path);
    if (again !== undefined && again.ino === stale.ino && again.text === stale.text) {
      await unlink(path).catch(ignoreNotFound);
    }
    return 'removed';
  } finally {
    await unlink(guard).catch(() => undefined);
  }
}

function ownIdentity(): Pick<LockInfo, 'pid' | 'hostname' | 'bootId' | 'processStart'> {
  const bootId = currentBootId();
  const processStart = processStartTime(process.pid);
  return {
    pid: process.pid,
    hostname: hostname(),
    ...(bootId !== undefined ? { bootId } : {}),
    ...(processStart !== undefined ? { processStart } : {}),
  };
}

function isStale(instance: Instance, holder: Partial<LockInfo> | undefined): boolean {
  if (holder?.pid === undefined) return Date.now() - instance.mtimeMs > TORN_LOCK_STALE_MS;
  if (holder.hostname !== hostname()) return false;
  return !isAlive(holder.pid) || isReusedPid(holder);
}

/**
 * The holder's pid is alive but names another process: the lock was written in an earlier boot,
 * or by a process that started at another time. Unknown values (an old lock file, no /proc)
 * prove nothing: the live pid is then taken to be the holder.
 */
function isReusedPid(holder: Partial<LockInfo>): boolean {
  if (holder.pid === undefined) return false;
  const boot = currentBootId();
  if (holder.bootId !== undefined && boot !== undefined && holder.bootId !== boot) return true;
  if (holder.processStart === undefined) return false;
  const start = processStartTime(holder.pid);
  return start !== undefined && start !== holder.processStart;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function heldError(path: string, holder: Partial<LockInfo> | undefined): CodemigrateError {
  if (holder?.pid === undefined) {
    return new CodemigrateError('lock', `another codemigrate run holds ${path}: its lock file is being written`);
  }
  const foreign = holder.hostname !== hostname();
  const host = foreign ? ` on host ${holder.hostname ?? '?'}` : '';
  const held = `another codemigrate run holds ${path}: pid ${holder.pid}${host} (${holder.command ?? '?'}, run ${holder.runId ?? '?'}, since ${holder.startedAt ?? '?'})`;
  if (!foreign) return new CodemigrateError('lock', held);
  // Another host's pid cannot be checked from here, and the repository may be shared with it.
  const hint = `the lock was taken on host ${holder.hostname ?? '(unnamed)'}, so this host cannot tell whether that run is still alive; if it is gone, delete ${path} and try again`;
  return new CodemigrateError('lock', [held, hint]);
}

/** The holder, or undefined for a torn, empty or foreign file. */
function parseLock(text: string): Partial<LockInfo> | undefined {
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    const pid = value['pid'];
    // A pid of 0 or below would make process.kill signal a whole process group.
    if (typeof pid !== 'number' || !Number.isSafeInteger(pid) || pid <= 0) return undefined;
    const field = (name: string) => (typeof value[name] === 'string' ? { [name]: value[name] } : {});
    return {
      pid,
      ...field('hostname'),
      ...field('runId'),
      ...field('command'),
      ...field('startedAt'),
      ...field('token'),
      ...field('bootId'),
      ...field('processStart'),
    };
  } catch {
    return undefined;
  }
}

function isSameHolder(holder: Partial<LockInfo> | undefined, mine: LockInfo): boolean {
  return holder?.pid === mine.pid && holder.startedAt === mine.startedAt && holder.token === mine.token;
}

async function createExclusive(path: string, text: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(path).catch(() => undefined);
    throw error;
  }
  await handle.close();
  return true;
}

async function readInstance(path: string): Promise<Instance | undefined> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const info = await handle.stat();
    const text = await handle.readFile('utf8');
    return { ino: info.ino, mtimeMs: info.mtimeMs, text };
  } finally {
    await handle.close();
  }
}

function ignoreNotFound(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
}
