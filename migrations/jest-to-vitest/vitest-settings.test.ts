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

describe('a global jest for the Jest packages a project keeps', () => {
  it('is vi itself when jest-fetch-mock is kept (its enableMocks calls jest.fn), not the timers-only object', () => {
    const kept = vitestSettings({ devDependencies: { jest: '^29', 'jest-fetch-mock': '^3', '@testing-library/react': '^14' } }, undefined, false, true);
    expect(kept.compat?.text).toContain("Object.assign(globalThis, { jest: vi })");
    const plain = vitestSettings({ devDependencies: { jest: '^29', '@testing-library/react': '^14' } }, undefined, false, true);
    expect(plain.compat?.text).toContain('jest: { advanceTimersByTime');
  });
});
