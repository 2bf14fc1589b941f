import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countChangedLines, unifiedPatch } from './text-diff.js';

describe('unifiedPatch', () => {
  it('writes patches that git apply takes: modified, created and deleted files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'codemigrate-patch-'));
    execFileSync('git', ['init', '-q'], { cwd: dir });
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src/a.js'), 'var a = 1;\n\n');
    writeFileSync(join(dir, 'src/gone.js'), 'bye\n');
    const patch =
      unifiedPatch('src/a.js', 'var a = 1;\n\n', 'let a = 1;\n\n') +
      unifiedPatch('src/new.js', undefined, 'hello\n') +
      unifiedPatch('src/gone.js', 'bye\n', undefined);
    writeFileSync(join(dir, 'p.diff'), patch);
    execFileSync('git', ['apply', 'p.diff'], { cwd: dir });
    expect(readFileSync(join(dir, 'src/a.js'), 'utf8')).toBe('let a = 1;\n\n');
    expect(readFileSync(join(dir, 'src/new.js'), 'utf8')).toBe('hello\n');
  });

  it('counts changed lines', () => {
    expect(countChangedLines('a\nb\nc\n', 'a\nB\nc\nd\n')).toEqual({ added: 2, removed: 1 });
  });
});
