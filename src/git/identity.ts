// Who commits: the identity git itself would use (`git var`, which honours GIT_AUTHOR_NAME,
// user.name, …), read once. The time is taken per commit, unless GIT_*_DATE fixed it as it would
// for git.

import { runGit, type GitContext } from './git-process.js';

export const FALLBACK_PERSON = 'codemigrate <codemigrate@localhost>';

export interface Signature {
  /** "Name <email>" */
  readonly person: string;
  /** "<unix seconds> <+hhmm>" when the environment fixed the date. */
  readonly fixedDate?: string;
}

export interface Identity {
  readonly author: Signature;
  readonly committer: Signature;
}

export async function readIdentity(git: GitContext): Promise<Identity> {
  const [author, committer] = await Promise.all([
    readSignature(git, 'GIT_AUTHOR_IDENT', 'GIT_AUTHOR_DATE'),
    readSignature(git, 'GIT_COMMITTER_IDENT', 'GIT_COMMITTER_DATE'),
  ]);
  return { author, committer };
}

async function readSignature(git: GitContext, variable: string, dateVariable: string): Promise<Signature> {
  // git var exits non-zero when it has no usable identity ("Author identity unknown").
  const result = await runGit(git, ['var', variable], { okExitCodes: [0, 1, 128] });
  const match = /^(.* <[^<>]*>) (\d+ [+-]\d{4})$/.exec(result.stdout.toString('utf8').trim());
  if (result.exitCode !== 0 || !match?.[1] || !match[2]) return { person: FALLBACK_PERSON };
  return process.env[dateVariable] ? { person: match[1], fixedDate: match[2] } : { person: match[1] };
}

/** "Name <email> <unix seconds> <+hhmm>" for a commit header. */
export function stamp(signature: Signature, now: Date): string {
  return `${signature.person} ${signature.fixedDate ?? formatDate(now)}`;
}

export function formatDate(date: Date): string {
  const offset = -date.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${Math.floor(date.getTime() / 1000)} ${sign}${hours}${minutes}`;
}
