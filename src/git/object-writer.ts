// Writes loose objects the way git does: zlib("<type> <size>\0<body>") at objects/xx/<rest>,
// named by the hash of the uncompressed bytes, through a temp file and a rename so a reader never
// sees half an object. An object that is already there as a loose object is not written again.
// A folder it creates and each object get the modes core.sharedRepository asks for, as git's own
// (shared-perm.ts): read-only objects, group-writable setgid folders in a group-shared repository.
//
// Synchronous on purpose: a commit writes a few dozen small files, and each async fs call is a
// thread-pool round trip that costs more than the syscall itself (measured: ~1.5 ms vs ~0.1 ms
// per object). The event loop is held for a few milliseconds per commit at most.

import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { sharedMode, type SharedPerm } from './shared-perm.js';

export const HASH_ALGORITHMS = ['sha1', 'sha256'] as const;
export type HashAlgorithm = (typeof HASH_ALGORITHMS)[number];

export type ObjectType = 'blob' | 'tree' | 'commit';

export function oidBytes(algorithm: HashAlgorithm): number {
  return algorithm === 'sha1' ? 20 : 32;
}

export function hashObject(algorithm: HashAlgorithm, type: ObjectType, body: Uint8Array): { oid: string; raw: Buffer } {
  const raw = Buffer.concat([Buffer.from(`${type} ${body.byteLength}\0`, 'latin1'), body]);
  return { oid: createHash(algorithm).update(raw).digest('hex'), raw };
}

export type ObjectWriter = (type: ObjectType, body: Uint8Array) => string;

export function createObjectWriter(objectsDir: string, algorithm: HashAlgorithm, shared: SharedPerm = 0): ObjectWriter {
  const knownDirs = new Set<string>();
  /** What git does to a path it created (adjust_shared_perm): nothing unless the repository is shared. */
  const adjust = (path: string, isDirectory: boolean) => {
    if (shared === 0) return;
    const mode = statSync(path).mode & 0o7777;
    const wanted = sharedMode(shared, mode, isDirectory);
    if (wanted !== mode) chmodSync(path, wanted);
  };
  return (type, body) => {
    const { oid, raw } = hashObject(algorithm, type, body);
    const dir = join(objectsDir, oid.slice(0, 2));
    const path = join(dir, oid.slice(2));
    if (existsSync(path)) return oid;
    if (!knownDirs.has(dir)) {
      // Only a folder made here is adjusted; one that exists keeps what its creator gave it.
      if (mkdirSync(dir, { recursive: true }) !== undefined) adjust(dir, true);
      knownDirs.add(dir);
    }
    const temp = join(dir, `tmp_obj_${process.pid}_${randomBytes(6).toString('hex')}`);
    try {
      writeFileSync(temp, deflateSync(raw), { flag: 'wx', mode: 0o444 });
      adjust(temp, false);
      renameSync(temp, path);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
    return oid;
  };
}
