// Combines step commits onto the run's base without touching any working tree: each step is
// replayed as a three-way merge of trees (merge base = the step's parent), one commit per step.
// A step whose parent is the current head is taken as it is (stacked runs fast-forward).

import type { GitPort } from '../core/git.js';
import type { StepId } from '../core/plan.js';

export interface CombineResult {
  readonly head: string;
  readonly landed: readonly StepId[];
  readonly conflicts: readonly { readonly step: StepId; readonly paths: readonly string[] }[];
}

export async function combineSteps(
  git: GitPort,
  base: string,
  steps: readonly { readonly id: StepId; readonly commit: string }[],
  messageFor: (step: StepId) => string,
): Promise<CombineResult> {
  let head = base;
  const landed: StepId[] = [];
  const conflicts: { step: StepId; paths: readonly string[] }[] = [];
  for (const step of steps) {
    const record = await git.readCommit(step.commit);
    const parent = record.parents[0];
    if (parent === undefined) throw new Error(`${step.id}: step commit ${step.commit} has no parent`);
    if (parent === head) {
      head = step.commit;
      landed.push(step.id);
      continue;
    }
    const merged = await git.mergeTree(parent, head, step.commit);
    if (merged.status === 'conflict') {
      conflicts.push({ step: step.id, paths: merged.paths });
      continue;
    }
    head = await git.commitTree({ tree: merged.tree, parents: [head], message: messageFor(step.id) });
    landed.push(step.id);
  }
  return { head, landed, conflicts };
}
