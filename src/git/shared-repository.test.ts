import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { toRepoPath } from '../core/paths.js';
import { HERMETIC_GIT_ENV, makeTempRepo, useHermeticGit, type TempRepo } from '../../test/helpers/temp-repo.js';
import { openGitRepo } from './index.js';
import { parseSharedRepository, sharedMode } from './shared-perm.js';

useHermeticGit();

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
// What the issue saw: a umask of 022, under which only core.sharedRepository makes objects group-writable.
let savedUmask = 0;
beforeAll(() => {
  savedUmask = process.umask(0o022);
});
afterAll(() => {
  process.umask(savedUmask);
});

const mode = (path: string) => statSync(path).mode & 0o7777;

/** A blob text whose loose object would start a new objects/xx folder. */
function freshBlob(repo: TempRepo, tag: string): { text: string; dir: string; file: string } {
  for (let n = 0; ; n++) {
    const text = `${tag} ${n}\n`;
    const oid = createHash('sha1').update(`blob ${Buffer.byteLength(text)}\0${text}`).digest('hex');
    const dir = join(repo.dir, '.git', 'objects', oid.slice(0, 2));
    if (!existsSync(dir)) return { text, dir, file: join(dir, oid.slice(2)) };
  }
}

// Every spelling git documents (`git init --shared=<value>` sets core.sharedRepository to it).
const SETTINGS = ['group', 'true', 'all', 'world', 'everybody', 'umask', 'false', '0660', '0640', '0664', '0600'];

describe('objects written from Node in a shared repository (core.sharedRepository)', () => {
  it.each(SETTINGS)('get the modes git gives its own with %s', async (value) => {
    const repo = makeTempRepo({ 'a.txt': 'a\n' });
    cleanups.push(() => repo.cleanup());
    repo.git('init', '-q', `--shared=${value}`);
    const git = await openGitRepo(repo.dir);
    cleanups.push(() => git.close());

    const ours = freshBlob(repo, 'written by codemigrate');
    await git.writeCommit({ parent: await git.headCommit(), changes: [{ path: toRepoPath('ours.txt'), content: ours.text }], message: 'ours\n' });
    const theirs = freshBlob(repo, 'written by git');
    execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: repo.dir, input: theirs.text, env: { ...process.env, ...HERMETIC_GIT_ENV } });

    expect(existsSync(ours.file)).toBe(true);
    const modes = (blob: { dir: string; file: string }) => ({ dir: mode(blob.dir).toString(8), file: mode(blob.file).toString(8) });
    expect(modes(ours)).toEqual(modes(theirs));
    expect(repo.git('fsck', '--strict', '--no-dangling')).toBe('');
  });

  it('reads the setting as git does and gives the modes git computes', () => {
    expect([undefined, 'umask', 'false', 'no', '0', 'group', 'true', 'yes', '1', 'all', 'world', 'everybody', '2', '0660', '0640', '660'].map(parseSharedRepository)).toEqual([
      0, 0, 0, 0, 0, 0o660, 0o660, 0o660, 0o660, 0o664, 0o664, 0o664, 0o664, -0o660, -0o640, -0o660,
    ]);
    // drwxrwsr-x and -r--r--r-- under group from 0755 and 0444 (umask 022), as the issue expected.
    expect(sharedMode(0o660, 0o755, true)).toBe(0o2775);
    expect(sharedMode(0o660, 0o444, false)).toBe(0o444);
    expect(sharedMode(-0o640, 0o755, true)).toBe(0o2750);
    expect(sharedMode(-0o640, 0o444, false)).toBe(0o440);
    expect(sharedMode(0, 0o700, true)).toBe(0o700);
  });
});
