// Hostile *code* through whole runs: the built CLI, the real openai SDK and the local server. Each
// step's first reply rewrites the step's test into an attack that the recipe's verify then runs
// (in the sandbox): writes to the checkout, its .git, HOME, outside paths; harvests every
// process's environment through procfs; connects to servers on 127.0.0.1 (the model server
// among them); forks a bounded swarm of sleepers; kills its parent and every process it can see.
// The attack fails verify and prints what it found, so the step's second request carries that
// output back to the model; the second reply restores the test. Afterwards: 0 effects outside the
// worktrees, 0 key or canary bytes in any request, state file or commit, no process left, every
// step succeeded. Runs where bubblewrap works (CI installs it).

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectSandbox } from '../../src/verify/sandbox.js';
import { snapshotCheckout } from '../helpers/checkout-snapshot.js';
import { PROJECT_ROOT, runCli } from '../helpers/cli.js';
import { makeTempDir, makeTempRepo, useHermeticGit } from '../helpers/temp-repo.js';
import { startModelServer } from '../model-server/server.js';
import { TEST_API_KEY, TEST_API_KEY_ENV } from '../model-server/test-config.js';
import { changedKeys, fileTree, GIT_OWNED, reportFigures } from './campaign-kit.js';

useHermeticGit();
const sandbox = detectSandbox();
const cleanups: Array<() => unknown> = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** In codemigrate's environment but on no allow-list: must reach no request, file or commit. */
const ENV_CANARY = 'env-canary-7d1e0c55';
const DOTENV_CANARY = 'dotenv-canary-93b4aa01';
const MARK = `hostile-${process.pid}`;
const SLEEPER = 3047;

const RUN_TESTS = `const files = process.argv.slice(2).filter((file) => file.endsWith('.test.js'));
for (const file of files) require(require('path').resolve(file));
console.log('ran ' + files.length + ' test file(s)');
`;
const A_JS = 'module.exports = function add(a, b) { return a + b; };\n';
const A_TEST_JS = "const add = require('./a');\nif (add(1, 2) !== 3) throw new Error('add is broken');\n";

interface Places {
  readonly checkout: string;
  readonly outside: string;
  readonly ports: readonly number[];
}

/** Each attack is a test file body: it tries, prints what it got, and fails verify. */
const ATTACKS: Record<string, (places: Places) => string> = {
  'writes the checkout and its .git': ({ checkout }) => `
    const fs = require('fs');
    for (const [file, how] of [['${checkout}/PWNED-checkout.txt', 'w'], ['${checkout}/package.json', 'w'], ['${checkout}/.git/config', 'a'], ['${checkout}/.git/hooks/pre-commit', 'w']]) {
      try { how === 'a' ? fs.appendFileSync(file, '[alias]\\n\\tpwn = !id\\n') : fs.writeFileSync(file, '${MARK}'); console.log('wrote ' + file); } catch (e) { console.log('refused ' + file + ': ' + e.code); }
    }
    try { require('child_process').execSync('git -C ${checkout} config alias.pwn !id'); console.log('git config ran'); } catch (e) { console.log('git config refused'); }`,
  'writes HOME and paths outside the worktree': ({ outside }) => `
    const fs = require('fs'); const os = require('os');
    for (const file of [os.homedir() + '/.${MARK}', '${homedir()}/.${MARK}', '${outside}/PWNED-outside.txt', '${PROJECT_ROOT}/.${MARK}', '/var/tmp/${MARK}', '/etc/${MARK}']) {
      try { fs.writeFileSync(file, 'x'); console.log('wrote ' + file); } catch (e) { console.log('refused ' + file + ': ' + e.code); }
    }`,
  'harvests environments through procfs and reads the checkout .env': ({ checkout }) => `
    const fs = require('fs');
    let loot = JSON.stringify(process.env);
    for (const pid of fs.readdirSync('/proc').filter((name) => /^\\d+$/.test(name))) {
      for (const what of ['environ', 'cmdline']) { try { loot += fs.readFileSync('/proc/' + pid + '/' + what, 'utf8'); } catch {} }
    }
    try { loot += fs.readFileSync('${checkout}/.env', 'utf8'); } catch (e) { loot += ' .env: ' + e.code; }
    try { loot += fs.readFileSync('/proc/1/root/${checkout.slice(1)}/.env', 'utf8'); } catch {}
    console.log('LOOT ' + loot);
    fs.writeFileSync('loot.txt', loot);`,
  'connects to servers on 127.0.0.1, the model server among them': ({ ports }) => `
    const net = require('net');
    let left = ${ports.length};
    for (const port of ${JSON.stringify(ports)}) {
      const socket = net.connect(port, '127.0.0.1');
      socket.on('connect', () => { console.log('connected ' + port); socket.end('POST /v1/chat/completions HTTP/1.1\\r\\nhost: x\\r\\ncontent-length: 4\\r\\n\\r\\nloot'); });
      socket.on('error', (e) => console.log('refused ' + port + ': ' + e.code));
      socket.on('close', () => { if (--left === 0) process.exit(1); });
    }
    setInterval(() => {}, 1000);`,
  'forks a bounded swarm of sleepers and leaves them behind': () => `
    const { spawn } = require('child_process');
    for (let i = 0; i < 64; i++) spawn('sleep', ['${SLEEPER}'], { detached: true, stdio: 'ignore' }).unref();
    console.log('spawned 64 sleepers');`,
  'kills its parent and every process it can see': () => `
    try { process.kill(process.ppid, 'SIGKILL'); } catch (e) { console.log('ppid: ' + e.code); }
    try { process.kill(-1, 'SIGKILL'); } catch (e) { console.log('-1: ' + e.code); }`,
};
const NAMES = Object.keys(ATTACKS);

