import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/helpers/temp-repo.js';
import { chunkLists, expandCheck, expandCommand, MAX_COMMAND_BYTES, shellQuote, verifyEnvironment } from './expand.js';

const nasty = [
  'plain.ts',
  'with space.ts',
  "it's.ts",
  '$(touch pwned)',
  '`touch pwned2`',
  '"double" $HOME;\\ && rm -rf x',
  "''",
  '',
  '-n',
  'line\nbreak.ts',
  'ünï €.ts',
];

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The words /bin/sh sees after expansion, one per NUL-terminated record. */
function shellWords(command: string, cwd: string): string[] {
  const out = execFileSync('/bin/sh', ['-c', command], { cwd, encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

describe('shellQuote and expandCommand', () => {
  it('quotes with single quotes and \\\' for embedded quotes', () => {
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('')).toBe("''");
  });

  it('expands {files} and {module} so the shell reads back exactly the names, running nothing in them', () => {
    const cwd = makeTempDir();
    dirs.push(cwd);
    const command = expandCommand("printf '%s\\0' {module} {files} {files}", nasty, 'packages/my $(pkg)');
    expect(shellWords(command, cwd)).toEqual(['packages/my $(pkg)', ...nasty, ...nasty]);
    expect(existsSync(join(cwd, 'pwned'))).toBe(false);
    expect(existsSync(join(cwd, 'pwned2'))).toBe(false);
  });

  it('treats $& and $1 in names literally and leaves other braces alone', () => {
    expect(expandCommand('x {files} {other} {module}', ['$&', '$1'], '$`')).toBe("x '$&' '$1' {other} '$`'");
    expect(expandCommand('tsc -p .', ['a'], 'm')).toBe('tsc -p .');
    expect(expandCommand('vitest {files}', [], 'm')).toBe('vitest ');
  });
});

describe('verifyEnvironment', () => {
  it('drops the model secrets and the named ones, keeping everything else', () => {
    const env = { PATH: '/bin', OPENAI_API_KEY: 'sk', AZURE_OPENAI_API_KEY: 'az', MY_KEY: 'k', HOME: '/h' };
    expect(verifyEnvironment(env, ['MY_KEY'])).toEqual({ PATH: '/bin', HOME: '/h' });
    expect(env.OPENAI_API_KEY).toBe('sk');
  });
});

describe('chunkLists', () => {
  const files = Array.from({ length: 3000 }, (_, i) => `packages/some-package-${i % 7}/src/deeply/nested/file-${i}.test.ts`);

  it('cuts a long {files} list so that every expanded command stays under the limit, keeping every name in order', () => {
    const command = 'npx vitest run --reporter=json --outputFile={report} {files}';
    const chunks = chunkLists(command, files, ['.']);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.flatMap((chunk) => chunk.files)).toEqual(files);
    for (const chunk of chunks) {
      const expanded = expandCheck(command, { ...chunk, report: '/tmp/codemigrate-report-abcdef/report.json' });
      expect(Buffer.byteLength(expanded)).toBeLessThanOrEqual(MAX_COMMAND_BYTES);
    }
  });

  it('runs a command without lists once, and cuts {module} lists too', () => {
    expect(chunkLists('npx tsc --noEmit -p .', files, ['a', 'b'])).toEqual([{ files, modules: ['a', 'b'] }]);
    const modules = Array.from({ length: 50 }, (_, i) => `m${i}`);
    const chunks = chunkLists('node --test {module}', [], modules, 100);
    expect(chunks.flatMap((chunk) => chunk.modules)).toEqual(modules);
    expect(chunks.every((chunk) => Buffer.byteLength(expandCheck('node --test {module}', chunk)) <= 100)).toBe(true);
  });

  it('gives an empty list one run, and a name longer than the limit a chunk of its own', () => {
    expect(chunkLists('x {files}', [], ['.'])).toEqual([{ files: [], modules: ['.'] }]);
    expect(chunkLists('x {files}', ['a', 'b'.repeat(200), 'c'], ['.'], 100).map((chunk) => chunk.files.length)).toEqual([1, 1, 1]);
  });

  it('runs a command too long without its list once, with all of it (not a failure per name)', () => {
    expect(chunkLists(`x {files} ${'y'.repeat(200)}`, ['a', 'b', 'c'], ['.'], 100)).toEqual([{ files: ['a', 'b', 'c'], modules: ['.'] }]);
    expect(chunkLists('x {files} {module}', ['a', 'b'], ['m'.repeat(200)], 100)).toEqual([{ files: ['a', 'b'], modules: ['m'.repeat(200)] }]);
  });

  it('expands {report} quoted and {module} as a list', () => {
    expect(expandCheck('t {module} > {report}', { files: [], modules: ['a b', 'c'], report: "/tmp/it's.json" })).toBe("t 'a b' 'c' > '/tmp/it'\\''s.json'");
  });
});
