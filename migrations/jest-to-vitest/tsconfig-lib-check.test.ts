// tsconfig-lib-check.ts on a tsconfig in a folder, which the fixture pairs (always the root's
// tsconfig.json) cannot show: a package a solution tsconfig references reads its paths from there.

import { describe, expect, it } from 'vitest';
import { transformRunner } from '../../test/helpers/transform-fixtures.js';
import { resolvesNode10 } from './tsconfig-lib-check.js';

const run = transformRunner(import.meta.dirname, { 'tsconfig-lib-check': 'ts-morph' } as const, 'tsx');
const NODE10 = '{\n  "compilerOptions": {\n    "module": "commonjs"\n  },\n  "include": ["src", "test"]\n}\n';

describe('tsconfig-lib-check', () => {
  it("reads a package's tsconfig against its own folder", async () => {
    const own = await run('tsconfig-lib-check', 'packages/a/tsconfig.json', NODE10, {}, { 'packages/a/test/a.test.ts': 'export {};\n', 'packages/b/test/b.test.ts': 'export {};\n' });
    expect(own.output).toBe('{\n  "compilerOptions": {\n    "module": "commonjs",\n    "skipLibCheck": true\n  },\n  "include": ["src", "test"]\n}\n');
    // Only another package's tests: nothing this compile takes in.
    const other = await run('tsconfig-lib-check', 'packages/a/tsconfig.json', NODE10, {}, { 'packages/b/test/b.test.ts': 'export {};\n' });
    expect(other.output).toBe(NODE10);
    expect(other.reports).toEqual([]);
  });

  it('tells node10 resolution from the others, and an unread base from neither', () => {
    expect(resolvesNode10({ moduleResolution: 'node' })).toBe('yes');
    expect(resolvesNode10({ moduleResolution: 'node10', module: 'esnext' })).toBe('yes');
    expect(resolvesNode10({ module: 'none' })).toBe('yes');
    expect(resolvesNode10({ module: 'nodenext' })).toBe('no');
    expect(resolvesNode10({ moduleResolution: 'bundler', module: 'commonjs' })).toBe('no');
    expect(resolvesNode10({})).toBe('no');
    expect(resolvesNode10({ unreadBase: '@octokit/tsconfig' })).toBe('unknown');
  });
});
