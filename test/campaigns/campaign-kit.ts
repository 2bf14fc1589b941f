// Shared by the reliability campaigns: the size switch (CODEMIGRATE_CAMPAIGN=full), a seeded
// random source, the CLI started as the leader of its own process group, the invariants every
// trial must keep, and a figures line per campaign that RELIABILITY.md is written from.

import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CLI, type CliResult } from '../helpers/cli.js';
import { snapshotCheckout } from '../helpers/checkout-snapshot.js';
import { HERMETIC_GIT_ENV, type TempRepo } from '../helpers/temp-repo.js';
import { worktreeRoot } from '../../src/runner/worktree-pool.js';

export const CAMPAIGN_SIZES = ['default', 'full'] as const;
export type CampaignSize = (typeof CAMPAIGN_SIZES)[number];

export const CAMPAIGN: CampaignSize = process.env.CODEMIGRATE_CAMPAIGN === 'full' ? 'full' : 'default';

/** The default figure, or the full one under CODEMIGRATE_CAMPAIGN=full. */
export function sized<T>(byDefault: T, full: T): T {
  return CAMPAIGN === 'full' ? full : byDefault;
}

/** A reproducible source of numbers in [0, 1): the same seed gives the same campaign. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    // xorshift32: good enough to spread kill moments and pick cases, and stable across Node versions.
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 32;
  };
}

/** One JSON line per campaign on stdout (and in $CODEMIGRATE_CAMPAIGN_FIGURES when set). */
export function reportFigures(campaign: string, figures: Record<string, unknown>): void {
  const line = JSON.stringify({ campaign, size: CAMPAIGN, ...figures });
  console.log(`[campaign] ${line}`);
  const file = process.env.CODEMIGRATE_CAMPAIGN_FIGURES;
  if (file) appendFileSync(file, `${line}\n`);
}

/**
 * Starts the built CLI detached, so that it leads a process group of its own: the campaign can
 * then kill it alone (`child.kill`) or with every git and verify child in its group
 * (`process.kill(-pid)`).
 */
export function startGroupLeader(args: readonly string[], env: Record<string, string> = {}): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...HERMETIC_GIT_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<CliResult>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

/**
 * Calls `kill` once the child has printed `lines` lines on stdout: a kill moment fixed by the run's
 * progress (its --json events), not by time, so it lands at the same point however loaded the machine.
 */
export function killAfterLines(child: ChildProcess, lines: number, kill: () => void): void {
  let seen = 0;
  child.stdout!.on('data', (chunk: string) => {
    seen += chunk.split('\n').length - 1;
    if (seen >= lines && child.exitCode === null && child.signalCode === null) kill();
  });
}

export function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
}

/** Processes whose working directory is inside `dir` (e.g. orphaned verify commands after a kill). */
export function processesIn(dir: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cwd = readlinkSync(`/proc/${name}/cwd`);
      if (cwd === dir || cwd.startsWith(`${dir}/`)) pids.push(Number(name));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

/** Ends processes a campaign left behind (verify children of killed runs), so no test outlives its file. */
export function killStrays(pids: readonly number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already finished
    }
  }
}

/** The scratch worktrees of a test repository's runs (outside the repository, see worktree-pool.ts). */
export function worktreesOf(repoDir: string, run?: string): string {
  const root = worktreeRoot(join(repoDir, '.git'));
  return run === undefined ? root : join(root, run);
}

/** Processes working in the repository or in its runs' scratch worktrees. */
export function processesOf(repoDir: string): number[] {
  return [...processesIn(repoDir), ...processesIn(worktreesOf(repoDir))];
}

export async function waitFor(check: () => boolean, timeoutMs: number, stepMs = 25): Promise<boolean> {
  for (let waited = 0; waited < timeoutMs; waited += stepMs) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
  return check();
}

export function stepTrees(repo: TempRepo, run: string, prefix = 'codemigrate'): Record<string, string> {
  const lines = repo.git('for-each-ref', '--format=%(refname) %(objectname)', `refs/heads/${prefix}/${run}/`).split('\n');
  const trees: Record<string, string> = {};
  for (const line of lines.filter(Boolean)) {
    const [ref, commit] = line.split(' ') as [string, string];
    trees[ref.slice(`refs/heads/${prefix}/${run}/`.length)] = repo.git('rev-parse', `${commit}^{tree}`);
  }
  return trees;
}

/**
 * Every promise a finished run keeps, as a list of broken ones (empty when all held): the step
 * trees of an uninterrupted run, one commit per step on base, a clean fsck, no lock, no scratch
 * worktree, and the user's checkout as it was.
 */
export function brokenPromises(repo: TempRepo, run: string, expected: Record<string, string>, before: Record<string, string>): string[] {
  const broken: string[] = [];
  const trees = stepTrees(repo, run);
  for (const [step, tree] of Object.entries(expected)) {
    if (trees[step] === undefined) broken.push(`lost step ${step}`);
    else if (trees[step] !== tree) broken.push(`step ${step}: tree ${trees[step]} instead of ${tree}`);
  }
  for (const step of Object.keys(trees)) if (!(step in expected)) broken.push(`unexpected branch ${step}`);
  for (const step of Object.keys(trees).filter((name) => name !== 'base')) {
    const count = repo.git('rev-list', '--count', `codemigrate/${run}/base..codemigrate/${run}/${step}`);
    if (count !== '1') broken.push(`step ${step}: ${count} commits on base`);
  }
  const fsck = repo.git('fsck', '--strict', '--no-dangling', '--no-progress');
  if (fsck !== '') broken.push(`git fsck: ${fsck.split('\n')[0]}`);
  if (existsSync(join(repo.dir, '.git/codemigrate/lock'))) broken.push('lock left behind');
  const worktrees = repo.git('worktree', 'list', '--porcelain').match(/^worktree /gm)?.length ?? 0;
  if (worktrees !== 1) broken.push(`${worktrees - 1} scratch worktree(s) left`);
  const after = snapshotCheckout(repo);
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (before[key] !== after[key]) broken.push(`checkout changed: ${key}`);
  }
  return broken;
}

/** Puts a stash entry, an uncommitted edit and an untracked file in the user's checkout. */
export function dirtyCheckout(repo: TempRepo, edited: string): void {
  repo.write({ [edited]: '// stashed edit\n' });
  repo.git('stash', 'push', '-q', '-m', 'user stash');
  repo.write({ [edited]: '// uncommitted edit, not part of any run\n', 'untracked-notes.txt': 'mine\n' });
}

// What codemigrate may write in .git: objects, its own refs (and their reflogs), its own state.
export const GIT_OWNED = ['objects', 'codemigrate', 'refs/heads/codemigrate', 'logs/refs/heads/codemigrate', 'worktrees', 'logs/HEAD'];

/** Mode and hash of every file under `dir` (symlinks by their being links), skipping the named top-level entries. */
export function fileTree(dir: string, skip: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      const rel = relative(dir, full);
      if (skip.some((prefix) => rel === prefix || rel.startsWith(`${prefix}/`))) continue;
      if (entry.isSymbolicLink()) out[rel] = 'link';
      else if (entry.isDirectory()) walk(full);
      else out[rel] = `${statSync(full).mode.toString(8)}:${createHash('sha256').update(readFileSync(full)).digest('hex')}`;
    }
  };
  walk(dir);
  return out;
}

/** `label: key` for every key whose value differs between two snapshots (or is in only one). */
export function changedKeys(before: Record<string, string>, after: Record<string, string>, label: string): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key) => before[key] !== after[key]).map((key) => `${label}: ${key}`);
}
