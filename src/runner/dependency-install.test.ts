import { describe, expect, it } from 'vitest';
import type { VerifyResult } from '../core/verify.js';
import { installCause, installOutcome, isDependencyManifest } from './dependency-install.js';

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
    ['failed', 1, 'install failed: exit 1: npm ERR! x'],
    ['failed', null, 'install failed: killed by a signal: npm ERR! x'],
    ['timed-out', null, 'install timed out after 90 s: npm ERR! x'],
    ['error', null, 'install could not run: npm ERR! x'],
  ] as const)('%s (exit %s): %s, above the output', (status, exitCode, reason) => {
    expect(installOutcome(command, '/w/install', result(status, exitCode))).toEqual({
      status: 'failed',
      reason,
      result: { ...result(status, exitCode), outputTail: `${reason}\nnpm ERR! x\n` },
    });
  });
});

describe('installCause', () => {
  it.each([
    ['npm', 'npm warn old lockfile\nnpm error code ERESOLVE\nnpm error ERESOLVE unable to resolve dependency tree\n', 'npm error ERESOLVE unable to resolve dependency tree'],
    ['npm ci out of sync', 'npm error code EUSAGE\nnpm error\nnpm error `npm ci` can only install packages when in sync.\n', 'npm error `npm ci` can only install packages when in sync.'],
    ['npm 6', 'npm WARN x\nnpm ERR! code E404\n', 'npm ERR! code E404'],
    ['pnpm', 'Progress: resolved 1\n ERR_PNPM_OUTDATED_LOCKFILE  Cannot install with "frozen-lockfile"\n', 'ERR_PNPM_OUTDATED_LOCKFILE  Cannot install with "frozen-lockfile"'],
    ['yarn', '[1/4] Resolving packages...\nerror Your lockfile needs to be updated\n', 'error Your lockfile needs to be updated'],
    ['no error line: the last line', 'step one\nKilled\n[codemigrate] timed out\n', 'Killed'],
    ['only our note', '[codemigrate] could not start: spawn ENOENT\n', 'could not start: spawn ENOENT'],
    ['nothing', '\n', undefined],
  ])('%s', (_name, output, cause) => {
    expect(installCause(output)).toBe(cause);
  });
});
