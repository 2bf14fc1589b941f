// Applies file changes to a tree by reading only the trees on the changed paths and writing only
// the trees that changed. Changes apply in order (a later change to a path wins); a directory
// left empty disappears, as it would from `git add -A` + `git write-tree`.

import { CodemigrateError } from '../core/errors.js';
import type { FileChange } from '../core/git.js';
import { parseTree, serializeTree, toTreeName, TREE_MODE, type RawTreeEntry } from './tree-codec.js';

export interface TreeStore {
  /** A tree object's entries, by oid or by any name that peels to a tree; throws if missing. */
  readTree(name: string): Promise<{ oid: string; entries: RawTreeEntry[] }>;
  writeObject(type: 'blob' | 'tree', body: Uint8Array): Promise<string>;
}

export const FILE_MODES = ['100644', '100755', '120000'] as const;
const DEFAULT_MODE = '100644';

interface LeafNode {
  readonly kind: 'leaf';
  readonly mode: string;
  readonly oid: string;
}

interface TreeNode {
  readonly kind: 'tree';
  /** undefined once the tree changed and must be written again (its entries are then loaded). */
  oid: string | undefined;
  entries: Map<string, Node> | undefined;
  loading?: Promise<Map<string, Node>>;
}

type Node = LeafNode | TreeNode;

type Edit = { readonly names: readonly string[]; readonly path: string } & (
  | { readonly kind: 'write'; readonly blob: Promise<string>; readonly mode: string | undefined }
  | { readonly kind: 'delete' }
);

/** Returns the oid of `rootName`'s tree with `changes` applied. */
export async function editTree(store: TreeStore, rootName: string, changes: readonly FileChange[]): Promise<string> {
  for (const change of changes) checkMode(change);
  // The blobs are written while git looks up the root tree; then every tree on every changed path
  // is read before any edit applies, so those reads travel through the cat-file pipe together
  // and the edits themselves are synchronous.
  const rootRead = store.readTree(rootName);
  const edits = changes.map((change) => toEdit(store, change));
  const [root, blobs] = await Promise.all([
    rootRead,
    Promise.all(edits.map((edit) => (edit.kind === 'write' ? edit.blob : undefined))),
  ]);
  const rootNode: TreeNode = { kind: 'tree', oid: root.oid, entries: toEntries(root.entries) };
  await Promise.all(edits.map((edit) => prefetch(store, rootNode, edit.names)));
  edits.forEach((edit, index) => applyEdit(rootNode, edit, blobs[index]));
  return (await writeTree(store, rootNode)) ?? (await store.writeObject('tree', new Uint8Array()));
}

function checkMode(change: FileChange): void {
  if ('delete' in change || change.mode === undefined) return;
  if (!(FILE_MODES as readonly string[]).includes(change.mode)) {
    throw new CodemigrateError('internal', `${change.path}: unsupported file mode ${change.mode}`);
  }
}

function toEdit(store: TreeStore, change: FileChange): Edit {
  const names = change.path.split('/').map(toTreeName);
  if ('delete' in change) return { kind: 'delete', names, path: change.path };
  const body = typeof change.content === 'string' ? Buffer.from(change.content, 'utf8') : change.content;
  return { kind: 'write', names, path: change.path, blob: store.writeObject('blob', body), mode: change.mode };
}

function toEntries(entries: readonly RawTreeEntry[]): Map<string, Node> {
  const map = new Map<string, Node>();
  for (const entry of entries) {
    map.set(
      entry.name,
      entry.mode === TREE_MODE
        ? { kind: 'tree', oid: entry.oid, entries: undefined }
        : { kind: 'leaf', mode: entry.mode, oid: entry.oid },
    );
  }
  return map;
}

function load(store: TreeStore, node: TreeNode): Promise<Map<string, Node>> {
  if (node.entries) return Promise.resolve(node.entries);
  const oid = node.oid;
  if (oid === undefined) throw new CodemigrateError('internal', 'tree-edit: a changed tree has no entries');
  node.loading ??= store.readTree(oid).then(({ entries }) => {
    node.entries = toEntries(entries);
    return node.entries;
  });
  return node.loading;
}

async function prefetch(store: TreeStore, root: TreeNode, names: readonly string[]): Promise<void> {
  let node = root;
  for (const name of names.slice(0, -1)) {
    const child = (await load(store, node)).get(name);
    if (child?.kind !== 'tree') return;
    node = child;
    await load(store, node);
  }
}

function applyEdit(root: TreeNode, edit: Edit, blob: string | undefined): void {
  const trail: TreeNode[] = [root];
  let node = root;
  for (const name of edit.names.slice(0, -1)) {
    const entries = requireEntries(node);
    let child = entries.get(name);
    if (child?.kind === 'leaf') {
      if (edit.kind === 'delete') return;
      throw conflict(edit.path, `a file is in the way of directory "${name}"`);
    }
    if (!child) {
      if (edit.kind === 'delete') return;
      child = { kind: 'tree', oid: undefined, entries: new Map() };
      entries.set(name, child);
    }
    node = child;
    trail.push(node);
  }
  const entries = requireEntries(node);
  const leafName = edit.names[edit.names.length - 1] ?? '';
  const existing = entries.get(leafName);
  if (existing?.kind === 'tree' && !isEmptyTree(existing)) throw conflict(edit.path, 'it is a directory');
  if (edit.kind === 'delete') {
    if (!existing) return;
    entries.delete(leafName);
  } else {
    if (existing?.kind === 'leaf' && existing.mode === '160000') throw conflict(edit.path, 'it is a submodule');
    const kept = existing?.kind === 'leaf' ? existing.mode : DEFAULT_MODE;
    if (blob === undefined) throw new CodemigrateError('internal', `${edit.path}: blob not written`);
    entries.set(leafName, { kind: 'leaf', mode: edit.mode ?? kept, oid: blob });
  }
  for (const changed of trail) changed.oid = undefined;
}

function requireEntries(node: TreeNode): Map<string, Node> {
  if (!node.entries) throw new CodemigrateError('internal', 'tree-edit: tree on a changed path was not read');
  return node.entries;
}

// A directory whose files were all deleted by earlier changes is gone once written.
function isEmptyTree(node: TreeNode): boolean {
  if (!node.entries) return false;
  return [...node.entries.values()].every((child) => child.kind === 'tree' && isEmptyTree(child));
}

function conflict(path: string, reason: string): CodemigrateError {
  return new CodemigrateError('internal', `${path}: cannot apply this change: ${reason}`);
}

/** Writes the changed trees bottom-up; undefined for a tree that ended up empty. */
async function writeTree(store: TreeStore, node: TreeNode): Promise<string | undefined> {
  if (node.oid !== undefined) return node.oid;
  const entries = requireEntries(node);
  const written = await Promise.all(
    [...entries].map(async ([name, child]): Promise<RawTreeEntry | undefined> => {
      if (child.kind === 'leaf') return { name, mode: child.mode, oid: child.oid };
      const oid = await writeTree(store, child);
      return oid === undefined ? undefined : { name, mode: TREE_MODE, oid };
    }),
  );
  const kept = written.filter((entry): entry is RawTreeEntry => entry !== undefined);
  if (kept.length === 0) return undefined;
  node.oid = await store.writeObject('tree', serializeTree(kept));
  return node.oid;
}
