import { describe, expect, it } from 'vitest';
import { checkAppliesTo, type ManifestText } from './applies-to.js';

const JEST = { dependencies: ['jest', 'ts-jest', 'babel-jest'], files: ['**/jest.config.{js,ts,cjs,mjs,json}'] };
const pkg = (path: string, value: unknown): ManifestText => ({ path, text: JSON.stringify(value) });

describe('checkAppliesTo', () => {
  it('applies everywhere without appliesTo', () => {
    expect(checkAppliesTo(undefined, [], [])).toEqual({ applies: true });
  });

  it('applies when any package.json, at any depth, lists a dependency in any of the four fields', () => {
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
      const manifests = [pkg('package.json', { name: 'root' }), pkg('packages/web/package.json', { [field]: { 'ts-jest': '^29' } })];
      expect(checkAppliesTo(JEST, manifests, []), field).toEqual({ applies: true });
    }
  });

  it('does not count other fields, other names, or package.json under node_modules', () => {
    const manifests = [
      pkg('package.json', { name: 'jest', scripts: { test: 'jest' }, bundleDependencies: ['jest'], devDependencies: { 'jest-extended': '1', mocha: '10' } }),
      pkg('node_modules/x/package.json', { dependencies: { jest: '29' } }),
      pkg('packages/a/node_modules/y/package.json', { devDependencies: { jest: '29' } }),
    ];
    expect(checkAppliesTo({ dependencies: ['jest'], files: [] }, manifests, [])).toEqual({
      applies: false,
      reason: 'no package.json lists jest',
    });
  });

  it('matches a whole scope written "@scope/*", and only that scope', () => {
    const appliesTo = { dependencies: ['@jest/*'], files: [] };
    expect(checkAppliesTo(appliesTo, [pkg('package.json', { devDependencies: { '@jest/globals': '29' } })], [])).toEqual({ applies: true });
    expect(checkAppliesTo(appliesTo, [pkg('package.json', { devDependencies: { '@jestjs/x': '1', jest: '29' } })], [])).toMatchObject({ applies: false });
  });

  it('applies when any file matches a glob, at any depth, but not under node_modules', () => {
    expect(checkAppliesTo(JEST, [], ['src/a.js', 'packages/web/jest.config.ts'])).toEqual({ applies: true });
    expect(checkAppliesTo(JEST, [], ['jest.config.js'])).toEqual({ applies: true });
    expect(checkAppliesTo(JEST, [], ['node_modules/lib/jest.config.js', 'jest.config.yaml'])).toMatchObject({ applies: false });
  });

  it('says what was looked for when it does not apply', () => {
    expect(checkAppliesTo(JEST, [pkg('package.json', { devDependencies: { mocha: '10' } })], ['test/a.spec.js'])).toEqual({
      applies: false,
      reason: 'no package.json lists jest, ts-jest or babel-jest, and no file matches **/jest.config.{js,ts,cjs,mjs,json}',
    });
    expect(checkAppliesTo({ dependencies: [], files: ['a/**', 'b/**'] }, [], ['c/x'])).toEqual({
      applies: false,
      reason: 'no file matches a/** or b/**',
    });
  });

  it('names the package.json files it could not read, and still reads the others', () => {
    const manifests = [{ path: 'broken/package.json', text: '{ "devDependencies": ' }, pkg('package.json', ['jest'])];
    expect(checkAppliesTo({ dependencies: ['jest'], files: [] }, manifests, [])).toEqual({
      applies: false,
      reason: 'no package.json lists jest (not a JSON object, so not read: broken/package.json, package.json)',
    });
    expect(checkAppliesTo({ dependencies: ['jest'], files: [] }, [...manifests, pkg('ok/package.json', { dependencies: { jest: '1' } })], [])).toEqual({ applies: true });
  });

  it('only reads files named package.json', () => {
    expect(checkAppliesTo({ dependencies: ['jest'], files: [] }, [pkg('pnpm-workspace.yaml', { dependencies: { jest: '1' } })], [])).toMatchObject({ applies: false });
  });
});
