// The workspace packages of a project: the folders holding a package.json that the root
// package.json `workspaces` (npm, yarn: a list, or yarn's { packages }) or pnpm-workspace.yaml
// `packages` select, `!` globs removing, node_modules never entered. The typecheck scripts use it
// for a monorepo whose root has no tsconfig.json. src/planner/workspaces.ts reads the same lists
// for the plan with yaml and picomatch; these scripts run with plain `node` inside the project
// (and its sandbox), where codemigrate's node_modules cannot be imported, and Node 20's own glob
// (path.matchesGlob) is experimental and warns on stderr, which the checks' parsers read. So the
// reading here is hand-written and minimal: `*`, `?` and `**` in globs (no braces or classes), and
// of YAML only a `packages` list, block or flow, of plain or quoted strings.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The workspace globs as written, or [] when the project declares none (pnpm's file wins, as in pnpm). */
export function workspaceGlobs(root = '.') {
  const pnpm = readText(join(root, 'pnpm-workspace.yaml'));
  if (pnpm !== undefined) {
    const globs = pnpmPackages(pnpm);
    if (globs !== undefined) return globs;
  }
  let manifest;
  try {
    manifest = JSON.parse(readText(join(root, 'package.json')) ?? 'null');
  } catch {
    return [];
  }
  const workspaces = Array.isArray(manifest?.workspaces) ? manifest.workspaces : manifest?.workspaces?.packages;
  return Array.isArray(workspaces) ? workspaces.filter((glob) => typeof glob === 'string') : [];
}

/** The folders (relative to `root`, `/`-separated, sorted) of its workspace packages. */
export function workspacePackages(root = '.') {
  const globs = workspaceGlobs(root).map((glob) => glob.trim());
  const clean = (glob) => glob.replace(/^\.\//, '').replace(/\/+$/, '');
  const excluded = globs.filter((glob) => glob.startsWith('!')).map((glob) => globRegExp(clean(glob.slice(1))));
  const found = new Set();
  for (const glob of globs.filter((g) => g !== '' && !g.startsWith('!')).map(clean)) {
    for (const dir of expand(root, '', glob.split('/').filter((s) => s !== ''))) {
      if (dir !== '' && existsSync(join(root, dir, 'package.json')) && !excluded.some((re) => re.test(dir))) found.add(dir);
    }
  }
  return [...found].sort();
}

/** The folders under `root/dir` that the glob's remaining segments reach. */
function expand(root, dir, segments) {
  if (segments.length === 0) return [dir];
  const [segment, ...rest] = segments;
  const under = (name) => (dir === '' ? name : `${dir}/${name}`);
  if (segment === '**') return [...expand(root, dir, rest), ...subfolders(root, dir).flatMap((name) => expand(root, under(name), segments))];
  if (!/[*?]/.test(segment)) return existsSync(join(root, under(segment))) ? expand(root, under(segment), rest) : [];
  const matches = globRegExp(segment);
  return subfolders(root, dir).filter((name) => matches.test(name)).flatMap((name) => expand(root, under(name), rest));
}

/** Folders in `root/dir` a glob may enter: not node_modules, not hidden (`.git`). */
function subfolders(root, dir) {
  try {
    return readdirSync(join(root, dir), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.'))
      .map((entry) => entry.name);
  } catch {
    return [];
  }
}

/** A glob as a RegExp over `/`-separated paths: `**` any folders, `*` and `?` within one. */
function globRegExp(glob) {
  let source = '';
  for (let i = 0; i < glob.length; i += 1) {
    const char = glob[i];
    if (glob.startsWith('**/', i)) {
      source += '(?:.*/)?';
      i += 2;
    } else if (glob.startsWith('**', i)) {
      source += '.*';
      i += 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[\\^$.|+()[\]{}]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** pnpm-workspace.yaml's `packages`: a block (`- 'packages/*'`) or flow (`['a/*', b]`) list; undefined when absent. */
function pnpmPackages(text) {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((line) => /^packages\s*:/.test(line));
  if (start === -1) return undefined;
  const inline = lines[start].replace(/^packages\s*:/, '').replace(/\s+#.*$/, '').trim();
  if (inline.startsWith('[')) return inline.replace(/^\[|\]$/g, '').split(',').map(unquote).filter((glob) => glob !== '');
  const globs = [];
  for (const line of lines.slice(start + 1)) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    const item = /^\s*-\s*(.*?)\s*(?:\s#.*)?$/.exec(line);
    if (item === null) break; // the next key
    globs.push(unquote(item[1]));
  }
  return globs;
}

function unquote(value) {
  const text = value.trim();
  return /^(['"]).*\1$/.test(text) ? text.slice(1, -1) : text;
}

function readText(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
