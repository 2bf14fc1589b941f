// Which installed packages declare a React peer range that React 19 falls outside of, read from the
// project's lockfile (finish's `context`): npm's package-lock.json (v2/v3 `packages`), pnpm's
// pnpm-lock.yaml and Yarn 2+'s yarn.lock record each package's `peerDependencies`. Finish raises
// React to 19; such a package (MUI 5.15: `react@^17 || ^18`) then makes npm's install fail with
// ERESOLVE, and pnpm and Yarn warn. Yarn 1's lockfile records no peers: nothing is said for it.

// A namespace import: the transform loader may turn this module into CommonJS without default interop.
import * as semver from 'semver';
import { parse as parseYaml } from 'yaml';

export interface PeerConflict {
  readonly name: string;
  readonly version: string;
  /** Peer → its range, for each of react and react-dom that the target falls outside of. */
  readonly peers: Readonly<Record<string, string>>;
  readonly lockfile: string;
}

type Peers = Readonly<Record<string, unknown>>;
interface Locked {
  readonly name: string;
  readonly version: string;
  readonly peers: Peers;
}

const REACT_PEERS = ['react', 'react-dom'];

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** npm v2/v3: `packages["node_modules/a/node_modules/@s/b"] = { version, peerDependencies }`. */
function npmPackages(text: string): Locked[] {
  const packages = record(record(JSON.parse(text))?.['packages']) ?? {};
  return Object.entries(packages).flatMap(([key, value]) => {
    const entry = record(value);
    const at = key.lastIndexOf('node_modules/');
    if (at < 0 || !entry || typeof entry['version'] !== 'string') return [];
    const name = typeof entry['name'] === 'string' ? entry['name'] : key.slice(at + 'node_modules/'.length);
    return [{ name, version: entry['version'], peers: record(entry['peerDependencies']) ?? {} }];
  });
}

/** `@s/b@1.2.3(react@18.3.1)` (pnpm 6+ and 9), `/@s/b@1.2.3` (6), `/@s/b/1.2.3_react@18.3.1` (5). */
function pnpmKey(key: string): { name: string; version: string } | undefined {
  const bare = key.replace(/^\//, '').replace(/\(.*$/, '');
  // The slash form first: its peer suffix (`_react@18.3.1`) holds an `@` too.
  const slash = /^((?:@[^/]+\/)?[^/@]+)\/(\d[^_]*)/.exec(bare);
  if (slash) return { name: slash[1]!, version: slash[2]! };
  const at = /^(@?[^@]+)@(\d[^_]*)/.exec(bare);
  return at ? { name: at[1]!, version: at[2]! } : undefined;
}

function pnpmPackages(text: string): Locked[] {
  const packages = record(record(parseYaml(text))?.['packages']) ?? {};
  return Object.entries(packages).flatMap(([key, value]) => {
    const id = pnpmKey(key);
    const entry = record(value);
    return id && entry ? [{ ...id, peers: record(entry['peerDependencies']) ?? {} }] : [];
  });
}

/** Yarn 2+: `"@s/b@npm:^1.2.0": { version, peerDependencies }`; Yarn 1's format is not YAML and has no peers. */
function yarnPackages(text: string): Locked[] {
  let lock: Record<string, unknown> | undefined;
  try {
    lock = record(parseYaml(text));
  } catch {
    return [];
  }
  if (!lock?.['__metadata']) return [];
  return Object.entries(lock).flatMap(([key, value]) => {
    const entry = record(value);
    const name = /^"?(@?[^@]+)@/.exec(key)?.[1];
    if (key === '__metadata' || !entry || name === undefined || typeof entry['version'] !== 'string') return [];
    return [{ name, version: entry['version'], peers: record(entry['peerDependencies']) ?? {} }];
  });
}

const READERS: Readonly<Record<string, (text: string) => Locked[]>> = {
  'package-lock.json': npmPackages,
  'npm-shrinkwrap.json': npmPackages,
  'pnpm-lock.yaml': pnpmPackages,
  'yarn.lock': yarnPackages,
};

/**
 * Every locked package (name and version once) whose `react` or `react-dom` peer range admits no
 * `target` release, leaving out the packages finish raises itself. A lockfile that does not parse
 * is passed over: this is a report, the install that follows says what is wrong with it.
 */
export function peerConflicts(lockfiles: Readonly<Record<string, string>>, target: string, raised: ReadonlySet<string>): PeerConflict[] {
  const seen = new Set<string>();
  const conflicts: PeerConflict[] = [];
  for (const [lockfile, text] of Object.entries(lockfiles)) {
    const read = READERS[lockfile];
    if (!read) continue;
    let locked: Locked[];
    try {
      locked = read(text);
    } catch {
      continue;
    }
    for (const { name, version, peers } of locked) {
      if (raised.has(name) || seen.has(`${name}@${version}`)) continue;
      const outside = REACT_PEERS.flatMap((peer) => {
        const range = peers[peer];
        return typeof range === 'string' && semver.validRange(range) !== null && !semver.intersects(range, `^${target}`) ? [[peer, range] as const] : [];
      });
      if (outside.length === 0) continue;
      seen.add(`${name}@${version}`);
      conflicts.push({ name, version, peers: Object.fromEntries(outside), lockfile });
    }
  }
  return conflicts.sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}
