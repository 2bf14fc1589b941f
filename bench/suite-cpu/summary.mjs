// Ranks the test files of a suite-cpu log by CPU seconds and sums them by project folder.
// Every project shares its worker processes between files (isolate: false) but for the few in
// vitest.config.ts's E2E_ISOLATED, so a file is charged the growth of its worker's CPU since the
// file before it in the same worker ended (its imports, collection, tests and hooks), and the first
// file of a worker its start too: the rows then add up to what the workers spent.
// Where the log has `cgroup` figures (setup.ts), those are used: they count the sandboxed commands
// that /proc's figures miss. `node summary.mjs LOG [TOP] [--json] [--proc]` (--proc: /proc's anyway).
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

const args = process.argv.slice(2);
const json = args.includes('--json');
const proc = args.includes('--proc');
const [file = 'suite-cpu.ndjson', top = '30'] = args.filter((arg) => !arg.startsWith('--'));
const root = new URL('../..', import.meta.url).pathname;
const logged = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
const last = new Map();
const rows = logged
  .sort((a, b) => a.pid - b.pid || a.sinceStart - b.sinceStart)
  .map((row) => {
    const total = row.cgroup !== undefined && !proc ? row.cgroup : row.sinceStart;
    const cpu = total - (last.get(row.pid) ?? 0);
    last.set(row.pid, total);
    return { path: relative(root, row.file), cpu, wall: row.wall };
  });
rows.sort((a, b) => b.cpu - a.cpu);
if (json) {
  console.log(JSON.stringify(Object.fromEntries(rows.map((row) => [row.path, Number(row.cpu.toFixed(2))])), null, 1));
} else {
  const sum = (filter) => rows.filter(filter).reduce((total, row) => total + row.cpu, 0).toFixed(0);
  console.log(`${rows.length} files (${logged.some((row) => row.cgroup !== undefined) && !proc ? 'cgroup: with sandboxed commands' : '/proc: without sandboxed commands'}), ${sum(() => true)} CPU-s: test/e2e ${sum((r) => r.path.startsWith('test/e2e/'))}, test/campaigns ${sum((r) => r.path.startsWith('test/campaigns/'))}, other test/ ${sum((r) => r.path.startsWith('test/') && !/^test\/(e2e|campaigns)\//.test(r.path))}, unit ${sum((r) => !r.path.startsWith('test/'))}`);
  console.log('| CPU-s | wall s | file |\n|---:|---:|---|');
  for (const row of rows.slice(0, Number(top))) console.log(`| ${row.cpu.toFixed(1)} | ${row.wall.toFixed(0)} | ${row.path} |`);
}
