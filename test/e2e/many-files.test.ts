// A check given {files} over one module of thousands of long paths (issue #12): the list is more
// than one shell argument can hold, so every check (baseline, step, land) runs it in chunks whose
// results merge into one; a check that cannot be started at all is shown cut short, and a land
// whose checks could not start records nothing.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runCliHere } from '../helpers/cli.js';
import { makeModuleRepo } from '../helpers/fixture-repo.js';
import { makeTempRepo, useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';

useHermeticGit();
const RECIPE = join(PROJECT_ROOT, 'test/fixtures/many-files/recipe.json');
const repos: TempRepo[] = [];
afterEach(() => repos.splice(0).forEach((repo) => repo.cleanup()));

// Each path is 131 bytes quoted: 1,200 of them make a 157 KB `{files}` list, more than the 128 KiB
// that Linux allows one argument (MAX_ARG_STRLEN; `sh -c` gets the whole command as one), so an
// unchunked check fails with E2BIG; chunked under MAX_COMMAND_BYTES (100,000) it is two commands
// whose results merge. 2,000 (three commands) and 3,500 (the size of the report: ~3,000 paths)
// proved no more and cost more worktree checkouts.
const FILES = 1_200;
const DEEP = 'src/generated/a-directory-name-long-enough-to-matter/and-another-level-of-nesting-below-it';

// Passes when every argument names a file of the worktree; says how many it was given.
const COUNT_ARGS = [
  "const { existsSync } = require('node:fs');",
  'const files = process.argv.slice(2);',
  'const missing = files.filter((file) => !existsSync(file));',
  "console.log(`checked ${files.length} file(s)`);",
  "if (files.length === 0 || missing.length > 0) { console.error(`missing: ${missing.slice(0, 3).join(', ')}`); process.exit(1); }",
  '',
].join('\n');

function manyFilesRepo(): TempRepo {
  const files: Record<string, string> = { 'count-args.js': COUNT_ARGS };
  for (let i = 0; i < FILES; i++) files[`${DEEP}/generated-module-file-number-${String(i).padStart(5, '0')}.js`] = `module.exports = ${i};\n`;
  files[`${DEEP}/generated-module-file-number-00007.js`] = 'const oldName = 7;\nmodule.exports = oldName;\n';
  const repo = makeTempRepo(files);
  repos.push(repo);
  return repo;
}

describe('checks over {files} beyond the argument limit', () => {
  it('runs baseline, step and land checks in chunks and lands the result', async () => {
    const repo = manyFilesRepo();
    const run = await runCliHere(['run', RECIPE, '--repo', repo.dir, '--run-id', 'big']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).not.toContain('E2BIG');

    const land = await runCliHere(['land', 'big', '--repo', repo.dir]);
    expect(land.code, land.stdout + land.stderr).toBe(0);
    expect(land.stdout + land.stderr).not.toContain('E2BIG');
    expect(repo.git('show', `codemigrate/big/result:${DEEP}/generated-module-file-number-00007.js`)).toContain('newName');
    const status = await runCliHere(['status', 'big', '--repo', repo.dir]);
    expect(status.stdout).toContain('landed on codemigrate/big/result (verdict: passed');
  }, 600_000); // a backstop only

  it('records no land when a check cannot be started, and does not print the whole command', async () => {
    const repo = makeModuleRepo(2);
    repos.push(repo);
    const run = await runCliHere(['run', join(PROJECT_ROOT, 'test/fixtures/e2e/recipe.json'), '--repo', repo.dir, '--run-id', 'nostart']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    // The config's checks replace the recipe's at land: this one is longer than one argument may be.
    const check = `node check.js {files} # ${'x'.repeat(180_000)}`;
    writeFileSync(join(repo.dir, 'migration.config.json'), JSON.stringify({ verify: [{ run: check }] }));

    const land = await runCliHere(['land', 'nostart', '--repo', repo.dir]);
    expect(land.code).toBe(1);
    expect(land.stderr).toContain('E2BIG');
    expect(land.stderr).toContain('nothing was landed: codemigrate/nostart/result');
    expect((land.stdout + land.stderr).length).toBeLessThan(20_000);
    expect(repo.git('for-each-ref', 'refs/heads/codemigrate/nostart/result')).toBe('');
    const status = await runCliHere(['status', 'nostart', '--repo', repo.dir]);
    expect(status.stdout).not.toContain('landed on');
  });
});
