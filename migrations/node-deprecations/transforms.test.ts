// Fixture tests for the node-deprecations transforms. Pairs in __testfixtures__ are found by name:
// <transform>.<case>.input.<ext> → <transform>.<case>.output.<ext>, with an optional
// <transform>.<case>.reports.json holding the leftovers the transform must report (none if absent).
// Each transform is loaded the way a runner loads it (jiti, default export) and runs again on its
// own output, which must come back unchanged.

import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { describeFixtures, discoverFlatFixtures, transformRunner } from '../../test/helpers/transform-fixtures.js';

const HERE = import.meta.dirname;
const FIXTURES = join(HERE, '__testfixtures__');
const TRANSFORMS = {
  'util-is': 'jscodeshift',
  'assert-strict': 'jscodeshift',
  'buffer-constructor': 'ts-morph',
  'engines-node': 'ts-morph',
} as const;

const runTransform = transformRunner(HERE, TRANSFORMS, 'babel');

const fixtures = discoverFlatFixtures(FIXTURES, TRANSFORMS);

describeFixtures('node-deprecations fixtures', TRANSFORMS, fixtures, runTransform);

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
