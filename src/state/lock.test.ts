import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/helpers/temp-repo.js';
import { acquireLock, lockPath } from './lock.js';
import { currentBootId, processStartTime } from './process-start.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = makeTempDir();
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The pid of a process that has exited (and been reaped). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
  if (child.pid === undefined) throw new Error('could not spawn node');
  return child.pid;
}

function writeLock(gitDir: string, content: string): string {
  const path = lockPath(gitDir);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}

const staleContent = (pid: number, host = hostname()) =>
  JSON.stringify({ pid, hostname: host, runId: 'dead-run', command: 'run', startedAt: '2030-01-01T00:00:00.000Z' });

describe('acquireLock', () => {
  it('writes who holds the lock and refuses a second holder', async () => {
    const gitDir = tempDir();
    const handle = await acquireLock(gitDir, { runId: 'r1', command: 'run' });
    expect(handle.path).toBe(join(gitDir, 'codemigrate', 'lock'));
    expect(JSON.parse(readFileSync(handle.path, 'utf8'))).toMatchObject({
      pid: process.pid,
      hostname: hostname(),
      runId: 'r1',
      command: 'run',
      startedAt: handle.info.startedAt,
    });

    const second = acquireLock(gitDir, { runId: 'r2', command: 'resume' });
    await expect(second).rejects.toMatchObject({ code: 'lock', exitCode: 3 });
    await expect(second).rejects.toThrow(
      `another codemigrate run holds ${handle.path}: pid ${process.pid} (run, run r1, since ${handle.info.startedAt})`,
    );

    await handle.release();
    await handle.release(); // idempotent
    expect(readdirSync(dirname(handle.path))).toEqual([]);
    const third = await acquireLock(gitDir, { runId: 'r3', command: 'run' });
    await third.release();
  });

  it('removes the lock on release only while it is still ours', async () => {
    const gitDir = tempDir();
    const handle = await acquireLock(gitDir, { runId: 'r1', command: 'run' });
    const foreign = JSON.stringify({ ...handle.info, token: 'someone-else' });
    writeFileSync(handle.path, foreign);
    await handle.release();
    expect(readFileSync(handle.path, 'utf8')).toBe(foreign);
  });

  it('takes over a lock whose holder has exited', async () => {
    const gitDir = tempDir();
    const path = writeLock(gitDir, staleContent(deadPid()));
    const handle = await acquireLock(gitDir, { runId: 'r2', command: 'resume' });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ pid: process.pid, runId: 'r2' });
    expect(readdirSync(dirname(path))).toEqual(['lock']);
    await handle.release();
  });

  it('does not judge a lock held on another host, and says which file to delete if that run is gone', async () => {
    const gitDir = tempDir();
    const content = staleContent(deadPid(), 'elsewhere.example');
    const path = writeLock(gitDir, content);
    const attempt = acquireLock(gitDir, { runId: 'r2', command: 'run' });
    await expect(attempt).rejects.toMatchObject({ code: 'lock', exitCode: 3 });
    const error = (await attempt.catch((caught: unknown) => caught)) as { problems: string[] };
    expect(error.problems).toEqual([
      expect.stringMatching(/pid \d+ on host elsewhere\.example \(run, run dead-run, since /),
      `the lock was taken on host elsewhere.example, so this host cannot tell whether that run is still alive; if it is gone, delete ${path} and try again`,
    ]);
    expect(readFileSync(path, 'utf8')).toBe(content); // not stolen
  });

  // Linux only (this and the next): boot id and process start come from /proc.
  it.runIf(process.platform === 'linux')('records the holder\'s boot id and process start time', async () => {
    const gitDir = tempDir();
    const handle = await acquireLock(gitDir, { runId: 'r1', command: 'run' });
    const written = JSON.parse(readFileSync(handle.path, 'utf8'));
    expect(written.bootId).toMatch(/^[0-9a-f-]{36}$/);
    expect(written.processStart).toMatch(/^\d+$/);
    expect(written).toMatchObject({ bootId: currentBootId(), processStart: processStartTime(process.pid) });
    await handle.release();
  });

  it.runIf(process.platform === 'linux')('takes over a lock whose pid now names another live process (pid reuse)', async () => {
    // The pid is alive (this very process), but the lock says it started at another time.
    const gitDir = tempDir();
    const live = { pid: process.pid, hostname: hostname(), runId: 'old', command: 'run', startedAt: '2030-01-01T00:00:00.000Z' };
    const path = writeLock(gitDir, JSON.stringify({ ...live, bootId: currentBootId(), processStart: '1' }));
    const first = await acquireLock(gitDir, { runId: 'r2', command: 'run' });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ runId: 'r2' });
    await first.release();

    // …or in another boot: after a reboot every pid is someone else's.
    writeLock(gitDir, JSON.stringify({ ...live, bootId: '00000000-0000-4000-8000-000000000000', processStart: processStartTime(process.pid) }));
    const second = await acquireLock(gitDir, { runId: 'r3', command: 'run' });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ runId: 'r3' });
    await second.release();
  });

  it('keeps honouring a live pid in an old lock file without boot id and start time', async () => {
    const gitDir = tempDir();
    writeLock(gitDir, staleContent(process.pid));
    await expect(acquireLock(gitDir, { runId: 'r2', command: 'run' })).rejects.toMatchObject({ code: 'lock', exitCode: 3 });
    // …and a live pid whose boot and start time match is the holder.
    writeLock(gitDir, JSON.stringify({ ...JSON.parse(staleContent(process.pid)), bootId: currentBootId(), processStart: processStartTime(process.pid) }));
    await expect(acquireLock(gitDir, { runId: 'r2', command: 'run' })).rejects.toMatchObject({ code: 'lock', exitCode: 3 });
  });

  it('waits out a torn lock file while it is young, then takes it over', async () => {
    const gitDir = tempDir();
    const path = writeLock(gitDir, '');
    await expect(acquireLock(gitDir, { runId: 'r2', command: 'run' })).rejects.toMatchObject({ code: 'lock' });
    const old = new Date(Date.now() - 60_000);
    utimesSync(path, old, old);
    const handle = await acquireLock(gitDir, { runId: 'r2', command: 'run' });
    await handle.release();
  });

  it('lets exactly one of several racing acquires take over a stale lock', async () => {
    const gitDir = tempDir();
    const path = writeLock(gitDir, staleContent(deadPid()));
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => acquireLock(gitDir, { runId: `r${i}`, command: 'run' })),
    );
    const winners = results.filter((r) => r.status === 'fulfilled');
    const losers = results.filter((r) => r.status === 'rejected');
    expect(winners).toHaveLength(1);
    for (const loser of losers) expect(loser.reason).toMatchObject({ code: 'lock' });
    const winner = winners[0]!.value;
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ pid: process.pid, runId: winner.info.runId });
    expect(readdirSync(dirname(path))).toEqual(['lock']); // no takeover guards left behind
    await winner.release();
  });

  it('releases on process exit through a handler that release() removes', async () => {
    const gitDir = tempDir();
    const before = process.listeners('exit');
    const handle = await acquireLock(gitDir, { runId: 'r1', command: 'run' });
    const added = process.listeners('exit').filter((listener) => !before.includes(listener));
    expect(added).toHaveLength(1);
    (added[0] as () => void)(); // what 'exit' would run: synchronous
    expect(readdirSync(dirname(handle.path))).toEqual([]);
    expect(process.listeners('exit')).toEqual(before);
    await handle.release();
  });
});

