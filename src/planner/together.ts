// Pure: files that must share a step. A recipe's modules.includeFrom may name groups of them (a
// test helper that declares tests with Jest's globals, and the tests of other folders that import
// it: migrated apart, each step's worktree would hold one half and neither runner could run both).
// A group moves into one module, and no chunk splits it; a snapshot goes where its test goes.

import { posix } from 'node:path';
import type { RepoPath } from '../core/paths.js';
import { comparePaths } from './candidates.js';
import { ROOT_MODULE } from './modules.js';

/**
 * Module → files after the groups are joined. Groups that share a file are one group; files that
 * are not candidates are ignored. A group whose files lie in several modules moves into the module
 * named by the deepest folder holding those modules (test/datetime and test/info → test), which
 * may be one of them or a module of its own; its snapshots (`d/__snapshots__/x.test.js.snap` of
 * `d/x.test.js`) move with it. Modules left empty are dropped.
 */
export function joinModules(modules: ReadonlyMap<string, readonly RepoPath[]>, groups: readonly (readonly string[])[]): Map<string, RepoPath[]> {
  const moduleOf = new Map<string, string>();
  for (const [module, files] of modules) for (const file of files) moduleOf.set(file, module);
  const sets = unite(withSnapshots(groups, moduleOf, false), moduleOf);
  const target = new Map<string, string>();
  for (const members of sets.groups()) {
    const home = commonFolder(members.map((file) => moduleOf.get(file)!));
    for (const file of members) target.set(file, home);
  }
  const joined = new Map<string, RepoPath[]>();
  const add = (module: string, file: RepoPath) => {
    const files = joined.get(module);
    if (files === undefined) joined.set(module, [file]);
    else files.push(file);
  };
  for (const [module, files] of modules) for (const file of files) add(target.get(file) ?? module, file);
  return joined;
}

/**
 * The module's files in chunks of at most `size`, a group never split: groups (and a snapshot with
 * its test) are packed whole, in the order of their first file; a group larger than `size` is a
 * chunk of its own. Each chunk's files in path order; without groups, plain consecutive slices.
 */
export function chunkModule(files: readonly RepoPath[], size: number, groups: readonly (readonly string[])[]): RepoPath[][] {
  const present = new Set<string>(files);
  const sets = unite(withSnapshots(groups, present, true), present);
  const units = new Map<string, RepoPath[]>();
  for (const file of files) {
    const root = sets.find(file);
    const unit = units.get(root);
    if (unit === undefined) units.set(root, [file]);
    else unit.push(file);
  }
  const chunks: RepoPath[][] = [];
  let current: RepoPath[] = [];
  for (const unit of units.values()) {
    if (current.length > 0 && current.length + unit.length > size) {
      chunks.push(current);
      current = [];
    }
    current.push(...unit);
  }
  if (current.length > 0) chunks.push(current);
  return chunks.map((files) => files.sort(comparePaths));
}

/** The groups' files that are present, those of groups sharing a file joined. */
function unite(groups: readonly (readonly string[])[], present: ReadonlyMap<string, unknown> | ReadonlySet<string>): DisjointSets {
  const sets = new DisjointSets();
  for (const group of groups) {
    const members = group.filter((file) => present.has(file));
    for (const file of members.slice(1)) sets.union(members[0]!, file);
  }
  return sets;
}

/**
 * The groups and, as groups of two, snapshots with their tests: every such pair (`all`, for
 * chunks), or only those whose test is in a group (for modules: a grouping that gives a snapshot a
 * module of its own keeps doing so unless its test moves).
 */
function withSnapshots(groups: readonly (readonly string[])[], present: ReadonlyMap<string, unknown> | ReadonlySet<string>, all: boolean): string[][] {
  const grouped = new Set(groups.flat());
  const pairs: string[][] = [];
  for (const file of present.keys()) {
    const match = /^(.*?)__snapshots__\/([^/]+)\.snap$/.exec(file);
    const test = match === null ? undefined : `${match[1]}${match[2]}`;
    if (test !== undefined && present.has(test) && (all || grouped.has(test))) pairs.push([test, file]);
  }
  return [...groups.map((group) => [...group]), ...pairs];
}

/** The deepest folder that holds every module path ('.' when they share none). */
function commonFolder(modules: readonly string[]): string {
  const distinct = [...new Set(modules)];
  if (distinct.length === 1) return distinct[0]!;
  const parts = distinct.map((module) => (module === ROOT_MODULE ? [] : module.split('/')));
  const common: string[] = [];
  for (let index = 0; parts.every((each) => index < each.length && each[index] === parts[0]![index]); index += 1) common.push(parts[0]![index]!);
  return common.length === 0 ? ROOT_MODULE : posix.join(...common);
}

// Union-find by hand: a dozen lines, and no package of it is better kept than this.
class DisjointSets {
  private readonly parent = new Map<string, string>();

  find(item: string): string {
    let root = item;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!;
    this.parent.set(item, root);
    return root;
  }

  union(a: string, b: string): void {
    const [rootA, rootB] = [this.find(a), this.find(b)];
    if (rootA !== rootB) this.parent.set(rootB < rootA ? rootA : rootB, rootB < rootA ? rootB : rootA);
  }

  groups(): string[][] {
    const byRoot = new Map<string, string[]>();
    for (const item of this.parent.keys()) {
      const root = this.find(item);
      byRoot.set(root, [...(byRoot.get(root) ?? []), item]);
    }
    return [...byRoot.values()].filter((members) => members.length > 1);
  }
}
