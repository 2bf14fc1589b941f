import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/helpers/temp-repo.js';
import { expandCommand, shellQuote, verifyEnvironment } from './expand.js';

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
