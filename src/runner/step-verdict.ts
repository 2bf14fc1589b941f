// Pure: what a step's ladder does once its codemods have run. The real run (run-step.ts) and the
// dry run (app/run.ts) both decide here, so that a dry run announces the verdict a run would give.

import type { Leftover } from '../core/codemod.js';
import type { ModelSpec, ModelTrigger } from '../core/recipe.js';

export type CodemodVerdict =
  /** A codemod threw on a file and no other file changed: nothing to verify. */
  | { readonly next: 'failed'; readonly reason: string }
  /** The recipe's model step is due and no model is configured: the step ends needs-model. */
  | { readonly next: 'needs-model'; readonly trigger: ModelTrigger; readonly reason: string }
  /** The recipe's model step is due and a model is configured: it is asked. */
  | { readonly next: 'ask-model'; readonly trigger: ModelTrigger }
  | { readonly next: 'unchanged' }
  /**
   * The codemods changed files and nothing else is due: the change is verified and committed. With
   * `failure` (a codemod threw on a file): verified, kept as the step's attempt, and never succeeded.
   */
  | { readonly next: 'verify'; readonly failure?: string };

export interface CodemodResult {
  /** The recipe's model step, if it has one. */
  readonly model: ModelSpec | undefined;
  readonly modelConfigured: boolean;
  readonly reports: readonly Leftover[];
  /** "<codemod>: <file>: <error>" when a codemod threw on a file (the file is among `reports` too). */
  readonly failure?: string;
  /** How many files the codemods changed. */
  readonly changed: number;
}

export function decideAfterCodemods(result: CodemodResult): CodemodVerdict {
  // A file a codemod threw on is a leftover like any report: the model step takes it when it is due.
  const trigger = result.model ? modelTrigger(result.model, result.reports) : undefined;
  if (trigger !== undefined) {
    return result.modelConfigured ? { next: 'ask-model', trigger } : { next: 'needs-model', trigger, reason: needsModelReason(trigger, result.reports) };
  }
  if (result.failure !== undefined) return result.changed === 0 ? { next: 'failed', reason: result.failure } : { next: 'verify', failure: result.failure };
  return result.changed === 0 ? { next: 'unchanged' } : { next: 'verify' };
}

/** Whether the model step is due right after the codemods: always, or on reported leftovers. */
export function modelTrigger(model: ModelSpec, reports: readonly Leftover[]): ModelTrigger | undefined {
  if (model.when.includes('always')) return 'always';
  if (model.when.includes('reported') && reports.length > 0) return 'reported';
  return undefined;
}

export function needsModelReason(trigger: ModelTrigger, reports: readonly Leftover[]): string {
  if (trigger !== 'reported' || reports.length === 0) return 'the recipe asks a model to edit this step, and no model is configured';
  return `${reports.length} leftover(s) need a model, none is configured: ${firstLeftover(reports)}`;
}

/** A dry run cannot call the model it would ask; it says so, as a needs-model reason. */
export function modelWouldBeAskedReason(trigger: ModelTrigger, reports: readonly Leftover[]): string {
  const leftovers = reports.length > 0 ? `${reports.length} leftover(s): ${firstLeftover(reports)}` : '';
  if (trigger === 'reported') return `a model would be asked: ${leftovers}`;
  return `a model would be asked: the recipe's model step runs for every step (when: ${trigger})${leftovers ? `; ${leftovers}` : ''}`;
}

function firstLeftover(reports: readonly Leftover[]): string {
  const first = reports[0]!;
  const where = first.line === undefined ? first.file : `${first.file}:${first.line}`;
  const more = reports.length > 1 ? ` (and ${reports.length - 1} more)` : '';
  return `${where}: ${first.message}${more}`;
}
