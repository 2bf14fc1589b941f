// Runs ts-morph transforms over an in-memory Project that holds only the step's files.
//
// A transform module exports `(sourceFile, ctx) => string | null | false | void` (default export or
// module.exports). Every file of the step gets a SourceFile, whatever its type: .json parses as
// JSON, any other non-TS/JS file (.md, .yml, …) parses as meaningless TypeScript. For those,
// read the original bytes from `ctx.text` and return the new text as a string: that is how a
// setup transform edits package.json or a config file.

import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import type { Project, SourceFile as MorphSourceFile } from 'ts-morph';
import type { CodemodEngine, CodemodRun, FileOutcome, Leftover, SourceFile, TransformOutput } from '../core/codemod.js';
import { captureOutput } from './capture-output.js';
import { checkRepoPath, type RepoPath } from '../core/paths.js';
import { describeError, toLeftover } from './file-outcome.js';
import { loadTransform, type TransformLoader } from './load-transform.js';
import type { ReportTarget, TsMorphContext, TsMorphTransform } from './transform-api.js';

// ts-morph (TypeScript with it: ~0.6 CPU-s) loads with the first transform run, not with check():
// a command that checks a ts-morph transform it never runs (a run whose only ts-morph transform is
// its finish, a resume whose setup is committed) does not load it, unless the transform imports it.
// CommonJS through require(): ~0.25 CPU-s sooner than `import` on Node 20, which first compiles a
// package without "type" once more to detect its format, then scans it for export names. The same
// instance as jiti's alias gives a transform (load-transform.ts), whichever of the two asks first.
let loadedMorph: typeof import('ts-morph') | undefined;
function morph(): typeof import('ts-morph') {
  loadedMorph ??= createRequire(import.meta.url)('ts-morph') as typeof import('ts-morph');
  return loadedMorph;
}

export interface TsMorphEngineOptions {
  readonly load?: TransformLoader;
}

type Result =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'tree' | 'skipped' }
  | { readonly kind: 'error'; readonly error: string };

export function createTsMorphEngine({ load = loadTransform }: TsMorphEngineOptions = {}): CodemodEngine {
  return {
    async run(spec, files, signal): Promise<CodemodRun> {
      const started = performance.now();
      const loaded = await load(spec);
      const transform = loaded.transform as TsMorphTransform;
      const project = createStepProject();
      // Files the prefilter rules out are never parsed, nor loaded into the step's Project.
      const wanted = files.map((file) => loaded.prefilter === undefined || loaded.prefilter(file.text));
      const sourceFiles = files.map((file, index) =>
        wanted[index] ? project.createSourceFile(virtualPath(file.path), file.text, { overwrite: true }) : undefined,
      );
      const paths = files.map((file) => file.path);
      const reports: Leftover[] = [];
      const output: TransformOutput[] = [];
      const results: Result[] = [];
      const added = new Map<RepoPath, string>();
      const removed = new Set<RepoPath>();
      for (const [index, file] of files.entries()) {
        signal?.throwIfAborted();
        const sourceFile = sourceFiles[index];
        if (sourceFile === undefined) {
          results.push({ kind: 'skipped' });
          continue;
        }
        const ctx: TsMorphContext = {
          path: file.path,
          text: file.text,
          options: spec.options,
          project,
          files: paths,
          report: (target, message) => reports.push(reportToLeftover(file.path, target, message, spec.name)),
          addFile: (path, text) => {
            const checked = checkRepoPath(path);
            if (!checked.ok) throw new Error(`addFile(${JSON.stringify(path)}): ${checked.reason}`);
            added.set(checked.path, text);
            removed.delete(checked.path);
          },
          removeFile: (path) => {
            const checked = checkRepoPath(path);
            if (!checked.ok) throw new Error(`removeFile(${JSON.stringify(path)}): ${checked.reason}`);
            if (!paths.includes(checked.path) && !added.has(checked.path)) {
              throw new Error(`removeFile(${JSON.stringify(path)}): not a file of this step`);
            }
            added.delete(checked.path);
            removed.add(checked.path);
          },
        };
        const { result, text } = await captureOutput(() => transform(sourceFile, ctx));
        if (text !== '') output.push({ file: file.path, text });
        results.push(result.status === 'fulfilled' ? toResult(result.value) : { kind: 'error', error: describeError(result.reason) });
      }
      // Texts are read after every transform ran: one file's transform may edit another through ctx.project.
      const outcomes = files.map((file, index) => {
        const sourceFile = sourceFiles[index];
        return sourceFile === undefined
          ? { path: file.path, status: 'skipped' as const }
          : toOutcome(file, results[index] as Result, sourceFile);
      });
      const known = new Set(paths);
      for (const [path, text] of added) {
        const index = paths.indexOf(path);
        if (index >= 0 && outcomes[index]!.status !== 'error') outcomes[index] = compare(files[index]!, text);
        else if (!known.has(path)) outcomes.push({ path, status: 'modified', text });
      }
      for (const path of removed) {
        const index = paths.indexOf(path);
        if (index >= 0 && outcomes[index]!.status !== 'error') outcomes[index] = { path, status: 'deleted' };
      }
      return { codemod: spec.name, files: outcomes, reports, output, durationMs: performance.now() - started };
    },

    async check(spec): Promise<void> {
      await load(spec);
    },

    async close(): Promise<void> {},
  };
}

function createStepProject(): Project {
  const { Project, ts } = morph();
  return new Project({
    useInMemoryFileSystem: true,
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
    compilerOptions: { allowJs: true, jsx: ts.JsxEmit.Preserve },
  });
}

/** The in-memory file system is rooted at "/": "/src/a.ts" stands for repo path "src/a.ts". */
function virtualPath(path: RepoPath): string {
  return `/${path}`;
}

function toResult(returned: unknown): Result {
  if (typeof returned === 'string') return { kind: 'text', text: returned };
  if (returned === null || returned === false) return { kind: 'skipped' };
  return { kind: 'tree' };
}

function toOutcome(file: SourceFile, result: Result, sourceFile: MorphSourceFile): FileOutcome {
  if (result.kind === 'error') return { path: file.path, status: 'error', error: result.error };
  if (result.kind === 'text') return compare(file, result.text);
  if (sourceFile.wasForgotten()) {
    return { path: file.path, status: 'error', error: 'the transform removed the file from the project' };
  }
  // ts-morph drops a byte-order mark from the text it gives back: keep the file's own.
  const text = withBom(file.text, sourceFile.getFullText());
  // A skipped file that another file's transform edited is still an edit: report it as one.
  if (result.kind === 'skipped' && text === file.text) return { path: file.path, status: 'skipped' };
  return compare(file, text);
}

function withBom(original: string, text: string): string {
  return original.startsWith('\uFEFF') && !text.startsWith('\uFEFF') ? `\uFEFF${text}` : text;
}

function compare(file: SourceFile, text: string): FileOutcome {
  return text === file.text
    ? { path: file.path, status: 'unchanged' }
    : { path: file.path, status: 'modified', text };
}

function reportToLeftover(
  file: RepoPath,
  target: ReportTarget,
  message: string | undefined,
  codemod: string,
): Leftover {
  if (typeof target === 'number') return toLeftover(file, message ?? '(no message)', codemod, target);
  if (morph().Node.isNode(target)) return toLeftover(file, message ?? target.getText(), codemod, target.getStartLineNumber());
  if (typeof target === 'string') return toLeftover(file, message === undefined ? target : `${target}: ${message}`, codemod);
  return toLeftover(file, target, codemod);
}
