// Setup's Jest config while both runners run: Jest must leave the files Vitest runs to Vitest in the
// project's own `npm test` between steps, also when Jest ran on its defaults (no config at all).
import { describe, expect, it } from 'vitest';
import { transformRunner } from '../../test/helpers/transform-fixtures.js';

const run = transformRunner(import.meta.dirname, { 'package-json': 'ts-morph' } as const, 'tsx');
const MANIFEST = `${JSON.stringify({ name: 'lib', type: 'module', scripts: { test: 'jest' }, devDependencies: { jest: '^29.7.0' } }, null, 2)}\n`;

async function setupAdds(others: Record<string, string>): Promise<Map<string, string>> {
  const added = new Map<string, string>();
  await run('package-json', 'package.json', MANIFEST, { phase: 'setup' }, others, added);
  return added;
}

describe('setup with both runners side by side', () => {
  it('gives a Jest on its defaults an empty config wrapped in withoutVitestFiles', async () => {
    const added = await setupAdds({});
    expect(added.get('jest.config.cjs')).toContain('module.exports = withoutVitestFiles({});');
  });

  it('adds none where the project has its own config file (that one is wrapped where it is)', async () => {
    const added = await setupAdds({ 'jest.config.js': "export default { testEnvironment: 'node' };\n" });
    expect([...added.keys()].filter((file) => file.startsWith('jest.config'))).toEqual([]);
  });
});
