import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRealVitest } from '../../test/helpers/real-vitest.js';
import { vitestSettings } from './vitest-settings.js';

describe('vitestSettings while both runners are installed (coexist)', () => {
  it("names Vitest copies of the local setup files, at the top and in each project, and lists each copy once", () => {
    const config = {
      setupFiles: ['<rootDir>/polyfills.js', 'jest-canvas-mock'],
      projects: [
        { displayName: 'web', testEnvironment: 'jsdom', setupFilesAfterEnv: ['<rootDir>/scripts/jest/setup.ts'] },
        { displayName: 'server', testEnvironment: 'node', setupFilesAfterEnv: ['<rootDir>/scripts/jest/setup.ts'] },
      ],
    };
    const { translation, copies } = vitestSettings({ devDependencies: { jest: '^29' } }, { file: 'jest.config.js', config, unread: [] }, false, true);
    expect(copies).toEqual([
      { from: 'polyfills.js', to: 'polyfills.vitest.js' },
      { from: 'scripts/jest/setup.ts', to: 'scripts/jest/setup.vitest.ts' },
    ]);
    expect(translation.test['setupFiles']).toEqual(expect.arrayContaining(['./polyfills.vitest.js', 'vitest-canvas-mock']));
    const projects = translation.test['projects'] as { test: { setupFiles?: string[] } }[];
    for (const project of projects) expect(project.test.setupFiles).toContain('./scripts/jest/setup.vitest.ts');
  });

  it('names no copy in the one-shot migration', () => {
    const found = { file: 'jest.config.js', config: { setupFilesAfterEnv: ['<rootDir>/src/setupTests.ts'] }, unread: [] };
    const { translation, copies } = vitestSettings({}, found, false);
    expect(copies).toEqual([]);
    expect(translation.test['setupFiles']).toEqual(['./vitest.jest-compat.ts', './src/setupTests.ts']);
  });
});

describe('a global jest for the Jest packages a project keeps', () => {
  it('is vi itself when jest-fetch-mock is kept (its enableMocks calls jest.fn), not the timers-only object', () => {
    const kept = vitestSettings({ devDependencies: { jest: '^29', 'jest-fetch-mock': '^3', '@testing-library/react': '^14' } }, undefined, false, true);
    expect(kept.compat?.text).toContain("Object.assign(globalThis, { jest: vi })");
    const plain = vitestSettings({ devDependencies: { jest: '^29', '@testing-library/react': '^14' } }, undefined, false, true);
    expect(plain.compat?.text).toContain('jest: { advanceTimersByTime');
  });
});

