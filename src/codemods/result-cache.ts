// Content-addressed results of codemods (issue 16.3), in `.git/codemigrate/cache/codemods/`: a
// transform's outcome on a file is kept under the hash of everything it depends on, so running a
// recipe again after editing one of its transforms recomputes only that transform's work and,
// after it, the work of the transforms whose input it changed. Transforms are taken as pure
// functions of what the engine gives them, as jscodeshift's and ts-morph's contracts say:
//   - the transform's code: its recipe part hash (the file's bytes and the local modules it
//     imports, src/config/recipe-identity.ts), its engine, options and parser, the jscodeshift
//     that runs it (version and folder) or ts-morph's version, and codemigrate's version;
//   - its input: a jscodeshift transform sees one file (path and text), so each file is its own
//     entry; a ts-morph transform sees the step's other files too (ctx.project), so its entry is
//     the whole run over the step's files.
// A transform whose code cannot be hashed (a package that did not resolve) is never cached, nor one
// whose recipe entry says `"cache": false` (it reads more than it is given: the disk, the clock, the
// network); a file a transform threw on is not kept (it runs again next time).
// CODEMIGRATE_CODEMOD_CACHE=off turns the cache off for every transform.
// Entries are written to a temporary name and renamed into place: a reader sees a whole entry or
// none; one that does not parse is a miss and is written again.

import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { CodemodEngine, CodemodRun, FileOutcome, Leftover, SourceFile } from '../core/codemod.js';
import type { CodemodSpec } from '../core/recipe.js';
import { canonicalJson } from '../config/recipe-identity.js';
import { chooseJscodeshift } from './jscodeshift-package.js';
import { resolveTransformPath } from './load-transform.js';

/** Bumped when an entry's shape or meaning changes: older entries are then never read. */
const ENTRY_FORMAT = 1;

const ownRequire = createRequire(import.meta.url);
const OWN_VERSION = (ownRequire('../../package.json') as { version: string }).version;
const TS_MORPH_VERSION = (ownRequire('ts-morph/package.json') as { version: string }).version;

export interface ResultCacheOptions {
  /** The cache folder (`.git/codemigrate/cache/codemods`). */
  readonly dir: string;
  /** The hash of the transform's code, from the recipe's parts; undefined: not cacheable. */
  readonly transformHash: (spec: CodemodSpec) => string | undefined;
}

/** One file's outcome under a jscodeshift transform, with what it reported and printed on it. */
interface FileEntry {
  readonly outcome: FileOutcome;
  readonly reports: readonly Leftover[];
  readonly output?: string;
}

/** A whole ts-morph run over a step's files. */
interface RunEntry {
  readonly files: readonly FileOutcome[];
  readonly reports: readonly Leftover[];
  readonly output: CodemodRun['output'];
}

export function isResultCacheOff(env: NodeJS.ProcessEnv = process.env): boolean {
  return env['CODEMIGRATE_CODEMOD_CACHE'] === 'off';
}

/** `engine` with its results kept in, and taken from, the cache. */
export function withResultCache(engine: CodemodEngine, options: ResultCacheOptions): CodemodEngine {
  const store = entryStore(options.dir);
  return {
    check: (spec) => engine.check(spec),
    close: () => engine.close(),
    async run(spec, files, signal) {
      const key = specKey(spec, options.transformHash(spec));
      if (key === undefined) return engine.run(spec, files, signal);
      return spec.engine === 'jscodeshift' ? runPerFile(engine, store, key, spec, files, signal) : runWhole(engine, store, key, spec, files, signal);
    },
  };
}

