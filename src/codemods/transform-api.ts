// What a transform author writes against: the arguments each engine passes and what each engine
// does with the value a transform returns. The engines use these same types (jscodeshift-files.ts
// builds the API, ts-morph-engine.ts the context), so the published types cannot drift from a run.
// Published as `codemigrate/transform` (src/transform.ts).

import type { API, FileInfo, Options } from 'jscodeshift';
import type { Node, Project, SourceFile as MorphSourceFile } from 'ts-morph';
import type { JscodeshiftParserName } from './jscodeshift-files.js';

/**
 * A leftover: work the transform could not do safely. It goes to the step's model step (when the
 * recipe has one with `"when": ["reported"]`), and `review` shows it.
 *
 * - a string: the message;
 * - `{ line, message }`: the 1-based line of the file it is about;
 * - `{ message, stop: true }`: in a `setup` codemod only, the run cannot go on (it stops after
 *   setup with this report as the cause); elsewhere `stop` is ignored.
 */
export type TransformReport = string | { readonly line?: number; readonly message: string; readonly stop?: boolean };

/**
 * The `api` a jscodeshift transform receives: jscodeshift's own (`j`, `jscodeshift`, `stats`),
 * built with the parser the recipe (or the transform's `parser` export) names, and a `report` that
 * also takes `{ line, message, stop }` (jscodeshift's takes a string only). `stats` does nothing.
 */
export interface JscodeshiftAPI extends Omit<API, 'report'> {
  report(leftover: TransformReport): void;
}

/**
 * What a jscodeshift transform returns, as codemigrate (like jscodeshift 17's CLI) reads it:
 *
 * - a string: the file's new text; the same text as the input counts as unchanged;
 * - a Buffer / Uint8Array: its UTF-8 text, as above;
 * - any falsy value (`undefined`, `null`, `false`, `''`, nothing returned): the file is skipped,
 *   i.e. left as it was (so a transform cannot empty a file);
 * - anything else (an object, a number, `true`): that file's error, nothing written for it;
 * - a throw (or a rejected promise): that file's error; it keeps its text, the step's other
 *   files keep their edits, and the step fails naming the file.
 *
 * A promise of any of these is awaited.
 */
export type JscodeshiftResult = string | Uint8Array | null | undefined | false | void;

/**
 * A jscodeshift transform: `(file, api, options)`, the standard shape, so community codemods run
 * unmodified. `file.path` is the file's repository-relative path; `options` holds jscodeshift's
 * CLI defaults and the recipe step's `options`.
 */
export type JscodeshiftTransform = (
  file: FileInfo,
  api: JscodeshiftAPI,
  options: Options,
) => JscodeshiftResult | Promise<JscodeshiftResult>;

/**
 * What `ctx.report` takes: a message; a line and a message (`report(12, 'msg')`); a node and
 * optionally a message (its line, and its text when no message is given); or a TransformReport
 * object (`report({ line, message, stop })`).
 */
export type ReportTarget = number | Node | TransformReport;

/** The second argument of a ts-morph transform, one per file. */
export interface TsMorphContext {
  /** Repository-relative path of the file being transformed (POSIX separators). */
  readonly path: string;
  /** The file's text before this run; the way to read non-TS/JS files. */
  readonly text: string;
  /** The recipe step's `options` (`{}` when it has none). */
  readonly options: Readonly<Record<string, unknown>>;
  /** The step's in-memory Project; a language service and type checker are built only if a transform asks. */
  readonly project: Project;
  /** Every repository-relative path of the step, in the order given. */
  readonly files: readonly string[];
  /** `report('msg')`, `report(line, 'msg')`, `report(node, 'msg')` or `report({ line, message, stop })`. */
  report(target: ReportTarget, message?: string): void;
  /**
   * Creates (or replaces) a file with this text, e.g. a setup transform writing vitest.config.ts.
   * The path is repo-relative and checked like any edit; a file of the step wins over its own tree.
   */
  addFile(path: string, text: string): void;
  /**
   * Removes a file of the step (or one this run added), e.g. a finish transform removing the old
   * runner's config. The file's own transform result is then ignored.
   */
  removeFile(path: string): void;
}

/**
 * What a ts-morph transform returns:
 *
 * - a string: the file's new text (the way to edit package.json, YAML or any non-TS/JS file,
 *   read from `ctx.text`); the same text as the input counts as unchanged;
 * - `null` or `false`: skipped (unless the transform, or another file's, edited this file's tree
 *   through `ctx.project`: then that edit counts);
 * - anything else, `undefined` included (nothing returned, `void`, the source file): the text of
 *   the edited tree, `sourceFile.getFullText()`; unchanged when it equals the input;
 * - a throw (or a rejected promise): that file's error, as for jscodeshift.
 *
 * A promise of any of these is awaited.
 */
export type TsMorphResult = string | null | false | undefined | void | MorphSourceFile;

/**
 * A ts-morph transform: `(sourceFile, ctx)` over an in-memory Project holding only the step's
 * files (each at "/<repo path>"). Every file gets a SourceFile, whatever its type: JSON parses as
 * JSON, anything else (.md, .yml) as meaningless TypeScript, so read those from `ctx.text`.
 */
export type TsMorphTransform = (sourceFile: MorphSourceFile, ctx: TsMorphContext) => TsMorphResult | Promise<TsMorphResult>;

/**
 * The parsers a recipe step's `"parser"` (or a jscodeshift transform's `parser` export) may name:
 * `babel` (jscodeshift's default: JavaScript with JSX; no Flow, no TypeScript), `babylon`
 * (JavaScript with JSX and Flow), `flow` (the flow-parser package), `ts` (TypeScript without JSX),
 * `tsx` (TypeScript with JSX). Set one: the default rejects TypeScript. Any other name stops the
 * command with exit 2.
 */
export type JscodeshiftParser = JscodeshiftParserName;

export type { FileInfo as JscodeshiftFileInfo, Options as JscodeshiftOptions } from 'jscodeshift';
