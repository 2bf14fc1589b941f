import { describe, expect, it } from 'vitest';
import type { VerifyResult } from '../core/verify.js';
import { installOutcome, isDependencyManifest } from './dependency-install.js';

describe('isDependencyManifest', () => {
  it.each([
    ['package.json', true],
    ['packages/a/package.json', true],
    ['package-lock.json', true],
    ['npm-shrinkwrap.json', true],
    ['apps/web/yarn.lock', true],
    ['pnpm-lock.yaml', true],
    ['node_modules/x/package.json', false],
    ['packages/a/node_modules/x/package.json', false],
    ['src/package.json.bak', false],
    ['src/my-package.json', false],
    ['tsconfig.json', false],
  ])('%s → %s', (path, expected) => {
    expect(isDependencyManifest(path)).toBe(expected);
  });
});

describe('installOutcome', () => {
  const command = { run: 'npm ci', timeoutSeconds: 90 };
  const result = (status: VerifyResult['status'], exitCode: number | null): VerifyResult => ({
    command: 'npm ci',
    status,
    exitCode,
    durationMs: 5,
    outputTail: 'npm ERR! x\n',
  });

  it('is installed when the command passed', () => {
    expect(installOutcome(command, '/w/install', result('passed', 0))).toEqual({ status: 'installed', dir: '/w/install' });
  });

  it.each([
    ['failed', 1, 'install (npm ci) failed: exit 1'],
    ['failed', null, 'install (npm ci) failed: killed by a signal'],
    ['timed-out', null, 'install (npm ci) timed out after 90 s'],
    ['error', null, 'install (npm ci) could not run'],
  ] as const)('%s (exit %s): %s, above the output', (status, exitCode, reason) => {
    expect(installOutcome(command, '/w/install', result(status, exitCode))).toEqual({
      status: 'failed',
      reason,
      result: { ...result(status, exitCode), outputTail: `${reason}\nnpm ERR! x\n` },
    });
  });
});
