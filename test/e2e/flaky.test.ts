// A test that fails in one of two runs of the same tree is flaky there: a step (and land) run the
// checks once more when every regression is a failed test, and charge only a test that fails both
// times. Deterministic: the "flaky" test fails the first time it runs with the flag on (it leaves a
// marker outside the worktree, so the sandbox is off here) and passes after.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runCliHere } from '../helpers/cli.js';
import { makeTempRepo, useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';

useHermeticGit();
const RECIPE = join(PROJECT_ROOT, 'test/fixtures/flaky/recipe.json');
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const TEST = (name: string, body: string) =>
  [
    "import { test } from 'node:test';",
    "import assert from 'node:assert';",
    "import { existsSync, writeFileSync } from 'node:fs';",
    "import { FLAKY } from './flag.mjs';",
    `test('${name}', () => {`,
    '  if (!FLAKY) return;',
    body,
    '});',
    '',
  ].join('\n');

function project(): { repo: TempRepo; marker: string } {
  const repo = makeTempRepo({
    'src/a/flag.mjs': 'export const FLAKY = false;\n',
    // Fails the first time the flag is on, passes every time after.
    'src/a/a.test.mjs': TEST('sometimes', "  const marker = process.env.FLAKY_MARKER;\n  if (!existsSync(marker)) {\n    writeFileSync(marker, '');\n    assert.fail('first run with the flag on');\n  }"),
    'src/b/flag.mjs': 'export const FLAKY = false;\n',
    // Fails whenever the flag is on: a real regression, whatever the second run.
    'src/b/b.test.mjs': TEST('always', "  assert.fail('the flag breaks it');"),
  });
  const dir = mkdtempSync(join(tmpdir(), 'flaky-marker-'));
  cleanups.push(() => repo.cleanup(), () => rmSync(dir, { recursive: true, force: true }));
  return { repo, marker: join(dir, 'ran') };
}

describe('tests that fail in one of two runs of the same tree', () => {
  it('are not charged to a step, which says so; a test that fails both times still fails its step', async () => {
    const { repo, marker } = project();
    const env = { CODEMIGRATE_SANDBOX: 'off', FLAKY_MARKER: marker };
    const run = await runCliHere(['run', RECIPE, '--repo', repo.dir, '--run-id', 'f1', '--json'], { env });
    expect(existsSync(marker), run.stdout + run.stderr).toBe(true);
    const finished = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const steps = new Map(finished.filter((e) => e.type === 'step-finished').map((e) => [e.step as string, e]));
    expect(steps.get('src-a')).toMatchObject({ status: 'succeeded' });
    expect(steps.get('src-b')).toMatchObject({ status: 'failed' });
    expect(String((steps.get('src-b') as { reason?: string }).reason)).toContain('test no longer passing (failed): always');
    const review = await runCliHere(['review', 'f1', '--repo', repo.dir, '--step', 'src-a'], { env });
    expect(review.stdout).toContain('flaky on this tree, failed in one of two runs and passed in the other (not charged): sometimes');
  });
});
