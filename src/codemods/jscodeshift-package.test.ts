import { copyFile, mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCodemigrateError } from '../core/errors.js';
import { toRepoPath } from '../core/paths.js';
import type { CodemodSpec } from '../core/recipe.js';
import { createJscodeshiftEngine } from './jscodeshift-engine.js';

// test/fixtures/jscodeshift-own/README.md: a codemod package whose own jscodeshift marks what it prints.
const fixture = fileURLToPath(new URL('../../test/fixtures/jscodeshift-own/', import.meta.url));
const codemods = join(fixture, 'community-codemods');
const printBack = join(codemods, 'transforms/print-back.js');
const itsJscodeshift = join(codemods, 'node_modules/jscodeshift');
const ownJscodeshift = dirname(fileURLToPath(import.meta.resolve('jscodeshift/package.json')));
const marker = (parser: string) => `// printed by the fixture jscodeshift, parsed by fixture-${parser}\n`;

let scratch: string;
beforeAll(async () => {
  // Under the system's temporary folder: no node_modules above it holds a jscodeshift.
  scratch = await mkdtemp(join(tmpdir(), 'codemigrate-own-jscodeshift-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

function spec(resolved: string, extra: Partial<CodemodSpec> = {}): CodemodSpec {
  return { kind: 'codemod', name: 'print-back', resolved, engine: 'jscodeshift', parser: 'flow', options: {}, field: 'steps[0]', ...extra };
}

const files = (count: number) => Array.from({ length: count }, (_, index) => ({ path: toRepoPath(`src/f${index}.js`), text: `const f${index} = 1;\n` }));

describe('the jscodeshift a transform runs with', () => {
  it("is the one its package depends on: that jscodeshift's parsers and printer, in this thread and in workers", async () => {
    for (const workers of [0, 2]) {
      const engine = createJscodeshiftEngine({ workers });
      try {
        const input = files(20); // enough for the worker path (engine: MIN_FILES_FOR_WORKERS)
        const run = await engine.run(spec(printBack), input);
        expect(run.files).toEqual(input.map((file) => ({ path: file.path, status: 'modified', text: file.text + marker('flow') })));
        expect(run.jscodeshift).toEqual({ version: '0.0.1-fixture', by: 'resolved', from: await realpath(itsJscodeshift) });
      } finally {
        await engine.close();
      }
    }
  });

  it("is codemigrate's own when the transform reaches none, and then the same transform changes nothing", async () => {
    const alone = join(scratch, 'alone/print-back.js');
    await mkdir(dirname(alone), { recursive: true });
    await copyFile(printBack, alone);
    const run = await createJscodeshiftEngine().run(spec(alone), files(2));
    expect(run.files.map((file) => file.status)).toEqual(['unchanged', 'unchanged']);
    expect(run.jscodeshift).toMatchObject({ by: 'codemigrate' });
    expect(run.jscodeshift).not.toHaveProperty('from');
  });

  it("is found beside the recipe when the transform's own folder reaches none; a `parser` export goes through its getParser", async () => {
    const transform = join(scratch, 'elsewhere/tsx-print-back.js');
    await mkdir(dirname(transform), { recursive: true });
    await writeFile(transform, "module.exports = (file, api) => api.j(file.source).toSource();\nmodule.exports.parser = 'tsx';\n");
    const run = await createJscodeshiftEngine().run(spec(transform, { recipeDir: codemods }), files(1));
    expect(run.files).toEqual([{ path: 'src/f0.js', status: 'modified', text: `const f0 = 1;\n${marker('tsx')}` }]);
    expect(run.jscodeshift).toMatchObject({ by: 'resolved', version: '0.0.1-fixture' });
  });

  it("is the recipe's pin when there is one, over the one the transform resolves", async () => {
    const engine = createJscodeshiftEngine();
    const pinnedOwn = await engine.run(spec(printBack, { jscodeshift: ownJscodeshift }), files(1));
    expect(pinnedOwn.files.map((file) => file.status)).toEqual(['unchanged']);
    expect(pinnedOwn.jscodeshift).toMatchObject({ by: 'pinned', from: await realpath(ownJscodeshift) });

    const alone = join(scratch, 'pinned/print-back.js');
    await mkdir(dirname(alone), { recursive: true });
    await copyFile(printBack, alone);
    const pinnedOther = await engine.run(spec(alone, { jscodeshift: itsJscodeshift, parser: 'babel' }), files(1));
    expect(pinnedOther.files).toEqual([{ path: 'src/f0.js', status: 'modified', text: `const f0 = 1;\n${marker('babel')}` }]);
    expect(pinnedOther.jscodeshift).toEqual({ version: '0.0.1-fixture', by: 'pinned', from: await realpath(itsJscodeshift) });
  });

  it('refuses a pinned package that is not a jscodeshift when the recipe is checked (a transform error: exit 2)', async () => {
    const error = await createJscodeshiftEngine()
      .check(spec(printBack, { jscodeshift: join(fixture, 'not-jscodeshift') }))
      .then(() => undefined, (reason: unknown) => reason);
    expect(isCodemigrateError(error) && error.code).toBe('transform');
    expect(String((error as Error).message)).toMatch(/print-back: cannot load the jscodeshift at .*not-jscodeshift \(pinned by its "jscodeshift" field\): .* does not export jscodeshift's API/);
  });
});
