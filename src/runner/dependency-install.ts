// When a run's verification needs its own dependency install: setup (or land's combined steps)
// changed a dependency manifest, so the user's node_modules, installed for the source commit, may
// not hold what the new manifests ask for. What the install gave, as a value the steps read.

import type { GitPort } from '../core/git.js';
import type { VerifyCommand } from '../core/recipe.js';
import type { VerifyResult, VerifyStatus } from '../core/verify.js';

export const DEPENDENCY_MANIFESTS = ['package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml'] as const;

/** The scratch worktree the install runs in, beside the verify slots (named 0, 1, …). */
export const INSTALL_WORKTREE = 'install';

export interface DependencyInstall {
  readonly command: VerifyCommand;
  /** The commit the user's checkout (and so its node_modules) is assumed to match: the run's source. */
  readonly from: string;
  /** The commit verify needs dependencies for (the run's base, land's result); installed at, when needed. */
  readonly to: string;
  /** Runs the command in `cwd` through the verify runner (environment, timeout, process group, tail). */
  readonly run: (cwd: string) => Promise<VerifyResult>;
  readonly progress?: (event: InstallEvent) => void;
  /** Already decided and run (setup's install, in <run>/install): adopted instead of installing. */
  readonly installed?: InstallOutcome;
}

export type InstallEvent =
  | { readonly type: 'install-started'; readonly command: string; readonly manifests: readonly string[] }
  | {
      readonly type: 'install-finished';
      readonly command: string;
      readonly status: VerifyStatus;
      readonly exitCode: number | null;
      readonly durationMs: number;
    };

export type InstallOutcome =
  /** No install command, or no manifest changed: verify links the user's node_modules. */
  | { readonly status: 'not-needed' }
  | { readonly status: 'installed'; readonly dir: string }
  /** `result.outputTail` starts with `reason`, so that review and land show it above the output. */
  | { readonly status: 'failed'; readonly reason: string; readonly result: VerifyResult };

/** Pure: a manifest at any depth, outside node_modules. */
export function isDependencyManifest(path: string): boolean {
  const segments = path.split('/');
  const name = segments[segments.length - 1] ?? '';
  return (DEPENDENCY_MANIFESTS as readonly string[]).includes(name) && !segments.includes('node_modules');
}

/** Manifests added, removed or changed between two commits, sorted. */
export async function changedManifests(git: GitPort, from: string, to: string): Promise<string[]> {
  if (from === to) return [];
  // Tree entries rather than a rename-detecting diff: a manifest renamed away still counts.
  const before = await manifestOids(git, from);
  const after = await manifestOids(git, to);
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((path) => before.get(path) !== after.get(path)).sort();
}

async function manifestOids(git: GitPort, commit: string): Promise<Map<string, string>> {
  const entries = await git.listTree(commit);
  return new Map(entries.filter((entry) => isDependencyManifest(entry.path)).map((entry) => [entry.path as string, entry.oid]));
}

/** Pure: the outcome of a finished install command. */
export function installOutcome(command: VerifyCommand, dir: string, result: VerifyResult): InstallOutcome {
  if (result.status === 'passed') return { status: 'installed', dir };
  const how =
    result.status === 'timed-out'
      ? `timed out after ${command.timeoutSeconds} s`
      : result.status === 'error'
        ? 'could not run'
        : `failed: ${result.exitCode === null ? 'killed by a signal' : `exit ${result.exitCode}`}`;
  // The cause, not the command (`review STEP` shows the command and the whole output): an install
  // command can be hundreds of characters, and every failed row would repeat it.
  const cause = installCause(result.outputTail);
  const reason = `install ${how}${cause ? `: ${cause}` : ''}`;
  return { status: 'failed', reason, result: { ...result, outputTail: `${reason}\n${result.outputTail}` } };
}

/**
 * Pure: the first line of an install's output that names an error (npm, pnpm, yarn), else its
 * last line; codemigrate's own note (`[codemigrate] could not start …`) only when there is no other.
 */
export function installCause(outputTail: string): string | undefined {
  const all = outputTail.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const ours = (line: string) => line.startsWith('[codemigrate] ');
  const lines = all.filter((line) => !ours(line));
  const errors = lines.filter((line) => /\b(ERR!|ERR_[A-Z_]+|E[A-Z]{4,}|error|fatal)\b/i.test(line));
  // npm starts with "npm error code EUSAGE": the next line says what it means.
  const bare = /^(npm (error|ERR!))(\s+code\s+\S+)?$/;
  const line = errors.find((candidate) => !bare.test(candidate)) ?? errors[0] ?? lines.at(-1) ?? all.findLast(ours)?.slice('[codemigrate] '.length);
  return line === undefined ? undefined : line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
