// Temp npm projects for install tests: one whose dependencies npm cannot resolve by its peer rules,
// built from local tarballs so that it installs offline.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from './cli.js';

/** The built-in recipes' install script. */
export const INSTALL_DEPS = join(PROJECT_ROOT, 'migrations/shared/install-deps.mjs');

/** `<dir>/<name>-<version>.tgz`, a package tarball as `npm pack` writes it. */
function packTarball(dir: string, manifest: { name: string; version: string; peerDependencies?: Record<string, string> }): string {
  const staging = mkdtempSync(join(tmpdir(), 'codemigrate-pack-'));
  try {
    mkdirSync(join(staging, 'package'));
    writeFileSync(join(staging, 'package', 'package.json'), JSON.stringify(manifest));
    const file = `${manifest.name}-${manifest.version}.tgz`;
    execFileSync('tar', ['-czf', join(dir, file), '-C', staging, 'package']);
    return file;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * A project whose dependencies npm cannot resolve by its peer rules: peer-a 2 beside needs-a1,
 * which wants peer-a ^1. Tarballs, not folders: npm links `file:` folders and checks no peers there.
 */
export function eresolveProject(dir: string): void {
  const peer = packTarball(dir, { name: 'peer-a', version: '2.0.0' });
  const needs = packTarball(dir, { name: 'needs-a1', version: '1.0.0', peerDependencies: { 'peer-a': '^1.0.0' } });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'proj', version: '1.0.0', dependencies: { 'peer-a': `file:./${peer}`, 'needs-a1': `file:./${needs}` } }));
}

/** npm offline, with its own cache and no notices: nothing reaches the registry. */
export function offlineNpmEnv(dir: string): Record<string, string> {
  return { npm_config_offline: 'true', npm_config_cache: join(dir, '.npm-cache'), npm_config_update_notifier: 'false' };
}

