// jscodeshift transform over `__snapshots__/*.snap` files: Jest's header line → Vitest's. The
// bodies (pretty-format) read the same in both; the keys differ and are snapshot-keys.ts's work. A snapshot
// written by Jest < 29 (`Object {`, `Array [`) needs `snapshotFormat.printBasicPrototype`, which
// setup sets from the project's Jest version (jest-config.ts). Text only, nothing is parsed.

import type { FileInfo } from 'jscodeshift';

const JEST_HEADER = /^\/\/ Jest Snapshot v1, https?:\/\/\S+/;
export const VITEST_HEADER = '// Vitest Snapshot v1, https://vitest.dev/guide/snapshot.html';

export default function transformer(file: FileInfo): string | undefined {
  if (!file.path.endsWith('.snap')) return undefined;
  const match = JEST_HEADER.exec(file.source);
  if (!match) return undefined;
  return VITEST_HEADER + file.source.slice(match[0].length);
}
