// `codemigrate review --html DIR` end to end: a finished, landed run of three steps (one fixed by
// the model, one by codemods alone, one failed with a leftover), its report written by the built
// CLI and opened from file:// in headless Chromium (playwright-core, no browser download): one
// click into a step shows its diff (diff2html's table) and verdict; hostile file names, diff lines
// and model notes read as text; nothing is fetched. Screenshots go to test-artifacts/html-report/.

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runCliHere } from '../helpers/cli.js';
import { CHECK_SCRIPT } from '../helpers/fixture-repo.js';
import { makeTempDir, makeTempRepo, useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';
import { startModelServer, type RecordedRequest } from '../model-server/server.js';
import { TEST_API_KEY, TEST_API_KEY_ENV } from '../model-server/test-config.js';

useHermeticGit();
const RECIPE = join(PROJECT_ROOT, 'test/fixtures/e2e/model-recipe.json');
const ENV = { [TEST_API_KEY_ENV]: TEST_API_KEY };
const ARTIFACTS = join(PROJECT_ROOT, 'test-artifacts', 'html-report');
// Debian's chromium (`apt-get install chromium`; .ci/run installs it as root), or CODEMIGRATE_CHROMIUM.
const CHROMIUM = [process.env.CODEMIGRATE_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => path && existsSync(path));

const repos: TempRepo[] = [];
const dirs: string[] = [];
afterAll(() => {
  repos.splice(0).forEach((repo) => repo.cleanup());
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

const HOSTILE_NAME = 'src/b/<script>b.js';
const HOSTILE_LINE = '// </script><script>window.pwned = 1</script>';
const HOSTILE_NOTES = '<script>window.pwned = 2</script> inlined eval';

const userText = (request: RecordedRequest) =>
  ((request.body as { messages: { content: string }[] }).messages ?? []).map((message) => message.content).join('\n');

async function landedRun(): Promise<TempRepo> {
  const repo = makeTempRepo({
    'check.js': CHECK_SCRIPT,
    'src/a/x.js': 'var oldName = eval("1");\nmodule.exports = oldName;\n',
    [HOSTILE_NAME]: `${HOSTILE_LINE}\nvar oldName = 2;\nmodule.exports = oldName;\n`,
    'src/c/y.js': 'var oldName = eval("3");\nmodule.exports = oldName;\n',
  });
  repos.push(repo);
  // src/a gets a fix with notes; src/c a search that matches nothing, so it fails with its leftover.
  const model = await startModelServer((request) =>
    userText(request).includes('src/c/y.js')
      ? { kind: 'edits', edits: [{ path: 'src/c/y.js', search: 'no such text', replace: '3' }] }
      : { kind: 'edits', edits: [{ path: 'src/a/x.js', search: 'eval("1")', replace: '1' }], notes: HOSTILE_NOTES },
  );
  try {
    const model_ = { baseURL: model.baseURL, model: 'test-model', apiKeyEnv: TEST_API_KEY_ENV, timeoutSeconds: 120, idleTimeoutSeconds: 60, maxRetries: 1, maxRetryAfterSeconds: 1 };
    writeFileSync(join(repo.dir, 'migration.config.json'), JSON.stringify({ model: model_ }));
    const run = await runCliHere(['run', RECIPE, '--repo', repo.dir, '--run-id', 'r1', '--max-attempts', '2', '--concurrency', '1'], { env: ENV });
    expect(run.code, run.stdout + run.stderr).toBe(1);
  } finally {
    await model.close();
  }
  const land = await runCliHere(['land', 'r1', '--repo', repo.dir]);
  expect(land.stdout, land.stderr).toContain('landed 2 step(s)');
  return repo;
}

describe('review --html', () => {
  let repo: TempRepo;
  beforeAll(async () => {
    repo = await landedRun();
  });

  it('refuses a DIR it may not write to with exit 2 and writes nothing; writes index.html and a page per step, with no script and no URL, and replaces its own report', async () => {
    const out = makeTempDir();
    dirs.push(out);
    // The other refusals (a file, a path under a file) are pinned in src/app/report-dir.test.ts.
    const foreign = join(out, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'index.html'), 'mine');
    const onForeign = await runCliHere(['review', '--html', foreign, '--repo', repo.dir]);
    expect(onForeign.code).toBe(2);
    expect(onForeign.stderr).toBe(`codemigrate: --html ${foreign}: is not empty (index.html) and holds no earlier report (no .codemigrate-report.json); name a new or empty directory\n`);
    expect(readdirSync(foreign)).toEqual(['index.html']);
    expect(readFileSync(join(foreign, 'index.html'), 'utf8')).toBe('mine');
    const missingRun = await runCliHere(['review', 'nope', '--html', join(out, 'never'), '--repo', repo.dir]);
    expect(missingRun.code).toBe(2);
    expect(existsSync(join(out, 'never'))).toBe(false);

    const dir = join(out, 'report', 'r1');
    const written = await runCliHere(['review', 'r1', '--html', dir, '--repo', repo.dir]);
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout).toMatch(new RegExp(`^wrote ${dir}/index.html and 3 step page\\(s\\) beside it: run r1, 3 step\\(s\\), \\d+ KB\\n$`));
    // An earlier report is replaced (the marker says codemigrate wrote it).
    const again = await runCliHere(['review', '--html', dir, '--repo', repo.dir, '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ type: 'report', runId: 'r1', steps: 3, files: 4 });
    expect(readdirSync(dir).sort()).toEqual(['.codemigrate-report.json', 'index.html', 'steps']);
    expect(readdirSync(join(dir, 'steps')).sort()).toEqual(['src-a.html', 'src-b.html', 'src-c.html']);
    for (const page of ['index.html', 'steps/src-a.html', 'steps/src-b.html', 'steps/src-c.html']) {
      expect(readFileSync(join(dir, page), 'utf8')).not.toMatch(/<script|https?:\/\//i);
    }
  });

  // Skipped only where no Chromium binary exists (install Debian's `chromium`, or set CODEMIGRATE_CHROMIUM).
  it.skipIf(!CHROMIUM)('opens from file:// in headless Chromium: a click into a step shows its diff and verdict, hostile text reads as text', async () => {
    const out = makeTempDir();
    dirs.push(out);
    const dir = join(out, 'report');
    const written = await runCliHere(['review', '--html', dir, '--repo', repo.dir]);
    expect(written.code, written.stderr).toBe(0);
    await inBrowser(dir);
  });
});

async function inBrowser(dir: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM!, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const fetched: string[] = [];
    page.on('request', (request) => fetched.push(request.url()));
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(pathToFileURL(join(dir, 'index.html')).href);
    await page.screenshot({ path: join(ARTIFACTS, 'index.png'), fullPage: false });

    expect(await page.locator('#land-verdict').innerText()).toMatch(/^landed 2 step\(s\) on codemigrate\/r1\/result \(\w{12}\): land verdict passed$/);
    expect(await page.locator('#steps tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/^src-a\tsucceeded\t1\t1\/1\t\+2 −2\t1\t.+\t18\t\t$/),
      expect.stringMatching(/^src-b\tsucceeded\t1\t1\/1\t\+2 −2\t\t.+\t\t\t$/),
      expect.stringMatching(/^src-c\tfailed\t2\t1\/1\t\+2 −2\t1\t.+\t36\t\tmodel reply rejected: edit 1: src\/c\/y\.js: search matches 0 times/),
    ]);
    // The grid: three files, each changed by its own step.
    expect(await page.locator('#files tbody tr').count()).toBe(3);

    await Promise.all([page.waitForURL(/steps\/src-b\.html$/), page.click('#steps a[href="steps/src-b.html"]')]);
    const diff = page.locator('table.d2h-diff-table');
    expect(await diff.isVisible()).toBe(true);
    expect(await page.locator('.verdict').innerText()).toBe('verdict: verified, no regression against the baseline');
    expect(await page.locator('.d2h-file-name').first().innerText()).toBe(HOSTILE_NAME);
    expect(await diff.innerText()).toContain(HOSTILE_LINE);
    expect(await page.locator('.d2h-ins').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'step-src-b.png') });
    await checkNoScript(page);

    await Promise.all([page.waitForURL(/steps\/src-c\.html$/), page.click('a[rel="next"]')]);
    expect(await page.locator('.verdict').innerText()).toMatch(/^verdict: failed: .*model reply rejected/);
    expect(await page.locator('.leftovers').innerText()).toContain('eval() at line 1 needs a person');
    expect(await page.locator('details', { hasText: 'compacted history' }).count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'step-src-c.png') });

    await page.goto(pathToFileURL(join(dir, 'steps', 'src-a.html')).href);
    expect(await page.locator('.notes').innerText()).toBe(`model notes: ${HOSTILE_NOTES}`);
    await checkNoScript(page);
    await Promise.all([page.waitForURL(/index\.html#steps$/), page.click('nav.pager a[href="../index.html#steps"]')]);
    await checkNoScript(page);
    expect(errors).toEqual([]);
    expect(fetched.length).toBeGreaterThanOrEqual(4);
    expect(fetched.filter((url) => !url.startsWith('file://') && !url.startsWith('data:'))).toEqual([]);
  } finally {
    await browser.close();
  }
}

async function checkNoScript(page: Page): Promise<void> {
  expect(await page.evaluate('[document.scripts.length, typeof window.pwned]')).toEqual([0, 'undefined']);
}
