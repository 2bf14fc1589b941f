import { describe, expect, it } from 'vitest';
import { applyEdits } from './apply-edits.js';
import { buildMessages } from './build-request.js';
import { namedLines, scopeRequest } from './scope-request.js';

const PATHS = ['src/a.ts', 'src/b.ts', 'src/a.test.ts'];

/** A test file of `tests` blocks, 5 lines each, after two imports. */
function bigTestFile(tests: number): string {
  const lines = ["import { readFileSync } from 'node:fs';", "import { thing } from './a';", ''];
  lines.push("describe('thing', () => {");
  for (let index = 1; index <= tests; index += 1) {
    lines.push(`  it('case ${index}', () => {`, `    const value = thing(${index});`, `    expect(value).toBe(${index * 2});`, '  });', '');
  }
  lines.push('});', '');
  return lines.join('\n');
}

describe('namedLines', () => {
  it('reads path:line, path(line,col) and bare mentions, whole paths only', () => {
    const history = [
      '- src/a.ts:12: new Buffer() left for the model',
      "src/b.ts(40,7): error TS2304: Cannot find name 'jest'.",
      'FAIL /tmp/wt-1/src/a.test.ts > thing > case 3',
      'see also src/a.tsx:99 and lib/xsrc/b.ts:5',
      '## Step',
      'files (3): src/a.ts, src/b.ts, src/a.test.ts',
    ].join('\n');
    const named = namedLines(PATHS, history);
    expect(Object.fromEntries(named)).toEqual({ 'src/a.ts': [12], 'src/b.ts': [40], 'src/a.test.ts': [] });
  });

  it('names nothing when the history names no file of the step', () => {
    expect(namedLines(PATHS, 'None: this is the first attempt.').size).toBe(0);
    expect(namedLines(PATHS, '## Step\nid: src\nfiles (3): src/a.ts, src/b.ts, src/a.test.ts\nattempts: none yet').size).toBe(0);
  });
});

describe('scopeRequest', () => {
  const files = PATHS.map((path) => ({ path, text: `// ${path}\nexport const x = 1;\n` }));

  it('shows only the files the work names and names the others (one leftover, not 7 files whole)', () => {
    const scoped = scopeRequest(files, new Map([['src/b.ts', [2]]]));
    expect(scoped.files.map((file) => file.path)).toEqual(['src/b.ts']);
    expect(scoped.files[0]!.text).toBe(files[1]!.text);
    expect(scoped.files[0]!.excerpt).toBeUndefined();
    expect(scoped.notShown).toEqual([
      { path: 'src/a.ts', why: 'not named' },
      { path: 'src/a.test.ts', why: 'not named' },
    ]);
  });

  it('shows every file, in the step order, when nothing is named', () => {
    const scoped = scopeRequest(files, new Map());
    expect(scoped.files.map((file) => file.path)).toEqual(PATHS);
    expect(scoped.notShown).toEqual([]);
  });

  it('sends a big file as the region around the named line with an outline of the rest, within the cap', () => {
    const text = bigTestFile(600); // ~3,000 lines, ~80 KB
    const target = text.split('\n').indexOf('    const value = thing(400);') + 1;
    const scoped = scopeRequest([{ path: 'src/a.test.ts', text }], new Map([['src/a.test.ts', [target]]]), { maxFileBytes: 16_000, maxRequestBytes: 120_000 });
    const [file] = scoped.files;
    expect(file!.excerpt).toEqual({ totalLines: text.split('\n').length, shownLines: expect.any(Number) });
    expect(Buffer.byteLength(file!.text)).toBeLessThanOrEqual(16_000);
    expect(file!.text).toContain('    const value = thing(400);');
    expect(file!.text).toContain('    expect(value).toBe(800);');
    expect(file!.text).toContain("import { thing } from './a';");
    expect(file!.text).toContain("describe('thing', () => {");
    expect(file!.text).toMatch(/^⋯ lines \d+–\d+ not shown ⋯$/m);
    // Every shown line is the file's own, in order: a search copied from it applies to the file.
    const shown = file!.text.split('\n').filter((line) => !line.startsWith('⋯ '));
    let from = 0;
    const all = text.split('\n');
    for (const line of shown) {
      from = all.indexOf(line, from);
      expect(from).toBeGreaterThanOrEqual(0);
    }
    const edit = { path: 'src/a.test.ts', search: '    const value = thing(400);\n    expect(value).toBe(800);', replace: '    const value = thing(400);\n    expect(value).toEqual(800);' };
    const applied = applyEdits(new Map([['src/a.test.ts', text]]), [edit], new Set(['src/a.test.ts']), new Set(['src/a.test.ts']));
    expect(applied.status).toBe('ok');
    const rewrite = applyEdits(new Map([['src/a.test.ts', text]]), [{ path: 'src/a.test.ts', content: file!.text }], new Set(['src/a.test.ts']), new Set(['src/a.test.ts']));
    expect(rewrite).toEqual({ status: 'rejected', reason: 'edit 1: src/a.test.ts: a whole-file "content" edit of a file sent as an excerpt (use search/replace)' });
  });

  it('sends the head and outline of a big file nothing points into', () => {
    const text = bigTestFile(600);
    const scoped = scopeRequest([{ path: 'src/a.test.ts', text }], new Map(), { maxFileBytes: 8_000, maxRequestBytes: 120_000 });
    expect(scoped.files[0]!.excerpt).toBeDefined();
    expect(scoped.files[0]!.text.startsWith("import { readFileSync } from 'node:fs';\n")).toBe(true);
    expect(Buffer.byteLength(scoped.files[0]!.text)).toBeLessThanOrEqual(8_000);
  });

  it('names the files past the request cap instead of showing them', () => {
    const many = Array.from({ length: 10 }, (_, index) => ({ path: `src/f${index}.ts`, text: `export const v${index} = '${'x'.repeat(2_000)}';\n` }));
    const scoped = scopeRequest(many, new Map(), { maxFileBytes: 16_000, maxRequestBytes: 9_000 });
    expect(scoped.files).toHaveLength(4);
    expect(scoped.notShown).toHaveLength(6);
    expect(scoped.notShown.every((file) => file.why === 'no room')).toBe(true);
  });

  it('says in the request which files are excerpts and which are not shown', () => {
    const text = bigTestFile(600);
    const scoped = scopeRequest([{ path: 'src/a.test.ts', text }, ...files.slice(0, 1)], new Map([['src/a.test.ts', [100]]]));
    const [, user] = buildMessages({ ...scoped, instructions: 'Migrate.', history: '' });
    expect(user!.content).toMatch(/### src\/a\.test\.ts \(excerpt: \d+ of \d+ lines\)/);
    expect(user!.content).toContain('## Other files of this step, not shown (not editable in this attempt)\n\n- src/a.ts');
  });
});
