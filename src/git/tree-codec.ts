// Pure: git tree objects to entries and back. Names are kept as latin1 strings, one char per
// byte, so that any name git stored (UTF-8 or not) survives a round trip byte for byte and
// string comparison is byte comparison.

export const TREE_MODE = '40000';

export interface RawTreeEntry {
  /** Entry name as latin1 (one char per byte). */
  readonly name: string;
  readonly mode: string;
  /** Hex object id. */
  readonly oid: string;
}

/** Parses "<mode> <name>\0<raw oid>" records; oidBytes is 20 (sha1) or 32 (sha256). */
export function parseTree(content: Uint8Array, oidBytes: number): RawTreeEntry[] {
  const buffer = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const entries: RawTreeEntry[] = [];
  let at = 0;
  while (at < buffer.length) {
    const space = buffer.indexOf(0x20, at);
    const nul = buffer.indexOf(0, space + 1);
    if (space === -1 || nul === -1 || nul + 1 + oidBytes > buffer.length) throw new Error('malformed tree object');
    entries.push({
      mode: buffer.toString('latin1', at, space),
      name: buffer.toString('latin1', space + 1, nul),
      oid: buffer.toString('hex', nul + 1, nul + 1 + oidBytes),
    });
    at = nul + 1 + oidBytes;
  }
  return entries;
}

/** Serializes entries in git's canonical order: by name, a tree's name compared as if it ended in "/". */
export function serializeTree(entries: Iterable<RawTreeEntry>): Buffer {
  const sorted = [...entries].sort((a, b) => compareKeys(sortKey(a), sortKey(b)));
  const parts: Buffer[] = [];
  for (const entry of sorted) {
    parts.push(Buffer.from(`${entry.mode} ${entry.name}\0`, 'latin1'), Buffer.from(entry.oid, 'hex'));
  }
  return Buffer.concat(parts);
}

/** A path component (a JS string) as the latin1 form its UTF-8 bytes take in a tree. */
export function toTreeName(component: string): string {
  return Buffer.from(component, 'utf8').toString('latin1');
}

function sortKey(entry: RawTreeEntry): string {
  return entry.mode === TREE_MODE ? `${entry.name}/` : entry.name;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
