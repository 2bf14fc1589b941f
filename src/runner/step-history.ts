// What each step tried (attempt records), the run's lessons, and the model transcripts, kept as
// artifacts of the run's store so that resume and review can read them. The compacted plan is
// built from these.

import type { AttemptRecord, RunLesson } from '../core/history.js';
import type { ModelCallResult, ModelTranscript } from '../core/model.js';

export interface Artifacts {
  writeArtifact(relPath: string, text: string): Promise<void>;
  readArtifact(relPath: string): Promise<string | undefined>;
}

const MAX_LESSONS = 50;

export interface StepHistoryOptions {
  /**
   * Told when a history file cannot be read (relPath under the run's directory, what is wrong):
   * it then reads as empty. These files are what attempts left behind, not the run's truth, so a
   * damaged one costs the history, never the command.
   */
  readonly onDamaged?: (relPath: string, problem: string) => void;
}

export class StepHistory {
  readonly #artifacts: Artifacts;
  readonly #options: StepHistoryOptions;
  readonly #records = new Map<string, AttemptRecord[]>();
  #lessons: RunLesson[] | undefined;
  #writes: Promise<void> = Promise.resolve();

  constructor(artifacts: Artifacts, options: StepHistoryOptions = {}) {
    this.#artifacts = artifacts;
    this.#options = options;
  }

  async records(step: string): Promise<readonly AttemptRecord[]> {
    let list = this.#records.get(step);
    if (!list) {
      list = await this.#readList(`steps/${step}/attempts.json`, isAttemptRecord, 'an attempt record (needs attempt, by, result, reason, changed)', 'attempt records');
      this.#records.set(step, list);
    }
    return list;
  }

  async #readList<T>(relPath: string, isEntry: (value: unknown) => value is T, entryName: string, listName: string): Promise<T[]> {
    const text = await this.#artifacts.readArtifact(relPath);
    if (!text) return [];
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return this.#damaged(relPath, `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    if (!Array.isArray(value)) return this.#damaged(relPath, `not a list of ${listName}`);
    const bad = value.findIndex((entry) => !isEntry(entry));
    if (bad >= 0) return this.#damaged(relPath, `entry [${bad}]: not ${entryName}`);
    return value as T[];
  }

  #damaged(relPath: string, problem: string): [] {
    this.#options.onDamaged?.(relPath, problem);
    return [];
  }

  async addRecord(step: string, record: AttemptRecord): Promise<void> {
    const list = [...(await this.records(step)).filter((existing) => existing.attempt !== record.attempt), record];
    this.#records.set(step, list);
    await this.#write(`steps/${step}/attempts.json`, JSON.stringify(list));
  }

  async lessons(): Promise<readonly RunLesson[]> {
    this.#lessons ??= await this.#readList('lessons.json', isLesson, 'a lesson (needs step, kind, text)', 'lessons');
    return this.#lessons;
  }

  async addLesson(lesson: RunLesson): Promise<void> {
    // Newest first, bounded: the compacted plan only ever shows a few.
    const lessons = [lesson, ...(await this.lessons()).filter((known) => known.text !== lesson.text)].slice(0, MAX_LESSONS);
    this.#lessons = lessons;
    await this.#write('lessons.json', JSON.stringify(lessons));
  }

  async writeTranscript(step: string, attempt: number, transcript: ModelTranscript, replayed: boolean): Promise<void> {
    await this.#write(`steps/${step}/attempt-${attempt}/transcript.json`, JSON.stringify({ replayed, ...transcript }, null, 2));
  }

  async transcript(step: string, attempt: number): Promise<string | undefined> {
    return this.#artifacts.readArtifact(`steps/${step}/attempt-${attempt}/transcript.json`);
  }

  async recordedReply(key: string): Promise<ModelCallResult | undefined> {
    const text = await this.#artifacts.readArtifact(`replies/${key}.json`);
    return text ? (JSON.parse(text) as ModelCallResult) : undefined;
  }

  async recordReply(key: string, result: ModelCallResult): Promise<void> {
    await this.#write(`replies/${key}.json`, JSON.stringify(result));
  }

  /** Writes one at a time, so that two steps' writes of lessons.json cannot interleave. */
  #write(relPath: string, text: string): Promise<void> {
    const next = this.#writes.then(() => this.#artifacts.writeArtifact(relPath, text));
    this.#writes = next.catch(() => undefined);
    return next;
  }
}

function isAttemptRecord(value: unknown): value is AttemptRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record['attempt'] === 'number' &&
    typeof record['by'] === 'string' &&
    typeof record['result'] === 'string' &&
    typeof record['reason'] === 'string' &&
    Array.isArray(record['changed'])
  );
}

function isLesson(value: unknown): value is RunLesson {
  if (typeof value !== 'object' || value === null) return false;
  const lesson = value as Record<string, unknown>;
  return typeof lesson['step'] === 'string' && typeof lesson['kind'] === 'string' && typeof lesson['text'] === 'string';
}
