import { describe, expect, it } from 'vitest';
import { applyEdits, countOccurrences } from './apply-edits.js';

const files = new Map([
  ['src/a.ts', 'const a = jest.fn();\nconst b = jest.fn();\n'],
  ['src/b.ts', 'export {};\n'],
]);
const allowed = new Set(['src/a.ts', 'src/b.ts', 'src/new.ts']);

describe('applyEdits', () => {
  it('applies search/replace and whole-content edits in order', () => {
    const result = applyEdits(
      files,
      [
        { path: 'src/a.ts', search: 'const a = jest.fn();', replace: 'const a = vi.fn();' },
        { path: './src/a.ts', search: 'const b = jest', replace: 'const b = vi' },
        { path: 'src/new.ts', content: 'export const n = 1;\n' },
        { path: 'src/b.ts', search: 'export {};', replace: 'export {};' },
      ],
      allowed,
    );
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    expect(result.files.get('src/a.ts' as never)).toBe('const a = vi.fn();\nconst b = vi.fn();\n');
    expect(result.files.get('src/new.ts' as never)).toBe('export const n = 1;\n');
    expect(result.changed).toEqual(['src/a.ts', 'src/new.ts']);
    expect(files.get('src/a.ts')).toContain('jest'); // the input is not mutated
  });

  it('keeps $ patterns in a replacement literal', () => {
    const result = applyEdits(files, [{ path: 'src/b.ts', search: '{}', replace: "{ '$&': $1 }" }], allowed);
    expect(result.status === 'ok' && result.files.get('src/b.ts' as never)).toBe("export { '$&': $1 };\n");
  });

  const rejected: [string, Parameters<typeof applyEdits>[1], string][] = [
    ['a path outside the step', [{ path: 'src/c.ts', content: '' }], 'edit outside the step: src/c.ts'],
    ['a path that normalises outside the step', [{ path: 'src/../../etc/passwd', content: '' }], 'edit 1: src/../../etc/passwd: path leaves the repository'],
    ['a path into .git', [{ path: '.git/hooks/pre-commit', content: '' }], 'edit 1: .git/hooks/pre-commit: path inside .git'],
    ['an absolute path', [{ path: '/etc/passwd', content: '' }], 'edit 1: /etc/passwd: absolute path'],
    ['a search with no match', [{ path: 'src/a.ts', search: 'vi.fn', replace: '' }], 'edit 1: src/a.ts: search matches 0 times, expected exactly once'],
    ['an ambiguous search', [{ path: 'src/a.ts', search: 'jest.fn()', replace: '' }], 'edit 1: src/a.ts: search matches 2 times, expected exactly once'],
    ['a search in a file that does not exist', [{ path: 'src/new.ts', search: 'x', replace: 'y' }], 'edit 1: src/new.ts: search in a file that does not exist'],
  ];
  it.each(rejected)('rejects %s', (_name, edits, reason) => {
    expect(applyEdits(files, edits, allowed)).toEqual({ status: 'rejected', reason });
  });

  it('is all or nothing: one bad edit after good ones applies none', () => {
    const result = applyEdits(
      files,
      [
        { path: 'src/b.ts', content: 'changed' },
        { path: 'src/a.ts', search: 'missing', replace: '' },
      ],
      allowed,
    );
    expect(result).toEqual({ status: 'rejected', reason: 'edit 2: src/a.ts: search matches 0 times, expected exactly once' });
    expect(files.get('src/b.ts')).toBe('export {};\n');
  });

  it('sees the result of earlier edits: a search made ambiguous by an earlier edit fails', () => {
    const result = applyEdits(
      files,
      [
        { path: 'src/b.ts', search: 'export {};', replace: 'x x' },
        { path: 'src/b.ts', search: 'x', replace: 'y' },
      ],
      allowed,
    );
    expect(result).toMatchObject({ status: 'rejected', reason: 'edit 2: src/b.ts: search matches 2 times, expected exactly once' });
  });

  it('counts overlapping occurrences', () => {
    expect(countOccurrences('aaa', 'aa')).toBe(2);
    expect(countOccurrences('abc', '')).toBe(0);
  });
});
