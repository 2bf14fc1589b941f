#!/usr/bin/env node
// The verify sandbox's cost per command (README "Reliability"): the same commands with and
// without bubblewrap, alternating, in a scratch worktree of a small repository.
//   npm run build && node bench/sandbox.mjs [ROUNDS]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectSandbox } from '../dist/verify/sandbox.js';

const rounds = Number(process.argv[2] ?? 5);
const sandbox = detectSandbox();
if (sandbox.kind === 'none') {
  console.error(`no sandbox here: ${sandbox.description}`);
  process.exit(1);
}
const root = mkdtempSync(join(tmpdir(), 'bench-sandbox-'));
const checkout = join(root, 'checkout');
const worktree = join(root, 'worktree');
mkdirSync(join(checkout, 'node_modules'), { recursive: true });
writeFileSync(join(checkout, 'a.js'), 'console.log(1)\n');
const git = (...args) => execFileSync('git', args, { cwd: checkout, env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' } });
git('init', '-q', '-b', 'main');
git('add', '.');
git('commit', '-qm', 'one');
git('worktree', 'add', '-q', '--detach', worktree);
symlinkSync(join(checkout, 'node_modules'), join(worktree, 'node_modules'));

const commands = { 'sh -c true': ['/bin/sh', '-c', 'true'], 'node a.js': ['/bin/sh', '-c', `${process.execPath} a.js`] };
const time = (boxed, argv) => {
  const started = process.hrtime.bigint();
  const { file, args, env } = boxed ? sandbox.wrap(argv, process.env, { cwd: worktree }) : { file: argv[0], args: argv.slice(1), env: process.env };
  const result = spawnSync(file, args, { cwd: worktree, env });
  if (result.status !== 0) throw new Error(`${file} failed: ${result.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log('| command | bare ms | bubblewrap ms | cost ms |\n|---|---|---|---|');
for (const [name, argv] of Object.entries(commands)) {
  const bare = [];
  const boxed = [];
  for (let round = 0; round < rounds * 10; round++) {
    bare.push(time(false, argv));
    boxed.push(time(true, argv));
  }
  console.log(`| ${name} | ${median(bare).toFixed(1)} | ${median(boxed).toFixed(1)} | ${(median(boxed) - median(bare)).toFixed(1)} |`);
}
rmSync(root, { recursive: true, force: true });
