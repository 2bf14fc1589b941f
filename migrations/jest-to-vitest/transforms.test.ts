// Fixture tests for the jest-to-vitest transforms. Pairs are found by name under
// __testfixtures__/<transform>/: <case>.input.<ext> → <case>.output.<ext>, with optional
// <case>.reports.json (the leftovers the transform must report; none if absent),
// <case>.options.json (transform options) and <case>.context.json ({ "files": { path: text } }:
// other files of a setup step; "path": the fixture's own path where it is not the transform's usual
// one, a workspace package's package.json). Each transform is loaded the way the runner loads it (jiti) and
// runs again on its own output, which must come back unchanged.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeFixtures, readJson, transformRunner, type Fixture } from '../../test/helpers/transform-fixtures.js';

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
  'tsconfig-exclude': 'ts-morph',
  'tsconfig-lib-check': 'ts-morph',
  'vite-config': 'ts-morph',
  'commonjs-globals': 'ts-morph',
  'runner-checks': 'jscodeshift',
  'jest-dom-entry': 'ts-morph',
} as const;
type TransformName = keyof typeof TRANSFORMS;

const runTransform = transformRunner(HERE, TRANSFORMS, 'tsx');

const SETUP_PATHS: Partial<Record<TransformName, (ext: string) => string>> = {
  // A Makefile (`.mk` fixtures) is package-json.ts's too: its recipes that run Jest.
  'package-json': (ext) => (ext === 'mk' ? 'Makefile' : 'package.json'),
  'tsconfig-types': () => 'tsconfig.json',
  'tsconfig-exclude': () => 'tsconfig.json',
  'tsconfig-lib-check': () => 'tsconfig.json',
  'vite-config': (ext) => `vite.config.${ext}`,
};

function discoverFixtures(): Fixture<TransformName>[] {
  const fixtures: Fixture<TransformName>[] = [];
  for (const transform of readdirSync(FIXTURES).sort()) {
    if (!(transform in TRANSFORMS)) throw new Error(`__testfixtures__/${transform}: no transform of that name`);
    const dir = join(FIXTURES, transform);
    for (const file of readdirSync(dir).sort()) {
      const match = /^([a-z0-9-]+)\.input\.(tsx?|jsx?|snap|json|mk)$/.exec(file);
      if (!match) continue;
      const [, name = '', ext = ''] = match;
      const base = join(dir, name);
      const setupPath = SETUP_PATHS[transform as TransformName];
      const context = readJson<{ files?: Record<string, string>; path?: string }>(`${base}.context.json`, {});
      const others = context.files ?? {};
      // A snapshot sits beside the test file the context gives (`src/<case>.test.tsx`), if any.
      const testFile = Object.keys(others).find((other) => other.startsWith(`src/${name}.test.`)) ?? `src/${name}.test.ts`;
      fixtures.push({
        transform: transform as TransformName,
        name,
        path: context.path ?? (setupPath ? setupPath(ext) : ext === 'snap' ? `src/__snapshots__/${testFile.slice('src/'.length)}.snap` : `src/${name}.test.${ext}`),
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

describeFixtures('jest-to-vitest fixtures', TRANSFORMS, fixtures, runTransform);
