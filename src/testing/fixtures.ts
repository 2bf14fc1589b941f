// Reads a transform's fixture folder: `X.input.<ext>` / `X.output.<ext>` pairs, with optional
// `X.options.json` (the step's options for that fixture) and `X.reports.json` (the reports expected).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TransformFixture {
  /** `X` of `X.input.ts`. */
  readonly name: string;
  /** The path the transform is given: `X.<ext>`. */
  readonly path: string;
  readonly input: string;
  readonly output: string;
  readonly options: Readonly<Record<string, unknown>>;
  /** As reported, without `file` and `codemod`: `{ message, line?, stop? }`; `[]` when the fixture has no reports file. */
  readonly reports: readonly unknown[];
}

const INPUT = /^(.+)\.input\.([^.]+)$/;

/** Every pair of `dir`, by name; throws naming the file for an input without its output or a bad JSON file. */
export function readTransformFixtures(dir: string): TransformFixture[] {
  const names = readdirSync(dir).sort();
  const fixtures: TransformFixture[] = [];
  for (const file of names) {
    const match = INPUT.exec(file);
    if (match === null) continue;
    const [, name = '', ext = ''] = match;
    const outputFile = `${name}.output.${ext}`;
    if (!names.includes(outputFile)) throw new Error(`${join(dir, file)}: no ${outputFile} beside it`);
    const options = readJson(dir, `${name}.options.json`, {});
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      throw new Error(`${join(dir, `${name}.options.json`)}: expected a JSON object`);
    }
    const reports = readJson(dir, `${name}.reports.json`, []);
    if (!Array.isArray(reports)) throw new Error(`${join(dir, `${name}.reports.json`)}: expected a JSON array`);
    fixtures.push({
      name,
      path: `${name}.${ext}`,
      input: readFileSync(join(dir, file), 'utf8'),
      output: readFileSync(join(dir, outputFile), 'utf8'),
      options: options as Record<string, unknown>,
      reports,
    });
  }
  if (fixtures.length === 0) throw new Error(`${dir}: no fixture pair (X.input.<ext> with X.output.<ext>)`);
  return fixtures;
}

function readJson(dir: string, file: string, fallback: unknown): unknown {
  let text: string;
  try {
    text = readFileSync(join(dir, file), 'utf8');
  } catch {
    return fallback;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${join(dir, file)}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
