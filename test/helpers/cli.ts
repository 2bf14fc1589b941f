// Runs the built command line (dist/, made by `npm run build`, which `npm test` runs first)
// as a user would, with hermetic git.

import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { HERMETIC_GIT_ENV } from './temp-repo.js';

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(PROJECT_ROOT, 'bin', 'codemigrate.js');

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function startCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): {
  child: ChildProcess;
  done: Promise<CliResult>;
} {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? PROJECT_ROOT,
    env: { ...process.env, ...HERMETIC_GIT_ENV, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<CliResult>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

export function runCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  return startCli(args, options).done;
}

/**
 * A module of the built CLI (dist/), loaded by Node as the CLI loads it, for a test that calls a
 * use-case directly: Vite does not transform src/ and all it imports in that test's process first
 * (about 1.5 CPU-s for app/run.js). Typed by its source:
 * `await importBuilt<typeof import('../../src/app/run.js')>('app/run.js')`. Take every module that
 * shares a class (errors: `isCodemigrateError` is an instanceof) from dist/, not some from src/.
 */
export function importBuilt<T>(path: string): Promise<T> {
  // dist/ is external in vitest.config.ts: the same module instances runCliHere's main uses.
  return import(/* @vite-ignore */ pathToFileURL(join(PROJECT_ROOT, 'dist', path)).href) as Promise<T>;
}

type Main = (argv: string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; signal: AbortSignal }) => Promise<number>;
let loadedMain: Promise<Main> | undefined;
let queue: Promise<unknown> = Promise.resolve();

/**
 * The same command as runCli, run in this test process by the built CLI's `main` with its own
 * output streams: no Node start and no loading of yargs, ts-morph, jscodeshift and the rest per
 * command (0.5–3 CPU-s a spawn). For tests about what a command does, not about processes:
 * commands run one at a time (cwd and process.env are process-wide, each is restored after),
 * and the modules stay loaded between them (and between the test files that share a worker:
 * vitest.config.ts), so a test that edits a transform in place between two commands, kills,
 * signals, races two commands or arms a failpoint (read once, at load) uses runCli. `--help` and
 * `--version`, which yargs prints itself, go through runCli too.
 */
export function runCliHere(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  if (args.some((arg) => arg === '--help' || arg === '--version') || options.env?.CODEMIGRATE_FAILPOINT !== undefined) return runCli(args, options);
  const result = queue.then(() => runHere(args, options));
  queue = result.catch(() => undefined);
  return result;
}

async function runHere(args: readonly string[], options: { cwd?: string; env?: Record<string, string> }): Promise<CliResult> {
  // dist/ is external in vitest.config.ts: Node loads the built CLI as the bin does.
  loadedMain ??= import(/* @vite-ignore */ pathToFileURL(join(PROJECT_ROOT, 'dist', 'cli', 'main.js')).href).then((module: { main: Main }) => module.main);
  const main = await loadedMain;
  const cwd = process.cwd();
  const env = { ...process.env };
  let stdout = '';
  let stderr = '';
  const collect = (append: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        append(chunk.toString());
        callback();
      },
    });
  Object.assign(process.env, HERMETIC_GIT_ENV, options.env);
  process.chdir(options.cwd ?? PROJECT_ROOT);
  try {
    const code = await main([...args], {
      stdout: collect((text) => (stdout += text)),
      stderr: collect((text) => (stderr += text)),
      signal: new AbortController().signal,
    });
    return { code, signal: null, stdout, stderr };
  } finally {
    process.chdir(cwd);
    for (const name of Object.keys(process.env)) if (!(name in env)) delete process.env[name];
    Object.assign(process.env, env);
  }
}
