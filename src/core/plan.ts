// A plan: the steps a recipe runs over one repository at one commit. Step ids are stable (same
// recipe + same files → same ids) and ref-safe: [a-z0-9._-], never "base" or "result", no slash,
// so no step id is a folder of another ref.

import type { RepoPath } from './paths.js';
import type { Isolation } from './recipe.js';

export type StepId = string & { readonly __brand: 'StepId' };

export const RESERVED_STEP_IDS = ['base', 'result'] as const;

export interface PlannedStep {
  readonly id: StepId;
  /** Module path ("packages/ui", "src/components", "." for the root, or a file path). */
  readonly module: string;
  /** 1-based chunk number when a module was split by maxFilesPerStep, else 1. */
  readonly chunk: number;
  readonly files: readonly RepoPath[];
  /** Steps that must succeed first: the previous step when isolation is "stacked". */
  readonly dependsOn: readonly StepId[];
}

export interface Plan {
  readonly recipeId: string;
  readonly recipeHash: string;
  /** The commit the files were read from (the user's HEAD when the run started). */
  readonly sourceCommit: string;
  readonly isolation: Isolation;
  readonly hasSetup: boolean;
  readonly steps: readonly PlannedStep[];
}

/** Why `--only GLOB` cannot select anything, or undefined. */
export function onlyProblem(onlyGlob: string): string | undefined {
  if (onlyGlob.trim() === '') return 'expected a glob of module paths or step ids, got an empty string';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(onlyGlob)) return `control characters are not allowed in a glob: ${JSON.stringify(onlyGlob)}`;
  return undefined;
}
