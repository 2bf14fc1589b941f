// jscodeshift transform over `__snapshots__/*.snap` files: Jest's header line → Vitest's. The
// bodies (pretty-format) read the same in both; the keys differ and are snapshot-keys.ts's work. A snapshot
// written by Jest < 29 (`Object {`, `Array [`) is reported: Vitest prints without the prototype
// names unless `snapshotFormat.printBasicPrototype` is set. Text only, nothing is parsed.

import type { API, FileInfo } from 'jscodeshift';

const JEST_HEADER = /^\/\/ Jest Snapshot v1, https?:\/\/\S+/;
export const VITEST_HEADER = '// Vitest Snapshot v1, https://vitest.dev/guide/snapshot.html';

export default function transformer(file: FileInfo, api: API): string | undefined {
  if (!file.path.endsWith('.snap')) return undefined;
  const match = JEST_HEADER.exec(file.source);
  if (!match) return undefined;
  const prototypeLine = file.source.split(/\r?\n/).findIndex((line) => /(?:^|[`\s])(?:Object \{|Array \[)/.test(line));
  if (prototypeLine >= 0) {
    (api.report as (leftover: unknown) => void)({
      line: prototypeLine + 1,
      message:
        'snapshot written with printBasicPrototype (Jest < 29: `Object {`, `Array [`): set `test.snapshotFormat: { printBasicPrototype: true }` in the Vitest config, or update the snapshots with `vitest run -u` and review them',
    });
  }
  return VITEST_HEADER + file.source.slice(match[0].length);
}
