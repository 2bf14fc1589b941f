// Ranks the test files of a suite-cpu log by CPU seconds and sums them by project folder.
// A file in an isolated worker (test/) is charged everything since its worker started; a unit
// file (shared workers, isolate: false) only what ran between its first and last hook.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

const [file = 'suite-cpu.ndjson', top = '30'] = process.argv.slice(2);
const root = new URL('../..', import.meta.url).pathname;
const rows = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line)).map((row) => {
  const path = relative(root, row.file);
  return { path, cpu: path.startsWith('test/') ? row.sinceStart : row.cpu, wall: row.wall };
});
rows.sort((a, b) => b.cpu - a.cpu);
const sum = (filter) => rows.filter(filter).reduce((total, row) => total + row.cpu, 0).toFixed(0);
console.log(`${rows.length} files, ${sum(() => true)} CPU-s: test/e2e ${sum((r) => r.path.startsWith('test/e2e/'))}, test/campaigns ${sum((r) => r.path.startsWith('test/campaigns/'))}, unit ${sum((r) => !r.path.startsWith('test/'))}`);
console.log('| CPU-s | wall s | file |\n|---:|---:|---|');
for (const row of rows.slice(0, Number(top))) console.log(`| ${row.cpu.toFixed(1)} | ${row.wall.toFixed(0)} | ${row.path} |`);
