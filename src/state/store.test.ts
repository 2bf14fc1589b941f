import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync, appendFileSync, mkdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/helpers/temp-repo.js';
import type { Plan, StepId } from '../core/plan.js';
import type { RepoPath } from '../core/paths.js';
import type { RunEvent } from '../core/state.js';
import { foldEvents } from './reducer.js';
import { listRuns, openRunStore } from './store.js';

const A = 'src-a' as StepId;
const plan: Plan = {
  recipeId: 'r',
  recipeHash: 'h',
  sourceCommit: 'c0',
  isolation: 'independent',
  hasSetup: true,
  steps: [{ id: A, module: 'src/a', chunk: 1, files: ['src/a/x.ts' as RepoPath], dependsOn: [] }],
};
const at = (n: number) => `2030-01-01T00:00:${String(n).padStart(2, '0')}.000Z`;
const planned = (runId: string, n = 0): RunEvent => ({
  type: 'run-planned',
  at: at(n),
  runId,
  prefix: 'codemigrate',
  recipe: { id: 'r', file: '/r.json', hash: 'h' },
  plan,
});
const started: RunEvent = { type: 'step-started', at: at(1), step: A, attempt: 1 };
const finished: RunEvent = {
  type: 'step-finished',
  at: at(2),
  step: A,
  attempt: 1,
  outcome: { status: 'unchanged', codemods: [], reports: [], durationMs: 1 },
  tokens: { prompt: 3, completion: 4 },
};

