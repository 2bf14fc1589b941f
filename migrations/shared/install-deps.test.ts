// install-deps.mjs run for real in temp projects: npm's ERESOLVE on two local packages with
// conflicting peer dependencies (offline: `file:` tarballs), retried with --legacy-peer-deps; a
// pnpm project on a PATH without pnpm or corepack fails instead of installing with npm.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eresolveProject, INSTALL_DEPS, offlineNpmEnv } from '../../test/helpers/npm-projects.js';
import { useTempDirs } from '../../test/helpers/temp-repo.js';

const tempDir = useTempDirs();

function runScript(cwd: string, args: string[], env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, [INSTALL_DEPS, ...args], { cwd, encoding: 'utf8', env });
}

describe('install-deps.mjs', () => {
  it('retries an npm install (and, with --frozen, npm ci) that fails with ERESOLVE once with --legacy-peer-deps, and says so', () => {
    const dir = tempDir();
    eresolveProject(dir);
    const { status, stdout, stderr } = runScript(dir, [], { ...process.env, ...offlineNpmEnv(dir) });
    expect(status, stdout + stderr).toBe(0);
    const lines = stdout.split('\n').filter((line) => line.startsWith('install:'));
    expect(lines).toEqual([
      'install: npm install --no-audit --no-fund — npm (no lockfile)',
      'install: npm reported ERESOLVE (a peer-dependency conflict); retrying once with --legacy-peer-deps: npm install --no-audit --no-fund --legacy-peer-deps',
      'install: succeeded with --legacy-peer-deps (the conflict is still there: the lockfile was resolved ignoring peer dependencies)',
    ]);
    expect(stdout.split('\n')[0]).toBe(lines[0]);
    expect(stderr).toContain('ERESOLVE unable to resolve dependency tree');
    expect(JSON.parse(readFileSync(join(dir, 'node_modules/needs-a1/package.json'), 'utf8'))).toMatchObject({ name: 'needs-a1' });
    expect(existsSync(join(dir, 'package-lock.json'))).toBe(true);

    // Land's install of that lockfile: `npm ci` meets the same conflict, and the same retry.
    rmSync(join(dir, 'node_modules'), { recursive: true });
    const land = runScript(dir, ['--frozen'], { ...process.env, ...offlineNpmEnv(dir) });
    expect(land.status, land.stdout + land.stderr).toBe(0);
    expect(land.stdout.split('\n').filter((line) => line.startsWith('install:')).slice(0, 2)).toEqual([
      'install: npm ci --no-audit --no-fund — npm (package-lock.json), frozen',
      'install: npm reported ERESOLVE (a peer-dependency conflict); retrying once with --legacy-peer-deps: npm ci --no-audit --no-fund --legacy-peer-deps',
    ]);
    expect(existsSync(join(dir, 'node_modules/needs-a1/package.json'))).toBe(true);
  });

  describe('on a PATH without the manager the lockfile names', () => {
    /** A PATH holding only stand-ins that leave a mark when run. */
    function standIns(names: string[]): string {
      const bin = tempDir();
      for (const name of names) {
        writeFileSync(join(bin, name), `#!/bin/sh\necho "$0 $*" >> "${bin}/ran"\n`);
        chmodSync(join(bin, name), 0o755);
      }
      return bin;
    }
    const pnpmProject = () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'package.json'), '{"name":"proj"}');
      writeFileSync(join(dir, 'pnpm-lock.yaml'), "lockfileVersion: '9.0'\n");
      return dir;
    };

    it('fails naming the manager, and installs nothing with npm', () => {
      const dir = pnpmProject();
      const bin = standIns(['npm']);
      const { status, stdout, stderr } = runScript(dir, [], { PATH: bin });
      expect(status).toBe(1);
      expect(stdout).toBe('install: pnpm (pnpm-lock.yaml)\n');
      expect(stderr).toContain('install: this project installs with pnpm (pnpm-lock.yaml), but neither pnpm nor corepack is on PATH');
      expect(existsSync(join(bin, 'ran'))).toBe(false);
      expect(existsSync(join(dir, 'package-lock.json'))).toBe(false);
    });

    it('runs the manager through corepack when corepack is there', () => {
      const dir = pnpmProject();
      const bin = standIns(['npm', 'corepack']);
      const { status, stdout } = runScript(dir, [], { PATH: bin });
      expect(status).toBe(0);
      expect(stdout).toBe('install: corepack pnpm install --no-frozen-lockfile — pnpm (pnpm-lock.yaml); pnpm is not on PATH: running it through corepack\n');
      expect(readFileSync(join(bin, 'ran'), 'utf8')).toBe(`${join(bin, 'corepack')} pnpm install --no-frozen-lockfile\n`);
    });

    it('keeps pnpm\'s store in node_modules when HOME is a temporary folder (the sandbox\'s), which the global virtual store would leave links into', () => {
      const dir = pnpmProject();
      const bin = standIns(['npm', 'corepack']);
      const { status, stdout } = runScript(dir, [], { PATH: bin, HOME: tempDir() });
      expect(status).toBe(0);
      const store = join(realpathSync(dir), 'node_modules', '.pnpm-store');
      expect(stdout).toContain("HOME is a temporary folder: pnpm's store goes into node_modules/.pnpm-store");
      expect(readFileSync(join(bin, 'ran'), 'utf8')).toBe(`${join(bin, 'corepack')} pnpm install --no-frozen-lockfile --config.store-dir=${store}\n`);
    });

    it("puts the manager corepack runs on the install's PATH, for the project's own scripts (a .yarnrc yarn-path script that runs yarn)", () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'package.json'), '{"name":"proj"}');
      writeFileSync(join(dir, 'yarn.lock'), '# yarn lockfile v1\n');
      const bin = standIns(['npm']);
      // corepack's stand-in does what scripts/bootstrap.js does: it runs `yarn` from PATH.
      writeFileSync(join(bin, 'corepack'), `#!/bin/sh\necho "$0 $*" >> "${bin}/ran"\n[ "$2" = "--shimmed" ] && exit 0\nyarn --shimmed || echo "no yarn on PATH" >> "${bin}/ran"\n`);
      chmodSync(join(bin, 'corepack'), 0o755);
      const { status } = runScript(dir, [], { PATH: bin });
      expect(status).toBe(0);
      expect(readFileSync(join(bin, 'ran'), 'utf8')).toBe(`${join(bin, 'corepack')} yarn install\n${join(bin, 'corepack')} yarn --shimmed\n`);
    });
  });
});
