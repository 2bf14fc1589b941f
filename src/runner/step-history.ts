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

export class StepHistory {
  readonly #artifacts: Artifacts;
  readonly #records = new Map<string, AttemptRecord[]>();
  #lessons: RunLesson[] | undefined;
  #writes: Promise<void> = Promise.resolve();

  constructor(artifacts: Artifacts) {
    this.#artifacts = artifacts;
  }

  async records(step: string): Promise<readonly AttemptRecord[]> {
    let list = this.#records.get(step);
    if (!list) {
      const text = await this.#artifacts.readArtifact(`steps/${step}/attempts.json`);
      list = text ? (JSON.parse(text) as AttemptRecord[]) : [];
      this.#records.set(step, list);
    }
    return list;
  }

  async addRecord(step: string, record: AttemptRecord): Promise<void> {
    const list = [...(await this.records(step)).filter((existing) => existing.attempt !== record.attempt), record];
    this.#records.set(step, list);
    await this.#write(`steps/${step}/attempts.json`, JSON.stringify(list));
  }

  async lessons(): Promise<readonly RunLesson[]> {
    if (!this.#lessons) {
      const text = await this.#artifacts.readArtifact('lessons.json');
      this.#lessons = text ? (JSON.parse(text) as RunLesson[]) : [];
    }
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

export class TokenBudget {
  readonly limit: number | undefined;
  #used: number;

  constructor(limit: number | undefined, used: number) {
    this.limit = limit;
    this.#used = used;
  }

  get used(): number {
    return this.#used;
  }

  exhausted(): boolean {
    return this.limit !== undefined && this.#used >= this.limit;
  }

  spend(tokens: number): void {
    this.#used += tokens;
  }
}
