// The fixture harness both migration folders share: load a transform the way the runner loads it
// (jiti, default export), run it on a text with the context its engine gives (jscodeshift's API,
// or a ts-morph in-memory Project holding the step's other files), and register the fixture
// tests: input → output with the expected reports, then the output again, which must come back
// unchanged (idempotency).

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createJiti } from 'jiti';
import jscodeshift from 'jscodeshift';
import { Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import type { API, FileInfo, Options } from 'jscodeshift';
import type { SourceFile } from 'ts-morph';

export type Engine = 'jscodeshift' | 'ts-morph';

type JscodeshiftTransform = (file: FileInfo, api: API, options: Options) => string | null | undefined | void;
type TsMorphTransform = (sourceFile: SourceFile, ctx: unknown) => string | undefined | void;

export interface TransformRun {
  readonly output: string;
  readonly reports: readonly unknown[];
}

export interface Fixture<Name extends string> {
  readonly transform: Name;
  readonly name: string;
  /** The repo-relative path the transform is given. */
  readonly path: string;
  readonly input: string;
  readonly output: string;
  readonly reports: readonly unknown[];
  readonly options?: Record<string, unknown>;
  /** Other files of the step (ts-morph transforms see them in ctx.project). */
  readonly others?: Record<string, string>;
}

export type RunTransform<Name extends string> = (
  name: Name,
  path: string,
  source: string,
  options?: Record<string, unknown>,
  others?: Record<string, string>,
  /** Given: ts-morph transforms get ctx.addFile, which records the files they add here (the fixtures' runs offer none). */
  added?: Map<string, string>,
) => Promise<TransformRun>;

const jiti = createJiti(import.meta.url);
// As codemigrate's engine loads a ts-morph transform (load-transform.ts): no default interop, so a
// default import of a CommonJS package fails here as it does in a run (package-json.ts's picomatch
// passed every fixture and stopped turbo-boilerplate's corpus run: "_picomatch.default is not a function").
const engineJiti = createJiti(import.meta.url, { interopDefault: false });

/** A fixture's optional JSON companion (`.reports.json`, `.options.json`, …), or `fallback`. */
export function readJson<T>(file: string, fallback: T): T {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : fallback;
}

/**
 * Runs `<dir>/<name>.ts` with the engine `transforms[name]` names; jscodeshift with `parser`, or
 * with the parser it gives for the file's path (a recipe that gives `.ts` and `.tsx` their own).
 */
export function transformRunner<Name extends string>(dir: string, transforms: Readonly<Record<Name, Engine>>, parser: string | ((path: string) => string)): RunTransform<Name> {
  return async (name, path, source, options = {}, others = {}, added) => {
    const reports: unknown[] = [];
    const file = join(dir, `${name}.ts`);
    if (transforms[name] === 'jscodeshift') {
      const loaded = await jiti.import<{ default: JscodeshiftTransform; parser?: unknown }>(file);
      const transform = loaded.default;
      // As jscodeshift's Worker: a transform's own parser object wins (jest-to-vitest's parser.ts,
      // which reads Flow files with Babel's Flow grammar). A name is the harness's to choose, per path.
      const own = loaded.parser;
      const j = jscodeshift.withParser(typeof own === 'object' && own !== null ? (own as Parameters<typeof jscodeshift.withParser>[0]) : typeof parser === 'string' ? parser : parser(path));
      const api: API = { j, jscodeshift: j, stats: () => {}, report: (message) => reports.push(message) };
      const result = transform({ path, source }, api, options);
      return { output: typeof result === 'string' ? result : source, reports };
    }
    const transform = await engineJiti.import<TsMorphTransform>(file, { default: true });
    // The engine's Project holds the step's files at "/<repo path>".
    const project = new Project({ useInMemoryFileSystem: true });
    const sourceFile = project.createSourceFile(`/${path}`, source);
    for (const [other, text] of Object.entries(others)) project.createSourceFile(`/${other}`, text);
    const ctx = {
      path,
      text: source,
      options,
      report: (leftover: unknown) => reports.push(leftover),
      project,
      files: [path, ...Object.keys(others)],
      ...(added && { addFile: (file: string, text: string) => void added.set(file, text) }),
    };
    const result = transform(sourceFile, ctx);
    return { output: typeof result === 'string' ? result : source, reports };
  };
}

/**
 * The pairs of a folder that holds every transform's fixtures side by side:
 * <transform>.<case>.input.<js|ts|tsx|mts|cts|json> → .output.<ext>, with an optional .reports.json.
 * A source case runs as src/<case>.<ext>, a JSON one as package.json; `options` go under each case's own.
 */
export function discoverFlatFixtures<Name extends string>(dir: string, transforms: Readonly<Record<Name, Engine>>, options: Record<string, unknown> = {}): Fixture<Name>[] {
  const fixtures: Fixture<Name>[] = [];
  for (const file of readdirSync(dir).sort()) {
    const match = /^([a-z-]+)\.([a-z0-9-]+)\.input\.(js|[cm]?tsx?|json)$/.exec(file);
    if (!match) continue;
    const [, transform = '', name = '', ext = ''] = match;
    if (!(transform in transforms)) throw new Error(`${file}: no transform named ${transform}`);
    const base = join(dir, `${transform}.${name}`);
    const own = readJson<Record<string, unknown> | undefined>(`${base}.options.json`, undefined);
    fixtures.push({
      transform: transform as Name,
      name,
      path: ext === 'json' ? 'package.json' : `src/${name}.${ext}`,
      input: readFileSync(`${base}.input.${ext}`, 'utf8'),
      output: readFileSync(`${base}.output.${ext}`, 'utf8'),
      reports: readJson<unknown[]>(`${base}.reports.json`, []),
      ...((Object.keys(options).length > 0 || own !== undefined) && { options: { ...options, ...own } }),
    });
  }
  return fixtures;
}

/** Registers the fixture tests of one migration folder. */
export function describeFixtures<Name extends string>(title: string, transforms: Readonly<Record<Name, Engine>>, fixtures: readonly Fixture<Name>[], run: RunTransform<Name>): void {
  describe(title, () => {
    it('has fixtures for every transform', () => {
      for (const name of Object.keys(transforms)) {
        expect(fixtures.filter((f) => f.transform === name).length, name).toBeGreaterThanOrEqual(2);
      }
    });

    for (const fixture of fixtures) {
      describe(`${fixture.transform} / ${fixture.name}`, () => {
        it('turns the input into the output and reports the expected leftovers', async () => {
          const result = await run(fixture.transform, fixture.path, fixture.input, fixture.options, fixture.others);
          expect(result.output).toBe(fixture.output);
          expect(result.reports).toEqual(fixture.reports);
        });

        it('leaves its own output unchanged', async () => {
          const result = await run(fixture.transform, fixture.path, fixture.output, fixture.options, fixture.others);
          expect(result.output).toBe(fixture.output);
        });
      });
    }
  });
}
