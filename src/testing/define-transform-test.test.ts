import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCodemodEngine, createTransformLoader } from '../codemods/index.js';
import { defineTransformTest } from '../testing.js';
import { makeTempDir } from '../../test/helpers/temp-repo.js';
import { readTransformFixtures } from './fixtures.js';
import { checkFixture } from './run-fixture.js';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';

const here = (path: string) => new URL(`./__testfixtures__/${path}`, import.meta.url);

// The helper as an author calls it, over both engines.
defineTransformTest({ transform: here('rename-identifier.ts'), fixtures: here('rename-identifier'), engine: 'jscodeshift', parser: 'tsx' });
defineTransformTest({ transform: here('var-to-let.ts'), fixtures: here('var-to-let'), engine: 'ts-morph', title: 'a ts-morph transform' });
defineTransformTest({ transform: here('var-to-let.ts'), fixtures: here('var-to-let'), engine: 'ts-morph', title: 'with a timeout of its own', timeout: 20_000 });

describe('defineTransformTest', () => {
  // Loading the engine takes the first test 3-5 s on a busy machine: Vitest's default 5 s failed
  // an author's fixture test now and then in a run's baseline, beside the project's other tests.
  it("gives each fixture test a timeout of 60 s that outlasts loading the engine, or the caller's", ({ task }) => {
    const timeouts = (title: string) => {
      const block = task.file.tasks.find((t) => t.name === title);
      return block?.type === 'suite' ? block.tasks.map((t) => (t.type === 'test' ? t.timeout : undefined)) : [];
    };
    expect(timeouts('a ts-morph transform')).toEqual([60_000]);
    expect(timeouts('with a timeout of its own')).toEqual([20_000]);
  });
});

const engine = createCodemodEngine({ workers: 0, load: createTransformLoader() });
const dirs: string[] = [];
afterAll(async () => {
  await engine.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const fixture = { name: 'f', path: 'f.ts', input: 'const a = 1;\n', output: 'const a = 1;\n// touched\n', options: {}, reports: [] };

describe('checkFixture', () => {
  it('names what differs: the reports, and a transform that changes its own output', async () => {
    const transform = { path: join(import.meta.dirname, '__testfixtures__/appends-comment.ts'), engine: 'jscodeshift' as const, parser: 'ts' };
    expect(await checkFixture(engine, transform, fixture)).toEqual([
      { what: 'f: the reports (f.reports.json)', expected: [], actual: [{ message: 'appended' }] },
      { what: 'f: run again on its output, the transform changed it (not idempotent)', expected: fixture.output, actual: `${fixture.output}// touched\n` },
    ]);
    expect(await checkFixture(engine, transform, { ...fixture, output: 'other\n', reports: [{ message: 'appended' }] })).toContainEqual(
      { what: 'f: the output', expected: 'other\n', actual: `${fixture.input}// touched\n` },
    );
  });

  it("fails with the transform's own error, and with the engine's refusal of a parser", async () => {
    const rename = join(import.meta.dirname, '__testfixtures__/rename-identifier.ts');
    await expect(checkFixture(engine, { path: rename, engine: 'jscodeshift', parser: 'babel' }, { ...fixture, input: 'let oldName: number = 1;\n' })).rejects.toThrow(
      /^the transform failed on f\.ts: /,
    );
    await expect(checkFixture(engine, { path: rename, engine: 'jscodeshift', parser: 'typescript' }, fixture)).rejects.toThrow('unknown jscodeshift parser "typescript"');
  });
});

describe('readTransformFixtures', () => {
  it('pairs inputs with outputs, with their options and reports', () => {
    const fixtures = readTransformFixtures(join(import.meta.dirname, '__testfixtures__/rename-identifier'));
    expect(fixtures.map((f) => [f.name, f.path, f.options, f.reports.length])).toEqual([
      ['basic', 'basic.ts', {}, 0],
      ['reported', 'reported.ts', { to: 'renamed' }, 1],
      ['untouched', 'untouched.tsx', {}, 0],
    ]);
  });

  it('refuses an input without its output, and a folder without pairs', () => {
    const dir = makeTempDir('codemigrate-fixtures-');
    dirs.push(dir);
    mkdirSync(join(dir, 'empty'));
    writeFileSync(join(dir, 'a.input.js'), '');
    expect(() => readTransformFixtures(dir)).toThrow(`${join(dir, 'a.input.js')}: no a.output.js beside it`);
    expect(() => readTransformFixtures(join(dir, 'empty'))).toThrow('no fixture pair');
  });
});
