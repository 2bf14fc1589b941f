// Fixture tests for the jest-to-vitest transforms. Pairs are found by name under
// __testfixtures__/<transform>/: <case>.input.<ext> → <case>.output.<ext>, with optional
// <case>.reports.json (the leftovers the transform must report; none if absent),
// <case>.options.json (transform options) and <case>.context.json ({ "files": { path: text } }:
// other files of a setup step). Each transform is loaded the way the runner loads it (jiti) and
// runs again on its own output, which must come back unchanged.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJiti } from 'jiti';
import jscodeshift from 'jscodeshift';
import { Project } from 'ts-morph';
import type { API, FileInfo, Options } from 'jscodeshift';
import type { SourceFile } from 'ts-morph';
import type { TsMorphContext, TsMorphLeftover } from './ts-morph-context.js';

const HERE = import.meta.dirname;
const FIXTURES = join(HERE, '__testfixtures__');
const TRANSFORMS = {
  'jest-api': 'jscodeshift',
  'mock-types': 'jscodeshift',
  'done-callback': 'jscodeshift',
  'vitest-imports': 'jscodeshift',
  'snapshot-header': 'jscodeshift',
  'snapshot-keys': 'ts-morph',
  'package-json': 'ts-morph',
  'tsconfig-types': 'ts-morph',
  'vite-config': 'ts-morph',
} as const;
type TransformName = keyof typeof TRANSFORMS;

type JscodeshiftTransform = (file: FileInfo, api: API, options: Options) => string | null | undefined | void;
type TsMorphTransform = (sourceFile: SourceFile, ctx: TsMorphContext) => string | undefined | void;

const jiti = createJiti(import.meta.url);

interface Run {
  readonly output: string;
  readonly reports: readonly unknown[];
}

async function runTransform(
  name: TransformName,
  path: string,
  source: string,
  options: Record<string, unknown> = {},
  others: Record<string, string> = {},
): Promise<Run> {
  const reports: unknown[] = [];
  if (TRANSFORMS[name] === 'jscodeshift') {
    const transform = await jiti.import<JscodeshiftTransform>(join(HERE, `${name}.ts`), { default: true });
    const j = jscodeshift.withParser('tsx');
    const api: API = { j, jscodeshift: j, stats: () => {}, report: (message) => reports.push(message) };
    const result = transform({ path, source }, api, options);
    return { output: typeof result === 'string' ? result : source, reports };
  }
  const transform = await jiti.import<TsMorphTransform>(join(HERE, `${name}.ts`), { default: true });
  const project = new Project({ useInMemoryFileSystem: true });
  const sourceFile = project.createSourceFile(`/${path}`, source);
  for (const [other, text] of Object.entries(others)) project.createSourceFile(`/${other}`, text);
  const ctx: TsMorphContext = {
    path,
    text: source,
    options,
    report: (leftover: TsMorphLeftover) => reports.push(leftover),
    project,
    files: [path, ...Object.keys(others)],
  };
  const result = transform(sourceFile, ctx);
  return { output: typeof result === 'string' ? result : source, reports };
}

interface Fixture {
  readonly transform: TransformName;
  readonly name: string;
  readonly path: string;
  readonly input: string;
  readonly output: string;
  readonly reports: readonly unknown[];
  readonly options: Record<string, unknown>;
  readonly others: Record<string, string>;
}

const SETUP_PATHS: Partial<Record<TransformName, (ext: string) => string>> = {
  'package-json': () => 'package.json',
  'tsconfig-types': () => 'tsconfig.json',
  'vite-config': (ext) => `vite.config.${ext}`,
};

function readJson<T>(file: string, fallback: T): T {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : fallback;
}

function discoverFixtures(): Fixture[] {
  const fixtures: Fixture[] = [];
  for (const transform of readdirSync(FIXTURES).sort()) {
    if (!(transform in TRANSFORMS)) throw new Error(`__testfixtures__/${transform}: no transform of that name`);
    const dir = join(FIXTURES, transform);
    for (const file of readdirSync(dir).sort()) {
      const match = /^([a-z0-9-]+)\.input\.(tsx?|jsx?|snap|json)$/.exec(file);
      if (!match) continue;
      const [, name = '', ext = ''] = match;
      const base = join(dir, name);
      const setupPath = SETUP_PATHS[transform as TransformName];
      const others = readJson<{ files?: Record<string, string> }>(`${base}.context.json`, {}).files ?? {};
      // A snapshot sits beside the test file the context gives (`src/<case>.test.tsx`), if any.
      const testFile = Object.keys(others).find((other) => other.startsWith(`src/${name}.test.`)) ?? `src/${name}.test.ts`;
      fixtures.push({
        transform: transform as TransformName,
        name,
        path: setupPath ? setupPath(ext) : ext === 'snap' ? `src/__snapshots__/${testFile.slice('src/'.length)}.snap` : `src/${name}.test.${ext}`,
        input: readFileSync(`${base}.input.${ext}`, 'utf8'),
        output: readFileSync(`${base}.output.${ext}`, 'utf8'),
        reports: readJson(`${base}.reports.json`, []),
        options: readJson(`${base}.options.json`, {}),
        others,
      });
    }
  }
  return fixtures;
}

const fixtures = discoverFixtures();

describe('jest-to-vitest fixtures', () => {
  it('has fixtures for every transform', () => {
    for (const name of Object.keys(TRANSFORMS)) {
      expect(fixtures.filter((f) => f.transform === name).length, name).toBeGreaterThanOrEqual(2);
    }
  });

  for (const fixture of fixtures) {
    describe(`${fixture.transform} / ${fixture.name}`, () => {
      it('turns the input into the output and reports the expected leftovers', async () => {
        const run = await runTransform(fixture.transform, fixture.path, fixture.input, fixture.options, fixture.others);
        expect(run.output).toBe(fixture.output);
        expect(run.reports).toEqual(fixture.reports);
      });

      it('leaves its own output unchanged', async () => {
        const run = await runTransform(fixture.transform, fixture.path, fixture.output, fixture.options, fixture.others);
        expect(run.output).toBe(fixture.output);
      });
    });
  }
});
