// Where `review --html DIR` may write: a new directory, an empty one, or one that an earlier
// report wrote (it holds REPORT_MARKER). Anything else is refused before the run is read, so a
// mistyped DIR never mixes a report into the user's files or overwrites an index.html of theirs.

import { constants } from 'node:fs';
import { access, readdir, readFile, rm, stat } from 'node:fs/promises';
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

/** Writes the report's files (each replaced whole), removes those an earlier report wrote that this one does not, then the marker. */
export async function writeReportDir(path: string, files: Readonly<Record<string, string>>, about: { runId: string; at: string }): Promise<void> {
  const earlier = await earlierFiles(path);
  for (const [name, text] of Object.entries(files)) await writeFileAtomic(join(path, name), text, { sync: false });
  for (const name of earlier) if (!(name in files)) await rm(join(path, name), { force: true });
  const marker = { writtenBy: 'codemigrate review --html', runId: about.runId, at: about.at, files: Object.keys(files) };
  await writeFileAtomic(join(path, REPORT_MARKER), `${JSON.stringify(marker, null, 2)}\n`, { sync: false });
}

/** What the marker says an earlier report wrote: only names a report writes, never a path out of DIR. */
async function earlierFiles(path: string): Promise<string[]> {
  const text = await readFile(join(path, REPORT_MARKER), 'utf8').catch(() => undefined);
  if (text === undefined) return [];
  try {
    const files = (JSON.parse(text) as { files?: unknown }).files;
    return Array.isArray(files) ? files.filter((name): name is string => typeof name === 'string' && REPORT_FILE.test(name)) : [];
  } catch {
    return [];
  }
}

const REPORT_FILE = /^(index\.html|steps\/[a-z0-9][a-z0-9_-]*(\.[a-z0-9_-]+)*\.html)$/;
