// Types of proof-kit.mjs (plain JavaScript, so that the corpus drivers run with `node` alone), for its tests.

export interface TestCounts {
  readonly runner: 'mocha' | 'jest' | 'vitest' | 'jasmine' | 'tap';
  readonly passed: number;
  readonly failed: number;
}

export function countTests(output: string): TestCounts | undefined;

export interface CorpusProject {
  readonly name: string;
  readonly kind: string;
  readonly skip?: string;
}
export function printTable(header: string, projects: readonly CorpusProject[], work: string, row: (project: CorpusProject, figures: Record<string, unknown>) => string): void;
