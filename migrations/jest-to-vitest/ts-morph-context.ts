// The second argument a ts-morph transform receives (see shared/DESIGN.md, "Recipe"). Declared
// here rather than imported from src/ so that the migration folder stands on its own; the
// transforms import it as a type only, so nothing is loaded at run time.

import type { Project } from 'ts-morph';

export interface TsMorphLeftover {
  /** 1-based line in the file being transformed. */
  readonly line?: number;
  readonly message: string;
  /**
   * In setup: the run cannot go on (no Vitest fits the project), so it stops after setup with this
   * report as its cause instead of running steps that would all fail. Elsewhere it is ignored.
   */
  readonly stop?: boolean;
}

export interface TsMorphContext {
  /** Repo-relative path of the file. */
  readonly path: string;
  /** The file's text before this run. */
  readonly text: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly report: (leftover: TsMorphLeftover) => void;
  readonly project: Project;
  /** Repo-relative paths of all the files of the step. */
  readonly files: readonly string[];
  /**
   * Creates (or replaces) a file beside the ones the step was given; codemigrate's ts-morph engine
   * offers it. Transforms test for it and report the text to write when a runner lacks it.
   */
  readonly addFile?: (path: string, text: string) => void;
  /** Removes a file of the step (finish removes the old runner's configs); codemigrate's engine offers it. */
  readonly removeFile?: (path: string) => void;
}
