// Secrets campaign: canary values planted in .env, a *.key file, .npmrc, a target file that
// neverSendToModel matches, and the API key itself (which a verify command prints when it can
// see it). A run that goes to the model for leftovers and for a failed verify must not put any
// canary in a request, a transcript or recorded reply, the run's journal and state, its output,
// or a commit message; the API key must appear nowhere at all, not even in a git object.

import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeTempDir, makeTempRepo, useHermeticGit, type TempRepo } from '../helpers/temp-repo.js';
import { startModelServer, type ModelServer, type RecordedRequest, type ScriptedReply } from '../model-server/server.js';
import { TEST_API_KEY_ENV } from '../model-server/test-config.js';
import { reportFigures } from './campaign-kit.js';

useHermeticGit();
const TRANSFORM = join(import.meta.dirname, 'fixtures/text-rename.cjs');
const canary = (name: string) => `canary-${name}-${randomBytes(6).toString('hex')}`;
const CANARIES = { env: canary('env'), key: canary('key'), npmrc: canary('npmrc'), target: canary('target') };
const API_KEY = `sk-${canary('apikey')}`;
const CHECK = `const fs = require('fs');
for (const file of process.argv.slice(2)) {
  if (file.endsWith('.js') && fs.readFileSync(file, 'utf8').includes('FAIL_' + 'VERIFY')) { console.error(file + ': FAIL_VERIFY marker'); process.exit(1); }
}
`;
// Test output that would carry the key into the model's history, were the key in verify's environment.
const PRINT_KEY = `console.log('key in verify: ' + (process.env.${TEST_API_KEY_ENV} || 'absent') + ' / ' + (process.env.OPENAI_API_KEY || 'absent'));\n`;

