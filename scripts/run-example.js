#!/usr/bin/env node
// Runs the bundled example migration: copies examples/node-deprecations-app and the example
// config (migration.config.json) into a new temporary git repository, runs `codemigrate run node-deprecations` on it, and prints where
// the step branches are and how to review and land them. Usage: npm run example [-- DIR]

import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'bin', 'codemigrate.js');
const repo = process.argv[2] ? resolve(process.argv[2]) : mkdtempSync(join(tmpdir(), 'codemigrate-example-'));

cpSync(join(root, 'examples', 'node-deprecations-app'), repo, { recursive: true });
// The package's example config (README: Config), as a project would commit it.
cpSync(join(root, 'migration.config.json'), join(repo, 'migration.config.json'));
const identity = {
  GIT_AUTHOR_NAME: process.env.GIT_AUTHOR_NAME ?? 'codemigrate example',
  GIT_AUTHOR_EMAIL: process.env.GIT_AUTHOR_EMAIL ?? 'example@codemigrate.invalid',
  GIT_COMMITTER_NAME: process.env.GIT_COMMITTER_NAME ?? 'codemigrate example',
  GIT_COMMITTER_EMAIL: process.env.GIT_COMMITTER_EMAIL ?? 'example@codemigrate.invalid',
};
const git = (...args) => execFileSync('git', args, { cwd: repo, env: { ...process.env, ...identity }, stdio: ['ignore', 'pipe', 'inherit'] });
git('init', '-q', '-b', 'main');
git('add', '-A');
git('-c', 'core.hooksPath=/dev/null', 'commit', '-q', '-m', 'Example app before the migration');
console.log(`example repository: ${repo}`);

const run = spawnSync(process.execPath, [cli, 'run', 'node-deprecations', '--repo', repo, '--run-id', 'example'], {
  stdio: 'inherit',
  env: { ...process.env, ...identity },
});
if (run.status !== 0 && run.status !== 1) process.exit(run.status ?? 1);

const status = spawnSync(process.execPath, [cli, 'status', 'example', '--repo', repo, '--json'], { encoding: 'utf8' });
const rows = status.stdout.trim().split('\n').map((line) => JSON.parse(line)).filter((row) => row.type === 'step');
const branches = execFileSync('git', ['branch', '--list', 'codemigrate/example/*'], { cwd: repo, encoding: 'utf8' });
console.log(`\nstep branches in ${repo}:\n${branches.trimEnd()}`);
const needsModel = rows.filter((row) => row.status === 'needs-model');
const bad = rows.filter((row) => !['succeeded', 'unchanged', 'needs-model'].includes(row.status));
if (needsModel.length > 0) {
  console.log(`\n${needsModel.length} step(s) hold leftovers that need a model (none is configured here): see \`codemigrate review\`.`);
}
console.log(`\nnext:\n  node ${cli} review --repo ${repo}\n  node ${cli} review ${(needsModel[0] ?? rows.find((row) => row.status === 'succeeded') ?? rows[0])?.step ?? '<step>'} --repo ${repo}\n  node ${cli} land --repo ${repo}`);
process.exit(bad.length > 0 ? 1 : 0);
