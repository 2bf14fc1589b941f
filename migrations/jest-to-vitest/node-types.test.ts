import { describe, expect, it } from 'vitest';
import { keptNodeTypes } from './node-types.js';

const LOCK = JSON.stringify({ lockfileVersion: 3, packages: { '': { devDependencies: { jest: '^29.7.0' } }, 'node_modules/@types/node': { version: '20.11.5' } } });
const files = (entries: Record<string, string>) => (path: string) => entries[path];
const PKG = { devDependencies: { jest: '^29.7.0', typescript: '^5.4.0' } };

describe('keptNodeTypes (finish: the @types/node that only Jest brought in)', () => {
  it('declares the locked @types/node when the tsconfig lets tsc read every @types package', () => {
    expect(keptNodeTypes(PKG, files({ 'tsconfig.json': '{ // ES5, no types list\n "compilerOptions": { "target": "es5" } }', 'package-lock.json': LOCK }))).toBe('^20.11.5');
  });

  it('keeps nothing where the project declares it, names its types, has no tsconfig or no lockfile entry', () => {
    expect(keptNodeTypes({ devDependencies: { ...PKG.devDependencies, '@types/node': '^18.0.0' } }, files({ 'tsconfig.json': '{}', 'package-lock.json': LOCK }))).toBeUndefined();
    expect(keptNodeTypes(PKG, files({ 'tsconfig.json': '{ "compilerOptions": { "types": ["vitest/globals"] } }', 'package-lock.json': LOCK }))).toBeUndefined();
    expect(keptNodeTypes(PKG, files({ 'package-lock.json': LOCK }))).toBeUndefined();
    expect(keptNodeTypes(PKG, files({ 'tsconfig.json': '{}', 'package-lock.json': JSON.stringify({ lockfileVersion: 3, packages: {} }) }))).toBeUndefined();
  });
});
