// A small pool of worker threads for the jscodeshift engine: batches of files go to the first free
// worker, in order. Workers start on first use and are unref'd while idle, so a pool that is never
// closed does not keep the process alive. An abort rejects at once; a batch already running in a
// worker finishes there and its reply is dropped.

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { CodemigrateError, type ErrorCode } from '../core/errors.js';
import type { FilesJob, FilesResult } from './jscodeshift-files.js';

export interface WorkerRequest {
  readonly id: number;
  readonly transformPath: string;
  readonly job: FilesJob;
}

export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly result: FilesResult }
  | { readonly id: number; readonly ok: false; readonly message: string; readonly code?: ErrorCode };

export interface WorkerPool {
  readonly size: number;
  run(transformPath: string, job: FilesJob, signal?: AbortSignal): Promise<FilesResult>;
  close(): Promise<void>;
}

interface Task {
  readonly request: WorkerRequest;
  resolve(result: FilesResult): void;
  reject(error: unknown): void;
  settled: boolean;
  /** Removes the abort listener: a run's one signal sees thousands of batches. */
  cleanup(): void;
}

interface Slot {
  worker: Worker | undefined;
  task: Task | undefined;
}

export function createWorkerPool(size: number): WorkerPool {
  const slots: Slot[] = Array.from({ length: size }, () => ({ worker: undefined, task: undefined }));
  const queue: Task[] = [];
  let nextId = 1;
  let closed = false;

  const settle = (task: Task, outcome: { result: FilesResult } | { error: unknown }) => {
    if (task.settled) return;
    task.settled = true;
    task.cleanup();
    if ('result' in outcome) task.resolve(outcome.result);
    else task.reject(outcome.error);
  };

  function start(slot: Slot): Worker {
    const { url, execArgv } = workerScript();
    const worker = new Worker(url, { execArgv });
    worker.on('message', (reply: WorkerReply) => {
      const task = slot.task;
      slot.task = undefined;
      if (task && task.request.id === reply.id) {
        settle(task, reply.ok ? { result: reply.result } : { error: new CodemigrateError(reply.code ?? 'internal', reply.message) });
      }
      dispatch();
    });
    // A worker that dies (out of memory, a transform that calls process.exit) fails its batch; the
    // next batch starts a new one.
    const fail = (error: unknown) => {
      if (slot.worker !== worker) return;
      slot.worker = undefined;
      const task = slot.task;
      slot.task = undefined;
      if (task) settle(task, { error: new CodemigrateError('internal', `jscodeshift worker stopped: ${String(error)}`) });
      dispatch();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(`exit code ${code}`));
    return worker;
  }

  function dispatch(): void {
    for (const slot of slots) {
      if (slot.task !== undefined) continue;
      let task = queue.shift();
      while (task?.settled) task = queue.shift();
      if (task === undefined) {
        slot.worker?.unref();
        continue;
      }
      slot.worker ??= start(slot);
      slot.worker.ref();
      slot.task = task;
      slot.worker.postMessage(task.request);
    }
  }

  return {
    size,
    run(transformPath, job, signal) {
      if (closed) return Promise.reject(new CodemigrateError('internal', 'the jscodeshift worker pool is closed'));
      signal?.throwIfAborted();
      return new Promise<FilesResult>((resolve, reject) => {
        const onAbort = () => settle(task, { error: signal?.reason });
        const task: Task = {
          request: { id: nextId++, transformPath, job },
          resolve,
          reject,
          settled: false,
          cleanup: () => signal?.removeEventListener('abort', onAbort),
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(task);
        dispatch();
      });
    },
    async close() {
      closed = true;
      for (const task of queue.splice(0)) settle(task, { error: new CodemigrateError('internal', 'the jscodeshift worker pool closed') });
      await Promise.all(
        slots.map(async (slot) => {
          const worker = slot.worker;
          slot.worker = undefined;
          if (worker) await worker.terminate();
        }),
      );
    },
  };
}

/**
 * Built code runs the compiled worker; from TypeScript sources (tests) the worker is the .ts file,
 * loaded through jiti's ESM hook, which also maps the sources' `.js` imports to `.ts`.
 */
function workerScript(): { url: URL; execArgv: string[] } {
  if (!import.meta.url.endsWith('.ts')) return { url: new URL('./jscodeshift-worker.js', import.meta.url), execArgv: [] };
  const jitiMain = createRequire(import.meta.url).resolve('jiti');
  return {
    url: new URL('./jscodeshift-worker.ts', import.meta.url),
    execArgv: ['--import', join(dirname(jitiMain), 'jiti-register.mjs')],
  };
}
