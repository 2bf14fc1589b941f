// What codemod engines take and give back. Codemods never write: they return edits as data and
// one apply point (the runner) owns dry-run, commits and errors.

import type { RepoPath } from './paths.js';
import type { CodemodSpec } from './recipe.js';

export interface SourceFile {
  readonly path: RepoPath;
  readonly text: string;
}

/** A leftover a codemod reported: work it could not do safely, which becomes model work. */
export interface Leftover {
  readonly file: RepoPath;
  readonly line?: number;
  readonly message: string;
  /** The codemod's name as written in the recipe. */
  readonly codemod: string;
  /**
   * The transform said the run cannot go on (`report({ message, stop: true })`). Only a setup
   * codemod's report stops a run (src/runner/setup-stop.ts); elsewhere it is an ordinary leftover.
   */
  readonly stop?: true;
}

export const FILE_STATUSES = ['modified', 'unchanged', 'skipped', 'error'] as const;
export type FileStatus = (typeof FILE_STATUSES)[number];

export type FileOutcome =
  | { readonly path: RepoPath; readonly status: 'modified'; readonly text: string }
  | { readonly path: RepoPath; readonly status: 'unchanged' | 'skipped' }
  /** The transform removed the file (ts-morph's `ctx.removeFile`; setup and finish remove configs). */
  | { readonly path: RepoPath; readonly status: 'deleted' }
  | { readonly path: RepoPath; readonly status: 'error'; readonly error: string };

/** What a transform printed (stdout and stderr) while it ran on one file; bounded. */
export interface TransformOutput {
  readonly file: RepoPath;
  readonly text: string;
}

/**
 * The jscodeshift that parsed, built the transform's API (`j`, `stats`, `report`) and printed:
 * a transform written for another jscodeshift (and its parser versions) runs with that one.
 */
export interface JscodeshiftUsed {
  readonly version: string;
  /** How it was chosen: pinned by the recipe's `jscodeshift` field, resolved as Node would from the transform's file (or the recipe's folder), or codemigrate's own. */
  readonly by: 'pinned' | 'resolved' | 'codemigrate';
  /** Its package folder (absolute); absent for codemigrate's own. */
  readonly from?: string;
}

export interface CodemodRun {
  readonly codemod: string;
  /** jscodeshift codemods only. */
  readonly jscodeshift?: JscodeshiftUsed;
  readonly files: readonly FileOutcome[];
  readonly reports: readonly Leftover[];
  /** Files on which the transform printed something, in file order. */
  readonly output: readonly TransformOutput[];
  readonly durationMs: number;
  /** Files whose outcome came from the codemod result cache (src/codemods/result-cache.ts), not a run. */
  readonly cached?: number;
}

/** Runs one codemod over a set of files. Throws CodemigrateError('transform') if it cannot be loaded. */
export interface CodemodEngine {
  run(spec: CodemodSpec, files: readonly SourceFile[], signal?: AbortSignal): Promise<CodemodRun>;
  /** Loads the transform once to prove that it can be loaded; used while validating a recipe. */
  check(spec: CodemodSpec): Promise<void>;
  close(): Promise<void>;
}
