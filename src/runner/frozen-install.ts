// The install that checks a commit installs from its own lockfile (what CI's `npm ci` does), chosen
// from the lockfile at the project's root; land runs it instead of the recipe's install, which
// would rewrite a stale lockfile rather than fail on it.

import type { GitPort } from '../core/git.js';
import type { VerifyCommand } from '../core/recipe.js';

/** What the choice reads at the project's root. */
export interface ProjectRoot {
  /** Names of the files at the root (only the ones the choice looks at matter). */
  readonly files: ReadonlySet<string>;
  /** The root package.json's text, if any (its `packageManager` field). */
  readonly packageJson?: string;
}

const NPM_CI = 'npm ci --no-audit --no-fund';
const PNPM_FROZEN = 'pnpm install --frozen-lockfile';
const YARN_IMMUTABLE = 'yarn install --immutable';
const YARN_CLASSIC_FROZEN = 'yarn install --frozen-lockfile';

/** The root names that the choice reads: lockfiles, Yarn ≥ 2's settings file, package.json. */
export const FROZEN_INSTALL_FILES = ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock', '.yarnrc.yml', 'package.json'] as const;

/**
 * In an install command, `{frozen}` says the command does land's frozen install itself when given
 * `--frozen` (migrations/shared/install-deps.mjs: the project's manager, its CI's flags, corepack);
 * every other install gets nothing in its place.
 */
export const FROZEN_TOKEN = '{frozen}';

/** Pure: `command` with `{frozen}` → `--frozen` (land's install) or nothing (every other install). */
export function withFrozen(command: VerifyCommand, frozen: boolean): VerifyCommand {
  if (!command.run.includes(FROZEN_TOKEN)) return command;
  return { ...command, run: command.run.replaceAll(` ${FROZEN_TOKEN}`, frozen ? ' --frozen' : '').replaceAll(FROZEN_TOKEN, frozen ? '--frozen' : '') };
}

/**
 * Pure: the frozen install for a project root, or `fallback` (the recipe's install) when the root
 * has no lockfile. It keeps the fallback's timeout. A fallback that names `{frozen}` chooses for
 * itself: it is run with `--frozen`. When several lockfiles are present, the one of
 * the manager that package.json's `packageManager` names wins; otherwise npm, then pnpm, then yarn.
 */
export function frozenInstall(root: ProjectRoot, fallback: VerifyCommand): VerifyCommand {
  if (fallback.run.includes(FROZEN_TOKEN)) return withFrozen(fallback, true);
  const manager = packageManager(root.packageJson);
  const has = (name: string) => root.files.has(name);
  const npm = has('package-lock.json') || has('npm-shrinkwrap.json');
  const pnpm = has('pnpm-lock.yaml');
  const yarn = has('yarn.lock');
  const yarnCommand = has('.yarnrc.yml') || (manager?.name === 'yarn' && manager.major >= 2) ? YARN_IMMUTABLE : YARN_CLASSIC_FROZEN;
  const byManager: Record<string, string | undefined> = {
    npm: npm ? NPM_CI : undefined,
    pnpm: pnpm ? PNPM_FROZEN : undefined,
    yarn: yarn ? yarnCommand : undefined,
  };
  const run = (manager && byManager[manager.name]) ?? byManager.npm ?? byManager.pnpm ?? byManager.yarn;
  return run === undefined ? fallback : { run, timeoutSeconds: fallback.timeoutSeconds };
}

/** Pure: `"packageManager": "yarn@3.6.1"` → { name: 'yarn', major: 3 }; anything else → undefined. */
export function packageManager(packageJson: string | undefined): { name: string; major: number } | undefined {
  if (packageJson === undefined) return undefined;
  let field: unknown;
  try {
    field = (JSON.parse(packageJson) as { packageManager?: unknown } | null)?.packageManager;
  } catch {
    return undefined;
  }
  const match = typeof field === 'string' ? /^(npm|pnpm|yarn)@(\d+)\./.exec(field) : null;
  return match ? { name: match[1]!, major: Number(match[2]) } : undefined;
}

/** The root of a commit's tree as the choice reads it. */
export async function readProjectRoot(git: GitPort, commit: string): Promise<ProjectRoot> {
  const wanted: readonly string[] = FROZEN_INSTALL_FILES;
  const entries = (await git.listTree(commit)).filter((entry) => wanted.includes(entry.path));
  const manifest = entries.find((entry) => entry.path === 'package.json');
  const [text] = manifest ? await git.readBlobs([manifest.oid]) : [];
  return {
    files: new Set(entries.map((entry) => entry.path as string)),
    ...(text !== undefined ? { packageJson: new TextDecoder().decode(text) } : {}),
  };
}
