// The run store: .git/codemigrate/<run>/ holds state.json (an atomic snapshot), events.jsonl (the
// journal it folds from) and per-step artifacts (verify logs, model transcripts). The journal is
// written before the snapshot, so a crash between the two leaves a journal that is never behind.
// Nothing is created before the first write.

import { mkdir, open, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CodemigrateError, usageError } from '../core/errors.js';
import { checkRepoPath } from '../core/paths.js';
import type { RunEvent, RunState } from '../core/state.js';
import { failpoint } from '../core/failpoint.js';
import { appendLine, isNotFound, writeFileAtomic } from './durable-files.js';
import { foldEvents, reduceRunState } from './reducer.js';

export const STATE_FILE = 'state.json';
export const EVENTS_FILE = 'events.jsonl';
const SNAPSHOT_EVERY = 64;
const SNAPSHOT_EVERY_MS = 1000;

export interface RunStore {
  readonly runId: string;
  readonly dir: string;
  exists(): Promise<boolean>;
  /** state.json, or the journal folded when the snapshot is missing or corrupt; undefined for a new run. */
  load(): Promise<RunState | undefined>;
  /** Reduces, journals and snapshots one event; appends are serialized in call order. */
  append(event: RunEvent): Promise<RunState>;
  /** The state as of the last load or append. */
  current(): RunState | undefined;
  /** Writes state.json now if it is behind the journal (it is rewritten at most about once a second). */
  flush(): Promise<void>;
  writeArtifact(relPath: string, text: string): Promise<void>;
  /** The artifact's text, or undefined when it was never written. */
  readArtifact(relPath: string): Promise<string | undefined>;
}

export interface RunSummary {
  readonly runId: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Steps of its plan; absent when the run has no readable state. */
  readonly steps?: number;
}

// Run ids become ref components and directory names: one safe component, no "..", no ".lock",
// and not the lock file's names in the same directory.
const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export function checkRunId(runId: string): string | undefined {
  // .git/codemigrate/ also holds the repository lock and the codemod result cache.
  const reserved = runId === 'lock' || runId.startsWith('lock.') || runId === 'cache';
  if (!RUN_ID.test(runId) || runId.includes('..') || runId.endsWith('.lock') || reserved) {
    return `invalid run id '${runId}': use letters, digits, '.', '_' and '-' (at most 100), starting with a letter or digit`;
  }
  return undefined;
}

export function runsDir(gitDir: string): string {
  return join(gitDir, 'codemigrate');
}

export interface RunStoreOptions {
  /** Told once per damaged journal line that a load skipped (file and line number). */
  readonly warn?: (message: string) => void;
}

