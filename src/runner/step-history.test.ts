import { describe, expect, it } from 'vitest';
import type { AttemptRecord } from '../core/history.js';
import { StepHistory, type Artifacts } from './step-history.js';

function memoryArtifacts(files: Record<string, string> = {}): Artifacts & { files: Record<string, string> } {
  return {
    files,
    async writeArtifact(relPath, text) {
      files[relPath] = text;
    },
    async readArtifact(relPath) {
      return files[relPath];
    },
  };
}

const record: AttemptRecord = { attempt: 1, by: 'codemods', result: 'verify-failed', reason: 'x.js: boom', changed: [] };

describe('StepHistory', () => {
  it('reads back the attempt records it wrote', async () => {
    const artifacts = memoryArtifacts();
    await new StepHistory(artifacts).addRecord('s', record);
    expect(await new StepHistory(artifacts).records('s')).toEqual([record]);
  });

  it.each([
    ['torn JSON', '[{"attempt":1,"by":"cod', /^not valid JSON \(/],
    ['an object, not a list', '{"attempt":1}', /^not a list of attempt records$/],
    ['an entry without its fields', `[${JSON.stringify(record)},{"attempt":"2"}]`, /^entry \[1\]: not an attempt record \(needs attempt, by, result, reason, changed\)$/],
  ])('reads %s in attempts.json as no records, and says which file and what is wrong', async (_name, text, problem) => {
    const damaged: [string, string][] = [];
    const history = new StepHistory(memoryArtifacts({ 'steps/s/attempts.json': text }), {
      onDamaged: (relPath, what) => damaged.push([relPath, what]),
    });
    expect(await history.records('s')).toEqual([]);
    expect(await history.records('s')).toEqual([]);
    expect(damaged).toEqual([['steps/s/attempts.json', expect.stringMatching(problem)]]);
  });

  it('reads a damaged lessons.json as no lessons', async () => {
    const damaged: string[] = [];
    const history = new StepHistory(memoryArtifacts({ 'lessons.json': '[{' }), { onDamaged: (relPath) => damaged.push(relPath) });
    expect(await history.lessons()).toEqual([]);
    expect(damaged).toEqual(['lessons.json']);
  });
});
