// Hostile commands in the verify sandbox (bubblewrap): whatever they try, nothing outside the
// scratch worktree changes, the key in codemigrate's environment cannot be read (not from the
// environment, not through procfs), and no connection reaches a server on 127.0.0.1. Runs where
// bwrap works (CI installs it); elsewhere the fallback's refusal is pinned in run.test.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HERMETIC_GIT_ENV, makeTempDir } from '../../test/helpers/temp-repo.js';
import { runCommand } from './run-verify.js';
import { detectSandbox, sandboxEnvironment } from './sandbox.js';

const sandbox = detectSandbox();
const KEY = 'sk-sandbox-canary-0123456789';

let root: string;
let checkout: string;
let worktree: string;
let server: Server;
let port: number;
let connections = 0;
beforeAll(async () => {
  root = makeTempDir('codemigrate-sandbox-');
  checkout = join(root, 'checkout');
  worktree = join(root, 'worktree');
  mkdirSync(join(checkout, 'node_modules', 'pkg'), { recursive: true });
  writeFileSync(join(checkout, 'node_modules', 'pkg', 'index.js'), 'module.exports = 1;\n');
  writeFileSync(join(checkout, '.env'), `API_KEY=${KEY}\n`);
  writeFileSync(join(checkout, 'a.txt'), 'one\n');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: checkout, env: { ...process.env, ...HERMETIC_GIT_ENV } });
  git('init', '-q', '-b', 'main');
  git('add', 'a.txt');
  git('commit', '-qm', 'one');
  git('worktree', 'add', '-q', '--detach', worktree);
  symlinkSync(join(checkout, 'node_modules'), join(worktree, 'node_modules'));
  server = createServer((socket) => {
    connections += 1;
    socket.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(root, { recursive: true, force: true });
});

const run = (command: string, network = false) =>
  runCommand(command, 60, { cwd: worktree, env: { ...process.env, CODEMIGRATE_TEST_KEY: KEY }, signal: undefined, capture: true, sandbox: { sandbox, network } });

