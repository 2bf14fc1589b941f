// Pure: the workspace packages of a repo, from the root package.json `workspaces` (npm, yarn) or
// pnpm-workspace.yaml `packages`, expanded against the folders that hold a package.json.

import { createRequire } from 'node:module';
import { posix } from 'node:path';
import picomatch from 'picomatch';
import { repoError } from '../core/errors.js';
import type { RepoPath } from '../core/paths.js';
import type { FileEntry } from './candidates.js';

// yaml loads only for a repo with pnpm-workspace.yaml (~0.08 CPU-s otherwise spent by every plan).
const parseYaml = (text: string): unknown => (createRequire(import.meta.url)('yaml') as typeof import('yaml')).parse(text);

export type ReadText = (path: RepoPath) => string | undefined;

/** Workspace globs as written, or [] when the repo declares none. pnpm's file wins, as in pnpm. */
export function readWorkspaceGlobs(readText: ReadText): string[] {
  const pnpm = readText('pnpm-workspace.yaml' as RepoPath);
  if (pnpm !== undefined) {
    let doc: unknown;
    try {
      doc = parseYaml(pnpm);
    } catch (error) {
      throw repoError(`pnpm-workspace.yaml: invalid YAML: ${(error as Error).message.split('\n')[0]}`);
    }
    const packages = field(doc, 'packages');
    if (packages !== undefined) return stringList(packages, 'pnpm-workspace.yaml: packages');
  }
  const manifest = readText('package.json' as RepoPath);
  if (manifest === undefined) return [];
  let pkg: unknown;
  try {
    pkg = JSON.parse(manifest);
  } catch (error) {
    throw repoError(`package.json: invalid JSON: ${(error as Error).message}`);
  }
  const workspaces = field(pkg, 'workspaces');
  if (workspaces === undefined) return [];
  // yarn classic also allows { packages: [...], nohoist: [...] }.
  if (Array.isArray(workspaces)) return stringList(workspaces, 'package.json: workspaces');
  if (typeof workspaces !== 'object' || workspaces === null) {
    throw repoError('package.json: workspaces: expected a list of globs or { "packages": [...] }');
  }
  return stringList(field(workspaces, 'packages') ?? [], 'package.json: workspaces.packages');
}

/** Folders holding a package.json that the globs select ('!' globs remove), sorted. */
export function expandWorkspaces(globs: readonly string[], files: readonly FileEntry[]): string[] {
  const clean = (glob: string) => glob.replace(/^\.\//, '').replace(/\/+$/, '');
  const positive = globs.filter((glob) => !glob.startsWith('!')).map(clean);
  const negative = globs.filter((glob) => glob.startsWith('!')).map((glob) => clean(glob.slice(1)));
  if (positive.length === 0) return [];
  const included = picomatch(positive, { dot: true });
  const excluded = negative.length > 0 ? picomatch(negative, { dot: true }) : () => false;
  const dirs = new Set<string>();
  for (const file of files) {
    if (posix.basename(file.path) !== 'package.json' || file.mode === '160000' || file.mode === '120000') continue;
    const dir = posix.dirname(file.path);
    // Installed dependencies are not workspace packages, even when a broad glob reaches them.
    if (dir === '.' || dir.split('/').includes('node_modules')) continue;
    if (included(dir) && !excluded(dir)) dirs.add(dir);
  }
  return [...dirs].sort();
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
}

function stringList(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) {
    throw repoError(`${where}: expected a list of globs`);
  }
  return value;
}