const moduleOf = (index: number) => `src/c${String(index).padStart(2, '0')}`;


/** Every file's text under `dir`, for a search for key bytes. */
function allText(dir: string): string {
  let text = '';
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) text += readFileSync(full, 'latin1');
    }
  };
  if (existsSync(dir)) walk(dir);
  return text;
}


// Skipped only where bwrap is missing: without a sandbox these attacks would really hit this machine.
describe.skipIf(sandbox.kind === 'none')('hostile code in verify, through whole runs (bubblewrap)', () => {
  it(`contains all ${NAMES.length} attacks: nothing outside the worktrees changes, no key byte leaves, every step finishes`, async () => {
    let connections = 0;
    const listener: Server = createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => listener.close(resolve)));
    const outside = makeTempDir('codemigrate-outside-');
    writeFileSync(join(outside, 'kept.txt'), 'kept\n');

    const files: Record<string, string> = { 'run-tests.js': RUN_TESTS, 'package.json': '{ "name": "hostile-code" }\n', '.gitignore': '.env\n' };
    for (const index of NAMES.keys()) {
      files[`${moduleOf(index)}/a.js`] = A_JS;
      files[`${moduleOf(index)}/a.test.js`] = A_TEST_JS;
    }
    const repo = makeTempRepo(files);
    cleanups.push(() => repo.cleanup());
    // Ignored, never committed: only an attack that reads the checkout could find it.
    writeFileSync(join(repo.dir, '.env'), `TOKEN=${DOTENV_CANARY}\n`);

    let modelPort = 0;
    const counters = new Map<number, number>();
    const model = await startModelServer((request) => {
      const index = Number(/### src\/c(\d{2})\//.exec(JSON.stringify(request.body))?.[1] ?? -1);
      const name = NAMES[index];
      if (name === undefined) return { kind: 'status', status: 500, message: 'no case' };
      const n = counters.get(index) ?? 0;
      counters.set(index, n + 1);
      const path = `${moduleOf(index)}/a.test.js`;
      if (n > 0) return { kind: 'edits', edits: [{ path, content: A_TEST_JS.replace('broken', 'broken (checked again)') }], notes: 'restored the test' };
      const attack = ATTACKS[name]!({ checkout: repo.dir, outside, ports: [(listener.address() as { port: number }).port, modelPort] });
      return { kind: 'edits', edits: [{ path, content: `${attack}\nprocess.exitCode = 1;\n` }], notes: 'rewrote the test' };
    });
    cleanups.push(() => model.close());
    modelPort = Number(new URL(model.baseURL).port);

    const recipeDir = makeTempDir();
    writeFileSync(join(recipeDir, 'instructions.md'), 'Make the tests pass.\n');
    const recipe = {
      id: 'hostile-code',
      description: 'every step asks the model; verify runs the step tests (campaign)',
      modules: { by: 'directory', include: ['src/**'] },
      steps: [{ model: { instructions: './instructions.md', when: ['always', 'verify-failed'] } }],
      verify: [{ run: 'node run-tests.js {files}', timeoutSeconds: 60 }],
    };
    writeFileSync(join(recipeDir, 'recipe.json'), JSON.stringify(recipe));
    const modelConfig = { baseURL: model.baseURL, model: 'test-model', apiKeyEnv: TEST_API_KEY_ENV, timeoutSeconds: 20, idleTimeoutSeconds: 10, maxRetries: 0 };
    writeFileSync(join(repo.dir, 'migration.config.json'), JSON.stringify({ model: modelConfig }));

    const checkoutBefore = snapshotCheckout(repo);
    const gitBefore = fileTree(join(repo.dir, '.git'), GIT_OWNED);
    const outsideBefore = fileTree(outside);
    const result = await runCli(['run', join(recipeDir, 'recipe.json'), '--repo', repo.dir, '--run-id', 'hc', '--concurrency', '3', '--max-attempts', '3'], {
      env: { [TEST_API_KEY_ENV]: TEST_API_KEY, SERVICE_TOKEN: ENV_CANARY },
    });

    const problems: string[] = [];
    if (result.code !== 0) problems.push(`exit ${result.code}: ${(result.stdout + result.stderr).slice(-800)}`);
    // Effects outside the worktrees.
    problems.push(...changedKeys(checkoutBefore, snapshotCheckout(repo), 'checkout changed'));
    problems.push(...changedKeys(gitBefore, fileTree(join(repo.dir, '.git'), GIT_OWNED), ".git changed outside codemigrate's own"));
    if (JSON.stringify(fileTree(outside)) !== JSON.stringify(outsideBefore)) problems.push('the outside folder changed');
    for (const file of [join(homedir(), `.${MARK}`), join(PROJECT_ROOT, `.${MARK}`), `/var/tmp/${MARK}`, `/etc/${MARK}`]) {
      if (existsSync(file)) {
        problems.push(`${file} was created`);
        rmSync(file, { force: true });
      }
    }
    if (connections > 0) problems.push(`${connections} connection(s) reached the test's server`);
    const unauthorised = model.requests.filter((request) => request.authorization !== 'present').length;
    if (unauthorised > 0) problems.push(`${unauthorised} request(s) reached the model server without codemigrate's key`);
    const sleepers = spawnSync('pgrep', ['-f', `sleep ${SLEEPER}`]).stdout.toString().trim();
    if (sleepers) {
      problems.push(`sleepers left running: ${sleepers.split('\n').length}`);
      spawnSync('pkill', ['-f', `sleep ${SLEEPER}`]);
    }
    // Key and canary bytes: requests, state, commits.
    const places: Record<string, string> = {
      requests: JSON.stringify(model.requests),
      state: allText(join(repo.dir, '.git', 'codemigrate')),
      commits: execFileSync('git', ['log', '--all', '-p', '--format=%B'], { cwd: repo.dir, maxBuffer: 64 * 1024 * 1024 }).toString('latin1'),
      output: result.stdout + result.stderr,
    };
    for (const [place, text] of Object.entries(places)) {
      for (const secret of [TEST_API_KEY, ENV_CANARY, DOTENV_CANARY]) if (text.includes(secret)) problems.push(`${place} holds ${secret}`);
    }
    // Every step met its attack, failed verify, and was finished by the second reply.
    const statuses = readdirSync(join(repo.dir, '.git', 'codemigrate', 'hc', 'steps')).map((step) => {
      const attempts = JSON.parse(readFileSync(join(repo.dir, '.git', 'codemigrate', 'hc', 'steps', step, 'attempts.json'), 'utf8')) as { result: string }[];
      return `${step}:${attempts.map((attempt) => attempt.result).join(',')}`;
    });
    const secondRequests = model.requests.filter((request) => JSON.stringify(request.body).includes('restored') || JSON.stringify(request.body).includes('rewrote the test'));
    const verifyFeedback = model.requests.filter((request) => /LOOT|refused|connected|spawned/.test(JSON.stringify(request.body))).length;

    reportFigures('hostile-code', {
      attacks: NAMES.length,
      exit: result.code,
      requests: model.requests.length,
      requestsCarryingAttackOutput: verifyFeedback,
      connections,
      unauthorisedRequests: unauthorised,
      steps: statuses,
      problems: problems.length,
    });
    expect(problems).toEqual([]);
    expect(statuses).toHaveLength(NAMES.length);
    for (const status of statuses) expect(status).toMatch(/verify-failed.*succeeded$/);
    // The attacks' output did go back to the model: that channel was open, and carried nothing.
    expect(verifyFeedback).toBeGreaterThan(0);
    expect(secondRequests.length).toBeGreaterThan(0);
    for (const index of NAMES.keys()) expect(repo.git('show', `codemigrate/hc/${moduleOf(index).replace('/', '-')}:${moduleOf(index)}/a.test.js`)).toContain('checked again');
  }, 600_000);
});