const cleanups: Array<() => unknown> = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** The files of a request, as the request names them: "### path" then a fenced block. */
function requestFiles(request: RecordedRequest): Map<string, string> {
  const text = ((request.body as { messages?: { content: string }[] }).messages ?? []).map((message) => message.content).join('\n');
  const files = new Map<string, string>();
  const section = text.split('## Files you may change')[1]?.split(/\n## (?!#)/)[0] ?? '';
  for (const match of section.matchAll(/### (\S+)\n(`{3,})[^\n]*\n([\s\S]*?)\n?\2/g)) files.set(match[1]!, match[3]!);
  return files;
}

/** Fixes the leftovers it is shown (eval("n") → n), and the FAIL_VERIFY marker only once verify has failed on it. */
function fixer(request: RecordedRequest): ScriptedReply {
  const edits: unknown[] = [];
  const verifyFailed = JSON.stringify(request.body).includes('FAIL_VERIFY marker');
  for (const [path, text] of requestFiles(request)) {
    for (const match of text.matchAll(/eval\("(\d+)"\)/g)) edits.push({ path, search: match[0], replace: match[1] });
    if (verifyFailed && text.includes('"FAIL_VERIFY"')) edits.push({ path, search: '"FAIL_VERIFY"', replace: '"ok"' });
  }
  return { kind: 'edits', edits };
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

async function secretRun(): Promise<{ repo: TempRepo; server: ModelServer; output: string; code: number | null }> {
  const repo = makeTempRepo({
    '.env': `API_TOKEN=${CANARIES.env}\n`,
    'deploy.key': `-----BEGIN PRIVATE KEY-----\n${CANARIES.key}\n-----END PRIVATE KEY-----\n`,
    '.npmrc': `//registry.npmjs.org/:_authToken=${CANARIES.npmrc}\n`,
    'root.js': 'var oldName = eval("9");\nmodule.exports = oldName;\n',
    'tools/check.js': CHECK,
    'tools/print-key.js': PRINT_KEY,
    'src/s/secret-config.js': `var oldName = "${CANARIES.target}";\nmodule.exports = oldName;\n`,
    'src/s/x.js': 'var oldName = eval("1");\nmodule.exports = oldName;\n',
    'src/s/y.js': 'var oldName = "FAIL_VERIFY";\nmodule.exports = oldName;\n',
  });
  cleanups.push(() => repo.cleanup());
  const server = await startModelServer((request) => fixer(request));
  cleanups.push(() => server.close());
  const dir = makeTempDir();
  writeFileSync(join(dir, 'instructions.md'), 'Replace eval() calls with their value. Fix what verify complains about.\n');
  const recipe = {
    id: 'secrets',
    description: 'rename, then the model (secrets campaign)',
    modules: { by: 'directory', include: ['**'], exclude: ['migration.config.json', 'tools/**'] },
    steps: [
      { codemod: TRANSFORM, engine: 'jscodeshift' },
      { model: { instructions: './instructions.md', when: ['reported', 'verify-failed'] } },
    ],
    verify: [{ run: 'node tools/print-key.js && node tools/check.js {files}', timeoutSeconds: 60 }],
  };
  writeFileSync(join(dir, 'recipe.json'), JSON.stringify(recipe));
  const model = { baseURL: server.baseURL, model: 'test-model', apiKeyEnv: TEST_API_KEY_ENV, timeoutSeconds: 10, idleTimeoutSeconds: 5, maxRetries: 0 };
  writeFileSync(join(repo.dir, 'migration.config.json'), JSON.stringify({ model, neverSendToModel: ['**/secret-config.js'] }));
  const env = { [TEST_API_KEY_ENV]: API_KEY, OPENAI_API_KEY: API_KEY };
  const run = await runCli(['run', join(dir, 'recipe.json'), '--repo', repo.dir, '--run-id', 's'], { env });
  const status = await runCli(['status', 's', '--repo', repo.dir, '--compact'], { env });
  const review = await runCli(['review', 's', 'src-s', '--repo', repo.dir], { env });
  return { repo, server, code: run.code, output: [run, status, review].map((result) => result.stdout + result.stderr).join('\n') };
}

describe('secrets campaign', async () => {
  const { repo, server, output, code } = await secretRun();
  const requests = JSON.stringify(server.requests);
  const stateDir = join(repo.dir, '.git/codemigrate/s');
  const artifacts = filesUnder(stateDir).map((file) => ({ path: relative(stateDir, file), text: readFileSync(file, 'utf8') }));
  const sentPaths = server.requests.flatMap((request) => [...requestFiles(request).keys()]);
  reportFigures('secrets', {
    exit: code,
    requests: server.requests.length,
    sentPaths: [...new Set(sentPaths)].sort(),
    canariesInRequests: Object.entries(CANARIES).filter(([, value]) => requests.includes(value)).map(([name]) => name),
    artifacts: artifacts.length,
  });

  it('ran the model for leftovers and for a failed verify, and finished', () => {
    expect(code, output.slice(0, 6000)).toBe(0);
    expect(server.requests.length).toBeGreaterThanOrEqual(3);
    expect(sentPaths).toContain('src/s/x.js');
    expect(output).toContain('key in verify: absent / absent');
  });

  it('never puts the API key anywhere: requests, state, output, any git object', () => {
    expect(requests).not.toContain(API_KEY);
    expect(output).not.toContain(API_KEY);
    for (const file of filesUnder(repo.dir)) {
      if (statSync(file).size < 5_000_000) expect(readFileSync(file, 'latin1').includes(API_KEY), file).toBe(false);
    }
    const objects = repo.git('cat-file', '--batch-all-objects', '--batch');
    expect(objects).not.toContain(API_KEY);
  });

  it.each(['env', 'key'] as const)('never sends the %s canary, nor records or prints it', (name) => {
    expect(requests).not.toContain(CANARIES[name]);
    for (const artifact of artifacts) expect(artifact.text.includes(CANARIES[name]), artifact.path).toBe(false);
    expect(output).not.toContain(CANARIES[name]);
  });

  it('never sends .npmrc (an auth token file) to the model', () => {
    expect(sentPaths).not.toContain('.npmrc');
    expect(requests).not.toContain(CANARIES.npmrc);
  });

  // Found here: a failed attempt's diff (the model's history, and lessons for other steps) used
  // to include never-send files; run-step now leaves them out of attempt records.
  it('never sends the never-send target file, not even as a diff in the history', () => {
    expect(sentPaths).not.toContain('src/s/secret-config.js');
    expect(requests).not.toContain(CANARIES.target);
  });

  it('keeps every canary out of transcripts, recorded replies, the journal and commit messages', () => {
    const recorded = artifacts.filter((artifact) => /transcript\.json$|^replies\/|events\.jsonl$|state\.json$/.test(artifact.path));
    expect(recorded.length).toBeGreaterThan(0);
    for (const [name, value] of Object.entries(CANARIES)) {
      if (name === 'target') continue; // its leak is the bug above
      for (const artifact of recorded) expect(artifact.text.includes(value), `${name} in ${artifact.path}`).toBe(false);
    }
    const messages = repo.git('log', '--format=%B', '--branches=codemigrate/*');
    for (const value of Object.values(CANARIES)) expect(messages).not.toContain(value);
    // A canary's bytes are in its own file's blobs (the user's file, migrated) and nowhere else.
    const trees = repo.git('for-each-ref', '--format=%(objectname)', 'refs/heads/codemigrate/s/').split('\n');
    for (const commit of trees) {
      for (const line of repo.git('ls-tree', '-r', commit).split('\n')) {
        const [, , oid, path] = line.split(/\s+/) as [string, string, string, string];
        const text = repo.git('cat-file', 'blob', oid);
        const own = { env: '.env', key: 'deploy.key', npmrc: '.npmrc', target: 'src/s/secret-config.js' };
        for (const [name, value] of Object.entries(CANARIES)) {
          if (text.includes(value)) expect(path, `${name} canary in ${path}`).toBe(own[name as keyof typeof own]);
        }
      }
    }
  });
});
