// Run by vitest-settings.test.ts with the compat setup file of a project whose tests fake timers
// through sinon (kelektiv/node-cron's cron.test.ts): a fake clock that fakes process.nextTick, as
// sinon 21's does by default, installed while the worker talks to Vitest over its IPC channel.
// Without a process of the file's own, Node's IPC delivers Vitest's reply through the fake
// nextTick, the clock drops it at uninstall, and the import below (and the worker) never ends.
import realProcess from 'node:process';
import FakeTimers from '@sinonjs/fake-timers';
import { expect, it } from 'vitest';

// Every timer fake-timers knows, nextTick and queueMicrotask among them (fake-timers 15's default).
const install = () => FakeTimers.install({ toFake: Object.keys(FakeTimers.timers) });

it("fakes the test's process.nextTick and leaves the worker's own alone", () => {
  const nextTick = realProcess.nextTick;
  const clock = install();
  try {
    expect(process.nextTick).not.toBe(nextTick);
    expect(realProcess.nextTick).toBe(nextTick);
  } finally {
    clock.uninstall();
  }
});

it('loads a module through Vitest while the fake clock is installed', async () => {
  const clock = install();
  try {
    const { answer } = await import('./late.js');
    expect(answer).toBe(42);
  } finally {
    clock.uninstall();
  }
});
