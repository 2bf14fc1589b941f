import { describe, expect, it } from 'vitest';
import type { CodemodSpec } from '../core/recipe.js';
import type { RepoPath } from '../core/paths.js';
import { withContextFiles } from './step-context.js';

const TEXTS: Record<string, string> = {
  'package.json': '{"devDependencies":{"vitest":"^0.34.6"}}',
  'packages/a/package.json': '{}',
  'src/a.test.ts': 'test()',
};
// The two members of TreeFiles the function reads, over TEXTS.
const tree = {
  entries: new Map(Object.keys(TEXTS).map((path) => [path as RepoPath, { path: path as RepoPath, mode: '100644', oid: path, type: 'blob' }] as const)),
  read: async (paths: readonly RepoPath[]) => paths.filter((path) => path in TEXTS).map((path) => ({ path, text: TEXTS[path]! })),
} as unknown as Parameters<typeof withContextFiles>[1];

const spec = (extra: Partial<CodemodSpec>): CodemodSpec => ({ kind: 'codemod', name: 't.ts', resolved: '/t.ts', engine: 'jscodeshift', options: { quote: 'single' }, field: 'steps[0]', ...extra });

describe('withContextFiles', () => {
  it("hands the parent commit's files that match a step's context to its transform as options.context", async () => {
    const [withContext, without] = await withContextFiles([spec({ context: ['package.json'] }), spec({})], tree);
    expect(withContext?.options).toEqual({ quote: 'single', context: { 'package.json': TEXTS['package.json'] } });
    expect(without?.options).toEqual({ quote: 'single' });
  });

  it('matches globs over the whole tree, and gives an empty map when nothing matches', async () => {
    const [all, none] = await withContextFiles([spec({ context: ['**/package.json'] }), spec({ context: ['*.yaml'] })], tree);
    expect(Object.keys(all?.options['context'] as object)).toEqual(['package.json', 'packages/a/package.json']);
    expect(none?.options['context']).toEqual({});
  });
});