describe('acquireLock across processes', () => {
  it('lets exactly one of 8 node processes take over a stale lock; its exit releases it', async () => {
    const gitDir = tempDir();
    const moduleDir = compileLockModule(tempDir());
    const path = writeLock(gitDir, staleContent(deadPid()));
    const script = `
      import { createInterface } from 'node:readline';
      import { acquireLock } from ${JSON.stringify(join(moduleDir, 'state', 'lock.js'))};
      const lines = createInterface({ input: process.stdin });
      const next = () => new Promise((resolve) => lines.once('line', resolve));
      console.log('ready');
      await next();
      try {
        await acquireLock(${JSON.stringify(gitDir)}, { runId: 'r' + process.pid, command: 'run' });
        console.log('won');
        await next();
        process.exit(0); // no release(): the exit handler must remove the lock
      } catch (error) {
        console.log('lost ' + error.code);
        process.exit(0);
      }`;
    const children = Array.from({ length: 8 }, () => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
      child.stdin.on('error', () => undefined); // a child that already exited
      const lines = createInterface({ input: child.stdout });
      const next = () => new Promise<string>((resolve) => lines.once('line', resolve));
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      return { child, next, exited };
    });

    const ready = await Promise.all(children.map((c) => c.next()));
    expect(ready).toEqual(Array(8).fill('ready'));
    const outcomes = children.map((c) => c.next());
    for (const c of children) c.child.stdin.write('go\n');
    const results = await Promise.all(outcomes);

    expect(results.filter((r) => r === 'won')).toHaveLength(1);
    expect(results.filter((r) => r === 'lost lock')).toHaveLength(7);
    const winner = children[results.indexOf('won')]!;
    expect(JSON.parse(readFileSync(path, 'utf8')).pid).toBe(winner.child.pid);

    winner.child.stdin.end('exit\n'); // the losers have exited on their own
    await Promise.all(children.map((c) => c.exited));
    expect(readdirSync(dirname(path))).toEqual([]);
  });
});

/** Transpiles lock.ts and what it imports into plain ESM, so child processes can load it. */
function compileLockModule(outDir: string): string {
  const srcDir = dirname(dirname(fileURLToPath(import.meta.url)));
  for (const file of ['state/lock.ts', 'state/process-start.ts', 'core/errors.ts']) {
    const source = readFileSync(join(srcDir, file), 'utf8');
    const output = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
    }).outputText;
    const target = join(outDir, file.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, output);
  }
  return outDir;
}
