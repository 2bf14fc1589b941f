// Worker-thread entry of the jscodeshift engine: runs the batches of files that worker-pool.ts
// sends, with the transform loaded once per path in this thread (the loader caches it).

import { parentPort } from 'node:worker_threads';
import { isCodemigrateError } from '../core/errors.js';
import { transformFiles } from './jscodeshift-files.js';
import { loadTransform } from './load-transform.js';
import type { WorkerReply, WorkerRequest } from './worker-pool.js';

const port = parentPort;
if (port === null) throw new Error('jscodeshift-worker: not started as a worker thread');

port.on('message', (request: WorkerRequest) => {
  void handle(request).then((reply) => port.postMessage(reply));
});

async function handle({ id, transformPath, job }: WorkerRequest): Promise<WorkerReply> {
  try {
    const loaded = await loadTransform({
      kind: 'codemod',
      name: job.name,
      resolved: transformPath,
      engine: 'jscodeshift',
      options: {},
      field: 'worker',
    });
    return { id, ok: true, result: await transformFiles(loaded, job) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { id, ok: false, message, ...(isCodemigrateError(error) ? { code: error.code } : {}) };
  }
}
