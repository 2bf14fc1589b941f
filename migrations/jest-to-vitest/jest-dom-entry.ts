// ts-morph setup transform, after package-json.ts: once the root package.json's jest-dom admits no
// version below 6 (setup raised it, companions.ts), every file that names jest-dom's
// `extend-expect` entry, which 6 does not have, names its main entry instead: 6 serves that to
// Jest the same way. Test files and helpers too, not only the Jest setup files: a test file whose
// step is held back still runs under Jest on the base commit (casper-ui-kit: 7 regressions,
// `Cannot find module '@testing-library/jest-dom/extend-expect'`). A step that migrates the file
// later turns the main entry into `/vitest` (jest-api.ts, vitestSpecifier).
//
// The recipe gives it every script file and the tsconfigs (a `types` entry): the prefilter lets
// only the ones that name the entry (and package.json's jest-dom key, read for the version) be parsed.

import type { SourceFile } from 'ts-morph';
import type { TsMorphContext } from './ts-morph-context.js';
import { textOf } from './jest-config-source.js';
// A namespace import: the transform loader may turn this module into CommonJS without default interop.
import * as semver from 'semver';

const JEST_DOM = '@testing-library/jest-dom';
const EXTEND_EXPECT = /(['"])@testing-library\/jest-dom\/extend-expect\1/g;

/** The entry named in a file, or jest-dom as a package.json key (`"@testing-library/jest-dom": "…"`). */
export const prefilter = /@testing-library\/jest-dom(?:\/extend-expect\b|["']\s*:)/;

export default function transform(_sourceFile: SourceFile, ctx: TsMorphContext): string | undefined {
  if (!ctx.text.includes(`${JEST_DOM}/extend-expect`) || !withoutExtendExpect(textOf(ctx, 'package.json'))) return undefined;
  return ctx.text.replace(EXTEND_EXPECT, `$1${JEST_DOM}$1`);
}

/** Whether the root package.json's jest-dom range admits only 6 and later, which have no extend-expect. */
function withoutExtendExpect(manifest: string | undefined): boolean {
  if (manifest === undefined) return false;
  let pkg: unknown;
  try {
    pkg = JSON.parse(manifest);
  } catch {
    return false;
  }
  if (pkg === null || typeof pkg !== 'object') return false;
  const ranges = ['dependencies', 'devDependencies'].map((field) => (pkg as Record<string, Record<string, unknown> | undefined>)[field]?.[JEST_DOM]);
  const range = ranges.find((value): value is string => typeof value === 'string');
  if (range === undefined || semver.validRange(range) === null) return false;
  const min = semver.minVersion(range);
  return min !== null && semver.gte(min, '6.0.0');
}
