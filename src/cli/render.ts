// Renders what use-cases emit: NDJSON with --json (stdout holds nothing else), a live progress
// bar on a TTY (cli-progress, on stderr), plain log lines otherwise. What ends a command with a
// non-zero exit before any step (a failed setup) is also said on stderr, in every mode.

import type * as CliProgress from 'cli-progress';
import { createRequire } from 'node:module';
import type { AppEvent, AppOutput } from '../app/output.js';
import type { BaselineSummary } from '../core/state.js';

export interface Renderer extends AppOutput {
  close(): void;
}

export function createRenderer(
  mode: { json: boolean; tty: boolean },
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Renderer {
  const renderer = mode.json ? { emit: (event: AppEvent) => void out.write(`${JSON.stringify(event)}\n`), close() {} } : mode.tty ? ttyRenderer(out) : plainRenderer(out);
  return {
    emit(event) {
      if (event.type !== 'setup-failed') return renderer.emit(event);
      // On a terminal both streams show: say it once, there.
      if (!mode.tty || mode.json) renderer.emit(event);
      err.write(`codemigrate: ${describeSetupFailed(event)}\n`);
    },
    close: () => renderer.close(),
  };
}

function plainRenderer(out: NodeJS.WritableStream): Renderer {
  return { emit: (event) => writeLine(out, describe(event)), close() {} };
}

function ttyRenderer(out: NodeJS.WritableStream): Renderer {
  // Required here, not imported: only a terminal shows the bar, and its 16 modules cost every
  // other launch (the tests' thousands among them) time for nothing.
  const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof CliProgress;
  // A MultiBar, even for one bar, because its log() prints lines above the bar without tearing it.
  let bars: CliProgress.MultiBar | undefined;
  let bar: CliProgress.SingleBar | undefined;
  let total = 0;
  let done = 0;
  let failed = 0;
  const running = new Set<string>();
  const payload = () => ({ running: running.size, failed, current: [...running].slice(0, 3).join(' ') });
  const start = () => {
    bars = new cliProgress.MultiBar(
      {
        format: ' {bar} {value}/{total} steps | running {running} | failed {failed} | ETA {eta_formatted} | {current}',
        hideCursor: true,
        clearOnComplete: false,
        etaBuffer: 20,
      },
      cliProgress.Presets.shades_classic,
    );
    bar = bars.create(total, 0, payload());
  };
  const stop = () => {
    bars?.stop();
    bars = undefined;
    bar = undefined;
  };
  return {
    emit(event) {
      if (event.type === 'run-started' && !event.dryRun) total = event.toRun;
      if (event.type === 'step-started') {
        if (!bars) start();
        running.add(event.step);
        bar?.update(done, payload());
        return;
      }
      if (event.type === 'step-finished') {
        running.delete(event.step);
        done += 1;
        if (!['succeeded', 'unchanged'].includes(event.status)) {
          failed += 1;
          bars?.log(`${describe(event)}\n`);
        }
        bar?.update(done, payload());
        return;
      }
      if (event.type === 'run-finished') stop();
      const line = describe(event);
      if (line === undefined) return;
      if (bars) bars.log(`${line}\n`);
      else writeLine(out, line);
    },
    close: stop,
  };
}

function describeSetupFailed(event: Extract<AppEvent, { type: 'setup-failed' }>): string {
  if (event.cause === 'install') {
    return `setup failed: ${event.reason}; no base was written: fix the cause and \`codemigrate resume ${event.runId}\` (\`codemigrate status ${event.runId}\` shows the output)`;
  }
  if (event.dryRun) return `setup stopped the run: ${event.reason}; a run would stop here: no base, no step`;
  // Resume computes setup again on the run's source commit, with the recipe the run started with
  // (a changed option is refused): it stops the same way until the transform's inputs change.
  return `setup stopped the run: ${event.reason}; no base was written and no step ran: change what it names and start a new run (\`codemigrate resume ${event.runId}\` computes setup again on the same commit)`;
}

function describeBaseline(baseline: BaselineSummary, reused: boolean): string {
  const lines = [`baseline ${reused ? 'reused' : `taken in ${(baseline.durationMs / 1000).toFixed(1)} s`}: what every step's checks are compared with`];
  for (const check of baseline.checks) {
    const found: string[] = [];
    if (check.diagnostics !== undefined) found.push(`${check.diagnostics} diagnostic(s)`);
    if (check.tests !== undefined) found.push(Object.entries(check.tests).map(([state, n]) => `${n} ${state}`).join(', ') || 'no tests');
    const exit = check.exitCode === null ? check.status : `exit ${check.exitCode}`;
    lines.push(`  ${check.parser} (${exit}${found.length > 0 ? `; ${found.join('; ')}` : ''}): ${check.command}`);
    if (check.failing !== undefined && check.failing.length > 0) {
      const more = (check.tests?.failed ?? 0) - check.failing.length;
      lines.push(`    failing there (no step is judged on them): ${check.failing.join(', ')}${more > 0 ? ` and ${more} more` : ''}`);
    }
    if (check.status !== 'passed' && (check.parseError !== undefined || check.parser === 'exit-code')) {
      const why = check.parseError === undefined ? 'it has no parser' : `its output could not be read: ${check.parseError}`;
      lines.push(`    it fails on the source commit and ${why}: a new failure cannot be told from an old one, so every step must make it pass`);
    }
  }
  return lines.join('\n');
}

function writeLine(out: NodeJS.WritableStream, text: string | undefined): void {
  if (text !== undefined) out.write(`${text}\n`);
}

export function describe(event: AppEvent): string | undefined {
  switch (event.type) {
    case 'notice':
      return `note: ${event.message}`;
    case 'run-started':
      return event.dryRun
        ? `dry run of ${event.recipe} at ${event.sourceCommit.slice(0, 12)}: ${event.steps} step(s); nothing will be written`
        : `${event.resumed ? 'resuming' : 'running'} ${event.runId} (${event.recipe} at ${event.sourceCommit.slice(0, 12)}): ${event.toRun} of ${event.steps} step(s) to run`;
    case 'setup-finished': {
      const reports = event.reports.map((report) => `\n  setup reported ${report.file}${report.line === undefined ? '' : `:${report.line}`}: ${report.message}`);
      const lockfiles = event.lockfiles?.length ? ` (with ${event.lockfiles.join(', ')} from the install)` : '';
      return `setup: ${event.files} file(s) changed${lockfiles}; base branch ${event.branch}${reports.join('')}`;
    }
    case 'setup-failed':
      return describeSetupFailed(event);
    case 'install-started': {
      const shown = event.manifests.slice(0, 3).join(', ');
      const more = event.manifests.length > 3 ? ` and ${event.manifests.length - 3} more` : '';
      return `install started: ${event.command} (${shown}${more} changed)`;
    }
    case 'install-finished': {
      const exit = event.status !== 'passed' && event.exitCode !== null ? ` (exit ${event.exitCode})` : '';
      return `install ${event.status}${exit} in ${event.durationMs} ms: ${event.command}`;
    }
    case 'baseline-started':
      return event.of === 'base'
        ? `baseline: running ${event.checks} check(s) that read diagnostics on setup's commit ${event.commit.slice(0, 12)} (its library diagnostics are not a step's)`
        : `baseline: running ${event.checks} check(s) on the source commit ${event.commit.slice(0, 12)}`;
    case 'baseline-finished':
      return describeBaseline(event.baseline, event.reused);
    case 'step-started':
      return `step ${event.step} started (attempt ${event.attempt}, module ${event.module})`;
    case 'step-finished': {
      const size = event.files > 0 ? ` ${event.files} file(s) +${event.added} -${event.removed}` : '';
      const leftovers = event.leftovers > 0 ? `, ${event.leftovers} leftover(s)` : '';
      const reason = event.reason ? `: ${firstLine(event.reason)}` : '';
      const branch = event.branch ? ` → ${event.branch}` : '';
      return `step ${event.step} ${event.status}${size}${leftovers} in ${event.durationMs} ms${branch}${reason}`;
    }
    case 'step-diff': {
      const verified = event.verified === false ? ' (not verified: dry run)' : '';
      const reports = event.reports.map((report) => `  reported ${report.file}${report.line === undefined ? '' : `:${report.line}`}: ${report.message}\n`);
      // Only trailing newlines go: a blank context line at the end of a patch is a lone space.
      return `# step ${event.step} (${event.module}): ${event.status}${verified}${event.reason ? `: ${event.reason}` : ''}\n${reports.join('')}${event.patch}`.replace(/\n+$/, '');
    }
    case 'run-finished': {
      const counts = Object.entries(event.counts).map(([status, n]) => `${n} ${status}`).join(', ');
      if (event.dryRun) return `dry run finished: ${counts || 'no steps'}; nothing was written (exit ${event.exitCode})`;
      const where = event.branchGlob ? `; branches: ${event.branchGlob}` : '';
      const ended = event.interrupted ? 'interrupted' : 'finished';
      return `run ${event.runId} ${ended}: ${counts || 'no steps'}${where} (exit ${event.exitCode})`;
    }
  }
}

/** A row shows the first line of a cause; `review STEP` shows all of it. */
export function firstLine(text: string): string {
  const [first = '', ...rest] = text.split('\n');
  return rest.some((line) => line.trim() !== '') ? `${first} …` : first;
}
