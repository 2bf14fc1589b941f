import { describe, expect, it } from 'vitest';
import { compiles, specPattern } from './tsconfig-exclude.js';

describe('specPattern', () => {
  it.each([
    ['**/*', 'include', 'vitest.config.mts', true],
    ['**/*', 'include', 'src/a.ts', true],
    ['src', 'include', 'vitest.config.mts', false],
    ['src', 'include', 'src/deep/a.ts', true],
    ['./*.ts', 'include', 'vitest.jest-compat.ts', true],
    ['src/**/*.ts', 'include', 'vitest.jest-compat.ts', false],
    ['./dist', 'exclude', 'dist/a.ts', true],
    ['jest.config.js', 'exclude', 'jest.config.js', true],
    ['jest.config.js', 'exclude', 'jest.config.json', false],
    ['*.config.*', 'exclude', 'vitest.config.mts', true],
  ] as const)('%s (%s) on %s → %s', (spec, usage, path, expected) => {
    expect(specPattern(spec, usage).test(path)).toBe(expected);
  });
});

describe('compiles', () => {
  const config = { allowJs: false };
  it('takes TypeScript files in, JavaScript only with allowJs/checkJs, and honours files, include and the default exclude', () => {
    expect(compiles(config, 'vitest.jest-compat.ts')).toBe(true);
    expect(compiles(config, 'jest-vitest-split.cjs')).toBe(false);
    expect(compiles({ allowJs: true }, 'jest-vitest-split.cjs')).toBe(true);
    expect(compiles({ ...config, files: ['src/index.ts'] }, 'vitest.config.mts')).toBe(false);
    expect(compiles({ ...config, outDir: 'out' }, 'out/a.ts')).toBe(false);
    expect(compiles({ ...config, exclude: ['vitest.config.mts'] }, 'vitest.config.mts')).toBe(false);
  });
});
