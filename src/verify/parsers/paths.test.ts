import { describe, expect, it } from 'vitest';
import { relativePath, relativePathsInText } from './paths.js';

const roots = { cwd: '/tmp/run/', cwdReal: '/private/tmp/run' };

describe('relativePath and relativePathsInText', () => {
  it('relativizes under the directory as given and as resolved, and keeps other paths', () => {
    expect(relativePath('/tmp/run/src/a.test.ts', roots)).toBe('src/a.test.ts');
    expect(relativePath('/private/tmp/run/src/a.test.ts', roots)).toBe('src/a.test.ts');
    expect(relativePath('file:///tmp/run/with%20space.mjs', roots)).toBe('with space.mjs');
    expect(relativePath('/tmp/runner/a.ts', roots)).toBe('/tmp/runner/a.ts');
    expect(relativePath('./src/a.ts', roots)).toBe('src/a.ts');
  });

  it('relativizes paths inside a message only where a path starts', () => {
    expect(relativePathsInText("File '/private/tmp/run/a.ts' and '/tmp/run/b.ts', not /x/tmp/run/c.ts", roots)).toBe(
      "File 'a.ts' and 'b.ts', not /x/tmp/run/c.ts",
    );
  });
});
