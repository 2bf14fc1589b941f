// Runs a recipe's checks in one directory for a verdict: every check (one that fails may fail on
// the source commit too, so it does not stop the others), each over chunks of its {files} or
// {module} list that fit one shell argument, each run with a fresh {report} file, and reads what
// each printed and wrote with the check's parser. A chunk that could not run or timed out ends its
// check: the check's result is that chunk's, whatever the others would say.

import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CheckParser, CheckRun, Diagnostic, ParsedCheck, TestOutcome } from '../core/checks.js';
import type { CheckCommand } from '../core/recipe.js';
import type { VerifyResult, VerifyStatus } from '../core/verify.js';
import { VERIFY_TAIL_BYTES } from '../core/verify.js';
import { closeCheckCache, openCheckCache, type CheckCache } from './check-cache.js';
import { askKept, startKept, type KeptAnswer } from './kept-checks.js';
import { chunkLists, expandCheck, shownCommand, verifyEnvironment } from './expand.js';
import { parseCheckOutput } from './parsers/index.js';
import { runCommand } from './run-verify.js';
import type { Sandbox } from './sandbox.js';

/** Baseline: each check's `baseline` command on the source commit; current: its `run`. */
export type CheckPhase = 'baseline' | 'current';

export interface ChecksContext {
  readonly cwd: string;
  readonly phase: CheckPhase;
  /** What {files} and {module} stand for: a step's files and module, or every module's for baseline and land. */
  readonly files: readonly string[];
  readonly modules: readonly string[];
  /** What {recipeDir} stands for: the folder of the recipe file. */
  readonly recipeDir?: string;
  /** Defaults to process.env; the model's secrets are removed either way. */
  readonly env?: NodeJS.ProcessEnv;
  readonly secretNames?: readonly string[];
  readonly signal?: AbortSignal;
  /** Runs each check in this sandbox (without a network unless the check says `network: true`). */
  readonly sandbox?: Sandbox;
  /** Where `{cache}` folders are kept (the baseline) or seeded from (steps, land); absent: each starts empty. */
  readonly cache?: CheckCache;
}

export async function runChecks(commands: readonly CheckCommand[], ctx: ChecksContext): Promise<CheckRun[]> {
  const env = verifyEnvironment(ctx.env ?? process.env, ctx.secretNames ?? []);
  const runs: CheckRun[] = [];
  for (const [index, command] of commands.entries()) {
    ctx.signal?.throwIfAborted();
    const baseline = ctx.phase === 'baseline' ? command.baseline : undefined;
    const template = baseline?.run ?? command.run;
    const parser = baseline?.parser ?? command.parser;
    const timeoutSeconds = baseline?.timeoutSeconds ?? command.timeoutSeconds;
    const chunks = chunkLists(template, ctx.files, ctx.modules);
    // A check with a kept process (`serve`) whose command checks the whole project: the baseline's
    // run starts it, a step's asks it; what it cannot answer runs `run` as before.
    const kept = command.serve !== undefined && command.baseline === undefined && !/\{(files|module)\}/.test(template) && ctx.cache !== undefined ? await keptCheck(command, command.serve, ctx.cache, ctx, env) : undefined;
    if (kept !== undefined) {
      runs.push({ index, key: command.run, parser, ...mergeChunks([kept], `${checkCommand(template, ctx)} (kept process: ${kept.mode})`) });
      continue;
    }
    const results: ChunkResult[] = [];
    const cache = template.includes('{cache}') ? openCheckCache(ctx.cwd, template, ctx.cache) : undefined;
    try {
      for (const chunk of chunks) {
        const values = { ...chunk, ...(ctx.recipeDir !== undefined && { recipeDir: ctx.recipeDir }), ...(cache !== undefined && { cache }) };
        const result = await runChunk(template, values, { parser, timeoutSeconds, cwd: ctx.cwd, env, signal: ctx.signal, sandbox: ctx.sandbox, network: command.network === true });
        results.push(result);
        if (result.result.status === 'error' || result.result.status === 'timed-out') break;
      }
    } finally {
      if (cache !== undefined) closeCheckCache(ctx.cwd, template, ctx.cache);
    }
    runs.push({
      index,
      key: command.run,
      parser,
      ...mergeChunks(results, checkCommand(template, ctx)),
      ...(template.includes('{files}') && { files: [...ctx.files] }),
    });
  }
  return runs;
}

/** The kept process's answer for `ctx.cwd`, read as the check's output; undefined: run the check instead. */
async function keptCheck(command: CheckCommand, serve: string, cache: CheckCache, ctx: ChecksContext, env: NodeJS.ProcessEnv): Promise<(ChunkResult & { mode: string }) | undefined> {
  const started = performance.now();
  const recipeDir = ctx.recipeDir !== undefined ? { recipeDir: ctx.recipeDir } : {};
  let answer: KeptAnswer | undefined;
  if (cache.mode === 'keep') {
    const expanded = expandCheck(serve, { files: [], modules: [], ...recipeDir });
    answer = await startKept({ store: cache.store, key: command.run, command: expanded, cwd: ctx.cwd, env, sandbox: ctx.sandbox, readable: ctx.recipeDir !== undefined ? [ctx.recipeDir] : [], timeoutSeconds: command.timeoutSeconds, signal: ctx.signal });
  } else {
    answer = await askKept(cache.store, command.run, ctx.cwd, command.timeoutSeconds, ctx.signal);
  }
  if (answer === undefined) return undefined;
  const tail = Buffer.from(answer.output);
  const result: VerifyResult = {
    command: shownCommand(serve),
    status: answer.exitCode === 0 ? 'passed' : 'failed',
    exitCode: answer.exitCode,
    durationMs: Math.round(performance.now() - started),
    outputTail: tail.subarray(Math.max(0, tail.length - VERIFY_TAIL_BYTES)).toString('utf8'),
  };
  if (command.parser === 'exit-code') return { result, mode: answer.mode };
  const parsed = parseCheckOutput(command.parser, { stdout: answer.output, stderr: '', cwd: ctx.cwd, cwdReal: realpathOr(ctx.cwd), exitCode: answer.exitCode });
  return parsed.ok ? { result, parsed: withStablePaths(parsed.parsed), mode: answer.mode } : { result, parseError: parsed.reason, mode: answer.mode };
}

