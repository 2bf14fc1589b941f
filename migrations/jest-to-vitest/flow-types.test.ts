import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { jestConfigToVitest, renderVitestConfig } from './jest-config.js';
import { usesFlow } from './flow-types.js';

// A real Vitest (this repository's) on a project shaped as graphql/dataloader: a Flow-typed
// CommonJS source that its Flow-typed tests require('..') and import, which babel-jest compiled
// with @babel/preset-flow. The config is the one the recipe writes for it.
const FIXTURE = join(import.meta.dirname, 'compat-fixtures/flow-types');
const MODULES = resolve(import.meta.dirname, '../../node_modules');

function runVitest(flowTypes: boolean): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'codemigrate-flow-types-'));
  try {
    cpSync(join(FIXTURE, 'src'), join(dir, 'src'), { recursive: true });
    mkdirSync(join(dir, 'node_modules/@babel'), { recursive: true });
    for (const name of ['vitest', '@babel/core', '@babel/preset-flow']) symlinkSync(join(MODULES, name), join(dir, 'node_modules', name));
    writeFileSync(join(dir, 'package.json'), '{ "name": "fixture", "private": true, "devDependencies": { "@babel/preset-flow": "7.0.0", "flow-bin": "0.112.0" } }\n');
    const translation = jestConfigToVitest({});
    writeFileSync(join(dir, 'vitest.config.mts'), renderVitestConfig(translation, { flowTypes, requireThroughVite: true }));
    const vitest = join(MODULES, 'vitest/vitest.mjs');
    const child = spawnSync(process.execPath, [vitest, 'run', '--root', dir], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1', NODE_ENV: 'test' } });
    return { status: child.status, output: stripVTControlCharacters(`${child.stdout}${child.stderr}`) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the codemigrate:flow-types plugin (real Vitest run)', () => {
  it('strips Flow annotations from tests and sources, required or imported, as babel-jest did', () => {
    const { status, output } = runVitest(true);
    expect(output).toMatch(/Tests {2}2 passed \(2\)/);
    expect(status).toBe(0);
  });

  it('is what the fixture needs: without it Vite cannot parse the Flow-typed files', () => {
    const { status, output } = runVitest(false);
    expect(output).toMatch(/Test Files {2}2 failed \(2\)/);
    expect(status).toBe(1);
  });
});

describe('usesFlow', () => {
  it('is true for a Flow package among the dependencies, and only then', () => {
    expect(usesFlow({ devDependencies: { '@babel/preset-flow': '7.0.0', jest: '24.9.0' } })).toBe(true);
    expect(usesFlow({ devDependencies: { 'flow-bin': '0.112.0' } })).toBe(true);
    expect(usesFlow({ devDependencies: { '@babel/preset-env': '7.7.1', jest: '24.9.0' } })).toBe(false);
    expect(usesFlow({})).toBe(false);
  });
});
