// The command line: yargs wiring, rendering and the exit code. The only place that reads argv,
// prints, and decides the exit code; bin.ts is the process around it (signals, the exit itself),
// so that tests can run a command in their own process with their own output streams.

import { createRequire } from 'node:module';
import { join } from 'node:path';
import yargs, { type Argv } from 'yargs';
import { isCodemigrateError } from '../core/errors.js';
import { onlyProblem } from '../core/plan.js';
import { queueUrlProblem } from '../core/queue.js';
import { ENGINES, type Engine } from '../core/recipe.js';
import type { Renderer } from './render.js';

const EXIT_USAGE = 2;

// Use-cases load on demand: `status` should not pay for parsing ts-morph, jscodeshift and openai.
// So do the lock (with the config's zod schemas behind it), the renderer and the printers: each
// launch loads what its command uses, and `--version` or a usage error loads none of them.
const lockEarly = async (...args: Parameters<typeof import('../app/repo-lock.js').lockEarly>) => (await import('../app/repo-lock.js')).lockEarly(...args);
const render = () => import('./render.js');
const print = () => import('./print.js');
const app = {
  clean: () => import('../app/clean.js'),
  init: () => import('../app/init.js'),
  land: () => import('../app/land.js'),
  plan: () => import('../app/plan.js'),
  recipes: () => import('../app/recipes.js'),
  resume: () => import('../app/resume.js'),
  review: () => import('../app/review.js'),
  run: () => import('../app/run.js'),
  runs: () => import('../app/runs.js'),
  status: () => import('../app/status.js'),
  worker: () => import('../app/worker.js'),
};

