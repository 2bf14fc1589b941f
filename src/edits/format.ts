// The recipe's `format` hook: the project's own formatters (Prettier, ESLint --fix) over the files
// a step changed, before the step is committed and verified, so a codemod's printer (ts-morph
// re-indenting a whole test body, recast's quotes) does not land as a diff of its own. Only the
// project's formatters run, as the project configured them, and only when its package.json names
// them: a project without Prettier gets no Prettier style. Files the step did not change are never
// touched. Loaded from the repository root, as the project's own scripts would find them.
// They run in codemigrate's process, not the verify sandbox: their code and configuration are the
// user's checkout's (the working tree, which no step or model edit writes), not model-written code;
// a formatter reads the step's edited text only as data.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { SourceFile } from '../core/codemod.js';
import type { RepoPath } from '../core/paths.js';
import type { FormatterName } from '../core/recipe.js';
import { MAX_OUTPUT_FILES, type CodemodSummary } from '../core/state.js';

/** One formatter over one file: its new text, or undefined when the project's config leaves the file out. */
type FormatText = (path: RepoPath, text: string) => Promise<string | undefined>;

export interface Formatted {
  readonly texts: ReadonlyMap<RepoPath, string>;
  /** One per formatter that ran, shaped as a codemod's ("format: prettier"), for status and review. */
  readonly summaries: readonly CodemodSummary[];
}

/** Formats the files `after` changes against `before`; `notice` says once why a formatter does not run. */
export type StepFormat = (before: readonly SourceFile[], after: ReadonlyMap<RepoPath, string>) => Promise<Formatted>;

export function projectFormat(root: string, names: readonly FormatterName[], notice: (message: string) => void): StepFormat {
  const loaders = names.map((name) => ({ name, load: once(() => loadFormatter(root, name, notice)) }));
  return async (before, after) => {
    const original = new Map(before.map((file) => [file.path, file.text] as const));
    const texts = new Map(after);
    const summaries: CodemodSummary[] = [];
    for (const { name, load } of loaders) {
      const format = await load();
      if (format === undefined) continue;
      const started = performance.now();
      const counts = { modified: 0, unchanged: 0, skipped: 0, errors: 0 };
      const output: { file: RepoPath; text: string }[] = [];
      for (const [path, text] of texts) {
        if (original.get(path) === text) continue; // not changed by the step: not the step's to format
        try {
          const next = await format(path, text);
          if (next === undefined) counts.skipped += 1;
          else if (next === text) counts.unchanged += 1;
          else {
            texts.set(path, next);
            counts.modified += 1;
          }
        } catch (error) {
          // A formatter that cannot read the file (a syntax it has no parser for) leaves it as the step made it.
          counts.errors += 1;
          if (output.length < MAX_OUTPUT_FILES) output.push({ file: path, text: `${name} left the file as it was: ${firstLine(error)}` });
        }
      }
      summaries.push({ codemod: `format: ${name}`, ...counts, durationMs: Math.round(performance.now() - started), ...(output.length > 0 && { output }) });
    }
    return { texts, summaries };
  };
}

async function loadFormatter(root: string, name: FormatterName, notice: (message: string) => void): Promise<FormatText | undefined> {
  if (!declaredBy(root, name)) {
    notice(`format: the recipe formats with ${name}, but ${join(root, 'package.json')} does not name it: changed files are left as the codemods printed them`);
    return undefined;
  }
  let module: unknown;
  try {
    module = createRequire(join(root, 'package.json'))(name);
  } catch (error) {
    notice(`format: ${name} is in package.json but cannot be loaded from ${root} (${firstLine(error)}); install the project's dependencies to format changed files`);
    return undefined;
  }
  return name === 'prettier' ? prettierFormat(root, module as Prettier) : eslintFormat(root, module as { ESLint: EslintClass });
}

/** The part of Prettier 2 and 3 used here (2's format is synchronous, 3's returns a promise). */
interface Prettier {
  getFileInfo(path: string, options: { ignorePath?: string; resolveConfig?: boolean }): Promise<{ ignored: boolean; inferredParser: string | null }>;
  resolveConfig(path: string, options?: { editorconfig?: boolean }): Promise<Record<string, unknown> | null>;
  format(text: string, options: Record<string, unknown>): string | Promise<string>;
}

function prettierFormat(root: string, prettier: Prettier): FormatText {
  return async (path, text) => {
    const file = join(root, path);
    const info = await prettier.getFileInfo(file, { ignorePath: join(root, '.prettierignore'), resolveConfig: true });
    if (info.ignored || info.inferredParser === null) return undefined;
    const options = (await prettier.resolveConfig(file, { editorconfig: true })) ?? {};
    return await prettier.format(text, { ...options, filepath: file });
  };
}

/** The part of ESLint's Node API (8 and later) used here. */
type EslintClass = new (options: { cwd: string; fix: boolean }) => {
  isPathIgnored(path: string): Promise<boolean>;
  lintText(text: string, options: { filePath: string }): Promise<{ output?: string; messages: { fatal?: boolean; message: string }[] }[]>;
};

function eslintFormat(root: string, eslintModule: { ESLint: EslintClass }): FormatText {
  const eslint = new eslintModule.ESLint({ cwd: root, fix: true });
  return async (path, text) => {
    const file = join(root, path);
    if (await eslint.isPathIgnored(file)) return undefined;
    const [result] = await eslint.lintText(text, { filePath: file });
    const fatal = result?.messages.find((message) => message.fatal);
    if (fatal !== undefined) throw new Error(fatal.message);
    // No output: nothing ESLint could fix (the problems it found are the project's lint's business).
    return result?.output ?? text;
  };
}

/** Whether the root package.json lists the formatter among its dependencies of any kind. */
function declaredBy(root: string, name: FormatterName): boolean {
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return false;
  }
  return ['dependencies', 'devDependencies', 'optionalDependencies'].some((field) => {
    const deps = manifest[field];
    return typeof deps === 'object' && deps !== null && name in deps;
  });
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => (pending ??= make());
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

