// Where `review --html DIR` may write: new, empty, or an earlier report; every refusal is a usage
// error (exit 2) that names DIR and what to do, and leaves DIR as it was.

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkReportDir, REPORT_MARKER, writeReportDir } from './report-dir.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'codemigrate-report-dir-'));
  dirs.push(dir);
  return dir;
};
const refusal = (dir: string) => checkReportDir(dir).then(
  () => 'accepted',
  (error: { code?: string; exitCode?: number; message: string }) => `${error.exitCode}: ${error.message}`,
);

describe('checkReportDir', () => {
  it('accepts a new directory (made at write), an empty one and an earlier report', async () => {
    const root = temp();
    const fresh = join(root, 'a', 'b');
    expect(await checkReportDir(fresh)).toBe(fresh);
    expect(readdirSync(root)).toEqual([]);
    await writeReportDir(fresh, { 'index.html': 'one', 'steps/a.html': 'a', 'steps/b.html': 'b' }, { runId: 'r1', at: 'now' });
    expect(readdirSync(fresh).sort()).toEqual([REPORT_MARKER, 'index.html', 'steps']);
    expect(JSON.parse(readFileSync(join(fresh, REPORT_MARKER), 'utf8'))).toEqual({ writtenBy: 'codemigrate review --html', runId: 'r1', at: 'now', files: ['index.html', 'steps/a.html', 'steps/b.html'] });
    writeFileSync(join(fresh, 'notes.txt'), 'kept');
    expect(await checkReportDir(fresh)).toBe(fresh);
    // The step pages of the earlier report that this one has not are removed; other files stay.
    await writeReportDir(fresh, { 'index.html': 'two', 'steps/b.html': 'b2' }, { runId: 'r2', at: 'later' });
    expect(readFileSync(join(fresh, 'index.html'), 'utf8')).toBe('two');
    expect(readdirSync(join(fresh, 'steps'))).toEqual(['b.html']);
    expect(readFileSync(join(fresh, 'notes.txt'), 'utf8')).toBe('kept');
    // A marker naming a path out of DIR (or any name a report does not write) removes nothing.
    writeFileSync(join(root, 'outside.html'), 'x');
    writeFileSync(join(fresh, REPORT_MARKER), JSON.stringify({ files: ['../../outside.html', 'notes.txt', 'steps/../../../outside.html'] }));
    await writeReportDir(fresh, { 'index.html': 'three' }, { runId: 'r3', at: 'later' });
    expect(readFileSync(join(root, 'outside.html'), 'utf8')).toBe('x');
    expect(readFileSync(join(fresh, 'notes.txt'), 'utf8')).toBe('kept');
    const empty = join(root, 'empty');
    mkdirSync(empty);
    expect(await checkReportDir(empty)).toBe(empty);
  });

  it('refuses a file, a path under a file and a directory of other files, with exit 2', async () => {
    const root = temp();
    const file = join(root, 'file');
    writeFileSync(file, 'x');
    expect(await refusal(file)).toBe(`2: --html ${file}: is a file, not a directory; name a new or empty directory`);
    expect(await refusal(join(file, 'sub'))).toBe(`2: --html ${join(file, 'sub')}: ${file} is not a directory`);
    const theirs = join(root, 'theirs');
    mkdirSync(theirs);
    for (const name of ['index.html', 'a', 'b', 'c']) writeFileSync(join(theirs, name), 'mine');
    expect(await refusal(theirs)).toBe(`2: --html ${theirs}: is not empty (a, b, c, … (4 entries)) and holds no earlier report (no ${REPORT_MARKER}); name a new or empty directory`);
    expect(readFileSync(join(theirs, 'index.html'), 'utf8')).toBe('mine');
  });
});
