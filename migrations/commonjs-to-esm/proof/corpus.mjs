#!/usr/bin/env node
// The commonjs-to-esm proof (issue 14): for each public package in corpus.json, at its pinned
// commit, run its own `npm test` before, run codemigrate (no model) and land, run `npm test` again
// on the landed result, and print one table row per package. Nothing of those packages is
// committed here: each is cloned from `fetch`'s snapshot (/work/.mirror, or MIRROR) or GitHub.
//
//   node corpus.mjs [--only a,b] [--phases before,migrate,after] [--work DIR] [--table]
//
// Per package, in WORK/<name>/:
//   before/  the commit, installed as the package installs (migrations/shared/install-deps.mjs),
//            `npm test` (or the package's `test` command; its passing and failing counts, read
//            from mocha, Jasmine, Jest, Vitest, node:test or tape output)
//   repo/    the commit on branch `corpus`, before/'s node_modules linked; the recipes of `first`
//            run and landed in turn (each result installed), then `codemigrate run`, `land`
//   after/   codemigrate/corpus/result checked out with the same node_modules (the recipe adds no
//            dependency), `npm test`, and whether package.json became `"type": "module"`
//   figures.json  what the table shows
import { existsSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clone, corpusArgs, installedBefore, countTests, printTable, readJson, runAndLand, runCorpus, sh } from '../../shared/proof-kit.mjs';

// `skip` in corpus.json: why a project stays in the list but is not run (said in the table).
const { root, codemigrate, installDeps, projects, phases, work, table: tableOnly } = corpusArgs(import.meta.url, '/tmp/esm-corpus');
const recipe = join(root, 'recipes/commonjs-to-esm.json');

function testRun(project, checkout, log) {
  const run = sh(project.test ?? 'npm test', checkout, log, 1800);
  return { exit: run.status, tests: countTests(run.output) };
}

function before(project, dir) {
  const { checkout, log, failed } = installedBefore(project, dir, installDeps);
  return failed ?? { install: 0, ...testRun(project, checkout, log) };
}

function migrate(project, dir) {
  const log = join(dir, 'migrate.log');
  const repo = join(dir, 'repo');
  clone(project, repo, log);
  if (existsSync(join(dir, 'before/node_modules'))) symlinkSync(join(dir, 'before/node_modules'), join(repo, 'node_modules'));
  // Recipes landed first (`first`: jest-to-vitest for a package whose tests run on Jest, which
  // this recipe's setup stops on): each result becomes the branch the next run starts from,
  // installed from its landed lockfile into the repository's own node_modules.
  const first = [];
  for (const name of project.first ?? []) {
    const landed = runAndLand(codemigrate, join(root, 'recipes', `${name}.json`), name, repo, dir, log);
    first.push({ recipe: name, ...landed });
    if (landed.landExit !== 0) return { first, error: `${name} did not land` };
    const moved = sh(`git checkout -q -B corpus codemigrate/${name}/result && rm -f node_modules && node ${installDeps} --frozen`, repo, log);
    if (moved.status !== 0) return { first, error: `the ${name} result does not install (${log})` };
  }
  // A package whose `npm test` needs what the sandbox withholds names its own checks (`verify`).
  if (project.config) writeFileSync(join(repo, 'migration.config.json'), JSON.stringify(project.config, null, 2));
  return { first, ...runAndLand(codemigrate, recipe, 'corpus', repo, dir, log) };
}

function after(project, dir) {
  const log = join(dir, 'after.log');
  const checkout = join(dir, 'after');
  const cloned = sh(`rm -rf ${checkout} && git clone -q ${join(dir, 'repo')} ${checkout} && git -C ${checkout} checkout -q codemigrate/corpus/result`, undefined, log);
  if (cloned.status !== 0) return { error: 'no result branch' };
  symlinkSync(join(dir, project.first?.length ? 'repo/node_modules' : 'before/node_modules'), join(checkout, 'node_modules'));
  const type = readJson(join(checkout, 'package.json'))?.type;
  // A call of require, or module.exports / exports.x outside a comment and not the
  // `'module.exports'` interop name: a file Node would no longer run as an ES module.
  const commonjs = String.raw`^(?!\s*(//|\*|/\*)).*((?<![.'"\w$])require\s*\(|(?<!['"\w$.])module\.exports(?!')|^\s*exports\.[\w$]+\s*=)`;
  const commonjsLeft = sh(`git grep -l -P ${JSON.stringify(commonjs)} -- '*.js' ':!node_modules'`, checkout, undefined).stdout.split('\n').filter(Boolean);
  return { type: type ?? null, commonjsLeft, ...testRun(project, checkout, log) };
}

const counts = (run) => (run?.tests ? `${run.tests.passed} passing${run.tests.failed ? `, ${run.tests.failed} failing` : ''}` : `exit ${run?.exit ?? '–'}`);

function landColumn(migrate, first) {
  if (!migrate) return '–';
  if (migrate.setupStopped) return `${first}setup stopped the run (exit ${migrate.runExit}): ${migrate.setupStopped}`;
  return `${first}exit ${migrate.landExit ?? '–'}: ${migrate.verdict ?? migrate.error}`;
}

function row(project, figures) {
  const steps = figures.migrate?.setupStopped ? [] : (figures.migrate?.steps ?? []);
  const green = steps.filter((s) => s.status === 'succeeded' || s.status === 'unchanged').length;
  const after = figures.after ?? {};
  const shape = after.error ? after.error : `${after.type === 'module' ? '`"type": "module"`' : 'typeless (finish waits)'}, ${after.commonjsLeft?.length ?? '–'} file(s) with CommonJS left`;
  const tests = `${counts(figures.before)} → ${after.error ? '–' : counts(after)}`;
  const first = (figures.migrate?.first ?? []).map((f) => `${f.recipe} first: ${f.steps.filter((s) => s.status === 'succeeded' || s.status === 'unchanged').length} of ${f.steps.length} steps, ${f.verdict}; then `).join('');
  return `| ${project.name} (\`${project.repo}\` @ \`${project.commit.slice(0, 7)}\`)${figures.codemigrate ? ` at codemigrate \`${figures.codemigrate}\`` : ''} | ${project.kind} | ${green} of ${steps.length} | ${tests} | ${shape} | ${landColumn(figures.migrate, first)} |`;
}

if (tableOnly) printTable('| package @ commit | kind | steps green without a model | `npm test` before → after land | result | land |', projects, work, row);
else runCorpus({ root, work, projects, phases }, { before, migrate, after }, row);
