import { describe, expect, it } from 'vitest';
import type { Leftover } from '../core/codemod.js';
import type { RepoPath } from '../core/paths.js';
import { setupStopReason } from './setup-stop.js';

const report = (message: string, extra: Partial<Leftover> = {}): Leftover => ({ file: 'package.json' as RepoPath, message, codemod: '../m/package-json.ts', ...extra });

describe('setupStopReason', () => {
  it('lets setup go on when no report stops it', () => {
    expect(setupStopReason([])).toBeUndefined();
    expect(setupStopReason([report('vitest ^4.1.0: no Vite in the project'), report('a note', { line: 3 })])).toBeUndefined();
  });

  it('names the transform, the file and the message of the report that stops', () => {
    const reports = [report('a note'), report('no Vitest line fits. Nothing was changed', { stop: true })];
    expect(setupStopReason(reports)).toBe('../m/package-json.ts reported package.json: no Vitest line fits. Nothing was changed');
  });

  it('keeps every stopping report on one line', () => {
    const reports = [
      report('first\n  second line', { stop: true, line: 2 }),
      report('other', { stop: true, codemod: '../m/tsconfig.ts', file: 'tsconfig.json' as RepoPath }),
    ];
    expect(setupStopReason(reports)).toBe('../m/package-json.ts reported package.json:2: first second line; ../m/tsconfig.ts reported tsconfig.json: other');
  });
});
