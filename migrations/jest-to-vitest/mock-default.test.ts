// A mock factory's object for a module that is default-imported elsewhere, migrated by jest-api and
// vitest-imports and run with real Vitest: a CommonJS package whose names Node's lexer cannot see
// (fs-extra's shape), mocked with a spread of the original and as a plain object, read by a module
// under test through its default import and its namespace, as Jest's interop gave them the mock.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRealVitest } from '../../test/helpers/real-vitest.js';
import { transformRunner } from '../../test/helpers/transform-fixtures.js';

const FIXTURES = join(import.meta.dirname, 'compat-fixtures/mock-default');
const run = transformRunner(import.meta.dirname, { 'jest-api': 'jscodeshift', 'vitest-imports': 'jscodeshift' } as const, 'tsx');

describe('a mock object that a module default-imports (real Vitest run)', () => {
  it('is the default export and the namespace default, as under Jest, with the named imports as mocked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'codemigrate-mock-default-'));
    try {
      writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
      cpSync(join(FIXTURES, 'fakepkg'), join(dir, 'node_modules/fakepkg'), { recursive: true });
      cpSync(join(FIXTURES, 'src'), join(dir, 'src'), { recursive: true });
      for (const file of ['spread.test.js', 'plain.test.js']) {
        const migrated = await run('jest-api', file, readFileSync(join(FIXTURES, file), 'utf8'));
        const imported = await run('vitest-imports', file, migrated.output);
        expect(imported.output).toContain('get default()');
        writeFileSync(join(dir, file), imported.output);
      }
      const { status, output } = runRealVitest(dir);
      expect(output).toMatch(/Tests\s+4 passed \(4\)/);
      expect(status, output).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
