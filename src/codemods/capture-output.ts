// What a transform prints (console.log, process.stdout.write, …) while it runs on a file is kept
// for that file and shown by `review`, never mixed into codemigrate's own output: a transform's
// console.log used to land between the NDJSON lines of `--json`.
//
// By hand because no library scopes writes to an async context: stdout and stderr writes are
// routed through an AsyncLocalStorage, so only writes made inside a transform's call (or promises
// it started) are captured; every other write of the process goes out as before. Works the same in
// a worker thread, whose process.stdout is its own stream.

import { AsyncLocalStorage } from 'node:async_hooks';
import { format } from 'node:util';
/** Per file: enough to see what a transform said, bounded because it goes into the run's state. */
export const MAX_OUTPUT_CHARS = 2000;

const current = new AsyncLocalStorage<{ text: string }>();
const wrappers = new WeakSet<object>();

const CONSOLE_METHODS = ['log', 'info', 'debug', 'warn', 'error'] as const;

/**
 * Wraps each stream's write, again if something replaced the wrapper since (a progress bar, a
 * test's spy); and the console's methods, which a test runner may have pointed elsewhere.
 */
function install(): void {
  for (const method of CONSOLE_METHODS) {
    if (wrappers.has(console[method])) continue;
    const original = console[method].bind(console);
    const wrapper = (...args: unknown[]): void => {
      const sink = current.getStore();
      if (sink === undefined) return original(...args);
      append(sink, `${format(...args)}\n`);
    };
    wrappers.add(wrapper);
    console[method] = wrapper;
  }
  for (const stream of [process.stdout, process.stderr]) {
    if (wrappers.has(stream.write)) continue;
    const original = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    const wrapper = ((chunk: unknown, ...rest: unknown[]): boolean => {
      const sink = current.getStore();
      if (sink === undefined) return original(chunk, ...rest);
      append(sink, typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      // As a stream would: the callback (last argument) is called once the chunk is taken.
      const callback = rest.find((arg): arg is () => void => typeof arg === 'function');
      if (callback) queueMicrotask(callback);
      return true;
    }) as typeof stream.write;
    wrappers.add(wrapper);
    stream.write = wrapper;
  }
}

function append(sink: { text: string }, text: string): void {
  if (sink.text.length <= MAX_OUTPUT_CHARS) sink.text += text;
}

/** Runs `fn`, keeping what it writes to stdout and stderr instead of printing it. */
export async function captureOutput<T>(fn: () => T | Promise<T>): Promise<{ readonly result: PromiseSettledResult<Awaited<T>>; readonly text: string }> {
  install();
  const sink = { text: '' };
  const result = await current.run(sink, async () => {
    try {
      return { status: 'fulfilled' as const, value: await fn() };
    } catch (reason) {
      return { status: 'rejected' as const, reason };
    }
  });
  const text = sink.text.length > MAX_OUTPUT_CHARS ? `${sink.text.slice(0, MAX_OUTPUT_CHARS)}… (cut)` : sink.text;
  return { result, text };
}
