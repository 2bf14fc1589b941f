import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { jestConfigToVitest, renderVitestConfig } from './jest-config.js';
import { KEEPS_NODE_FILE, requireThroughVitePlugin } from './require-through-vite.js';

// A real Vitest (this repository's) on a project shaped as bookshelf's test server: a CommonJS
// index that requires, by environment, an ES module importing a package's folder entry and a
// module found through Jest's moduleDirectories; a CommonJS file requiring an ES module; plain
// CommonJS. The config is the one the recipe writes for it.
const FIXTURE = join(import.meta.dirname, 'compat-fixtures/require-through-vite');
const MODULES = resolve(import.meta.dirname, '../../node_modules');

function runVitest(requireThroughVite: boolean): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'codemigrate-require-through-vite-'));
  try {
    cpSync(join(FIXTURE, 'src'), join(dir, 'src'), { recursive: true });
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(join(MODULES, 'vitest'), join(dir, 'node_modules/vitest'));
    cpSync(join(FIXTURE, 'fake-msw'), join(dir, 'node_modules/fake-msw'), { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{ "name": "fixture", "private": true }\n');
    const translation = jestConfigToVitest({ testMatch: ['**/__tests__/**/*.js'], moduleDirectories: ['node_modules', '<rootDir>/src'] });
    writeFileSync(join(dir, 'vitest.config.mts'), renderVitestConfig(translation, { requireThroughVite }));
    const vitest = join(MODULES, 'vitest/vitest.mjs');
    const child = spawnSync(process.execPath, [vitest, 'run', '--root', dir], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1', NODE_ENV: 'test' } });
    return { status: child.status, output: stripVTControlCharacters(`${child.stdout}${child.stderr}`) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the codemigrate:require-through-vite plugin (real Vitest run)', () => {
  it("loads through Vite what a top-level require() reached through Jest's transform, and leaves plain CommonJS to Node", () => {
    const { status, output } = runVitest(true);
    expect(output).toMatch(/Tests {2}4 passed \(4\)/);
    expect(status).toBe(0);
  });

  it("is what the fixture needs: without it Node gets the ES module and the whole file fails", () => {
    const { status, output } = runVitest(false);
    expect(output).toMatch(/Test Files {2}1 failed \(1\)/);
    expect(output).toMatch(/Directory import .*fake-msw\/node|Cannot use import statement outside a module/);
    expect(status).toBe(1);
  });
});

describe('keepsNodeFile (the plugin text)', () => {
  const keepsNodeFile = new Function(`${KEEPS_NODE_FILE.join('\n')}\nreturn keepsNodeFile;`)() as (id: string, native: string | undefined, target: string, folderWithManifest: boolean) => boolean;

  it("keeps Node's file for a folder required by path whose exports give Vite another entry, and no other difference", () => {
    // koa: require('../..') from __tests__/application/*.js; Vite 7 resolved dist/koa.mjs.
    expect(keepsNodeFile('../..', '/p/lib/application.js', '/p/dist/koa.mjs', true)).toBe(true);
    expect(keepsNodeFile('./legacy', '/p/src/legacy.js', '/p/src/legacy.js', false)).toBe(true);
    // Another difference (an alias, a module folder) is Vite's to resolve, as it was Jest's.
    expect(keepsNodeFile('./styles', '/p/src/styles.js', '/p/src/styles.mock.js', false)).toBe(false);
    expect(keepsNodeFile('koa', '/p/node_modules/koa/lib/application.js', '/p/node_modules/koa/dist/koa.mjs', true)).toBe(false);
    expect(keepsNodeFile('../..', undefined, '/p/dist/koa.mjs', true)).toBe(false);
  });

  it('is in the plugin the config holds', () => {
    expect(requireThroughVitePlugin().join('\n')).toContain(KEEPS_NODE_FILE.join('\n'));
  });
});