const dirs: string[] = [];
function gitDir(): string {
  const dir = makeTempDir();
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('openRunStore', () => {
  it('journals every event, snapshots the state and leaves no temp files', async () => {
    const git = gitDir();
    const store = openRunStore(git, 'r1');
    expect(await store.exists()).toBe(false);
    expect(await store.load()).toBeUndefined();
    await store.append(planned('r1'));
    await store.append(started);
    const state = await store.append(finished);

    const runDir = join(git, 'codemigrate', 'r1');
    expect(readdirSync(runDir).sort()).toEqual(['events.jsonl', 'state.json']);
    await store.flush();
    // state.json says how many journal events it holds: a load folds only the ones after them.
    expect(JSON.parse(readFileSync(join(runDir, 'state.json'), 'utf8'))).toEqual({ ...state, journalEvents: 3 });
    const lines = readFileSync(join(runDir, 'events.jsonl'), 'utf8').trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line))).toEqual([planned('r1'), started, finished]);
    expect(state.steps[0]).toMatchObject({ status: 'unchanged', tokens: { prompt: 3, completion: 4 } });
    expect(store.current()).toEqual(state);
    expect(await store.exists()).toBe(true);

    expect(await openRunStore(git, 'r1').load()).toEqual(state);
  });

  it('snapshots at most about once a second, and a load folds the journal after the snapshot', async () => {
    const git = gitDir();
    const store = openRunStore(git, 'r1');
    await store.append(planned('r1'));
    const runDir = join(git, 'codemigrate', 'r1');
    const first = readFileSync(join(runDir, 'state.json'), 'utf8');
    expect(JSON.parse(first)).toMatchObject({ journalEvents: 1 });
    await store.append(started);
    const state = await store.append(finished);
    // Within the second: the journal has all three, the snapshot still the first.
    expect(readFileSync(join(runDir, 'state.json'), 'utf8')).toBe(first);
    expect(await openRunStore(git, 'r1').load()).toEqual(state);
    await store.flush();
    expect(JSON.parse(readFileSync(join(runDir, 'state.json'), 'utf8'))).toMatchObject({ journalEvents: 3 });
    expect(await openRunStore(git, 'r1').load()).toEqual(state);
  });

  it('serializes concurrent appends in call order', async () => {
    const git = gitDir();
    const store = openRunStore(git, 'r1');
    const results = await Promise.all([store.append(planned('r1')), store.append(started), store.append(finished)]);
    expect(results[2]?.steps[0]?.status).toBe('unchanged');
    expect(await openRunStore(git, 'r1').load()).toEqual(results[2]);
  });

  it('rebuilds from the journal when state.json is missing or corrupt, ignoring a torn last line', async () => {
    const git = gitDir();
    const store = openRunStore(git, 'r1');
    await store.append(planned('r1'));
    await store.append(started);
    const expected = await store.append(finished);
    const runDir = join(git, 'codemigrate', 'r1');

    rmSync(join(runDir, 'state.json'));
    expect(await openRunStore(git, 'r1').load()).toEqual(expected);

    writeFileSync(join(runDir, 'state.json'), '{"runId": "r1", "ste');
    appendFileSync(join(runDir, 'events.jsonl'), '{"type":"step-reset","at":"2030-01-01T00:00:09.000Z","st');
    const rebuilt = await openRunStore(git, 'r1').load();
    expect(rebuilt).toEqual(expected);
  });

  it('cuts a torn last line off before appending, so it cannot swallow the next event', async () => {
    const git = gitDir();
    await openRunStore(git, 'r1').append(planned('r1'));
    const runDir = join(git, 'codemigrate', 'r1');
    appendFileSync(join(runDir, 'events.jsonl'), '{"type":"step-sta');
    const store = openRunStore(git, 'r1');
    await store.append(started);
    const expected = await store.append(finished);
    rmSync(join(runDir, 'state.json'));
    expect(await openRunStore(git, 'r1').load()).toEqual(expected);
    expect(readFileSync(join(runDir, 'events.jsonl'), 'utf8').trimEnd().split('\n')).toHaveLength(3);
  });

  it('skips a damaged line in the middle of the journal, warns once naming it, and keeps the events after it', async () => {
    const git = gitDir();
    const store = openRunStore(git, 'r1');
    await store.append(planned('r1'));
    await store.append(started);
    await store.append(finished);
    await store.flush(); // state.json holds these three
    const reviewed: RunEvent = { type: 'step-reviewed', at: at(3), step: A, decision: 'accepted' };
    const expected = await store.append(reviewed); // journal only
    const runDir = join(git, 'codemigrate', 'r1');
    const eventsPath = join(runDir, 'events.jsonl');
    const lines = readFileSync(eventsPath, 'utf8').split('\n');
    lines[1] = lines[1]!.slice(0, 20); // a damaged second line, whole lines after it
    writeFileSync(eventsPath, lines.join('\n'));

    const warnings: string[] = [];
    const reopened = openRunStore(git, 'r1', { warn: (message) => warnings.push(message) });
    expect(await reopened.load()).toEqual(expected);
    expect(await reopened.load()).toEqual(expected);
    expect(warnings).toEqual([
      `${eventsPath}: line 2: not a JSON event; skipped (state.json and the branches hold what it recorded)`,
    ]);

    // Appending after it keeps the journal and the snapshot's count of it in step.
    const reset: RunEvent = { type: 'step-reset', at: at(4), step: A, reason: 'test' };
    const next = await reopened.append(reset);
    await reopened.flush();
    expect(await openRunStore(git, 'r1', { warn: () => undefined }).load()).toEqual(next);
    rmSync(join(runDir, 'state.json'));
    // Without state.json, the fold skips the damaged line (its step-started): the finish after it
    // is refused, the review and the reset still apply.
    const folded = await openRunStore(git, 'r1', { warn: () => undefined }).load();
    expect(folded?.steps[0]).toMatchObject({ status: 'pending', attempts: 0 });
    expect(folded?.steps[0]).not.toHaveProperty('review');
    expect(folded?.updatedAt).toBe(at(4));
  });

  it('takes a line that parses but is not an event as damaged, and a journal with no plan as no state', async () => {
    const git = gitDir();
    const runDir = join(git, 'codemigrate', 'r1');
    mkdirSync(runDir, { recursive: true });
    // A blank line before it: the warning names the file's line number.
    writeFileSync(join(runDir, 'events.jsonl'), `${JSON.stringify(planned('r1'))}\n\n42\n${JSON.stringify(started)}\n`);
    const warnings: string[] = [];
    expect((await openRunStore(git, 'r1', { warn: (message) => warnings.push(message) }).load())?.steps[0]?.status).toBe('running');
    expect(warnings).toEqual([expect.stringContaining('events.jsonl: line 3: not a JSON event')]);

    writeFileSync(join(runDir, 'events.jsonl'), `{"type":"run-pla\n${JSON.stringify(started)}\n`);
    expect(await openRunStore(git, 'r1', { warn: () => undefined }).load()).toBeUndefined();
  });

  it('continues a loaded run where the journal left off', async () => {
    const git = gitDir();
    await openRunStore(git, 'r1').append(planned('r1'));
    const again = openRunStore(git, 'r1');
    const state = await again.append(started); // loads first
    expect(state.steps[0]?.status).toBe('running');
    const journal = readFileSync(join(git, 'codemigrate', 'r1', 'events.jsonl'), 'utf8').trimEnd().split('\n');
    expect(foldEvents(journal.map((line) => JSON.parse(line) as RunEvent))).toEqual(state);
  });

  it('creates nothing before the first write, nor for bad input', async () => {
    const git = gitDir();
    expect(() => openRunStore(git, '../escape')).toThrow(expect.objectContaining({ code: 'usage' }));
    expect(() => openRunStore(git, 'lock')).toThrow(/invalid run id/);
    // The folder of the codemod result cache.
    expect(() => openRunStore(git, 'cache')).toThrow(/invalid run id/);
    const store = openRunStore(git, 'r1');
    await store.load();
    await store.exists();
    expect(await store.readArtifact('steps/a/attempt-1/verify.log')).toBeUndefined();
    await expect(store.append(started)).rejects.toThrow(/before 'run-planned'/);
    await expect(store.writeArtifact('../state.json', 'x')).rejects.toThrow(/leaves the repository/);
    await expect(store.writeArtifact('/etc/passwd', 'x')).rejects.toThrow(/absolute/);
    await expect(store.writeArtifact('state.json', 'x')).rejects.toThrow(/reserved/);
    expect(readdirSync(git)).toEqual([]);
  });

  it('writes and reads per-step artifacts', async () => {
    const git = gitDir();
    const store = openRunStore(git, 'r1');
    await store.writeArtifact('steps/src-a/attempt-1/verify.log', 'FAIL x\n');
    await store.writeArtifact('steps/src-a/attempt-1/verify.log', 'PASS x\n');
    expect(await store.readArtifact('steps/src-a/attempt-1/verify.log')).toBe('PASS x\n');
    expect(readdirSync(join(git, 'codemigrate', 'r1', 'steps', 'src-a', 'attempt-1'))).toEqual(['verify.log']);
    expect(existsSync(join(git, 'codemigrate', 'r1', 'state.json'))).toBe(false);
  });
});

describe('listRuns', () => {
  it('lists runs newest first, by updatedAt, else by directory mtime', async () => {
    const git = gitDir();
    expect(await listRuns(git)).toEqual([]);
    const old = openRunStore(git, 'old');
    await old.append(planned('old', 1));
    const newer = openRunStore(git, 'newer');
    await newer.append(planned('newer', 0));
    await newer.append({ ...started, at: at(30) });
    // A run directory without state (only an artifact), dated 2020 by its mtime.
    await openRunStore(git, 'bare').writeArtifact('steps/x.log', 'x');
    const bareDir = join(git, 'codemigrate', 'bare');
    utimesSync(bareDir, new Date('2020-01-01T00:00:00Z'), new Date('2020-01-01T00:00:00Z'));
    writeFileSync(join(git, 'codemigrate', 'lock'), '{}'); // not a run

    const runs = await listRuns(git);
    expect(runs.map((run) => run.runId)).toEqual(['newer', 'old', 'bare']);
    expect(runs[0]).toEqual({ runId: 'newer', createdAt: at(0), updatedAt: at(30), steps: 1 });
    expect(runs[2]).toEqual({ runId: 'bare', createdAt: expect.any(String), updatedAt: '2020-01-01T00:00:00.000Z' });
  });
});
