// Which process a pid names, beyond the number: after a crash or a reboot the pid in a lock file
// may belong to an unrelated live process. On Linux a process is told apart by its start time
// (field 22 of /proc/<pid>/stat, clock ticks since boot) and the boot it started in
// (/proc/sys/kernel/random/boot_id). Elsewhere both are unknown and callers fall back to the pid.

import { readFileSync } from 'node:fs';

/** The start time of `pid` in clock ticks since boot, as text; undefined when it cannot be read. */
export function processStartTime(pid: number): string | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // Field 2 is the command name in parentheses and may itself hold spaces and ')': the fields
  // after the last ')' are 3, 4, …, so field 22 is the 20th of them.
  const rest = text.slice(text.lastIndexOf(')') + 1).trim().split(/\s+/);
  const start = rest[22 - 3];
  return start !== undefined && /^\d+$/.test(start) ? start : undefined;
}

let bootId: string | null | undefined;

/** This boot's id (changes at every reboot); undefined where the kernel does not say. */
export function currentBootId(): string | undefined {
  if (bootId === undefined) {
    try {
      bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
    } catch {
      bootId = null;
    }
  }
  return bootId ?? undefined;
}
