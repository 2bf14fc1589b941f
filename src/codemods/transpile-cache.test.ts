import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cachedTransform, ownedDir, transpileCacheDir } from './transpile-cache.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'transpile-cache-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const options = (source: string) => ({ source, filename: '/x/transform.ts', ts: true, async: true, interopDefault: false });

describe('transpile cache', () => {
  it('compiles once per content: a second process reads the entry, a changed source gets its own', () => {
    const dir = tempDir();
    const first = cachedTransform(dir)(options('export default (a: number): number => a;'));
    expect(first.code).not.toContain(': number');
    const [entry] = readdirSync(dir);
    expect(readdirSync(dir)).toHaveLength(1);
    // What is in the entry is what the next process gets, without compiling.
    writeFileSync(join(dir, entry!), 'module.exports = "from the cache";');
    expect(cachedTransform(dir)(options('export default (a: number): number => a;')).code).toBe('module.exports = "from the cache";');
    cachedTransform(dir)(options('export default (a: string): string => a;'));
    expect(readdirSync(dir)).toHaveLength(2);
    expect(readdirSync(dir).every((name) => name.endsWith('.js'))).toBe(true); // no temporary file left
  });

  it('does not cache a source that does not compile', () => {
    const dir = tempDir();
    const result = cachedTransform(dir)(options('export default (a: number => a;'));
    expect(result.code).toContain('__JITI_ERROR__');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('uses only a folder of this user that no one else can write to', () => {
    const base = tempDir();
    expect(ownedDir(join(base, 'new'))).toBe(join(base, 'new'));
    const open = join(base, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    expect(ownedDir(open)).toBeUndefined();
    symlinkSync(join(base, 'new'), join(base, 'link'));
    expect(ownedDir(join(base, 'link'))).toBeUndefined();
    writeFileSync(join(base, 'file'), '');
    expect(ownedDir(join(base, 'file'))).toBeUndefined();
    expect(readFileSync(join(base, 'file'), 'utf8')).toBe('');
  });

  it('is off with CODEMIGRATE_TRANSPILE_CACHE=off', () => {
    expect(transpileCacheDir({ CODEMIGRATE_TRANSPILE_CACHE: 'off' })).toBeUndefined();
  });
});
