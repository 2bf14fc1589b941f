// Types of proof-kit.mjs (plain JavaScript, so that the corpus drivers run with `node` alone), for its tests.

export interface TestCounts {
  readonly runner: 'mocha' | 'jest' | 'vitest' | 'jasmine' | 'tap';
  readonly passed: number;
  readonly failed: number;
}

export function countTests(output: string): TestCounts | undefined;
