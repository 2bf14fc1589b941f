// What a step's branch holds, read from its commits' trailers (the refs are the truth):
//   verified   codemigrate's commit of a succeeded step
//   kept       codemigrate's last attempt of a step that did not succeed (`Codemigrate-Verified: no`)
//   start      another commit of the run (the base), where `review --checkout` put a step with no attempt
//   by-hand    commits a person made on top of one of codemigrate's commits of the run: verify
//              them, never overwrite them
//   foreign    a tip whose first-parent history reaches no commit of the run (nothing to verify against)

import type { CommitRecord, GitPort } from '../core/git.js';
import type { StepId } from '../core/plan.js';
import { runRef, TRAILER_RUN, TRAILER_STEP, TRAILER_VERIFIED } from '../core/trailers.js';

export type StepBranch =
  | { readonly kind: 'none'; readonly ref: string }
  | { readonly kind: 'verified'; readonly ref: string; readonly commit: CommitRecord }
  | { readonly kind: 'kept'; readonly ref: string; readonly commit: CommitRecord }
  /** Made by `review STEP --checkout` for a step with no attempt: a run commit (the base) to start from. */
  | { readonly kind: 'start'; readonly ref: string; readonly commit: CommitRecord }
  | {
      readonly kind: 'by-hand';
      readonly ref: string;
      readonly tip: CommitRecord;
      /** The commit the step's edits apply to: the parent of codemigrate's attempt, or the run commit the person started from. */
      readonly parent: string;
      /** Authors of the commits made by hand, first-parent order, each once. */
      readonly authors: readonly string[];
      readonly commits: number;
    }
  | { readonly kind: 'foreign'; readonly ref: string; readonly tip: CommitRecord };

/** How far back the first-parent walk looks for the run's commit a person built on. */
const MAX_HAND_COMMITS = 500;

export function isOwnCommit(record: CommitRecord, runId: string, step: StepId): boolean {
  return record.trailers[TRAILER_RUN] === runId && record.trailers[TRAILER_STEP] === step;
}

export async function readStepBranch(git: GitPort, prefix: string, runId: string, step: StepId): Promise<StepBranch> {
  const ref = runRef(prefix, runId, step);
  const commit = await git.readRef(ref);
  if (commit === undefined) return { kind: 'none', ref };
  const tip = await git.readCommit(commit);
  if (isOwnCommit(tip, runId, step)) return { kind: tip.trailers[TRAILER_VERIFIED] === 'no' ? 'kept' : 'verified', ref, commit: tip };
  if (tip.trailers[TRAILER_RUN] === runId) return { kind: 'start', ref, commit: tip };
  const authors: string[] = [];
  let current = tip;
  for (let count = 0; count < MAX_HAND_COMMITS; count += 1) {
    if (!authors.includes(current.author)) authors.push(current.author);
    const parentId = current.parents[0];
    if (parentId === undefined) break;
    const parent = await git.readCommit(parentId);
    if (parent.trailers[TRAILER_RUN] === runId) {
      // On the step's own attempt: the edits apply to that attempt's parent. On the base (or a
      // stacked predecessor): to that commit.
      const start = parent.trailers[TRAILER_STEP] === step ? parent.parents[0] : parent.oid;
      if (start === undefined) break;
      return { kind: 'by-hand', ref, tip, parent: start, authors, commits: count + 1 };
    }
    current = parent;
  }
  return { kind: 'foreign', ref, tip };
}
