// The shared step queue on BullMQ and Redis (ioredis): the coordinator's side (add jobs, hear
// them finish) and the worker's (take jobs). Imports only core and its libraries.

import { Job, Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { usageError } from '../core/errors.js';
import type { StepId } from '../core/plan.js';
import { QUEUE_NAME, queueUrlProblem, stepJobId, type StepJob, type StepJobResult } from '../core/queue.js';

// BullMQ's workers block on Redis: their connection must retry forever (maxRetriesPerRequest: null).
export function connectQueue(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null });
}

/** Connects once without retrying, so that a wrong --queue is one clear error (exit 2), not a hang. */
export async function checkQueue(url: string): Promise<void> {
  const problem = queueUrlProblem(url);
  if (problem !== undefined) throw usageError(problem);
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 10_000 });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    throw usageError(`--queue ${url}: cannot reach Redis (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    probe.disconnect();
  }
}

export type JobEvent =
  | { readonly type: 'active'; readonly step: StepId }
  | { readonly type: 'completed'; readonly step: StepId; readonly result: StepJobResult }
  | { readonly type: 'failed'; readonly step: StepId; readonly reason: string };

/**
 * Adds one job per step (an id already in the queue is not added twice) and reports each job's
 * events until every one has completed or failed, or `signal` aborts. Jobs that finished before
 * this call (a coordinator started again) are reported from their stored state. Events come in
 * arrival order, in batches: those that arrived while the previous batch was handled come
 * together, so that the coordinator fetches and reconciles them at once, not one by one.
 */
export async function runJobs(url: string, jobs: readonly StepJob[], onEvents: (events: readonly JobEvent[]) => Promise<void>, signal: AbortSignal): Promise<void> {
  const connection = connectQueue(url);
  const queue = new Queue<StepJob, StepJobResult>(QUEUE_NAME, { connection });
  const events = new QueueEvents(QUEUE_NAME, { connection: connection.duplicate() });
  const byId = new Map(jobs.map((job) => [stepJobId(job.runId, job.step), job] as const));
  const finished = new Set<string>();
  // One batch is handled at a time: the store takes one append at a time.
  let pending: JobEvent[] = [];
  let draining: Promise<void> | undefined;
  let failure: unknown;
  let allDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (allDone = resolve));
  const drain = async () => {
    try {
      while (pending.length > 0 && failure === undefined) {
        const batch = pending;
        pending = [];
        await onEvents(batch);
      }
    } catch (error) {
      failure ??= error;
      allDone();
    } finally {
      draining = undefined;
      if (finished.size === byId.size) allDone();
    }
  };
  const handle = (id: string, make: (step: StepId) => JobEvent) => {
    const job = byId.get(id);
    if (job === undefined || finished.has(id)) return;
    const event = make(job.step);
    if (event.type !== 'active') finished.add(id);
    pending.push(event);
    draining ??= drain();
  };
  events.on('active', ({ jobId }) => handle(jobId, (step) => ({ type: 'active', step })));
  events.on('completed', ({ jobId, returnvalue }) => handle(jobId, (step) => ({ type: 'completed', step, result: parseResult(returnvalue) })));
  events.on('failed', ({ jobId, failedReason }) => handle(jobId, (step) => ({ type: 'failed', step, reason: failedReason })));
  const onAbort = () => allDone();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await events.waitUntilReady();
    for (const [id, job] of byId) {
      // attempts: 1: the step's own ladder retries; a job that throws has failed for a reason
      // another worker would meet too. Finished jobs are kept, so the same id is not run twice.
      await queue.add(job.step, job, { jobId: id, attempts: 1, removeOnComplete: false, removeOnFail: false });
    }
    for (const id of byId.keys()) {
      const stored = await Job.fromId<StepJob, StepJobResult>(queue, id);
      const state = await stored?.getState();
      if (state === 'completed') handle(id, (step) => ({ type: 'completed', step, result: parseResult(stored!.returnvalue) }));
      else if (state === 'failed') handle(id, (step) => ({ type: 'failed', step, reason: stored!.failedReason }));
    }
    if (byId.size === 0) allDone();
    await done;
    await draining;
    if (failure !== undefined) throw failure;
  } finally {
    signal.removeEventListener('abort', onAbort);
    await events.close();
    await queue.close();
    connection.disconnect();
  }
}

function parseResult(value: unknown): StepJobResult {
  return (typeof value === 'string' ? JSON.parse(value) : value) as StepJobResult;
}

export interface StepWorker {
  /** Stops taking jobs, waits for the running ones, disconnects. */
  close(): Promise<void>;
}

export interface WorkerSettings {
  readonly concurrency: number;
  /**
   * How long a job's lock lasts without renewal (BullMQ lockDuration). A worker that died loses its
   * job to another worker after about its own lockMs and the others' stalledMs.
   */
  readonly lockMs: number;
  /** How often this worker moves the jobs whose lock expired back to the queue (BullMQ stalledInterval). */
  readonly stalledMs: number;
}

export function startStepWorker(url: string, settings: WorkerSettings, process: (job: StepJob) => Promise<StepJobResult>, onError: (error: Error) => void): StepWorker {
  const connection = connectQueue(url);
  const worker = new Worker<StepJob, StepJobResult>(QUEUE_NAME, async (job) => process(job.data), {
    connection,
    concurrency: settings.concurrency,
    lockDuration: settings.lockMs,
    stalledInterval: settings.stalledMs,
    maxStalledCount: 1,
  });
  worker.on('error', onError);
  return {
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}
