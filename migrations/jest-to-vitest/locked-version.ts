// Pure: the version of a root dependency that the project's lockfile holds (package-lock.json /
// npm-shrinkwrap.json, pnpm-lock.yaml, yarn.lock classic and berry), read from the text alone. A
// range says what may be installed; the lockfile says what is: `typescript ^4.6.2` locked at 4.6.2
// is a TypeScript 4.6 project, however far the range could reach.

// A namespace import: the transform loader may turn this module into CommonJS without default interop.
import * as semver from 'semver';

export interface LockedVersion {
  readonly version: string;
  readonly from: string;
}

export const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock'] as const;

/** The version `name` is locked at (the root's own entry), or undefined when no lockfile says. */
export function lockedVersion(name: string, range: string | undefined, readFile: (path: string) => string | undefined, exact = false): LockedVersion | undefined {
  for (const file of LOCKFILES) {
    const text = readFile(file);
    if (text === undefined) continue;
    const version = file === 'pnpm-lock.yaml' ? fromPnpm(text, name) : file === 'yarn.lock' ? fromYarn(text, name, range, exact) : fromNpm(text, name);
    if (version !== undefined && semver.valid(version) !== null) return { version, from: file };
  }
  return undefined;
}

function fromNpm(text: string, name: string): string | undefined {
  try {
    const lock = JSON.parse(text) as { packages?: Record<string, { version?: string }>; dependencies?: Record<string, { version?: string }> };
    return lock.packages?.[`node_modules/${name}`]?.version ?? lock.dependencies?.[name]?.version;
  } catch {
    return undefined;
  }
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * pnpm 6+: `importers: '.': devDependencies: typescript: { specifier, version: 4.6.2 }` (or, in a
 * single-package lockfile, the same at the top level); pnpm 5: `typescript: 4.6.2` under
 * `devDependencies:`. A peer suffix (`5.0.4(@types/node@20.1.0)`) is cut off.
 */
function fromPnpm(text: string, name: string): string | undefined {
  const key = `(?:'${escape(name)}'|"${escape(name)}"|${escape(name)})`;
  const section = /^\s*(?:dependencies|devDependencies|optionalDependencies):\s*$/m;
  const start = section.exec(text);
  if (start === null) return undefined;
  const rest = text.slice(start.index);
  const nested = new RegExp(`^\\s+${key}:\\s*\\n\\s+specifier:[^\\n]*\\n\\s+version:\\s*['"]?([^\\s('"]+)`, 'm').exec(rest);
  const flat = new RegExp(`^\\s+${key}:\\s*['"]?(\\d[^\\s('"]*)`, 'm').exec(rest);
  return nested?.[1] ?? flat?.[1];
}

/** yarn classic: `typescript@^4.6.2:` then `  version "4.6.2"`; berry: `"typescript@npm:^4.6.2":` then `  version: 4.6.2`. */
function fromYarn(text: string, name: string, range: string | undefined, exact: boolean): string | undefined {
  const blocks = text.split(/\r?\n(?=\S)/);
  const candidates: string[] = [];
  for (const block of blocks) {
    const header = block.split('\n', 1)[0]!;
    const specs = header.replace(/:\s*$/, '').split(',').map((spec) => spec.trim().replace(/^"|"$/g, ''));
    const ranges = specs.filter((spec) => spec.startsWith(`${name}@`)).map((spec) => spec.slice(name.length + 1).replace(/^npm:/, ''));
    if (ranges.length === 0) continue;
    const version = /^\s+version:?\s+"?([^"\s]+)"?/m.exec(block)?.[1];
    if (version === undefined) continue;
    if (range !== undefined && ranges.includes(range)) return version;
    candidates.push(version);
  }
  return candidates.length === 1 && !exact ? candidates[0] : undefined;
}
