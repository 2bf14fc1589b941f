// Where `review --html DIR` may write: a new directory, an empty one, or one that an earlier
// report wrote (it holds REPORT_MARKER). Anything else is refused before the run is read, so a
// mistyped DIR never mixes a report into the user's files or overwrites an index.html of theirs.

import { constants } from 'node:fs';
import { access, readdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { usageError } from '../core/errors.js';
import { writeFileAtomic } from '../state/durable-files.js';

/** Written beside the report: its presence lets a later report replace this one. */
export const REPORT_MARKER = '.codemigrate-report.json';

/** The report's directory, absolute, once it is known that the report may be written there. */
export async function checkReportDir(dir: string): Promise<string> {
  const path = resolve(dir);
  const refuse = (problem: string) => usageError(`--html ${dir}: ${problem}`);
  const found = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
    throw refuse(`cannot be read (${error.code ?? error.message})`);
  });
  if (found === undefined) {
    // Created when the report is written: its nearest existing ancestor must be a writable directory.
    let ancestor = dirname(path);
    for (;;) {
      const seen = await stat(ancestor).catch(() => undefined);
      if (seen) {
        if (!seen.isDirectory()) throw refuse(`${ancestor} is not a directory`);
        break;
      }
      ancestor = dirname(ancestor);
    }
    await access(ancestor, constants.W_OK).catch(() => {
      throw refuse(`cannot create it: ${ancestor} is not writable`);
    });
    return path;
  }
  if (!found.isDirectory()) throw refuse('is a file, not a directory; name a new or empty directory');
  const entries = (await readdir(path)).sort();
  if (entries.length > 0 && !entries.includes(REPORT_MARKER)) {
    const shown = entries.slice(0, 3).join(', ') + (entries.length > 3 ? `, … (${entries.length} entries)` : '');
    throw refuse(`is not empty (${shown}) and holds no earlier report (no ${REPORT_MARKER}); name a new or empty directory`);
  }
  await access(path, constants.W_OK).catch(() => {
    throw refuse('is not writable');
  });
  return path;
}

/** Writes the report's files (each replaced whole) and the marker; returns the paths written. */
export async function writeReportDir(path: string, files: Readonly<Record<string, string>>, about: { runId: string; at: string }): Promise<string[]> {
  const written: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    await writeFileAtomic(join(path, name), text, { sync: false });
    written.push(join(path, name));
  }
  const marker = { writtenBy: 'codemigrate review --html', runId: about.runId, at: about.at, files: Object.keys(files) };
  await writeFileAtomic(join(path, REPORT_MARKER), `${JSON.stringify(marker, null, 2)}\n`, { sync: false });
  return written;
}
