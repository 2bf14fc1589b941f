// install-detect.mjs: one fixture folder per case (install-fixtures/<case>/, its files and the
// expected.json the detection must give), and the runner choice over a faked PATH.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chooseRunner, ciInstalls, eresolveRetry, planInstall, type InstallPlan } from './install-detect.mjs';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'install-fixtures');

/** Every file under `dir` (relative, `/`-separated) and its text; expected.json is the answer, not input. */
function readFixture(dir: string): { files: string[]; texts: Record<string, string> } {
  const files: string[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path !== join(dir, 'expected.json')) files.push(relative(dir, path));
    }
  };
  walk(dir);
  return { files, texts: Object.fromEntries(files.map((file) => [file, readFileSync(join(dir, file), 'utf8')])) };
}

describe('planInstall', () => {
  for (const name of readdirSync(FIXTURES).sort()) {
    it(name, () => {
      const { files, texts } = readFixture(join(FIXTURES, name));
      // `frozen`, where given: land's install (`--frozen`) of the same project.
      type Expected = Pick<InstallPlan, 'args' | 'env' | 'reason'>;
      const { frozen, ...expected } = JSON.parse(readFileSync(join(FIXTURES, name, 'expected.json'), 'utf8')) as Expected & { frozen?: Expected };
      const plan = planInstall(files, texts);
      expect({ args: plan.args, env: plan.env, reason: plan.reason }).toEqual(expected);
      if (frozen) {
        const land = planInstall(files, texts, { frozen: true });
        expect({ args: land.args, env: land.env, reason: land.reason }).toEqual(frozen);
      }
    });
  }
});

describe('ciInstalls', () => {
  it('reads install commands behind run:, list dashes, env assignments, npx and corepack; skips global and named installs', () => {
    const text = [
      '- run: CI=true npm ci --legacy-peer-deps # peers',
      '  run: corepack pnpm i --frozen-lockfile --strict-peer-dependencies',
      '- yarn --frozen-lockfile --network-timeout 100000 --ignore-optional',
      '- npm i -g pnpm@8',
      '- yarn add -D left-pad',
      '- echo npm install is not run here',
      '- cd web && npm install --workspace web',
    ].join('\n');
    expect(ciInstalls(text)).toEqual([
      { manager: 'npm', frozen: true, flags: ['--legacy-peer-deps'] },
      { manager: 'pnpm', frozen: true, flags: ['--strict-peer-dependencies'] },
      { manager: 'yarn', frozen: true, flags: ['--ignore-optional'] },
    ]);
  });
});

describe('chooseRunner', () => {
  const plan = (files: string[], packageJson = '{}') => planInstall(['package.json', ...files], { 'package.json': packageJson });
  const path = (names: string[], versions: Record<string, string> = {}) => ({ onPath: (name: string) => names.includes(name), version: (name: string) => versions[name] });

  it('runs the manager from PATH', () => {
    expect(chooseRunner(plan(['pnpm-lock.yaml']), path(['npm', 'pnpm', 'corepack']))).toEqual({ argv: ['pnpm', 'install', '--no-frozen-lockfile'], notes: [] });
  });

  it('runs a manager missing from PATH through corepack', () => {
    expect(chooseRunner(plan(['pnpm-lock.yaml']), path(['npm', 'corepack']))).toEqual({
      argv: ['corepack', 'pnpm', 'install', '--no-frozen-lockfile'],
      notes: ['pnpm is not on PATH: running it through corepack'],
    });
  });

  it('runs through corepack when the manager on PATH is another major than packageManager names', () => {
    const chosen = chooseRunner(plan([], '{"packageManager":"yarn@4.1.0"}'), path(['npm', 'yarn', 'corepack'], { yarn: '1.22.22' }));
    expect(chosen).toMatchObject({ argv: ['corepack', 'yarn', 'install'] });
    expect(chooseRunner(plan([], '{"packageManager":"yarn@4.1.0"}'), path(['npm', 'yarn', 'corepack'], { yarn: '4.5.0' }))).toMatchObject({ argv: ['yarn', 'install'] });
  });

  it('fails, naming the manager and the lockfile, rather than installing with npm when neither the manager nor corepack is there', () => {
    const chosen = chooseRunner(plan(['pnpm-lock.yaml']), path(['npm']));
    expect(chosen).toEqual({ error: expect.stringContaining('this project installs with pnpm (pnpm-lock.yaml), but neither pnpm nor corepack is on PATH') });
  });

  it('falls back to npm only when the project has no lockfile at all', () => {
    expect(chooseRunner(plan([], '{"packageManager":"pnpm@9.0.0"}'), path(['npm']))).toEqual({
      argv: ['npm', 'install', '--no-audit', '--no-fund'],
      notes: ['neither pnpm nor corepack is on PATH and the project has no lockfile: installing with npm'],
    });
  });
});

describe('eresolveRetry', () => {
  it('retries a failed npm install once with --legacy-peer-deps when the output says ERESOLVE', () => {
    expect(eresolveRetry(['npm', 'install'], 1, 'npm error code ERESOLVE')).toEqual(['npm', 'install', '--legacy-peer-deps']);
    expect(eresolveRetry(['npm', 'install'], 1, 'npm error code E404')).toBeUndefined();
    expect(eresolveRetry(['npm', 'install', '--force'], 1, 'ERESOLVE')).toBeUndefined();
    expect(eresolveRetry(['npm', 'install', '--legacy-peer-deps'], 1, 'ERESOLVE')).toBeUndefined();
    expect(eresolveRetry(['pnpm', 'install'], 1, 'ERESOLVE')).toBeUndefined();
    expect(eresolveRetry(['npm', 'install'], 0, 'ERESOLVE overriding peer dependency')).toBeUndefined();
  });

  it("retries npm ci the same way when the lockfile lacks a package, as one resolved with --legacy-peer-deps lacks peers (koa-rest's acorn)", () => {
    const missing = 'npm error `npm ci` can only install packages when your package.json and package-lock.json are in sync.\nnpm error Missing: acorn@8.19.0 from lock file\n';
    expect(eresolveRetry(['npm', 'ci', '--no-audit'], 1, missing)).toEqual(['npm', 'ci', '--no-audit', '--legacy-peer-deps']);
    expect(eresolveRetry(['npm', 'install'], 1, missing)).toBeUndefined();
    expect(eresolveRetry(['npm', 'ci', '--legacy-peer-deps'], 1, missing)).toBeUndefined();
    expect(eresolveRetry(['npm', 'ci'], 1, 'npm error Invalid: lock file\'s acorn@7.4.1 does not satisfy acorn@^8')).toBeUndefined();
  });
});
