// One phase of jscodeshift's per-file work over a share of the corpus, in one process and one
// thread: `babel` (@babel/parser with jscodeshift's `ts` options: the parse alone), `recast`
// (jscodeshift's `j(source)`: babel, then recast's token-preserving copy of the tree) or
// `transform` (the bench transform, as a runner calls it). No git, no files written.
//   node floor-task.cjs <root> <phase> <list.json> <share> <shares>
// prints one JSON line: { phase, files, ms, changed }.

const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const [root, phase, listFile, share = '0', shares = '1'] = process.argv.slice(2);
const repo = join(root, 'bench/.corpus/repo');
const all = JSON.parse(readFileSync(listFile, 'utf8'));
// Every shares-th file, so that both halves get a like mix of small and large files.
const files = all.filter((_file, index) => index % Number(shares) === Number(share));
const sources = files.map((file) => readFileSync(join(repo, file), 'utf8'));

const babel = require(join(root, 'node_modules/@babel/parser'));
const tsOptions = require(join(root, 'node_modules/jscodeshift/parser/tsOptions.js'));
const j = require(join(root, 'node_modules/jscodeshift')).withParser('ts');
const transform = require(join(root, 'bench/transforms/rewrite-import.cjs'));
const api = { jscodeshift: j, j, stats() {}, report() {} };

const started = process.hrtime.bigint();
let changed = 0;
sources.forEach((source, index) => {
  if (phase === 'babel') babel.parse(source, tsOptions);
  else if (phase === 'recast') j(source);
  else if (transform({ path: files[index], source }, api, {}) !== source) changed += 1;
});
const ms = Number(process.hrtime.bigint() - started) / 1e6;
process.stdout.write(`${JSON.stringify({ phase, files: files.length, ms, changed })}\n`);
