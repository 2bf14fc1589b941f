// Refs with compare-and-swap: every write names the value it expects, so a late write from a
// process that lost the race fails instead of overwriting (FACTS.md, "kill -9 of Node").

import type { RefRecord } from '../core/git.js';
import { revisionArg, runGit, type GitContext } from './git-process.js';

/** The object a ref points to, or undefined if there is no such ref. */
export async function readRef(git: GitContext, ref: string): Promise<string | undefined> {
  const result = await runGit(git, ['rev-parse', '--verify', '-q', revisionArg(ref)], { okExitCodes: [0, 1] });
  const oid = result.stdout.toString('utf8').trim();
  return result.exitCode === 0 && oid ? oid : undefined;
}

export async function createRef(
  git: GitContext,
  ref: string,
  commit: string,
  zeroOid: string,
): Promise<'created' | 'exists'> {
  try {
    await runGit(git, ['update-ref', revisionArg(ref), revisionArg(commit), zeroOid]);
    return 'created';
  } catch (error) {
    // Decided by looking at the ref, not by parsing git's (translatable) message.
    if ((await readRef(git, ref)) !== undefined) return 'exists';
    throw error;
  }
}

export async function updateRef(
  git: GitContext,
  ref: string,
  commit: string,
  expectedOld: string,
): Promise<'updated' | 'moved'> {
  try {
    await runGit(git, ['update-ref', revisionArg(ref), revisionArg(commit), revisionArg(expectedOld)]);
    return 'updated';
  } catch (error) {
    const current = await readRef(git, ref);
    if (current !== expectedOld) return 'moved';
    throw error;
  }
}

export async function deleteRef(git: GitContext, ref: string, expectedOld?: string): Promise<void> {
  const expected = expectedOld === undefined ? [] : [revisionArg(expectedOld)];
  await runGit(git, ['update-ref', '-d', revisionArg(ref), ...expected]);
}

export async function listRefs(git: GitContext, prefix: string): Promise<RefRecord[]> {
  const result = await runGit(git, ['for-each-ref', '--format=%(objectname) %(refname)', revisionArg(prefix)]);
  const records: RefRecord[] = [];
  for (const line of result.stdout.toString('utf8').split('\n')) {
    const space = line.indexOf(' ');
    if (space > 0) records.push({ commit: line.slice(0, space), ref: line.slice(space + 1) });
  }
  return records;
}