interface ChunkResult {
  readonly result: VerifyResult;
  readonly parsed?: ParsedCheck;
  readonly parseError?: string;
}

async function runChunk(
  template: string,
  chunk: { files: string[]; modules: string[]; recipeDir?: string; cache?: string },
  options: { parser: CheckParser; timeoutSeconds: number; cwd: string; env: NodeJS.ProcessEnv; signal: AbortSignal | undefined; sandbox: Sandbox | undefined; network: boolean },
): Promise<ChunkResult> {
  // Outside the worktree, so that a report never shows up as a change or a file a runner picks up.
  const reportDir = mkdtempSync(join(tmpdir(), 'codemigrate-report-'));
  const report = join(reportDir, 'report.json');
  try {
    const command = expandCheck(template, { ...chunk, report });
    const run = await runCommand(command, options.timeoutSeconds, {
      cwd: options.cwd,
      env: options.env,
      signal: options.signal,
      capture: options.parser !== 'exit-code',
      ...(options.sandbox && { sandbox: { sandbox: options.sandbox, network: options.network, writable: [reportDir], ...(chunk.recipeDir !== undefined && { readable: [chunk.recipeDir] }) } }),
    });
    const { stdout = '', stderr = '', ...result } = run;
    if (options.parser === 'exit-code') return { result };
    if (result.status === 'timed-out' || result.status === 'error') return { result, parseError: `it ${result.status === 'error' ? 'could not run' : 'timed out'}` };
    const parsed = parseCheckOutput(options.parser, {
      stdout,
      stderr,
      cwd: options.cwd,
      cwdReal: realpathOr(options.cwd),
      exitCode: result.exitCode,
      ...readReport(report),
    });
    return parsed.ok ? { result, parsed: withStablePaths(parsed.parsed) } : { result, parseError: parsed.reason };
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }
}

/**
 * node_modules is linked into a scratch worktree, from the checkout for the baseline and from an
 * install worktree for the steps; tools print the linked files by their real paths
 * (`../install/node_modules/x/index.d.ts`). Cut such a path to `node_modules/…`, so that the same
 * file has the same name on both sides of a verdict.
 */
export function stablePath(file: string): string {
  if (!file.startsWith('../') && !file.startsWith('/')) return file;
  const at = file.indexOf('/node_modules/');
  return at === -1 ? file : file.slice(at + 1);
}

function withStablePaths(parsed: ParsedCheck): ParsedCheck {
  return {
    ...(parsed.diagnostics && { diagnostics: parsed.diagnostics.map((d) => ({ ...d, file: stablePath(d.file) })) }),
    ...(parsed.tests && { tests: parsed.tests.map((t) => ({ ...t, file: stablePath(t.file) })) }),
  };
}

function readReport(path: string): { report?: string } {
  try {
    return { report: readFileSync(path, 'utf8') };
  } catch {
    return {};
  }
}

function realpathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

const SEVERITY: Record<VerifyStatus, number> = { passed: 0, failed: 1, 'timed-out': 2, error: 3 };

/** Chunks of one check as one run: the worst status, summed time, every parsed outcome. */
function mergeChunks(chunks: readonly ChunkResult[], command: string): Omit<CheckRun, 'index' | 'key' | 'parser' | 'files'> {
  const worst = chunks.reduce((a, b) => (SEVERITY[b.result.status] > SEVERITY[a.result.status] ? b : a));
  const durationMs = chunks.reduce((sum, chunk) => sum + chunk.result.durationMs, 0);
  const result: VerifyResult = { ...worst.result, command, durationMs };
  const parseError = chunks.find((chunk) => chunk.parseError !== undefined)?.parseError;
  if (parseError !== undefined) return { result, parseError };
  if (chunks.every((chunk) => chunk.parsed === undefined)) return { result };
  const diagnostics: Diagnostic[] = [];
  const tests: TestOutcome[] = [];
  let sawDiagnostics = false;
  let sawTests = false;
  for (const { parsed } of chunks) {
    if (parsed?.diagnostics) (sawDiagnostics = true), diagnostics.push(...parsed.diagnostics);
    if (parsed?.tests) (sawTests = true), tests.push(...parsed.tests);
  }
  return { result, parsed: { ...(sawDiagnostics && { diagnostics }), ...(sawTests && { tests }) } };
}

/** The command as people read it: spelled out, or with its lists counted when that would be long; cut if still long. */
function checkCommand(template: string, ctx: ChecksContext): string {
  const full = expandCheck(template, { files: ctx.files, modules: ctx.modules, report: '{report}', ...(ctx.recipeDir !== undefined && { recipeDir: ctx.recipeDir }) });
  if (full === shownCommand(full)) return full;
  return shownCommand(template.replaceAll('{files}', `<${ctx.files.length} files>`).replaceAll('{module}', `<${ctx.modules.length} modules>`));
}
