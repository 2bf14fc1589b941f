// Diffs between two commits, as text for people and as per-file line counts.

import type { FileDiffStat } from '../core/git.js';
import { revisionArg, runGit, type GitContext } from './git-process.js';

// Fixed prefixes and no external or textconv drivers: the same text whatever the user's config.
const DIFF_ARGS = ['diff', '--no-color', '--no-ext-diff', '--no-textconv', '-M', '--src-prefix=a/', '--dst-prefix=b/'];

export async function diffText(git: GitContext, from: string, to: string): Promise<string> {
  const result = await runGit(git, [...DIFF_ARGS, revisionArg(from), revisionArg(to), '--']);
  return result.stdout.toString('utf8');
}

export async function diffStat(git: GitContext, from: string, to: string): Promise<FileDiffStat[]> {
  const args = ['diff', '--numstat', '-z', '-M', '--no-ext-diff', '--no-textconv'];
  const result = await runGit(git, [...args, revisionArg(from), revisionArg(to), '--']);
  return parseNumstat(result.stdout.toString('utf8'));
}

/** `--numstat -z`: "added\tremoved\tpath\0", or "added\tremoved\t\0from\0to\0" for a rename; "-" for binary. */
export function parseNumstat(text: string): FileDiffStat[] {
  const fields = text.split('\0');
  const stats: FileDiffStat[] = [];
  for (let index = 0; index < fields.length; index += 1) {
    const field = fields[index] ?? '';
    const first = field.indexOf('\t');
    const second = field.indexOf('\t', first + 1);
    if (first === -1 || second === -1) continue;
    let path = field.slice(second + 1);
    if (path === '') {
      path = fields[index + 2] ?? '';
      index += 2;
    }
    stats.push({ path, added: toCount(field.slice(0, first)), removed: toCount(field.slice(first + 1, second)) });
  }
  return stats;
}

function toCount(text: string): number {
  return text === '-' ? 0 : Number(text);
}