// Skipped only where bwrap is missing (.ci/run installs it as root; a non-root machine without it
// runs verify unsandboxed, which sandbox-refusal e2e covers).
describe.skipIf(sandbox.kind === 'none')('verify sandbox (bubblewrap)', () => {
  it('writes in the worktree only: the checkout, its .git, HOME and other paths stay as they were', async () => {
    const outside = join(root, 'outside.txt');
    const result = await run(
      [
        'echo ok > made-here.txt',
        `echo x > ${join(checkout, 'a.txt')}; echo x > ${join(checkout, 'new.txt')}`,
        `git -C ${checkout} config alias.pwn '!id' ; echo x >> ${join(checkout, '.git', 'config')}`,
        `echo x > ${outside}; echo x > "$HOME/.codemigrate-canary"; echo x > ${join(homedir(), '.codemigrate-canary')}`,
        'echo x > node_modules/pkg/index.js',
        'mkdir -p node_modules/.cache/tool && echo cached > node_modules/.cache/tool/f && cat node_modules/.cache/tool/f',
        `cat ${join(checkout, '.env')} || true`,
        'true',
      ].join('\n'),
    );
    expect(result.status).toBe('passed');
    expect(readFileSync(join(worktree, 'made-here.txt'), 'utf8')).toBe('ok\n');
    expect(readFileSync(join(checkout, 'a.txt'), 'utf8')).toBe('one\n');
    expect(existsSync(join(checkout, 'new.txt'))).toBe(false);
    expect(readFileSync(join(checkout, '.git', 'config'), 'utf8')).not.toContain('pwn');
    expect(existsSync(outside)).toBe(false);
    expect(existsSync(join(homedir(), '.codemigrate-canary'))).toBe(false);
    expect(readFileSync(join(checkout, 'node_modules', 'pkg', 'index.js'), 'utf8')).toBe('module.exports = 1;\n');
    // A tool's cache beside the packages is writable in the sandbox, and gone with it.
    expect(result.stdout).toContain('cached');
    expect(existsSync(join(checkout, 'node_modules', '.cache', 'tool'))).toBe(false);
    // The checkout is hidden, so its .env cannot even be read.
    expect(result.stdout).not.toContain(KEY);
  });

  it("follows no node_modules link a command made: the next command sees nothing of where it points, and nothing is created there", async () => {
    try {
      const made = await run(
        [
          'mkdir -p pkgs/a pkgs/b pkgs/c',
          `ln -s ${checkout} pkgs/a/node_modules`,
          `ln -s ${root} pkgs/b/node_modules`,
          `ln -s ${join(root, 'made-by-sandbox', 'node_modules')} pkgs/c/node_modules`,
        ].join(' && '),
      );
      expect(made.status).toBe('passed');
      // The next command (the step's next check, or the next step in this slot: resets spare node_modules).
      const next = await run('cat pkgs/a/node_modules/.env; cat pkgs/b/node_modules/checkout/.env; ls pkgs/b/node_modules/checkout; true');
      expect(next.status).toBe('passed');
      expect(next.stdout).not.toContain(KEY);
      expect(next.stdout).not.toContain('a.txt');
      expect(existsSync(join(root, 'made-by-sandbox'))).toBe(false);
    } finally {
      rmSync(join(worktree, 'pkgs'), { recursive: true, force: true });
    }
  });

  it("shows what the run's install worktree links in only from inside it (its manifests are the step's: a file: dependency names any folder)", async () => {
    const install = join(root, 'install');
    mkdirSync(join(install, 'packages', 'ok'), { recursive: true });
    writeFileSync(join(install, 'packages', 'ok', 'index.js'), 'module.exports = "inside the install";\n');
    mkdirSync(join(install, 'sub', 'node_modules'), { recursive: true });
    symlinkSync(join(install, 'packages', 'ok'), join(install, 'sub', 'node_modules', 'ok'));
    symlinkSync(checkout, join(install, 'sub', 'node_modules', 'evil'));
    // As WorktreePool links a workspace package's node_modules to the install's.
    mkdirSync(join(worktree, 'sub'));
    symlinkSync(join(install, 'sub', 'node_modules'), join(worktree, 'sub', 'node_modules'));
    try {
      const result = await run('cat sub/node_modules/ok/index.js; cat sub/node_modules/evil/.env; true');
      expect(result.stdout).toContain('inside the install');
      expect(result.stdout).not.toContain(KEY);
    } finally {
      rmSync(join(worktree, 'sub'), { recursive: true, force: true });
      rmSync(install, { recursive: true, force: true });
    }
  });

  it("gives a relative link of the install worktree's no place of its own when the install is shown at another path", async () => {
    // The install reached through a linked folder (as a checkout's node_modules can be), and a
    // relative file: dependency that leaves it: it resolves from the shown path inside the sandbox.
    const install = join(root, 'install');
    mkdirSync(join(install, 'sub', 'node_modules'), { recursive: true });
    symlinkSync('../../../checkout', join(install, 'sub', 'node_modules', 'evil'));
    mkdirSync(join(root, 'deep'));
    symlinkSync(install, join(root, 'deep', 'install'));
    mkdirSync(join(worktree, 'sub'));
    symlinkSync(join(root, 'deep', 'install', 'sub', 'node_modules'), join(worktree, 'sub', 'node_modules'));
    try {
      expect(readFileSync(join(worktree, 'sub', 'node_modules', 'evil', '.env'), 'utf8')).toContain(KEY);
      const result = await run('cat sub/node_modules/evil/.env; true');
      expect(result.stdout).not.toContain(KEY);
    } finally {
      for (const dir of [join(worktree, 'sub'), install, join(root, 'deep')]) rmSync(dir, { recursive: true, force: true });
    }
  });

  it("shows a package of pnpm's global virtual store with the dependencies linked beside it (pnpm/meta-updater's jest)", async () => {
    // <store>/links/@/<name>/<version>/<hash>/node_modules/<name>, a dependency a link to another entry.
    const links = join(root, 'store', 'v10', 'links', '@');
    const app = join(links, 'app', '1.0.0', 'h1', 'node_modules');
    mkdirSync(join(app, 'app'), { recursive: true });
    mkdirSync(join(links, 'dep', '1.0.0', 'h2', 'node_modules', 'dep'), { recursive: true });
    writeFileSync(join(app, 'app', 'index.js'), "module.exports = require('dep');\n");
    writeFileSync(join(links, 'dep', '1.0.0', 'h2', 'node_modules', 'dep', 'index.js'), "module.exports = 'from dep';\n");
    symlinkSync('../../../../dep/1.0.0/h2/node_modules/dep', join(app, 'dep'));
    symlinkSync(join(app, 'app'), join(checkout, 'node_modules', 'app'));
    try {
      const result = await run(`node -e "console.log(require('app'))"`);
      expect(result.stdout).toContain('from dep');
      expect(result.status).toBe('passed');
    } finally {
      rmSync(join(checkout, 'node_modules', 'app'));
    }
  });

  it('cannot read the key: not in its environment, not through procfs, not from the parent', async () => {
    const result = await run(`env; cat /proc/*/environ 2>/dev/null | tr '\\0' '\\n'; cat /proc/${process.pid}/environ 2>&1; ls /proc | grep -c '^[0-9]'`);
    expect(result.stdout).not.toContain(KEY);
    expect(result.stdout).toContain('No such file or directory');
    // Its own PID namespace: a handful of processes, none of ours.
    expect(Number((result.stdout ?? '').trim().split('\n').pop())).toBeLessThan(10);
  });

  it('reaches no server on 127.0.0.1 without a network, and does with one (installs)', async () => {
    const probe = `node -e "require('net').connect(${port}, '127.0.0.1').on('connect', () => { console.log('connected'); process.exit(0); }).on('error', (e) => { console.log(e.code); process.exit(0); })"`;
    const closed = await run(probe);
    expect(closed.stdout).toMatch(/ECONNREFUSED/);
    expect(connections).toBe(0);
    const open = await run(probe, true);
    expect(open.stdout).toContain('connected');
    expect(connections).toBe(1);
  });

  it("resolves a workspace package's relative link where the checkout's node_modules itself links elsewhere (the corpus links an install's)", async () => {
    const base = join(root, 'linked-workspace');
    const elsewhere = join(base, 'install');
    const own = join(base, 'checkout');
    const slot = join(base, 'slot');
    for (const dir of [join(elsewhere, 'node_modules', '@acme'), join(elsewhere, 'packages', 'presets'), join(own, 'packages', 'presets'), slot]) mkdirSync(dir, { recursive: true });
    writeFileSync(join(elsewhere, 'packages', 'presets', 'index.js'), "module.exports = 'install';\n");
    writeFileSync(join(own, 'packages', 'presets', 'index.js'), "module.exports = 'checkout';\n");
    symlinkSync('../../packages/presets', join(elsewhere, 'node_modules', '@acme', 'presets'));
    symlinkSync(join(elsewhere, 'node_modules'), join(own, 'node_modules'));
    symlinkSync(join(own, 'node_modules'), join(slot, 'node_modules'));
    const result = await runCommand(`node -e "console.log(require('@acme/presets'))"`, 60, { cwd: slot, env: process.env, signal: undefined, capture: true, sandbox: { sandbox } });
    // As outside the sandbox: the link resolves from the folder node_modules really is.
    expect(result.stdout?.trim()).toBe('install');
  });

  it('shows a recipe folder under /tmp read-only (built-in recipes and {recipeDir} scripts live outside the worktree)', async () => {
    const recipeDir = join(root, 'recipes');
    mkdirSync(recipeDir, { recursive: true });
    writeFileSync(join(recipeDir, 'check.sh'), 'echo recipe-script-ran\n');
    const result = await runCommand(`sh ${join(recipeDir, 'check.sh')}; echo x > ${join(recipeDir, 'check.sh')} || true`, 60, {
      cwd: worktree,
      env: process.env,
      signal: undefined,
      capture: true,
      sandbox: { sandbox, readable: [recipeDir] },
    });
    expect(result.stdout).toContain('recipe-script-ran');
    expect(readFileSync(join(recipeDir, 'check.sh'), 'utf8')).toBe('echo recipe-script-ran\n');
    const hidden = await run(`sh ${join(recipeDir, 'check.sh')} || echo not-shown`);
    expect(hidden.stdout).toContain('not-shown');
    // A recipe straight in the checkout's root (or in /tmp) would show what is hidden: not shown.
    for (const dir of [checkout, '/tmp']) {
      const broad = await runCommand(`cat ${join(checkout, '.env')} || echo not-shown; echo ok > "$TMPDIR/x" && echo tmp-writable`, 60, {
        cwd: worktree, env: process.env, signal: undefined, capture: true, sandbox: { sandbox, readable: [dir] },
      });
      expect(broad.stdout).toContain('not-shown');
      expect(broad.stdout).toContain('tmp-writable');
      expect(broad.stdout).not.toContain(KEY);
    }
  });

  it('keeps a bounded fork bomb inside: the command times out, the group is gone, the worktree stays usable', async () => {
    const result = await runCommand('for i in 1 2 3 4 5 6 7 8; do (sleep 3017 &) ; done; sleep 3017', 1, { cwd: worktree, env: process.env, signal: undefined, sandbox: { sandbox } });
    expect(result.status).toBe('timed-out');
    // The kill is sent as the command ends; the kernel takes the namespace down right after.
    const left = () => spawnSync('pgrep', ['-f', 'sleep 3017']).status === 0;
    for (let i = 0; i < 200 && left(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(left()).toBe(false);
    const after = await run('ls made-here.txt');
    expect(after.status).toBe('passed');
  });
});

describe('sandboxEnvironment', () => {
  it('keeps the allow-listed variables only, with a private HOME and TMPDIR', () => {
    const env = sandboxEnvironment({ PATH: '/bin', OPENAI_API_KEY: 'sk-x', CODEMIGRATE_TEST_KEY: KEY, LC_ALL: 'C', npm_config_registry: 'r', GIT_CONFIG_GLOBAL: '/dev/null', HOME: '/root', AWS_SECRET_ACCESS_KEY: 'a' }, '/tmp/h');
    expect(env).toEqual({ PATH: '/bin', LC_ALL: 'C', npm_config_registry: 'r', GIT_CONFIG_GLOBAL: '/dev/null', HOME: '/tmp/h', TMPDIR: '/tmp' });
  });

  it('keeps where TLS trust comes from, so that installs behind a re-signing proxy reach the registry', () => {
    const env = sandboxEnvironment({ NODE_EXTRA_CA_CERTS: '/etc/ca.pem', SSL_CERT_FILE: '/etc/ca.pem', SSL_CERT_DIR: '/etc/ssl/certs', PIP_CERT: '/etc/ca.pem' }, '/tmp/h');
    expect(env).toEqual({ NODE_EXTRA_CA_CERTS: '/etc/ca.pem', SSL_CERT_FILE: '/etc/ca.pem', SSL_CERT_DIR: '/etc/ssl/certs', HOME: '/tmp/h', TMPDIR: '/tmp' });
  });

  it("keeps the user's switches against binary downloads in installs, not the secrets beside them", () => {
    const env = sandboxEnvironment({ CYPRESS_INSTALL_BINARY: '0', CYPRESS_RECORD_KEY: 'secret', PUPPETEER_SKIP_DOWNLOAD: '1', HUSKY: '0' }, '/tmp/h');
    expect(env).toEqual({ CYPRESS_INSTALL_BINARY: '0', PUPPETEER_SKIP_DOWNLOAD: '1', HUSKY: '0', HOME: '/tmp/h', TMPDIR: '/tmp' });
  });
});
