import { describe, expect, it } from 'vitest';
import { planCompanions, vitestSpecifier } from './companions.js';

const JEST = new Set(['jest', '@types/jest']);

describe('planCompanions', () => {
  it('reads no semver range where there is none (pnpm catalogs, workspace links, tags) and says so', () => {
    const plan = planCompanions({ '@testing-library/jest-dom': 'catalog:', 'jest-canvas-mock': 'workspace:*' }, 'latest', JEST);
    expect(plan.raise).toEqual({});
    expect(plan.add).toEqual({ 'vitest-canvas-mock': '^1.2.0' });
    expect(plan.reports[0]).toMatch(/^@testing-library\/jest-dom catalog:: a range this recipe cannot read/);
  });

  it('keeps a replaced package when the chosen Vitest is too old for its counterpart', () => {
    const plan = planCompanions({ 'jest-canvas-mock': '^2.5.0' }, '^0.34.6', JEST);
    expect(plan.add).toEqual({});
    expect(plan.remove).toEqual([]);
    expect(plan.reports).toEqual(['jest-canvas-mock: its Vitest counterpart vitest-canvas-mock needs vitest >=3.0.0, and this project gets ^0.34.6: kept; replace it by hand']);
  });

  it('names the Jest runners of frameworks and unknown Jest packages, lists each removal once', () => {
    const plan = planCompanions({ '@nx/jest': '^19.0.0', 'svelte-jester': '^2.0.0', 'jest-sonar-reporter': '^2.0.0', '@acme/jest': '^1.0.0', '@testing-library/jest-dom': '^5.16.0', '@types/testing-library__jest-dom': '^5.14.0' }, '^4.1.0', JEST);
    expect(plan.remove).toEqual(['svelte-jester', '@types/testing-library__jest-dom']);
    expect(plan.reports.some((report) => report.startsWith('@nx/jest: Nx runs these tests'))).toBe(true);
    expect(plan.reports).toContain('jest-sonar-reporter: a Jest package with no known Vitest counterpart: check that it works under Vitest, or replace it');
    expect(plan.reports).toContain('@acme/jest: a Jest package with no known Vitest counterpart: check that it works under Vitest, or replace it');
  });
});

describe('jest-dom 5 raised to 6', () => {
  it("adds the @types package jest-dom 5 brought, so that the files Jest still runs keep the matchers' types, and removes it at finish", () => {
    const plan = planCompanions({ '@testing-library/jest-dom': '^5.16.5' }, '^0.34.6', JEST);
    expect(plan.raise).toEqual({ '@testing-library/jest-dom': '~6.9.1' });
    expect(plan.add).toEqual({ '@types/testing-library__jest-dom': '^5.14.9' });
    expect(plan.remove).toEqual(['@types/testing-library__jest-dom']);
    const listed = planCompanions({ '@testing-library/jest-dom': '^5.16.5', '@types/testing-library__jest-dom': '^5.14.5' }, '^0.34.6', JEST);
    expect(listed.add).toEqual({});
    expect(listed.remove).toEqual(['@types/testing-library__jest-dom']);
  });
});

describe('counterpart ranges by Vitest line', () => {
  it('gives vitest-mock-extended 5 to Vitest 4 and later (3.x refuses TypeScript 6) and 3 to Vitest 3 (survey D13)', () => {
    expect(planCompanions({ 'jest-mock-extended': '^3.0.0' }, '^4.1.0', JEST).add).toEqual({ 'vitest-mock-extended': '^5.1.1' });
    expect(planCompanions({ 'jest-mock-extended': '^3.0.0' }, '^5.1.0', JEST).add).toEqual({ 'vitest-mock-extended': '^5.1.1' });
    expect(planCompanions({ 'jest-mock-extended': '^3.0.0' }, '~3.2.4', JEST).add).toEqual({ 'vitest-mock-extended': '^3.1.0' });
  });
});

describe('@fast-check/jest (kelektiv/node-cron: test.prop property tests)', () => {
  it('becomes @fast-check/vitest in the line whose peers admit the chosen Vitest, and its imports follow', () => {
    // 0.2.4: the newest with main and types, which `module: commonjs` projects resolve (0.3+ has exports only).
    expect(planCompanions({ '@fast-check/jest': '2.2.0' }, '^4.1.0', JEST).add).toEqual({ '@fast-check/vitest': '~0.2.4' });
    expect(planCompanions({ '@fast-check/jest': '2.2.0' }, '~3.2.4', JEST).add).toEqual({ '@fast-check/vitest': '~0.2.4' });
    expect(planCompanions({ '@fast-check/jest': '2.2.0' }, '^5.1.0', JEST).add).toEqual({ '@fast-check/vitest': '^0.5.0' });
    expect(planCompanions({ '@fast-check/jest': '2.2.0' }, '^0.34.6', JEST).add).toEqual({ '@fast-check/vitest': '^0.1.6' });
    expect(vitestSpecifier('@fast-check/jest')).toBe('@fast-check/vitest');
  });
});

describe('vitestSpecifier', () => {
  it('maps jest-dom and the replaced companions, and leaves the rest', () => {
    expect(vitestSpecifier('@testing-library/jest-dom/extend-expect')).toBe('@testing-library/jest-dom/vitest');
    expect(vitestSpecifier('jest-canvas-mock')).toBe('vitest-canvas-mock');
    expect(vitestSpecifier('./setup')).toBe('./setup');
  });
});

describe('environments', () => {
  it("knows sucrase's Jest transform (pinia), which Vite's own transform replaces", () => {
    const plan = planCompanions({ '@sucrase/jest-plugin': '^2.2.1' }, '^0.34.6', JEST);
    expect(plan.remove).toEqual(['@sucrase/jest-plugin']);
    expect(plan.reports).toEqual([]);
  });

  it('knows the jsdom and happy-dom environments the config translation replaces', () => {
    const plan = planCompanions({ '@happy-dom/jest-environment': '^15.0.0', 'jest-fixed-jsdom': '^0.0.9' }, '^4.1.0', JEST);
    expect(plan.remove).toEqual(['@happy-dom/jest-environment', 'jest-fixed-jsdom']);
    expect(plan.reports.every((report) => !report.includes('no known Vitest counterpart'))).toBe(true);
  });
});
