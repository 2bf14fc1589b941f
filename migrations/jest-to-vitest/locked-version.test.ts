import { describe, expect, it } from 'vitest';
import { lockedVersion } from './locked-version.js';

const reader = (files: Record<string, string>) => (path: string) => files[path];

describe('lockedVersion', () => {
  it('reads package-lock.json v2/v3 (packages) and v1 (dependencies)', () => {
    const v3 = JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/typescript': { version: '4.6.2' }, 'node_modules/x/node_modules/typescript': { version: '5.4.0' } } });
    expect(lockedVersion('typescript', '^4.6.2', reader({ 'package-lock.json': v3 }))).toEqual({ version: '4.6.2', from: 'package-lock.json' });
    const v1 = JSON.stringify({ lockfileVersion: 1, dependencies: { typescript: { version: '3.9.7' } } });
    expect(lockedVersion('typescript', '^3.9.0', reader({ 'package-lock.json': v1 }))?.version).toBe('3.9.7');
  });

  it('reads pnpm-lock.yaml with importers (v6/v9) and the flat v5 form', () => {
    const v9 = "lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    devDependencies:\n      '@types/node':\n        specifier: ^20.0.0\n        version: 20.11.0\n      typescript:\n        specifier: ~4.5.0\n        version: 4.5.5\n\npackages:\n\n  typescript@5.4.5:\n    resolution: {integrity: sha512-x}\n";
    expect(lockedVersion('typescript', '~4.5.0', reader({ 'pnpm-lock.yaml': v9 }))).toEqual({ version: '4.5.5', from: 'pnpm-lock.yaml' });
    const v5 = 'lockfileVersion: 5.4\n\nspecifiers:\n  typescript: ^4.6.2\n\ndevDependencies:\n  typescript: 4.6.4\n\npackages:\n';
    expect(lockedVersion('typescript', '^4.6.2', reader({ 'pnpm-lock.yaml': v5 }))?.version).toBe('4.6.4');
  });

  it('reads yarn.lock classic and berry, choosing the entry of the range package.json names', () => {
    const classic = '# yarn lockfile v1\n\n\ntypescript@^4.6.2, typescript@^4.6.3:\n  version "4.6.4"\n  resolved "https://x"\n\ntypescript@^5.0.0:\n  version "5.4.5"\n';
    expect(lockedVersion('typescript', '^4.6.2', reader({ 'yarn.lock': classic }))).toEqual({ version: '4.6.4', from: 'yarn.lock' });
    const berry = '__metadata:\n  version: 6\n\n"typescript@npm:~4.5.0":\n  version: 4.5.5\n  resolution: "typescript@npm:4.5.5"\n';
    expect(lockedVersion('typescript', '~4.5.0', reader({ 'yarn.lock': berry }))?.version).toBe('4.5.5');
  });

  it('says nothing without a lockfile, or when it does not hold the package', () => {
    expect(lockedVersion('typescript', '^4.6.2', reader({}))).toBeUndefined();
    expect(lockedVersion('typescript', '^4.6.2', reader({ 'package-lock.json': '{"packages":{}}' }))).toBeUndefined();
  });
});
