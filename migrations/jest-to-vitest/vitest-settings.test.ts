import { describe, expect, it } from 'vitest';
import { vitestSettings } from './vitest-settings.js';

describe('vitestSettings while both runners are installed (coexist)', () => {
  it("names Vitest copies of the local setup files, at the top and in each project, and lists each copy once", () => {
    const config = {
      setupFiles: ['<rootDir>/polyfills.js', 'jest-canvas-mock'],
      projects: [
        { displayName: 'web', testEnvironment: 'jsdom', setupFilesAfterEnv: ['<rootDir>/scripts/jest/setup.ts'] },
        { displayName: 'server', testEnvironment: 'node', setupFilesAfterEnv: ['<rootDir>/scripts/jest/setup.ts'] },
      ],
    };
    const { translation, copies } = vitestSettings({ devDependencies: { jest: '^29' } }, { file: 'jest.config.js', config, unread: [] }, false, true);
    expect(copies).toEqual([
      { from: 'polyfills.js', to: 'polyfills.vitest.js' },
      { from: 'scripts/jest/setup.ts', to: 'scripts/jest/setup.vitest.ts' },
    ]);
    expect(translation.test['setupFiles']).toEqual(expect.arrayContaining(['./polyfills.vitest.js', 'vitest-canvas-mock']));
    const projects = translation.test['projects'] as { test: { setupFiles?: string[] } }[];
    for (const project of projects) expect(project.test.setupFiles).toContain('./scripts/jest/setup.vitest.ts');
  });

  it('names no copy in the one-shot migration', () => {
    const found = { file: 'jest.config.js', config: { setupFilesAfterEnv: ['<rootDir>/src/setupTests.ts'] }, unread: [] };
    const { translation, copies } = vitestSettings({}, found, false);
    expect(copies).toEqual([]);
    expect(translation.test['setupFiles']).toEqual(['./src/setupTests.ts']);
  });
});
