import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { transformRunner } from '../../test/helpers/transform-fixtures.js';
import { jestConfigToVitest, renderVitestConfig } from './jest-config.js';
import { mockedPackageFiles, withInlinedPackages } from './package-mocks.js';

// A real Vitest (this repository's) on a CommonJS package whose main requires the file a test
// mocks, as cio-plp's CioPlpGrid.test.jsx mocks a module of constructorio-client-javascript; a
// second test file mocks the package's main entry. The config is the one the recipe writes.
const FIXTURE = join(import.meta.dirname, 'compat-fixtures/mocked-package-file');
const MODULES = resolve(import.meta.dirname, '../../node_modules');

function runVitest(mockedPackages: string[]): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'codemigrate-mocked-package-'));
  try {
    cpSync(join(FIXTURE, 'src'), join(dir, 'src'), { recursive: true });
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(join(MODULES, 'vitest'), join(dir, 'node_modules/vitest'));
    cpSync(join(FIXTURE, 'fake-deep'), join(dir, 'node_modules/fake-deep'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{ "name": "fixture", "private": true }\n');
    const translation = jestConfigToVitest({ testMatch: ['**/src/**/*.test.js'] });
    writeFileSync(join(dir, 'vitest.config.mts'), renderVitestConfig(translation, { mockedPackages }));
    const vitest = join(MODULES, 'vitest/vitest.mjs');
    const child = spawnSync(process.execPath, [vitest, 'run', '--root', dir], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1' } });
    return { status: child.status, output: stripVTControlCharacters(`${child.stdout}${child.stderr}`) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('mocks of a file inside a package (real Vitest run)', () => {
  it("reach the package's own require once the package is inlined and its requires go through Vitest", () => {
    const { status, output } = runVitest(['fake-deep']);
    expect(output).toMatch(/Tests {2}2 passed \(2\)/);
    expect(status).toBe(0);
  });

  it('miss it without: Node loads the package and its file; the main entry is mocked either way', () => {
    const { status, output } = runVitest([]);
    expect(output).toContain("expected '[real results for shoes]' to be '[mocked results for shoes]'");
    expect(output).toMatch(/Tests {2}1 failed \| 1 passed \(2\)/);
    expect(status).toBe(1);
  });
});

describe('mockedPackageFiles', () => {
  it('names the packages a path inside which a test mocks, not a main entry, a project file or a builtin', () => {
    const texts = [
      "jest.mock('@constructor-io/constructorio-client-javascript/lib/modules/search.js', () => {});\njest.mock('../../src/hooks/useCioPlp');",
      'vi.mock("lodash/flatten");\njest.mock(\'axios\');\njest.doMock(`date-fns/locale`, () => ({}));',
      "jest.mock('fs/promises');\njest.mock('@/components/x');\njest.mock('@scope');\njest.mock('node:fs/promises');\njest.mock('~/a/b');",
      'const nothing = 1;',
    ];
    expect(mockedPackageFiles(texts)).toEqual(['@constructor-io/constructorio-client-javascript', 'date-fns', 'lodash']);
  });
});

describe('withInlinedPackages', () => {
  it('adds the packages to server.deps.inline after those the options name, once each', () => {
    expect(withInlinedPackages({ globals: true, server: { deps: { inline: ['a'], fallbackCJS: true } } }, ['a', 'b'])).toEqual({ globals: true, server: { deps: { inline: ['a', 'b'], fallbackCJS: true } } });
    expect(withInlinedPackages({ globals: true }, [])).toEqual({ globals: true });
  });
});

describe("setup's Vitest config", () => {
  const run = transformRunner(import.meta.dirname, { 'package-json': 'ts-morph' } as const, 'tsx');
  const manifest = `${JSON.stringify({ name: 'lib', scripts: { test: 'jest' }, devDependencies: { jest: '^29.7.0' } }, null, 2)}\n`;
  const test = "import { search } from 'fake-deep';\njest.mock('fake-deep/lib/search.js', () => ({}));\n";

  it('inlines a package a test mocks a file inside, with the plugin, and says so', async () => {
    const added = new Map<string, string>();
    const { reports } = await run('package-json', 'package.json', manifest, { phase: 'setup' }, { 'src/search.test.js': test }, added);
    const config = added.get('vitest.config.mts') ?? '';
    expect(config).toMatch(/server: \{\s+deps: \{\s+inline: \['fake-deep'\],/);
    expect(config).toMatch(/plugins: \[.*codemigrateMockedPackages\]/);
    expect(reports).toContainEqual({ message: expect.stringMatching(/^fake-deep: tests mock a file inside this package/) });
  });

  it('adds neither where no test mocks a file inside a package', async () => {
    const added = new Map<string, string>();
    await run('package-json', 'package.json', manifest, { phase: 'setup' }, { 'src/search.test.js': "jest.mock('fake-deep');\n" }, added);
    const config = added.get('vitest.config.mts') ?? '';
    expect(config).toContain('export default defineConfig');
    expect(config).not.toMatch(/codemigrateMockedPackages|deps:/);
  });
});
