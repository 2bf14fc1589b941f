// Types of install-detect.mjs (plain JavaScript, so that recipes run it with `node`), for its tests.

export type Manager = 'npm' | 'pnpm' | 'yarn' | 'bun';

export interface InstallPlan {
  readonly manager: Manager;
  readonly version?: string;
  readonly berry: boolean;
  /** Installs from the lockfile as it is (land's check): asked for, and the manager's own lockfile exists. */
  readonly frozen: boolean;
  /** Where the manager came from: `packageManager`, a lockfile's name, or `no lockfile`. */
  readonly source: string;
  readonly lockfile?: string;
  /** The manager's arguments: `install`, its non-frozen flags and the flags carried from CI. */
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly carried: readonly string[];
  readonly ciFile?: string;
  /** What runs and why, for the first line the script prints. */
  readonly reason: string;
}

export interface CiInstall {
  readonly manager: Manager;
  readonly frozen: boolean;
  readonly flags: readonly string[];
}

export const CI_FILES: readonly string[];
export function wantedTexts(files: readonly string[]): string[];
export function isCiFile(file: string): boolean;
export function readPackageManager(packageJson: string | undefined): { name: Manager; version: string } | undefined;
export function ciInstalls(text: string): CiInstall[];
export function detectManager(files: readonly string[], texts: Readonly<Record<string, string>>): { name: Manager; version?: string; source: string; lockfile?: string };
export function isYarnBerry(manager: { version?: string }, texts: Readonly<Record<string, string>>): boolean;
export function planInstall(files: readonly string[], texts: Readonly<Record<string, string>>, options?: { frozen?: boolean }): InstallPlan;
export function chooseRunner(
  plan: InstallPlan,
  probe: { onPath(name: string): boolean; version(name: string): string | undefined },
): { argv: string[]; notes: string[] } | { error: string };
export function isEresolve(output: string): boolean;
export function missingFromLock(output: string): string | undefined;
export function eresolveRetry(argv: readonly string[], exitCode: number, output: string): string[] | undefined;
