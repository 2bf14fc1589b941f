// Commit messages with the contract's trailers. Text from outside (module paths) is sanitised.

import type { StepState } from '../core/state.js';
import type { Recipe } from '../core/recipe.js';
import {
  TRAILER_ATTEMPTS,
  TRAILER_ONLY,
  TRAILER_RECIPE,
  TRAILER_RECIPE_FILE,
  TRAILER_RECIPE_HASH,
  TRAILER_RUN,
  TRAILER_SOURCE,
  TRAILER_STEP,
  TRAILER_VERDICT,
  TRAILER_VERIFIED,
  TRAILER_FINISHED_BY,
  sanitizeLine,
} from '../core/trailers.js';

export function stepCommitMessage(recipe: Recipe, runId: string, step: Pick<StepState, 'id' | 'module' | 'files'>, attempts: number, changed: number): string {
  return [
    `codemigrate(${recipe.id}): ${step.id}`,
    '',
    sanitizeLine(`Module ${step.module}: ${changed} of ${step.files.length} files changed.`),
    '',
    `${TRAILER_RUN}: ${runId}`,
    `${TRAILER_STEP}: ${step.id}`,
    `${TRAILER_RECIPE}: ${recipe.id}`,
    `${TRAILER_RECIPE_HASH}: ${recipe.hash}`,
    `${TRAILER_ATTEMPTS}: ${attempts}`,
    '',
  ].join('\n');
}

/** The kept attempt of a step that did not succeed: the step's trailers and `Codemigrate-Verified: no`. */
export function keptAttemptMessage(recipe: Pick<Recipe, 'id' | 'hash'>, runId: string, step: Pick<StepState, 'id' | 'module' | 'files'>, attempts: number, status: string, reason: string): string {
  return [
    `codemigrate(${recipe.id}): ${step.id} (${status}, not verified)`,
    '',
    sanitizeLine(`The step's last attempt, kept for a person to finish: ${reason}`, 1000),
    '',
    `Commit fixes on this branch; \`codemigrate review ${step.id} --verify\` (or \`resume\`) verifies them.`,
    '',
    `${TRAILER_RUN}: ${runId}`,
    `${TRAILER_STEP}: ${step.id}`,
    `${TRAILER_RECIPE}: ${recipe.id}`,
    `${TRAILER_RECIPE_HASH}: ${recipe.hash}`,
    `${TRAILER_ATTEMPTS}: ${attempts}`,
    `${TRAILER_VERIFIED}: no`,
    '',
  ].join('\n');
}

/** Closes a step that a person finished: their commits passed verify. Names who made them. */
export function finishedByMessage(recipe: Recipe, runId: string, step: Pick<StepState, 'id'>, attempts: number, authors: readonly string[], commits: number): string {
  return [
    `codemigrate(${recipe.id}): ${step.id} finished by hand`,
    '',
    `${commits} commit(s) made by hand on the step's branch passed verify.`,
    '',
    `${TRAILER_RUN}: ${runId}`,
    `${TRAILER_STEP}: ${step.id}`,
    `${TRAILER_RECIPE}: ${recipe.id}`,
    `${TRAILER_RECIPE_HASH}: ${recipe.hash}`,
    `${TRAILER_ATTEMPTS}: ${attempts}`,
    `${TRAILER_FINISHED_BY}: ${sanitizeLine(authors.join(", "), 1000)}`,
    '',
  ].join('\n');
}

export function baseCommitMessage(recipe: Recipe, runId: string, sourceCommit: string, changed: number, only?: string): string {
  return [
    `codemigrate(${recipe.id}): base of run ${runId}`,
    '',
    changed > 0 ? `Setup changed ${changed} files.` : 'No setup changes.',
    '',
    `${TRAILER_RUN}: ${runId}`,
    `${TRAILER_RECIPE}: ${recipe.id}`,
    `${TRAILER_RECIPE_HASH}: ${recipe.hash}`,
    `${TRAILER_RECIPE_FILE}: ${sanitizeLine(recipe.file, 4096)}`,
    `${TRAILER_SOURCE}: ${sourceCommit}`,
    // The CLI refuses control characters in --only, so the glob survives as one trailer line.
    ...(only !== undefined ? [`${TRAILER_ONLY}: ${sanitizeLine(only, 4096)}`] : []),
    '',
  ].join('\n');
}

/** `recipeHash`: the recipe version the step was made with, when it is not the run's current one. */
export function landCommitMessage(recipe: Recipe, runId: string, step: string, finishedBy: readonly string[] = [], recipeHash?: string): string {
  const byHand = finishedBy.length > 0 ? [`${TRAILER_FINISHED_BY}: ${sanitizeLine(finishedBy.join(', '), 1000)}`] : [];
  const earlier = recipeHash !== undefined && recipeHash !== recipe.hash ? [`${TRAILER_RECIPE_HASH}: ${recipeHash}`] : [];
  return [`codemigrate(${recipe.id}): land ${step}`, '', `${TRAILER_RUN}: ${runId}`, `${TRAILER_STEP}: ${step}`, ...byHand, ...earlier, ''].join('\n');
}

export function landVerdictMessage(recipe: Recipe, runId: string, verdict: 'passed' | 'regressed', checks: number, regressions: readonly string[], count: number, flaky?: string): string {
  const summary = checks === 0 ? 'no checks to run' : verdict === 'passed' ? 'no regression against the baseline' : `${count} regression(s) against the baseline`;
  return [
    `codemigrate(${recipe.id}): land verdict of run ${runId}: ${summary}`,
    '',
    ...(regressions.length > 0 ? [...regressions.slice(0, 50).map((line) => sanitizeLine(`- ${line}`, 300)), ''] : []),
    ...(flaky !== undefined ? [sanitizeLine(flaky, 600), ''] : []),
    `${TRAILER_RUN}: ${runId}`,
    `${TRAILER_VERDICT}: ${verdict === 'passed' ? 'passed' : 'unverified'}`,
    '',
  ].join('\n');
}

export function finishCommitMessage(recipe: Recipe, runId: string, changed: number): string {
  return [`codemigrate(${recipe.id}): finish of run ${runId}`, '', `Every step has landed: finish changed ${changed} files.`, '', `${TRAILER_RUN}: ${runId}`, `${TRAILER_RECIPE}: ${recipe.id}`, ''].join('\n');
}
