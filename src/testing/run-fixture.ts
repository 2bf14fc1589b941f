// Runs one fixture through codemigrate's own engines, as a run would: the transform loaded by the
// same loader (jiti), given the same API or context, its result read by the same rules. Only the
// file set differs: one file, at the fixture's path.

import { basename, dirname } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { CodemodEngine } from '../core/codemod.js';
import { toRepoPath } from '../core/paths.js';
import type { CodemodSpec, Engine } from '../core/recipe.js';
import type { TransformFixture } from './fixtures.js';

export interface FixtureTransform {
  /** Absolute path of the transform module. */
  readonly path: string;
  readonly engine: Engine;
  readonly parser?: string;
  /** Options every fixture gets; a fixture's `X.options.json` is merged over them. */
  readonly options?: Readonly<Record<string, unknown>>;
}

export type FixtureRun =
  | { readonly status: 'done'; readonly text: string; readonly reports: readonly unknown[] }
  | { readonly status: 'error'; readonly error: string };

/** The fixture's file after the transform ran on `text` (the input, or the output to prove idempotency). */
export async function runFixture(engine: CodemodEngine, transform: FixtureTransform, fixture: TransformFixture, text: string): Promise<FixtureRun> {
  const spec: CodemodSpec = {
    kind: 'codemod',
    name: basename(transform.path),
    resolved: transform.path,
    engine: transform.engine,
    ...(transform.parser !== undefined && { parser: transform.parser }),
    // As a recipe beside the transform: a jscodeshift installed there is the one that runs it.
    recipeDir: dirname(transform.path),
    options: { ...transform.options, ...fixture.options },
    field: fixture.name,
  };
  const path = toRepoPath(fixture.path);
  let run;
  try {
    run = await engine.run(spec, [{ path, text }]);
  } catch (error) {
    return { status: 'error', error: error instanceof Error ? error.message : String(error) };
  }
  const outcome = run.files.find((file) => file.path === path);
  const reports = run.reports.map(({ file: _file, codemod: _codemod, ...report }) => report);
  switch (outcome?.status) {
    case 'modified':
      return { status: 'done', text: outcome.text, reports };
    case 'unchanged':
    case 'skipped':
      return { status: 'done', text, reports };
    case 'error':
      return { status: 'error', error: `the transform failed on ${fixture.path}: ${outcome.error}` };
    case 'deleted':
      return { status: 'error', error: `the transform removed ${fixture.path}` };
    default:
      return { status: 'error', error: `the engine returned no outcome for ${fixture.path}` };
  }
}

/** One way a fixture is not met: what differs, as expected and as it came. */
export interface FixtureMismatch {
  readonly what: string;
  readonly expected: unknown;
  readonly actual: unknown;
}

/**
 * The fixture's mismatches (none: it passes): the input must become the output with the expected
 * reports, and the output run again must come back unchanged. A transform that fails on a file
 * throws, with its error.
 */
export async function checkFixture(engine: CodemodEngine, transform: FixtureTransform, fixture: TransformFixture): Promise<FixtureMismatch[]> {
  const first = await runFixture(engine, transform, fixture, fixture.input);
  if (first.status === 'error') throw new Error(first.error);
  const mismatches: FixtureMismatch[] = [];
  if (first.text !== fixture.output) mismatches.push({ what: `${fixture.name}: the output`, expected: fixture.output, actual: first.text });
  if (!isDeepStrictEqual(first.reports, fixture.reports)) {
    mismatches.push({ what: `${fixture.name}: the reports (${fixture.name}.reports.json)`, expected: fixture.reports, actual: first.reports });
  }
  const again = await runFixture(engine, transform, fixture, fixture.output);
  if (again.status === 'error') throw new Error(`run again on its output: ${again.error}`);
  if (again.text !== fixture.output) {
    mismatches.push({ what: `${fixture.name}: run again on its output, the transform changed it (not idempotent)`, expected: fixture.output, actual: again.text });
  }
  return mismatches;
}
