import { describe, expect, it } from 'vitest';
import type { AppEvent } from '../app/output.js';
import { createRenderer } from './render.js';

function sink(): NodeJS.WritableStream & { text: string } {
  const stream = { text: '', write: (chunk: string) => ((stream.text += chunk), true) };
  return stream as unknown as NodeJS.WritableStream & { text: string };
}

const stopped: AppEvent = { type: 'setup-failed', runId: 'r1', reason: 'setup.js reported package.json: nothing fits', cause: 'report' };
const line = 'setup stopped the run: setup.js reported package.json: nothing fits; no base was written and no step ran: change what it names and start a new run (`codemigrate resume r1` computes setup again on the same commit)';

describe('createRenderer', () => {
  it('says a failed setup on stderr too: beside the plain log line, beside the NDJSON event', () => {
    const [out, err] = [sink(), sink()];
    createRenderer({ json: false, tty: false }, out, err).emit(stopped);
    expect(out.text).toBe(`${line}\n`);
    expect(err.text).toBe(`codemigrate: ${line}\n`);

    const [json, jsonErr] = [sink(), sink()];
    createRenderer({ json: true, tty: false }, json, jsonErr).emit(stopped);
    expect(JSON.parse(json.text)).toEqual(stopped);
    expect(jsonErr.text).toBe(`codemigrate: ${line}\n`);
  });

  it('says it once on a terminal, and nothing else goes to stderr', () => {
    const [out, err] = [sink(), sink()];
    const renderer = createRenderer({ json: false, tty: true }, out, err);
    renderer.emit({ type: 'notice', message: 'hello' });
    renderer.emit(stopped);
    renderer.close();
    expect(out.text).toBe('note: hello\n');
    expect(err.text).toBe(`codemigrate: ${line}\n`);
  });

  it('words a failed install as before and a dry run as what a run would do', () => {
    const [out, err] = [sink(), sink()];
    const renderer = createRenderer({ json: false, tty: false }, out, err);
    renderer.emit({ type: 'setup-failed', runId: 'r2', reason: 'install failed: exit 7', cause: 'install' });
    renderer.emit({ ...stopped, runId: '(dry run)', dryRun: true } as AppEvent);
    expect(err.text.split('\n')).toEqual([
      'codemigrate: setup failed: install failed: exit 7; no base was written: fix the cause and `codemigrate resume r2` (`codemigrate status r2` shows the output)',
      'codemigrate: setup stopped the run: setup.js reported package.json: nothing fits; a run would stop here: no base, no step',
      '',
    ]);
  });

  it("names the baseline's failing tests under its check line, and counts the rest", () => {
    const out = sink();
    const check = { command: 'npx vitest run', parser: 'vitest' as const, status: 'failed' as const, exitCode: 1, durationMs: 9 };
    createRenderer({ json: false, tty: false }, out, sink()).emit({
      type: 'baseline-finished',
      reused: true,
      baseline: { commit: 'c0', durationMs: 9, checks: [{ ...check, tests: { passed: 7, failed: 7 }, failing: ['t.test.ts > a', 't.test.ts > b'] }, { ...check, tests: { passed: 2 } }] },
    });
    expect(out.text.split('\n')).toEqual([
      "baseline reused: what every step's checks are compared with",
      '  vitest (exit 1; 7 passed, 7 failed): npx vitest run',
      '    failing there (no step is judged on them): t.test.ts > a, t.test.ts > b and 5 more',
      '  vitest (exit 1; 2 passed): npx vitest run',
      '',
    ]);
  });
});
