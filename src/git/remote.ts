// The shared remote of a distributed run (`run --queue --remote`, `worker`): check that it answers,
// clone it, fetch a run's refs from it, and push one ref so that a ref that exists is never
// overwritten. Pushes carry an expected old value (--force-with-lease=<ref>:<old>, empty: the ref
// must not exist), so a late or duplicate push is refused by the remote itself, whatever raced it.

import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { repoError } from '../core/errors.js';
import { gitContext, runGit, revisionArg } from './git-process.js';

/** Refuses an unreachable or non-repository remote with one line naming it (exit 2). */
export async function checkRemote(url: string, cwd: string): Promise<void> {
  const result = await runGit(gitContext(cwd), ['ls-remote', '--heads', '--', url], { okExitCodes: [0, 1, 2, 128] });
  if (result.exitCode !== 0) {
    const why = result.stderr.split('\n').find((line) => line.trim())?.replace(/^fatal: /, '') ?? `git ls-remote exited ${result.exitCode}`;
    throw repoError(`--remote ${url}: not a git repository this machine can reach (${why})`);
  }
}

export type PushResult = 'pushed' | 'rejected';

/**
 * Pushes `commit` to `ref` on the remote only if the remote's ref is still `expected` (undefined:
 * absent). A refusal is an answer, not an error: another process got there first.
 */
export async function pushRef(repoDir: string, url: string, ref: string, commit: string, expected: string | undefined): Promise<PushResult> {
  const git = gitContext(repoDir);
  const args = ['push', '--porcelain', `--force-with-lease=${revisionArg(ref)}:${expected ?? ''}`, '--', url, `${revisionArg(commit)}:${ref}`];
  const result = await runGit(git, args, { okExitCodes: [0, 1] });
  const line = result.stdout.toString('utf8').split('\n').find((entry) => entry.includes(`:${ref}\t`));
  // Porcelain: "<flag>\t<from>:<to>\t<summary>"; "!" is a rejection (stale info, already exists).
  if (line?.startsWith('!')) return 'rejected';
  if (result.exitCode !== 0 || line === undefined) {
    throw repoError(`git push ${url} ${ref} failed: ${result.stderr.trim().split('\n').pop() ?? `exit ${result.exitCode}`}`);
  }
  return 'pushed';
}

/** The remote's refs under a prefix (`refs/heads/<prefix>/<run>/`), as ref → commit. */
export async function listRemoteRefs(repoDir: string, url: string, prefix: string): Promise<Map<string, string>> {
  const result = await runGit(gitContext(repoDir), ['ls-remote', '--refs', '--', url, `${prefix}*`]);
  const refs = new Map<string, string>();
  for (const line of result.stdout.toString('utf8').split('\n')) {
    const [commit, ref] = line.split('\t');
    if (commit && ref?.startsWith(prefix)) refs.set(ref, commit);
  }
  return refs;
}

/**
 * Makes the local refs under each prefix exactly the remote's (forced, pruned), in one fetch. Only
 * for a cache of the remote (a worker's clone), never for the user's repository. A prefix may be
 * a whole ref name: its ref, and any whose name it begins, are mirrored.
 */
export async function mirrorRemoteRefs(repoDir: string, url: string, prefixes: string | readonly string[]): Promise<void> {
  const refspecs = (typeof prefixes === 'string' ? [prefixes] : prefixes).map((prefix) => `+${prefix}*:${prefix}*`);
  await runGit(gitContext(repoDir), ['fetch', '--quiet', '--prune', '--no-tags', '--', url, ...refspecs]);
}

/**
 * Fetches refs of the remote into the same local refs, in one fetch, without force: a local ref
 * that exists and would not fast-forward stays as it is and the fetch fails.
 */
export async function fetchRef(repoDir: string, url: string, refs: string | readonly string[]): Promise<void> {
  const refspecs = (typeof refs === 'string' ? [refs] : refs).map((ref) => `${revisionArg(ref)}:${ref}`);
  if (refspecs.length === 0) return;
  await runGit(gitContext(repoDir), ['fetch', '--quiet', '--no-tags', '--', url, ...refspecs]);
}

/**
 * A clone of the remote at `dir`, made once and reused (the worker's cache). Cloned beside it
 * and renamed into place, so that two processes cloning at once leave one whole clone.
 */
export async function ensureClone(url: string, dir: string): Promise<void> {
  if (await stat(dir).then(() => true, () => false)) return;
  await mkdir(dirname(dir), { recursive: true });
  const temp = `${dir}.clone-${process.pid}`;
  await rm(temp, { recursive: true, force: true });
  await runGit(gitContext(dirname(dir)), ['clone', '--quiet', '--no-checkout', '--', url, temp]);
  await rename(temp, dir).catch(async (error: NodeJS.ErrnoException) => {
    await rm(temp, { recursive: true, force: true });
    if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
  });
}

/**
 * Points the clone's work tree at `commit` (detached): the config a worker reads is the base's.
 * A clone already there (the run's earlier steps) is left as it is: a checkout is a process.
 */
export async function checkoutDetached(repoDir: string, commit: string): Promise<void> {
  const head = await readFile(join(repoDir, '.git', 'HEAD'), 'utf8').catch(() => '');
  if (head.trim() === commit) return;
  await runGit(gitContext(repoDir), ['checkout', '--quiet', '--force', '--detach', revisionArg(commit)]);
}

/** A ref of a clone, or undefined (one git process; a whole repository port costs several). */
export async function readLocalRef(repoDir: string, ref: string): Promise<string | undefined> {
  const result = await runGit(gitContext(repoDir), ['rev-parse', '--verify', '--quiet', `${revisionArg(ref)}^{commit}`], { okExitCodes: [0, 1] });
  return result.exitCode === 0 ? result.stdout.toString('utf8').trim() : undefined;
}