/** Where a command prints, and what ends it early: the process's streams and signals, or a test's. */
export interface CommandLineIo {
  readonly stdout: NodeJS.WritableStream & { readonly isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream;
  /** Aborted on the first interrupt: no new step starts, the steps in flight end at their next checkpoint. */
  readonly signal: AbortSignal;
}

/** Runs one command line (argv without node and the script) and returns its exit code; never exits the process. */
export async function main(argv: string[], io: CommandLineIo): Promise<number> {
  const { signal } = io;
  let exitCode = 0;
  const out = io.stdout;
  const tty = Boolean(io.stdout.isTTY);
  // What a command recovered from (a damaged journal line): said once on stderr, whatever the exit code.
  const warned = new Set<string>();
  const warn = (message: string) => {
    if (warned.has(message)) return;
    warned.add(message);
    io.stderr.write(`codemigrate: warning: ${message}\n`);
  };

  const withRepo = <T>(y: Argv<T>) =>
    y
      .option('repo', { type: 'string', default: '.', describe: 'the git repository (default: the current directory)' })
      .option('json', { type: 'boolean', default: false, describe: 'print one JSON object per line, nothing else' });

  const cli = yargs(argv)
    .scriptName('codemigrate')
    .usage('$0 <command> [options]')
    .strict()
    .demandCommand(1, 'name a command')
    .recommendCommands()
    .fail((message, error) => {
      throw error ?? new UsageFailure(usageMessage(message, argv));
    })
    .command(
      'init',
      'scaffold a recipe in codemigrate/<name>/: recipe.json, a typed transform, a fixture pair and its Vitest test',
      (y) =>
        y
          .option('recipe', { type: 'string', default: 'my-recipe', describe: 'the recipe\'s id and folder name' })
          .option('engine', { type: 'string', choices: ENGINES, default: 'jscodeshift' as Engine, describe: 'the transform\'s engine' })
          .option('dir', { type: 'string', default: '.', describe: 'the project folder (default: the current directory)' })
          .option('json', { type: 'boolean', default: false, describe: 'print one JSON object, nothing else' }),
      async (args) => {
        if (typeof args.recipe !== 'string' || typeof args.dir !== 'string') throw new UsageFailure('init: give --recipe and --dir at most once each');
        const { initRecipe } = await app.init();
        const { printInit } = await print();
        printInit(await initRecipe({ dir: args.dir, name: args.recipe, engine: args.engine as Engine }), args.json, out);
      },
    )
    .command('recipes', 'list built-in recipes and those the config names', withRepo, async (args) => {
      const { listAvailableRecipes } = await app.recipes();
      const { printRecipes } = await print();
      printRecipes(await listAvailableRecipes({ repo: args.repo }), args.json, out);
    })
    .command(
      'plan <recipe>',
      'print the steps a run would execute; changes nothing',
      (y) =>
        withRepo(y)
          .positional('recipe', { type: 'string', demandOption: true })
          .option('only', { type: 'string', describe: 'only modules or step ids matching GLOB' })
          .check((a) => checkOnly(a.only)),
      async (args) => {
        const { planMigration } = await app.plan();
        const { printPlan } = await print();
        printPlan(await planMigration({ repo: args.repo, recipe: args.recipe, ...(args.only !== undefined ? { only: args.only } : {}) }), args.json, out);
      },
    )
    .command(
      'run <recipe>',
      'plan and execute a migration',
      (y) =>
        withRepo(y)
          .positional('recipe', { type: 'string', demandOption: true })
          .option('run-id', { type: 'string', describe: 'name of the run (default: <recipe>-<timestamp>)' })
          .option('concurrency', { type: 'number', describe: 'steps at a time (default: config, else min(4, cores))' })
          .option('max-attempts', { type: 'number', default: 3, describe: 'attempts per step before it fails' })
          .option('only', { type: 'string', describe: 'only modules or step ids matching GLOB' })
          .option('dry-run', { type: 'boolean', default: false, describe: 'print every step\'s diff, leftovers and verdict (nothing verified, no model asked); write nothing' })
          .option('unsafe-verify', { type: 'boolean', default: false, describe: 'verify model-written code even where no sandbox (bubblewrap) is available' })
          .option('queue', { type: 'string', describe: 'redis://HOST:PORT: hand the steps to `codemigrate worker` processes through this queue (needs --remote)' })
          .option('remote', { type: 'string', describe: 'git URL the workers fetch the base from and push the step branches to (needs --queue)' })
          .check((a) => checkCounts(a.concurrency, a['max-attempts']) && checkOnly(a.only) && checkQueueFlags(a.queue, a.remote, { dryRun: a['dry-run'] })),
      async (args) => {
        const { checkRunId } = await import('../state/store.js');
        const runIdProblem = args['run-id'] === undefined ? undefined : checkRunId(args['run-id']);
        if (runIdProblem !== undefined) throw new UsageFailure(`--run-id: ${runIdProblem}`);
        const { createRenderer } = await render();
        const lock = args['dry-run'] ? undefined : await lockEarly(args.repo, { runId: args['run-id'] ?? '(new run)', command: 'run' });
        const renderer = createRenderer({ json: args.json, tty: tty && !args['dry-run'] }, out, io.stderr);
        exitCode = await closing(renderer, lock, async () => {
          const { runMigration } = await app.run();
          return runMigration(
            {
              ...(lock ? { lock } : {}),
              repo: args.repo,
              recipe: args.recipe,
              signal,
              dryRun: args['dry-run'],
              unsafeVerify: args['unsafe-verify'],
              repoRootAsCwd: true,
              maxAttempts: args['max-attempts'],
              ...(args['run-id'] !== undefined ? { runId: args['run-id'] } : {}),
              ...(args.concurrency !== undefined ? { concurrency: args.concurrency } : {}),
              ...(args.only !== undefined ? { only: args.only } : {}),
              ...(args.queue !== undefined && args.remote !== undefined ? { queue: { queue: args.queue, remote: args.remote } } : {}),
            },
            renderer,
          );
        });
      },
    )
    .command(
      'worker',
      'take steps of distributed runs (`run --queue --remote`) from the queue and run them until interrupted',
      (y) =>
        y
          .option('queue', { type: 'string', demandOption: true, describe: 'redis://HOST:PORT, as given to `run --queue`' })
          .option('concurrency', { type: 'number', default: 1, describe: 'steps at a time, each in its own clone of the remote' })
          .option('cache-dir', { type: 'string', describe: 'where the clones of the remotes are kept (default: ~/.cache/codemigrate/clones)' })
          .option('unsafe-verify', { type: 'boolean', default: false, describe: 'verify model-written code even where no sandbox (bubblewrap) is available' })
          .option('json', { type: 'boolean', default: false, describe: 'print one JSON object per line, nothing else' })
          .check((a) => checkCounts(a.concurrency, undefined) && checkQueueFlags(a.queue, undefined, { worker: true })),
      async (args) => {
        const { createRenderer } = await render();
        const renderer = createRenderer({ json: args.json, tty: false }, out, io.stderr);
        exitCode = await closing(renderer, undefined, async () => {
          const { runWorker } = await app.worker();
          return runWorker(
            { queue: args.queue, concurrency: args.concurrency, signal, unsafeVerify: args['unsafe-verify'], ...(args['cache-dir'] !== undefined ? { cacheDir: args['cache-dir'] } : {}) },
            renderer,
          );
        });
      },
    )
    .command(
      'resume [run]',
      'continue the newest (or named) run: unfinished steps, then failed ones',
      (y) =>
        withRepo(y)
          .positional('run', { type: 'string' })
          .option('concurrency', { type: 'number' })
          .option('max-attempts', { type: 'number', default: 3, describe: 'attempts per step in this resume' })
          .option('unsafe-verify', { type: 'boolean', default: false, describe: 'verify model-written code even where no sandbox (bubblewrap) is available' })
          .option('accept-recipe-change', { type: 'boolean', default: false, describe: "go on with the recipe's changed transforms or instructions; steps made earlier stay as they are" })
          .check((a) => checkCounts(a.concurrency, a['max-attempts'])),
      async (args) => {
        const { createRenderer } = await render();
        const lock = await lockEarly(args.repo, { runId: args.run ?? '(newest run)', command: 'resume' });
        const renderer = createRenderer({ json: args.json, tty }, out, io.stderr);
        exitCode = await closing(renderer, lock, async () => {
          const { resumeRun } = await app.resume();
          return resumeRun(
            {
              ...(lock ? { lock } : {}),
              repo: args.repo,
              signal,
              maxAttempts: args['max-attempts'],
              unsafeVerify: args['unsafe-verify'],
              acceptRecipeChange: args['accept-recipe-change'],
              repoRootAsCwd: true,
              warn,
              ...(args.run ? { runId: args.run } : {}),
              ...(args.concurrency !== undefined ? { concurrency: args.concurrency } : {}),
            },
            renderer,
          );
        });
      },
    )
    .command(
      'status [run]',
      'counts and one row per step',
      (y) =>
        withRepo(y)
          .positional('run', { type: 'string' })
          .option('compact', { type: 'boolean', describe: 'print the compacted plan of every step that has not succeeded' }),
      async (args) => {
        const run = { warn, ...(args.run ? { runId: args.run } : {}) };
        const { readCompactPlans, readStatus } = await app.status();
        const { printCompact, printStatus } = await print();
        if (args.compact) printCompact(await readCompactPlans({ repo: args.repo, ...run }), args.json, out);
        else printStatus(await readStatus({ repo: args.repo, ...run }), args.json, out);
      },
    )
    .command(
      'review [run] [step]',
      'table of steps, or one step\'s diff, codemods, reports and verify output; --accept/--reject it; --html DIR: the whole run as static pages',
      (y) =>
        withRepo(y)
          .positional('run', { type: 'string' })
          .positional('step', { type: 'string' })
          .option('accept', { type: 'boolean', describe: 'accept STEP for land' })
          .option('reject', { type: 'boolean', describe: 'reject STEP' })
          .option('checkout', { type: 'string', describe: 'a worktree on STEP\'s branch in DIR (default: beside the repository) to finish it by hand' })
          .option('verify', { type: 'boolean', describe: 'verify the commits made by hand on STEP\'s branch (or run STEP again)' })
          .option('unsafe-verify', { type: 'boolean', default: false, describe: 'with --verify: verify even where no sandbox (bubblewrap) is available' })
          .option('html', { type: 'string', describe: 'write a self-contained HTML report of the run to DIR (a new or empty directory, or an earlier report)' })
          .conflicts('accept', ['reject', 'checkout', 'verify'])
          .conflicts('reject', ['checkout', 'verify'])
          .conflicts('checkout', 'verify')
          .conflicts('html', ['accept', 'reject', 'checkout', 'verify']),
      async (args) => {
        if (args.html !== undefined) {
          await writeHtmlReport({ repo: args.repo, dir: args.html, runId: args.run, step: args.step, asJson: args.json, warn, out });
          return;
        }
        const { runId, step } = await splitRunAndStep(args.repo, args.run, args.step);
        const run = { warn, ...(runId ? { runId } : {}) };
        if (args.checkout !== undefined) {
          if (!step) throw new UsageFailure('--checkout needs a STEP');
          const { checkoutStep } = await app.review();
          const made = await checkoutStep({ repo: args.repo, ...run, step, ...(args.checkout ? { dir: args.checkout } : {}) });
          const { printCheckout } = await print();
          printCheckout(made, args.json, out);
          return;
        }
        if (args.verify) {
          if (!step) throw new UsageFailure('--verify needs a STEP');
          const { createRenderer } = await render();
          const lock = await lockEarly(args.repo, { runId: runId ?? '(newest run)', command: 'resume' });
          const renderer = createRenderer({ json: args.json, tty }, out, io.stderr);
          exitCode = await closing(renderer, lock, async () => {
            const { resumeRun } = await app.resume();
            return resumeRun({ ...(lock ? { lock } : {}), repo: args.repo, signal, steps: [step], unsafeVerify: args['unsafe-verify'], repoRootAsCwd: true, warn, ...(runId ? { runId } : {}) }, renderer);
          });
          return;
        }
        const { decideStep, reviewStep } = await app.review();
        const { readStatus } = await app.status();
        const { printReview, printStatus } = await print();
        if (args.accept || args.reject) {
          if (!step) throw new UsageFailure('--accept and --reject need a STEP');
          await decideStep({ repo: args.repo, ...run, step, decision: args.accept ? 'accepted' : 'rejected' });
          out.write(args.json ? `${JSON.stringify({ step, decision: args.accept ? 'accepted' : 'rejected' })}\n` : `step ${step} ${args.accept ? 'accepted' : 'rejected'}\n`);
          return;
        }
        if (step) printReview(await reviewStep({ repo: args.repo, ...run, step }), args.json, out);
        else printStatus(await readStatus({ repo: args.repo, ...run }), args.json, out);
      },
    )
    .command('runs', 'list the runs of the repository, newest first, with their state', withRepo, async (args) => {
      const { listRunRows } = await app.runs();
      const { printRuns } = await print();
      printRuns(await listRunRows(args.repo), args.json, out);
    })
    .command(
      'clean <run>',
      "delete a run: its branches, its state and its scratch worktrees (asks first; --yes doesn't)",
      (y) => withRepo(y).positional('run', { type: 'string', demandOption: true }).option('yes', { type: 'boolean', default: false, describe: 'delete without asking' }),
      async (args) => {
        const { cleanRun, describePlan } = await app.clean();
        const confirm = process.stdin.isTTY && tty && !args.json ? (plan: Parameters<typeof describePlan>[0]) => askYes(`delete ${describePlan(plan)}? [y/N] `) : undefined;
        const report = await cleanRun({ repo: args.repo, runId: args.run, yes: args.yes, ...(confirm && { confirm }) });
        if (args.json) out.write(`${JSON.stringify({ type: 'clean', ...report })}\n`);
        else out.write(report.removed ? `deleted ${describePlan(report)}\n` : 'nothing was deleted\n');
      },
    )
    .command(
      'land [run]',
      'combine every succeeded step not rejected (--accepted: the accepted ones) into <prefix>/<run>/result and verify it',
      (y) =>
        withRepo(y)
          .positional('run', { type: 'string' })
          .option('accepted', { type: 'boolean', default: false, describe: 'land only the steps accepted in review' })
          .option('unsafe-verify', { type: 'boolean', default: false, describe: 'verify model-written code even where no sandbox (bubblewrap) is available' }),
      async (args) => {
        const { landRun } = await app.land();
        const { createRenderer } = await render();
        const { printLand } = await print();
        const renderer = createRenderer({ json: args.json, tty: false }, out, io.stderr);
        const report = await landRun({ repo: args.repo, signal, unsafeVerify: args['unsafe-verify'], acceptedOnly: args.accepted, repoRootAsCwd: true, warn, ...(args.run ? { runId: args.run } : {}) }, renderer).finally(() => renderer.close());
        printLand(report, args.json, out);
        exitCode = report.exitCode;
      },
    )
    .help()
    .version(ownVersion());
  skipHelpCache(cli);

  const interrupted = () => {
    // A worker keeps no run: the jobs it had finished before it stopped; the queue keeps the rest.
    const what = argv[0] === 'worker' ? 'the worker stopped taking steps' : 'the run is kept: `codemigrate resume` continues it';
    io.stderr.write(`codemigrate: interrupted; ${what}\n`);
    return 130;
  };
  try {
    await cli.parseAsync();
    return signal.aborted ? interrupted() : exitCode;
  } catch (error) {
    if (signal.aborted) return interrupted();
    if (error instanceof UsageFailure) {
      io.stderr.write(`codemigrate: ${error.message}\n(see codemigrate --help)\n`);
      return EXIT_USAGE;
    }
    if (isCodemigrateError(error)) {
      for (const problem of error.problems) io.stderr.write(`codemigrate: ${problem}\n`);
      return error.exitCode;
    }
    io.stderr.write(`codemigrate: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

class UsageFailure extends Error {}

/**
 * codemigrate's own version, from the package.json beside dist/: yargs' `.version()` without one
 * reads the package.json above the node_modules that holds yargs, which in an install hoisted into
 * a project is that project's.
 */
function ownVersion(): string {
  const manifest = createRequire(import.meta.url)('../../package.json') as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : 'unknown';
}

/**
 * yargs renders the command's whole --help text as each command's handler starts (cliui and
 * string-width: 20–45 ms of CPU per launch), keeping it for a failure message that shows help.
 * Ours never does: `.fail()` above throws instead, and main prints its own line. Through yargs'
 * internals, so guarded: a yargs without them renders the text as before and nothing else changes.
 */
function skipHelpCache(cli: Argv): void {
  const internals = (cli as unknown as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: unknown } } }).getInternalMethods?.();
  const usage = internals?.getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;
}

function checkCounts(concurrency: number | undefined, maxAttempts: number | undefined): true {
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)) {
    throw new UsageFailure(`--concurrency: expected an integer from 1 to 64, got ${concurrency}`);
  }
  if (maxAttempts !== undefined && (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 100)) {
    throw new UsageFailure(`--max-attempts: expected an integer from 1 to 100, got ${maxAttempts}`);
  }
  return true;
}

/** --queue and --remote go together; a --queue that is no Redis URL is refused before anything loads. */
function checkQueueFlags(queue: unknown, remote: unknown, { worker = false, dryRun = false } = {}): true {
  // yargs' .conflicts() counts a boolean's default (false) as given.
  if (dryRun && queue !== undefined) throw new UsageFailure('--queue and --dry-run: a dry run runs here and writes nothing; drop one');
  if (queue !== undefined && typeof queue !== 'string') throw new UsageFailure('--queue: give it once');
  if (remote !== undefined && typeof remote !== 'string') throw new UsageFailure('--remote: give it once');
  if (!worker && (queue === undefined) !== (remote === undefined)) {
    throw new UsageFailure(queue === undefined ? '--remote needs --queue redis://HOST:PORT' : '--queue needs --remote GIT_URL (the repository the workers share)');
  }
  if (remote === '') throw new UsageFailure('--remote: empty; give the git URL the workers share');
  const problem = typeof queue === 'string' ? queueUrlProblem(queue) : undefined;
  if (problem !== undefined) throw new UsageFailure(problem);
  return true;
}

/** `--only ''` selected nothing and `--only` with a newline would forge a trailer on the base commit. */
function checkOnly(only: unknown): true {
  if (only === undefined) return true;
  if (typeof only !== 'string') throw new UsageFailure('--only: give it once, with one glob');
  const problem = onlyProblem(only);
  if (problem !== undefined) throw new UsageFailure(`--only: ${problem}`);
  return true;
}

/** `review [RUN] --html DIR`: DIR is checked before the run is read, so a refused DIR costs nothing and gets nothing. */
async function writeHtmlReport(options: {
  repo: string;
  dir: string;
  runId: string | undefined;
  step: string | undefined;
  asJson: boolean;
  warn: (message: string) => void;
  out: NodeJS.WritableStream;
}): Promise<void> {
  const { repo, dir, runId, step, asJson, warn, out } = options;
  if (dir.trim() === '') throw new UsageFailure('--html: name the directory to write the report to');
  if (step !== undefined) throw new UsageFailure(`--html reports a whole run: name at most a RUN, not a step (got ${runId} ${step})`);
  const { checkReportDir, writeReportDir } = await import('../app/report-dir.js');
  const target = await checkReportDir(dir);
  const { readRunReport } = await import('../app/run-report.js');
  const report = await readRunReport({ repo, warn, ...(runId !== undefined ? { runId } : {}) });
  const { renderHtmlReport } = await import('./html-report.js');
  const at = new Date().toISOString();
  const files = renderHtmlReport(report, { generatedAt: at });
  await writeReportDir(target, files, { runId: report.state.runId, at });
  const index = join(target, 'index.html');
  const pages = Object.keys(files).length - 1;
  const bytes = Object.values(files).reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  if (asJson) out.write(`${JSON.stringify({ type: 'report', runId: report.state.runId, path: index, steps: report.steps.length, files: pages + 1, bytes })}\n`);
  else out.write(`wrote ${index} and ${pages} step page(s) beside it: run ${report.state.runId}, ${report.steps.length} step(s), ${Math.ceil(bytes / 1024)} KB\n`);
}

/** `review X`: X is a run id when such a run exists, else a step of the newest run. */
async function splitRunAndStep(repo: string, first: string | undefined, second: string | undefined) {
  if (second !== undefined || first === undefined) return { runId: first, step: second };
  const { runExists } = await import('../app/runs.js');
  return (await runExists(repo, first)) ? { runId: first, step: undefined } : { runId: undefined, step: first };
}

/** Runs a use-case that renders progress under the repository lock; closes both whatever happens. */
async function closing(renderer: Renderer, lock: { release(): Promise<void> } | undefined, fn: () => Promise<{ readonly exitCode: number }>): Promise<number> {
  try {
    return (await fn()).exitCode;
  } finally {
    renderer.close();
    await lock?.release();
  }
}

/** yargs' wording for a missing positional does not say which one: name it for the commands that take one. */
export function usageMessage(message: string, argv: readonly string[]): string {
  const command = (['run', 'plan'] as const).find((name) => argv.includes(name));
  if (/^Not enough non-option arguments/.test(message) && command !== undefined) {
    return `${command}: missing <recipe>: a recipe file (recipes/<id>.json) or a built-in recipe id (see \`codemigrate recipes\`)`;
  }
  // `--run-id -x`: yargs takes -x for flags and reports "Unknown argument: x".
  const at = argv.indexOf('--run-id');
  const next = at >= 0 ? argv[at + 1] : undefined;
  if (next !== undefined && next.startsWith('-') && /^Unknown arguments?: /.test(message)) {
    return `--run-id: expected a run id after it, got ${next} (a run id starts with a-z or 0-9)`;
  }
  return message;
}

/** One question at the terminal; "y" or "yes" goes on. */
async function askYes(question: string): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}
