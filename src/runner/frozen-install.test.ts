import { describe, expect, it } from 'vitest';
import { frozenInstall, packageManager, withFrozen } from './frozen-install.js';

const recipe = { run: 'npm install --no-audit --no-fund', timeoutSeconds: 900 };
const root = (files: string[], packageJson?: object) => ({
  files: new Set(files),
  ...(packageJson ? { packageJson: JSON.stringify(packageJson) } : {}),
});

describe('frozenInstall', () => {
  it.each([
    [['package.json', 'package-lock.json'], undefined, 'npm ci --no-audit --no-fund'],
    [['package.json', 'npm-shrinkwrap.json'], undefined, 'npm ci --no-audit --no-fund'],
    [['package.json', 'pnpm-lock.yaml'], undefined, 'pnpm install --frozen-lockfile'],
    [['package.json', 'yarn.lock'], undefined, 'yarn install --frozen-lockfile'],
    [['package.json', 'yarn.lock'], { packageManager: 'yarn@1.22.19' }, 'yarn install --frozen-lockfile'],
    [['package.json', 'yarn.lock', '.yarnrc.yml'], undefined, 'yarn install --immutable'],
    [['package.json', 'yarn.lock'], { packageManager: 'yarn@4.1.0' }, 'yarn install --immutable'],
    [['package.json', 'yarn.lock'], { packageManager: 'yarn@2.4.3+sha256.abc' }, 'yarn install --immutable'],
    // Several lockfiles: the manager package.json names wins, else npm, pnpm, yarn in that order.
    [['package.json', 'yarn.lock', 'package-lock.json'], undefined, 'npm ci --no-audit --no-fund'],
    [['package.json', 'yarn.lock', 'package-lock.json'], { packageManager: 'yarn@3.6.1' }, 'yarn install --immutable'],
    [['package.json', 'pnpm-lock.yaml', 'yarn.lock'], undefined, 'pnpm install --frozen-lockfile'],
    [['package.json', 'pnpm-lock.yaml', 'yarn.lock'], { packageManager: 'yarn@1.22.0' }, 'yarn install --frozen-lockfile'],
    // A packageManager whose lockfile is absent does not decide.
    [['package.json', 'package-lock.json'], { packageManager: 'pnpm@9.0.0' }, 'npm ci --no-audit --no-fund'],
  ])('%j with %j → %s', (files, packageJson, run) => {
    expect(frozenInstall(root(files, packageJson), recipe)).toEqual({ run, timeoutSeconds: 900 });
  });

  it('is the recipe\'s install when the root has no lockfile (a lockfile deeper down does not count)', () => {
    expect(frozenInstall(root(['package.json', '.yarnrc.yml']), recipe)).toBe(recipe);
    expect(frozenInstall(root([]), recipe)).toBe(recipe);
  });
});

describe('{frozen}', () => {
  const own = { run: 'node {recipeDir}/install-deps.mjs {frozen}', timeoutSeconds: 900 };

  it('is an install that chooses its own frozen install: land runs it with --frozen, whatever the lockfile', () => {
    expect(frozenInstall(root(['package.json', 'package-lock.json']), own)).toEqual({ run: 'node {recipeDir}/install-deps.mjs --frozen', timeoutSeconds: 900 });
    expect(frozenInstall(root(['package.json']), own)).toEqual({ run: 'node {recipeDir}/install-deps.mjs --frozen', timeoutSeconds: 900 });
  });

  it('stands for nothing in every other install; a command without it is left as it is', () => {
    expect(withFrozen(own, false)).toEqual({ run: 'node {recipeDir}/install-deps.mjs', timeoutSeconds: 900 });
    expect(withFrozen(recipe, true)).toBe(recipe);
  });
});

describe('packageManager', () => {
  it.each([
    ['{"packageManager":"pnpm@8.15.4"}', { name: 'pnpm', major: 8 }],
    ['{"packageManager":"yarn@4.0.0"}', { name: 'yarn', major: 4 }],
    ['{"packageManager":"bun@1.0.0"}', undefined],
    ['{"packageManager":"yarn"}', undefined],
    ['{"packageManager":3}', undefined],
    ['{}', undefined],
    ['null', undefined],
    ['not json', undefined],
    [undefined, undefined],
  ])('%s → %j', (text, expected) => {
    expect(packageManager(text)).toEqual(expected);
  });
});