describe("the compat file's error snapshots", () => {
  // A real Vitest (this repository's) runs tests against snapshots in the form Jest wrote them.
  const fixtures = join(import.meta.dirname, 'compat-fixtures/error-snapshots');

  function runVitest(jestMajor: number, snapshotFile: string): { status: number | null; output: string } {
    const dir = mkdtempSync(join(tmpdir(), 'codemigrate-error-snapshots-'));
    try {
      const { compat } = vitestSettings({ type: 'module', devDependencies: { jest: `^${jestMajor}` } }, undefined, false);
      writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
      writeFileSync(join(dir, compat.path), compat.text);
      writeFileSync(join(dir, 'vitest.config.js'), `export default { test: { setupFiles: ['./${compat.path}'] } };\n`);
      writeFileSync(join(dir, 'errors.test.js'), readFileSync(join(fixtures, 'errors.test.js')));
      mkdirSync(join(dir, '__snapshots__'));
      writeFileSync(join(dir, '__snapshots__/errors.test.js.snap'), readFileSync(join(fixtures, snapshotFile)));
      return runRealVitest(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('match what Jest 29 stored: the message of a thrown or rejected error, whatever its class; a changed message fails', () => {
    const { status, output } = runVitest(29, 'jest29.snap');
    expect(output).toMatch(/1 failed \| 3 passed/);
    expect(output).toContain('FAIL  errors.test.js > a message the snapshot does not have');
    expect(status).toBe(1);
  });

  it("match what Jest 30 stored: the message and each cause's", () => {
    const { output } = runVitest(30, 'jest30.snap');
    expect(output).toMatch(/1 failed \| 3 passed/);
    expect(output).toContain('FAIL  errors.test.js > a message the snapshot does not have');
  });
});

describe("the compat file's Node flags", () => {
  it("takes Vitest's own worker flags out of process.execArgv, which a child a test starts would get", () => {
    expectCompatFixturePasses('node-flags/flags.test.js');
  });
});

describe("the compat file's Error equality", () => {
  it("compares Errors by message as Jest's toEqual did, and by class too for toStrictEqual (real Vitest run)", () => {
    expectCompatFixturePasses('error-equality/equality.test.js');
  });
});

describe('a package among the setup files that extends the global expect (jest-extended/all, jest-chain)', () => {
  const withSetup = (setupFilesAfterEnv: string[]) => vitestSettings({ type: 'module', devDependencies: { jest: '^29' } }, { file: 'jest.config.js', config: { setupFilesAfterEnv }, unread: [] }, false);

  it('gets Vitest\'s expect as a global from the compat file, which runs first: the setup files run in order', () => {
    const { compat, translation } = withSetup(['jest-extended/all', '<rootDir>/setup.js']);
    expect(translation.test['setupFiles']).toEqual(['./vitest.jest-compat.js', 'jest-extended/all', './setup.js']);
    expect(translation.test['sequence']).toEqual({ setupFiles: 'list' });
    expect(compat.text).toContain("if (!('expect' in globalThis)) Object.assign(globalThis, { expect });");
  });

  it('leaves the config and the compat file alone for the project\'s own setup files and Vitest entries', () => {
    for (const files of [['<rootDir>/setup.js'], ['@testing-library/jest-dom'], ['jest-canvas-mock']]) {
      const { compat, translation } = withSetup(files);
      expect(translation.test['sequence']).toBeUndefined();
      expect(compat.text).not.toContain('{ expect }');
    }
  });

  it('finds its matchers on the expect the tests import (real Vitest run; the default parallel setup files stop it)', () => {
    const fixtures = join(import.meta.dirname, 'compat-fixtures/package-matchers');
    const dir = mkdtempSync(join(tmpdir(), 'codemigrate-package-matchers-'));
    try {
      const { compat, translation } = withSetup(['fake-jest-matchers']);
      writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
      writeFileSync(join(dir, compat.path), compat.text);
      const test = { setupFiles: translation.test['setupFiles'], sequence: translation.test['sequence'] };
      writeFileSync(join(dir, 'vitest.config.js'), `export default { test: ${JSON.stringify(test)} };\n`);
      cpSync(join(fixtures, 'fake-jest-matchers'), join(dir, 'node_modules/fake-jest-matchers'), { recursive: true });
      writeFileSync(join(dir, 'matchers.test.js'), readFileSync(join(fixtures, 'matchers.test.js')));
      const { status, output } = runRealVitest(dir);
      expect(output).toMatch(/1 passed/);
      expect(status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the Jest config's globals values (`globals: { __DEV__: true }`)", () => {
  const settings = () =>
    vitestSettings({ type: 'module', devDependencies: { jest: '^28' } }, { file: 'jest.config.js', config: { globals: { __DEV__: true, __LABEL__: { name: 'store' }, 'ts-jest': { isolatedModules: true } } }, unread: [] }, false);

  it('go on the global object in the compat file; a transformer\'s options among them do not', () => {
    const { compat } = settings();
    expect(compat.text).toContain('Object.assign(globalThis, {"__DEV__":true,"__LABEL__":{"name":"store"}});');
    expect(compat.text).not.toContain('isolatedModules');
  });

  it("are there before a test file's modules load (real Vitest run)", () => {
    const fixtures = join(import.meta.dirname, 'compat-fixtures/global-values');
    const dir = mkdtempSync(join(tmpdir(), 'codemigrate-global-values-'));
    try {
      const { compat, translation } = settings();
      cpSync(fixtures, dir, { recursive: true });
      writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
      writeFileSync(join(dir, compat.path), compat.text);
      writeFileSync(join(dir, 'vitest.config.js'), `export default { test: ${JSON.stringify({ setupFiles: translation.test['setupFiles'] })} };\n`);
      const { status, output } = runRealVitest(dir);
      expect(output).toMatch(/1 passed/);
      expect(status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a test helper that reaches Jest\'s globals when a test calls it (jest-mock-warn)', () => {
  const settings = () => vitestSettings({ type: 'module', devDependencies: { jest: '^28', 'jest-mock-warn': '^1.1.0' } }, { file: 'jest.config.js', config: {}, unread: [] }, false);

  it('gets Vitest\'s globals and `jest` as vi', () => {
    const { compat, translation } = settings();
    expect(translation.test['globals']).toBe(true);
    expect(compat.text).toContain("Object.assign(globalThis, { jest: vi })");
  });

  it('registers its hooks and matchers from a test file (real Vitest run)', () => {
    const fixtures = join(import.meta.dirname, 'compat-fixtures/global-test-api');
    const dir = mkdtempSync(join(tmpdir(), 'codemigrate-global-test-api-'));
    try {
      const { compat, translation } = settings();
      writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
      writeFileSync(join(dir, compat.path), compat.text);
      const test = { globals: translation.test['globals'], setupFiles: translation.test['setupFiles'] };
      writeFileSync(join(dir, 'vitest.config.js'), `export default { test: ${JSON.stringify(test)} };\n`);
      cpSync(join(fixtures, 'jest-mock-warn'), join(dir, 'node_modules/jest-mock-warn'), { recursive: true });
      writeFileSync(join(dir, 'warn.test.js'), readFileSync(join(fixtures, 'warn.test.js')));
      const { status, output } = runRealVitest(dir);
      expect(output).toMatch(/1 passed/);
      expect(status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the compat file in jsdom", () => {
  it("hides setImmediate while the test file's modules load and gives it back before the tests (jsdom's FileReader and XMLHttpRequest call it)", () => {
    const { compat } = vitestSettings({ devDependencies: { jest: '^27' } }, { file: 'jest.config.js', config: { testEnvironment: 'jsdom' }, unread: [] }, false, true);
    expect(compat.text).toContain("import { beforeAll, chai, expect, vi } from 'vitest';");
    expect(compat.text).toContain("  Reflect.deleteProperty(globalThis, 'setImmediate');\n  Reflect.deleteProperty(globalThis, 'clearImmediate');\n  beforeAll(() => {\n    Object.assign(globalThis, { setImmediate, clearImmediate });");
    expect(compat.text).not.toContain("'fetch'");
  });

  it("removes Node's fetch when a fetch polyfill is a setup file (bookshelf's whatwg-fetch, which msw 0.x sees through XMLHttpRequest)", () => {
    const config = { testEnvironment: 'jest-environment-jsdom', setupFiles: ['whatwg-fetch'] };
    const { compat, translation } = vitestSettings({ devDependencies: { jest: '^27' } }, { file: 'jest.config.js', config, unread: [] }, false, true);
    expect(compat.text).toContain("for (const name of ['fetch', 'Request', 'Response', 'Headers']) Reflect.deleteProperty(globalThis, name);");
    // The compat file runs first: the polyfill then finds no fetch, as in Jest's jsdom.
    expect(translation.test['setupFiles']).toEqual(['./vitest.jest-compat.js', 'whatwg-fetch']);
    const node = vitestSettings({ devDependencies: { jest: '^27' } }, { file: 'jest.config.js', config: { setupFiles: ['whatwg-fetch'] }, unread: [] }, false, true);
    expect(node.compat.text).not.toContain("'fetch'");
  });
});

describe("the compat file's fake timers", () => {
  it("start their clock at the real time, as Jest's did, leaving a Date.now the test mocked uncalled and in place (real Vitest run)", () => {
    expectCompatFixturePasses('fake-timers/clock.test.js');
  });
});

/** A real Vitest run of one compat-fixtures test file in an ES-module project whose setup file is the compat file (Jest 29's). */
function expectCompatFixturePasses(fixture: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'codemigrate-compat-'));
  try {
    const { compat } = vitestSettings({ type: 'module', devDependencies: { jest: '^29' } }, undefined, false);
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(dir, compat.path), compat.text);
    writeFileSync(join(dir, 'vitest.config.js'), `export default { test: { setupFiles: ['./${compat.path}'] } };\n`);
    writeFileSync(join(dir, fixture.split('/').pop()!), readFileSync(join(import.meta.dirname, 'compat-fixtures', fixture)));
    const { status, output } = runRealVitest(dir);
    expect(output).toMatch(/1 passed/);
    expect(status).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
