// countTests reads the summary lines the runners print on their own (the corpus drivers force no
// reporter on a package's `npm test`): samples as mocha 10, Jest 29, Vitest 4, Jasmine 3, node:test (tap and
// spec reporters) and tape print them.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { countTests, printTable } from './proof-kit.mjs';

describe('countTests', () => {
  it.each([
    ['mocha, all passing', '  bytes\n    ✔ should parse\n\n\n  30 passing (12ms)\n', { runner: 'mocha', passed: 30, failed: 0 }],
    ['mocha, some failing', '  62 passing (40ms)\n  2 pending\n  3 failing\n\n  1) vary\n', { runner: 'mocha', passed: 62, failed: 3 }],
    ['Jest', 'Test Suites: 1 failed, 1 passed, 2 total\nTests:       2 failed, 1 skipped, 40 passed, 43 total\nSnapshots:   0 total\n', { runner: 'jest', passed: 40, failed: 2 }],
    ['Vitest', ' ✓ test/a.test.js (12 tests) 8ms\n\n Test Files  1 failed | 2 passed (3)\n      Tests  1 failed | 29 passed | 2 skipped (32)\n   Start at  15:20:01\n', { runner: 'vitest', passed: 29, failed: 1 }],
    ['Vitest in colour', '\x1b[2m      Tests \x1b[22m \x1b[1m\x1b[32m1369 passed\x1b[39m\x1b[22m\x1b[90m (1369)\x1b[39m\n', { runner: 'vitest', passed: 1369, failed: 0 }],
    ['Jasmine with pending specs', 'Started\n....*\n\n5 specs, 1 failure, 1 pending spec\nFinished in 0.01 seconds\n', { runner: 'jasmine', passed: 3, failed: 1 }],
    ['node:test, tap reporter', 'TAP version 13\n1..44\n# tests 44\n# suites 3\n# pass 44\n# fail 0\n', { runner: 'tap', passed: 44, failed: 0 }],
    ['node:test, spec reporter', '✔ a (1ms)\nℹ tests 6\nℹ pass 5\nℹ fail 1\n', { runner: 'tap', passed: 5, failed: 1 }],
    ['tape', '1..12\n# tests 12\n# pass  11\n# fail  1\n', { runner: 'tap', passed: 11, failed: 1 }],
  ])('%s', (_name, output, counts) => {
    expect(countTests(output)).toEqual(counts);
  });

  it('gives nothing for output with no known summary (the table then shows the exit code)', () => {
    expect(countTests('> echo "Error: no test specified" && exit 1\n')).toBeUndefined();
  });
});

describe('printTable', () => {
  it('prints a row from each figures.json, and a row as wide as the header for a project not run or skipped', () => {
    const work = mkdtempSync(join(tmpdir(), 'proof-kit-'));
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      mkdirSync(join(work, 'ran'));
      writeFileSync(join(work, 'ran/figures.json'), '{"steps": 2}');
      const projects = [{ name: 'ran', kind: 'a' }, { name: 'later', kind: 'b' }, { name: 'gone', kind: 'c', skip: 'no install' }];
      printTable('| project | kind | result | steps |', projects, work, (project, figures) => `| ${project.name} | ${project.kind} | ok | ${String(figures['steps'])} |`);
      expect(log.mock.calls[0]![0]).toBe(['| project | kind | result | steps |', '|---|---|---|---|', '| ran | a | ok | 2 |', '| later | b | not run | |', '| gone | c | not run: no install | |'].join('\n'));
    } finally {
      log.mockRestore();
      rmSync(work, { recursive: true, force: true });
    }
  });
});