export function openRunStore(gitDir: string, runId: string, options: RunStoreOptions = {}): RunStore {
  const problem = checkRunId(runId);
  if (problem !== undefined) throw usageError(problem);
  const dir = join(runsDir(gitDir), runId);
  const statePath = join(dir, STATE_FILE);
  const eventsPath = join(dir, EVENTS_FILE);
  let state: RunState | undefined;
  let loaded = false;
  // Events in the journal, and how many of them state.json holds. The journal is the durable
  // record; the snapshot is rewritten only every SNAPSHOT_EVERY events or SNAPSHOT_EVERY_MS, and
  // a load folds the journal's tail onto it: on a 1,000-step run, rewriting a megabyte of JSON
  // (and fsyncing it) per event cost more than the steps themselves.
  let journalEvents = 0;
  let snapshotEvents = 0;
  let snapshotAt = 0;
  let journalChecked = false;
  let queue: Promise<unknown> = Promise.resolve();
  const warned = new Set<number>();

  const loadNow = async (): Promise<RunState | undefined> => {
    const snapshot = await readSnapshot(statePath);
    // One entry per journal line, undefined where a line is damaged: positions stay those the
    // writer counted, so the snapshot's count still says where its tail starts.
    const journal = await readJournal(eventsPath);
    for (const { line, event } of journal) {
      if (event !== undefined || warned.has(line)) continue;
      warned.add(line);
      options.warn?.(`${eventsPath}: line ${line}: not a JSON event; skipped (state.json and the branches hold what it recorded)`);
    }
    const events = (from: number) => journal.slice(from).flatMap((entry) => (entry.event === undefined ? [] : [entry.event]));
    journalEvents = journal.length;
    if (snapshot && snapshot.journalEvents <= journal.length) {
      state = events(snapshot.journalEvents).reduce<RunState>((current, event) => reduceRunState(current, event), snapshot.state);
      snapshotEvents = snapshot.journalEvents;
    } else {
      state = snapshot?.state ?? foldFromPlan(events(0));
      snapshotEvents = snapshot ? journalEvents : 0;
    }
    loaded = true;
    return state;
  };
  const writeSnapshot = async (): Promise<void> => {
    if (state === undefined || snapshotEvents === journalEvents) return;
    await writeFileAtomic(statePath, `${JSON.stringify({ ...state, journalEvents })}\n`);
    snapshotEvents = journalEvents;
    snapshotAt = Date.now();
  };
  // Loads and appends share one chain, so a load never overwrites a newer in-memory state.
  const enqueue = <T>(task: () => Promise<T>): Promise<T> => {
    const result = queue.then(task);
    queue = result.catch(() => undefined);
    return result;
  };

  const appendNow = async (event: RunEvent): Promise<RunState> => {
    if (!loaded) await loadNow();
    // Reduce first: an event the reducer cannot take (no plan yet) writes nothing.
    const next = reduceRunState(state, event);
    await mkdir(dir, { recursive: true });
    if (!journalChecked) {
      await repairJournalTail(eventsPath);
      journalChecked = true;
    }
    await appendLine(eventsPath, `${JSON.stringify(event)}\n`);
    failpoint('after-journal-append');
    state = next;
    journalEvents += 1;
    const due = journalEvents - snapshotEvents >= SNAPSHOT_EVERY || Date.now() - snapshotAt >= SNAPSHOT_EVERY_MS;
    if (due) await writeSnapshot();
    return next;
  };

  return {
    runId,
    dir,
    async exists() {
      return (await isFile(statePath)) || (await isFile(eventsPath));
    },
    load: () => enqueue(loadNow),
    append: (event) => enqueue(() => appendNow(event)),
    current: () => state,
    flush: () => enqueue(writeSnapshot),
    async writeArtifact(relPath, text) {
      // Artifacts (attempt records, transcripts, recorded replies) are caches of what the refs and
      // the journal already hold, or cheap to lose: atomic, but not fsynced.
      await writeFileAtomic(artifactPath(dir, relPath), text, { sync: false });
    },
    async readArtifact(relPath) {
      try {
        return await readFile(artifactPath(dir, relPath), 'utf8');
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
  };
}

/** Every run under <gitDir>/codemigrate, newest first (by the state's updatedAt, else the directory's mtime). */
export async function listRuns(gitDir: string): Promise<RunSummary[]> {
  let entries;
  try {
    entries = await readdir(runsDir(gitDir), { withFileTypes: true });
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
  const runs = await Promise.all(
    entries
      .filter((entry) => entry.isDirectory() && checkRunId(entry.name) === undefined)
      .map(async (entry): Promise<RunSummary> => {
        const runId = entry.name;
        const state = await openRunStore(gitDir, runId)
          .load()
          .catch(() => undefined);
        if (state !== undefined) return { runId, createdAt: state.createdAt, updatedAt: state.updatedAt, steps: state.steps.length };
        const info = await stat(join(runsDir(gitDir), runId));
        return { runId, createdAt: info.birthtime.toISOString(), updatedAt: info.mtime.toISOString() };
      }),
  );
  return runs.sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt) || a.runId.localeCompare(b.runId));
}

function artifactPath(dir: string, relPath: string): string {
  const checked = checkRepoPath(relPath);
  if (!checked.ok) throw new CodemigrateError('internal', `artifact ${relPath}: ${checked.reason}`);
  if (!checked.path.includes('/') && (checked.path === STATE_FILE || checked.path === EVENTS_FILE)) {
    throw new CodemigrateError('internal', `artifact ${relPath}: reserved name`);
  }
  return join(dir, checked.path);
}

async function readSnapshot(path: string): Promise<{ state: RunState; journalEvents: number } | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
    if (!looksLikeState(parsed)) return undefined;
    const { journalEvents, ...state } = parsed as RunState & { journalEvents?: unknown };
    return { state: state as RunState, journalEvents: typeof journalEvents === 'number' ? journalEvents : Number.MAX_SAFE_INTEGER };
  } catch {
    // Missing or corrupt: the journal is the fallback.
    return undefined;
  }
}

/**
 * The journal's lines in order (blank lines aside) with their 1-based line numbers, the event
 * undefined for a damaged one. A torn last line (a crash mid-append) is no event at all: the next
 * append cuts it off. A damaged line before others (a disk or an editor's doing) keeps its place,
 * so nothing after it is lost.
 */
async function readJournal(path: string): Promise<{ line: number; event: RunEvent | undefined }[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
  const lines = text.split('\n');
  const entries: { line: number; event: RunEvent | undefined }[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const event = parseEvent(line);
    if (event === undefined && lines.slice(index + 1).every((rest) => rest.trim() === '')) break;
    entries.push({ line: index + 1, event });
  }
  return entries;
}

function parseEvent(line: string): RunEvent | undefined {
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== 'object' || value === null || typeof (value as { type?: unknown }).type !== 'string') return undefined;
    return value as RunEvent;
  } catch {
    return undefined;
  }
}

/** Folds from the first plan on: events a damaged plan line would have come before apply to nothing. */
function foldFromPlan(events: readonly RunEvent[]): RunState | undefined {
  const first = events.findIndex((event) => event.type === 'run-planned');
  return first < 0 ? undefined : foldEvents(events.slice(first));
}

/** A line torn by a crash mid-append would swallow the next event: cut it off (or end it, if whole). */
async function repairJournalTail(path: string): Promise<void> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if (isNotFound(error)) return;
    throw error;
  }
  if (bytes.length === 0 || bytes[bytes.length - 1] === 0x0a) return;
  const keep = bytes.lastIndexOf(0x0a) + 1;
  let whole = false;
  try {
    JSON.parse(bytes.subarray(keep).toString('utf8'));
    whole = true;
  } catch {
    // torn: dropped below
  }
  if (whole) {
    await appendLine(path, '\n');
    return;
  }
  const handle = await open(path, 'r+');
  try {
    await handle.truncate(keep);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function looksLikeState(value: unknown): value is RunState {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record['runId'] === 'string' && Array.isArray(record['steps']) && typeof record['updatedAt'] === 'string';
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