async function runPerFile(engine: CodemodEngine, store: EntryStore, key: string, spec: CodemodSpec, files: readonly SourceFile[], signal?: AbortSignal): Promise<CodemodRun> {
  const keys = new Map(files.map((file) => [file.path, sha(`${key}\0${file.path}\0${file.text}`)] as const));
  const hits = new Map<string, FileEntry>();
  const entries = await Promise.all(files.map((file) => store.read<FileEntry>(keys.get(file.path)!)));
  files.forEach((file, index) => {
    const entry = entries[index];
    if (entry !== undefined && entry.outcome.path === file.path) hits.set(file.path, entry);
  });
  const misses = files.filter((file) => !hits.has(file.path));
  const fresh = misses.length > 0 ? await engine.run(spec, misses, signal) : undefined;
  if (fresh !== undefined) {
    for (const outcome of fresh.files) {
      const cacheKey = keys.get(outcome.path);
      if (cacheKey === undefined || outcome.status === 'error') continue;
      const printed = fresh.output.find((entry) => entry.file === outcome.path)?.text;
      await store.write(cacheKey, {
        outcome,
        reports: fresh.reports.filter((report) => report.file === outcome.path),
        ...(printed !== undefined && { output: printed }),
      } satisfies FileEntry);
    }
  }
  // In the order the files were given, as an uncached run gives them.
  const freshFiles = new Map(fresh?.files.map((outcome) => [outcome.path, outcome] as const));
  const outcomes: FileOutcome[] = [];
  const reports: Leftover[] = [];
  const output: { file: SourceFile['path']; text: string }[] = [];
  for (const file of files) {
    const hit = hits.get(file.path);
    if (hit !== undefined) {
      outcomes.push(hit.outcome);
      reports.push(...hit.reports.map((report) => ({ ...report, codemod: spec.name })));
      if (hit.output !== undefined) output.push({ file: file.path, text: hit.output });
      continue;
    }
    const outcome = freshFiles.get(file.path);
    if (outcome !== undefined) outcomes.push(outcome);
    reports.push(...(fresh?.reports.filter((report) => report.file === file.path) ?? []));
    output.push(...(fresh?.output.filter((entry) => entry.file === file.path) ?? []));
  }
  return {
    codemod: spec.name,
    ...(fresh?.jscodeshift !== undefined ? { jscodeshift: fresh.jscodeshift } : { jscodeshift: chooseJscodeshift(spec, resolveTransformPath(spec)).used }),
    files: outcomes,
    reports,
    output,
    durationMs: fresh?.durationMs ?? 0,
    cached: hits.size,
  };
}

async function runWhole(engine: CodemodEngine, store: EntryStore, key: string, spec: CodemodSpec, files: readonly SourceFile[], signal?: AbortSignal): Promise<CodemodRun> {
  const inputs = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const cacheKey = sha(`${key}\0${inputs.map((file) => `${file.path}\0${file.text}`).join('\0')}`);
  const hit = await store.read<RunEntry>(cacheKey);
  if (hit !== undefined) {
    return { codemod: spec.name, files: hit.files, reports: hit.reports.map((report) => ({ ...report, codemod: spec.name })), output: hit.output, durationMs: 0, cached: files.length };
  }
  const fresh = await engine.run(spec, files, signal);
  if (!fresh.files.some((outcome) => outcome.status === 'error')) {
    await store.write(cacheKey, { files: fresh.files, reports: fresh.reports, output: fresh.output } satisfies RunEntry);
  }
  return fresh;
}

/** Everything but the input that a transform's outcome depends on; undefined: do not cache. */
function specKey(spec: CodemodSpec, transformHash: string | undefined): string | undefined {
  if (transformHash === undefined || spec.cache === false) return undefined;
  let runner: unknown;
  if (spec.engine === 'jscodeshift') {
    try {
      runner = chooseJscodeshift(spec, resolveTransformPath(spec)).used;
    } catch {
      return undefined; // the engine will say why it cannot run
    }
  } else {
    runner = { tsMorph: TS_MORPH_VERSION };
  }
  return sha(
    JSON.stringify({
      format: ENTRY_FORMAT,
      codemigrate: OWN_VERSION,
      engine: spec.engine,
      transform: transformHash,
      runner,
      parser: spec.parser ?? null,
      options: JSON.parse(canonicalJson(spec.options)) as unknown,
      files: spec.files ?? null,
    }),
  );
}

interface EntryStore {
  read<T>(key: string): Promise<T | undefined>;
  write(key: string, entry: unknown): Promise<void>;
}

function entryStore(dir: string): EntryStore {
  const path = (key: string) => join(dir, key.slice(0, 2), `${key.slice(2)}.json`);
  return {
    async read<T>(key: string) {
      try {
        return JSON.parse(await readFile(path(key), 'utf8')) as T;
      } catch {
        return undefined; // absent, unreadable or half-written by a process that died: a miss
      }
    },
    async write(key, entry) {
      const file = path(key);
      const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      try {
        await mkdir(dirname(file), { recursive: true });
        await writeFile(temporary, JSON.stringify(entry));
        await rename(temporary, file);
      } catch {
        await rm(temporary, { force: true }); // a full or read-only disk: the next run computes again
      }
    },
  };
}

function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
