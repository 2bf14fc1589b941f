// Fixture tests for the node-deprecations transforms. Pairs in __testfixtures__ are found by name:
// <transform>.<case>.input.<ext> → <transform>.<case>.output.<ext>, with an optional
// <transform>.<case>.reports.json holding the leftovers the transform must report (none if absent).
// Each transform is loaded the way a runner loads it (jiti, default export) and runs again on its
// own output, which must come back unchanged.

import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { createJiti } from 'jiti';
import jscodeshift from 'jscodeshift';
import { Project } from 'ts-morph';
import type { API, FileInfo, Options } from 'jscodeshift';
import type { SourceFile } from 'ts-morph';
import type { TsMorphContext, TsMorphLeftover } from './ts-morph-context.js';

const HERE = import.meta.dirname;
const FIXTURES = join(HERE, '__testfixtures__');
const TRANSFORMS = {
  'util-is': 'jscodeshift',
  'assert-strict': 'jscodeshift',
  'buffer-constructor': 'ts-morph',
  'engines-node': 'ts-morph',
} as const;
type TransformName = keyof typeof TRANSFORMS;

type JscodeshiftTransform = (file: FileInfo, api: API, options: Options) => string | null | undefined | void;
type TsMorphTransform = (sourceFile: SourceFile, ctx: TsMorphContext) => string | undefined | void;

const jiti = createJiti(import.meta.url);

interface Run {
  readonly output: string;
  readonly reports: readonly (string | TsMorphLeftover)[];
}

async function runTransform(name: TransformName, path: string, source: string, options: Record<string, unknown> = {}): Promise<Run> {
  const reports: (string | TsMorphLeftover)[] = [];
  if (TRANSFORMS[name] === 'jscodeshift') {
    const transform = await jiti.import<JscodeshiftTransform>(join(HERE, `${name}.ts`), { default: true });
    const j = jscodeshift.withParser('babel');
    const api: API = { j, jscodeshift: j, stats: () => {}, report: (message) => reports.push(message) };
    const result = transform({ path, source }, api, options);
    return { output: typeof result === 'string' ? result : source, reports };
  }
  const transform = await jiti.import<TsMorphTransform>(join(HERE, `${name}.ts`), { default: true });
  const project = new Project({ useInMemoryFileSystem: true });
  const sourceFile = project.createSourceFile(path, source);
  const ctx: TsMorphContext = { path, options, report: (leftover) => reports.push(leftover), project, files: [path] };
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
}

function discoverFixtures(): Fixture[] {
  const fixtures: Fixture[] = [];
  for (const file of readdirSync(FIXTURES).sort()) {
    const match = /^([a-z-]+)\.([a-z0-9-]+)\.input\.(js|json)$/.exec(file);
    if (!match) continue;
    const [, transform = '', name = '', ext = ''] = match;
    if (!(transform in TRANSFORMS)) throw new Error(`${file}: no transform named ${transform}`);
    const base = join(FIXTURES, `${transform}.${name}`);
    const reportsFile = `${base}.reports.json`;
    fixtures.push({
      transform: transform as TransformName,
      name,
      path: ext === 'json' ? 'package.json' : `src/${name}.js`,
      input: readFileSync(`${base}.input.${ext}`, 'utf8'),
      output: readFileSync(`${base}.output.${ext}`, 'utf8'),
      reports: existsSync(reportsFile) ? (JSON.parse(readFileSync(reportsFile, 'utf8')) as unknown[]) : [],
    });
  }
  return fixtures;
}

const fixtures = discoverFixtures();

describe('node-deprecations fixtures', () => {
  it('has fixtures for every transform', () => {
    for (const name of Object.keys(TRANSFORMS)) {
      expect(fixtures.filter((f) => f.transform === name).length, name).toBeGreaterThanOrEqual(2);
    }
  });

  for (const fixture of fixtures) {
    describe(`${fixture.transform} / ${fixture.name}`, () => {
      it('turns the input into the output and reports the expected leftovers', async () => {
        const run = await runTransform(fixture.transform, fixture.path, fixture.input);
        expect(run.output).toBe(fixture.output);
        expect(run.reports).toEqual(fixture.reports);
      });

      it('leaves its own output unchanged', async () => {
        const run = await runTransform(fixture.transform, fixture.path, fixture.output);
        expect(run.output).toBe(fixture.output);
      });
    });
  }
});

describe('engines-node options', () => {
  it('raises to options.minimum and keeps a range that already demands it', async () => {
    const input = '{\n  "engines": { "node": ">=20" }\n}\n';
    const raised = await runTransform('engines-node', 'package.json', input, { minimum: 22 });
    expect(raised.output).toBe('{\n  "engines": { "node": ">=22" }\n}\n');
    const kept = await runTransform('engines-node', 'package.json', '{ "engines": { "node": "^22.1.0 || >=24" } }', { minimum: 22 });
    expect(kept.output).toBe('{ "engines": { "node": "^22.1.0 || >=24" } }');
  });

  it('skips files other than package.json', async () => {
    const run = await runTransform('engines-node', 'src/package.json.js', 'const a = 1;\n');
    expect(run.output).toBe('const a = 1;\n');
  });
});
