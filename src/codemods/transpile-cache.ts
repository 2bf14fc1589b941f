// A cache of jiti's transpiled output, shared by every codemigrate process of this user: without
// it each CLI process compiled every TypeScript transform again through jiti's babel (the built-in
// jest-to-vitest recipe: ~3 CPU-s per `run`, more than anything else the process does).
//
// Why not jiti's own fsCache: by default it writes into the node_modules next to the transform
// (the user's project) or a /tmp/jiti shared by every user; its entries are named after the file
// and overwritten in place, so a reader racing a writer can meet a half-written file. Here:
//  - the key is a hash of everything the output depends on (the source, jiti's transform options
//    including the file name, jiti's version), so an entry never goes stale and is never rewritten
//    with different bytes;
//  - an entry is written to a temporary name and renamed into place, so a reader sees a whole
//    entry or none, whatever other processes do at the same time;
//  - the folder is the user's own (created 0700, owner and mode checked before use), since its
//    contents are executed; if it cannot be had, nothing is cached and jiti compiles as before.
// A folder in the OS temp directory, not the repository's .git: tests and users run many
// repositories with the same transforms, and the OS may clean it up at any time.

import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Jiti } from 'jiti';

type TransformOptions = Parameters<Jiti['transform']>[0];
export type TransformResult = { code: string; error?: unknown };

const JITI_VERSION = (createRequire(import.meta.url)('jiti/package.json') as { version: string }).version;

/** The folder to use, or undefined when it is not safe (or not possible) to cache. */
export function transpileCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env['CODEMIGRATE_TRANSPILE_CACHE'] === 'off') return undefined;
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  return ownedDir(join(tmpdir(), `codemigrate-transpile-${uid ?? 'user'}`));
}

/** `dir`, created if need be, when it is a real folder of this user that no one else can write to. */
export function ownedDir(dir: string): string | undefined {
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const info = lstatSync(dir);
    // Another user's folder (or a symlink to one) could hold code we would run.
    if (!info.isDirectory() || (uid !== undefined && info.uid !== uid) || (info.mode & 0o022) !== 0) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

/**
 * A jiti `transform` option: jiti's own transform (babel), through the cache in `dir`. A failed
 * transform (jiti returns code that throws __JITI_ERROR__) is not cached.
 */
export function cachedTransform(dir: string): (options: TransformOptions) => TransformResult {
  let compiler: Jiti | undefined;
  return (options) => {
    const key = createHash('sha256').update(JSON.stringify({ jiti: JITI_VERSION, options })).digest('hex');
    const file = join(dir, `${key}.js`);
    try {
      return { code: readFileSync(file, 'utf8') };
    } catch {
      // not cached yet (or unreadable): compile
    }
    // jiti's public transform() with its default (babel) transform; created on the first miss only,
    // so a process whose transforms are all cached never loads babel.
    compiler ??= (createRequire(import.meta.url)('jiti') as typeof import('jiti')).createJiti(import.meta.url, { fsCache: false });
    const code = compiler.transform(options);
    if (!code.includes('__JITI_ERROR__')) {
      const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      try {
        writeFileSync(temporary, code, { mode: 0o600 });
        renameSync(temporary, file);
      } catch {
        rmSync(temporary, { force: true }); // a full or read-only disk: the next process compiles again
      }
    }
    return { code };
  };
}
