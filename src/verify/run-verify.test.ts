import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/helpers/temp-repo.js';
import { VERIFY_TAIL_BYTES } from '../core/verify.js';
import { runVerify, type VerifyContext } from './run-verify.js';

const dirs: string[] = [];
function context(extra: Partial<VerifyContext> = {}): VerifyContext {
  const cwd = makeTempDir();
  dirs.push(cwd);
  return { cwd, files: ['a.ts'], module: '.', ...extra };
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const cmd = (run: string, timeoutSeconds = 30) => ({ run, timeoutSeconds });

/** Dead or a zombie waiting for a reaper: either way it runs no more. */
function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

async function waitGone(pid: number): Promise<boolean> {
  for (let i = 0; i < 100 && !isGone(pid); i++) await delay(50);
  return isGone(pid);
}

async function waitForFile(path: string): Promise<void> {
  for (let i = 0; i < 200 && !existsSync(path); i++) await delay(25);
}

function pidIn(ctx: VerifyContext, name: string): number {
  const pid = Number(readFileSync(join(ctx.cwd, name), 'utf8').trim());
  if (!Number.isSafeInteger(pid) || pid <= 0) throw new Error(`no pid in ${name}`);
  return pid;
}

describe('runVerify', () => {
  it('runs commands in order in cwd and stops at the first that does not pass', async () => {
    const ctx = context();
    const results = await runVerify(
      [cmd('echo one; pwd'), cmd('echo out; echo err >&2; exit 3'), cmd('touch never')],
      ctx,
    );
    expect(results.map((r) => [r.status, r.exitCode])).toEqual([
      ['passed', 0],
      ['failed', 3],
    ]);
    expect(results[0]?.outputTail).toContain('one\n');
    expect(results[0]?.outputTail).toContain(ctx.cwd);
    expect(results[1]?.outputTail).toContain('out\n');
    expect(results[1]?.outputTail).toContain('err\n');
    expect(results[1]?.command).toBe('echo out; echo err >&2; exit 3');
    expect(existsSync(join(ctx.cwd, 'never'))).toBe(false);
  });

  it('expands {files} and {module} quoted, so a file name cannot inject a command', async () => {
    const ctx = context({ files: ['$(touch pwned)', 'a b.ts', "it's `touch pwned2`.ts"], module: 'pkg/$(touch pwned3)' });
    const [result] = await runVerify([cmd("printf '[%s]\\n' {module} {files}")], ctx);
    expect(result?.status).toBe('passed');
    expect(result?.outputTail).toBe("[pkg/$(touch pwned3)]\n[$(touch pwned)]\n[a b.ts]\n[it's `touch pwned2`.ts]\n");
    expect(result?.command).toBe(`printf '[%s]\\n' 'pkg/$(touch pwned3)' '$(touch pwned)' 'a b.ts' 'it'\\''s \`touch pwned2\`.ts'`);
    for (const name of ['pwned', 'pwned2', 'pwned3']) expect(existsSync(join(ctx.cwd, name))).toBe(false);
  });

  it('expands {recipeDir} quoted, for an install or check that runs a script the recipe ships', async () => {
    const [result] = await runVerify([cmd("printf '[%s]\\n' {recipeDir}/../migrations")], context({ recipeDir: "/opt/my recipes/it's" }));
    expect(result?.outputTail).toBe("[/opt/my recipes/it's/../migrations]\n");
  });

  it('keeps only the tail of long output', async () => {
    const ctx = context();
    const [result] = await runVerify([cmd("head -c 300000 /dev/zero | tr '\\0' a; echo; echo END; exit 1")], ctx);
    expect(result?.status).toBe('failed');
    expect(Buffer.byteLength(result?.outputTail ?? '')).toBeLessThanOrEqual(VERIFY_TAIL_BYTES);
    expect(Buffer.byteLength(result?.outputTail ?? '')).toBeGreaterThan(VERIFY_TAIL_BYTES - 100);
    expect(result?.outputTail.endsWith('a\nEND\n')).toBe(true);
  });

  it('kills the whole process group on timeout', async () => {
    const ctx = context();
    const [result] = await runVerify([cmd('sleep 30 & echo $! > child.tmp; mv child.tmp child.pid; wait', 0.3), cmd('touch never')], ctx);
    expect(result).toMatchObject({ status: 'timed-out', exitCode: null });
    expect(result?.outputTail).toContain('timed out after 0.3 s');
    expect(await waitGone(pidIn(ctx, 'child.pid'))).toBe(true);
    expect(existsSync(join(ctx.cwd, 'never'))).toBe(false);
  });

  it('escalates to SIGKILL when the group ignores SIGTERM', async () => {
    const ctx = context();
    const [result] = await runVerify([cmd("trap '' TERM; sleep 30 & echo $! > child.tmp; mv child.tmp child.pid; wait", 0.2)], ctx);
    expect(result?.status).toBe('timed-out');
    expect(await waitGone(pidIn(ctx, 'child.pid'))).toBe(true);
  });

  it('ends background processes a passing command leaves behind', async () => {
    const ctx = context();
    const [result] = await runVerify([cmd('sleep 30 > /dev/null 2>&1 & echo $! > child.tmp; mv child.tmp child.pid; echo done')], ctx);
    expect(result?.status).toBe('passed');
    expect(await waitGone(pidIn(ctx, 'child.pid'))).toBe(true);
  });

  it('reports a command killed by a signal as failed, and a missing cwd as an error', async () => {
    const [killed] = await runVerify([cmd('kill -9 $$')], context());
    expect(killed).toMatchObject({ status: 'failed', exitCode: null });
    expect(killed?.outputTail).toContain('killed by SIGKILL');

    const [error] = await runVerify([cmd('true'), cmd('true')], { ...context(), cwd: '/nonexistent/codemigrate' });
    expect(error).toMatchObject({ status: 'error', exitCode: null });
    expect(error?.outputTail).toContain('/nonexistent/codemigrate');
  });

  it('hides the model secrets from the commands and keeps the rest of the environment', async () => {
    const env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', OPENAI_API_KEY: 'sk-1', AZURE_OPENAI_API_KEY: 'az', MY_KEY: 'k', KEEP: 'kept' };
    const [result] = await runVerify(
      [cmd('echo "[$OPENAI_API_KEY][$AZURE_OPENAI_API_KEY][$MY_KEY][$KEEP]"')],
      context({ env, secretNames: ['MY_KEY'] }),
    );
    expect(result?.outputTail).toBe('[][][][kept]\n');
  });

  it('on abort kills the group and rejects with an AbortError', async () => {
    const ctx = context();
    const controller = new AbortController();
    const running = runVerify([cmd('sleep 30 & echo $! > child.tmp; mv child.tmp child.pid; wait'), cmd('touch never')], { ...ctx, signal: controller.signal });
    await waitForFile(join(ctx.cwd, 'child.pid'));
    controller.abort();
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect(await waitGone(pidIn(ctx, 'child.pid'))).toBe(true);
    expect(existsSync(join(ctx.cwd, 'never'))).toBe(false);

    const before = new AbortController();
    before.abort();
    await expect(runVerify([cmd('touch ran')], { ...ctx, signal: before.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(existsSync(join(ctx.cwd, 'ran'))).toBe(false);
  });
});
