// Pure: which files of a step a request shows, and how much of each. A request carries what the
// model needs for the work at hand, not the whole step: the files a leftover or a failure names
// (all of them when nothing is named), each whole up to a size cap, beyond it the regions around
// the named lines with an outline of the rest. What is not shown is named, and cannot be edited.

export interface ScopeLimits {
  /** A file above this many bytes is sent as an excerpt. */
  readonly maxFileBytes: number;
  /** The shown text of all files together stays under this; files past it are named only. */
  readonly maxRequestBytes: number;
}

export const DEFAULT_SCOPE_LIMITS: ScopeLimits = { maxFileBytes: 16_000, maxRequestBytes: 120_000 };

export interface ScopedFile {
  readonly path: string;
  /** The whole text, or the excerpt's rendering (shown lines verbatim, gaps marked). */
  readonly text: string;
  /** Set when only part of the file is shown: a whole-file rewrite of it is refused. */
  readonly excerpt?: { readonly totalLines: number; readonly shownLines: number };
}

export interface ScopedRequest {
  readonly files: readonly ScopedFile[];
  /** Files of the step the request names without showing (nothing points at them, or no room). */
  readonly notShown: readonly { readonly path: string; readonly why: 'not named' | 'no room' }[];
}

/** Lines on each side of a named line. */
const CONTEXT_LINES = 25;
const NARROW_CONTEXT_LINES = 8;
/** Lines that give a file's shape: top-level declarations and test blocks. */
const OUTLINE = /^(?:(?:export\s+)?(?:default\s+)?(?:async\s+)?(?:function|class|interface|type|enum|const|let|var|import|namespace|declare)\b|module\.exports|exports\.|\s*(?:describe|it|test|beforeEach|afterEach|beforeAll|afterAll)(?:\.\w+)*\s*\()/;
const MAX_OUTLINE_LINES = 200;
const STEP_FILES_LINE = /^files \(\d+\): .*$/gm;
/** The longest gap marker line, newlines included: "⋯ lines 123456–123457 not shown ⋯\n". */
const MARKER_BYTES = 48;

/**
 * Where the step's files are named in what the request says of the work (the codemods' leftovers,
 * verify output and errors of earlier attempts): `path:line`, `path(line,col)` or the bare path.
 */
export function namedLines(paths: readonly string[], history: string): Map<string, number[]> {
  const named = new Map<string, number[]>();
  const add = (path: string, line: number | undefined) => {
    const lines = named.get(path) ?? [];
    if (line !== undefined && Number.isInteger(line) && line > 0) lines.push(line);
    named.set(path, lines);
  };
  // The history's step header lists every file of the step (src/compact/compact-history.ts): that
  // names no work.
  const text = history.replace(STEP_FILES_LINE, '');
  for (const path of paths) {
    const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // A whole path: not "src/a.ts" inside "xsrc/a.ts" or "src/a.tsx" or "src/a.ts.snap". After a
    // "/" it counts (an absolute or "./" path); a false match only shows one file more.
    const mention = new RegExp(`(?<![\\w.-])${escaped}(?![\\w-]|\\.\\w)(?:[:(](\\d+))?`, 'g');
    for (const match of text.matchAll(mention)) add(path, match[1] === undefined ? undefined : Number(match[1]));
  }
  return named;
}

export function scopeRequest(
  files: readonly { readonly path: string; readonly text: string }[],
  named: ReadonlyMap<string, readonly number[]>,
  limits: ScopeLimits = DEFAULT_SCOPE_LIMITS,
): ScopedRequest {
  // With nothing named (a first attempt the recipe always sends to the model), every file counts.
  const wanted = named.size === 0 ? files : files.filter((file) => named.has(file.path));
  const notShown: { path: string; why: 'not named' | 'no room' }[] = files.filter((file) => !wanted.includes(file)).map((file) => ({ path: file.path, why: 'not named' as const }));
  const shown: ScopedFile[] = [];
  let room = limits.maxRequestBytes;
  // Files with named lines first, then the smaller ones: the most work per byte.
  const order = [...wanted].sort((a, b) => (named.get(b.path)?.length ?? 0) - (named.get(a.path)?.length ?? 0) || byteLength(a.text) - byteLength(b.text));
  for (const file of order) {
    const cap = Math.min(limits.maxFileBytes, room);
    const scoped = byteLength(file.text) <= cap ? { path: file.path, text: file.text } : excerptOf(file, named.get(file.path) ?? [], cap);
    if (scoped === undefined) {
      notShown.push({ path: file.path, why: 'no room' });
      continue;
    }
    shown.push(scoped);
    room -= byteLength(scoped.text);
  }
  const position = new Map(files.map((file, index) => [file.path, index]));
  shown.sort((a, b) => position.get(a.path)! - position.get(b.path)!);
  return { files: shown, notShown };
}

/** The named regions (or the head when none is named) and the outline of the rest, within `cap`. */
function excerptOf(file: { path: string; text: string }, lines: readonly number[], cap: number): ScopedFile | undefined {
  const all = file.text.split('\n');
  for (const context of [CONTEXT_LINES, NARROW_CONTEXT_LINES]) {
    const keep = new Set<number>();
    const targets = lines.filter((line) => line <= all.length);
    if (targets.length === 0) {
      // Nothing named inside the file: its head, as much as half the cap holds.
      let bytes = 0;
      for (let index = 0; index < all.length && bytes + byteLength(all[index]!) + 1 <= cap / 2; index += 1) {
        keep.add(index);
        bytes += byteLength(all[index]!) + 1;
      }
    }
    for (const line of targets) for (let index = Math.max(0, line - 1 - context); index < Math.min(all.length, line + context); index += 1) keep.add(index);
    // The outline fills what room is left: each line costs itself and, at worst, a gap marker.
    let room = cap - byteLength(render(all, keep));
    let outline = 0;
    for (let index = 0; index < all.length && outline < MAX_OUTLINE_LINES; index += 1) {
      if (keep.has(index) || !OUTLINE.test(all[index]!)) continue;
      const cost = byteLength(all[index]!) + MARKER_BYTES;
      if (cost > room) break;
      keep.add(index);
      room -= cost;
      outline += 1;
    }
    const text = render(all, keep);
    // An excerpt must show something of the file; with no room for a line, the file is named only.
    if (keep.size > 0 && byteLength(text) <= cap) return { path: file.path, text, excerpt: { totalLines: all.length, shownLines: keep.size } };
  }
  return undefined;
}

/** Shown lines verbatim, in order; each gap one marker line that names the lines left out. */
function render(all: readonly string[], keep: ReadonlySet<number>): string {
  const out: string[] = [];
  let gapStart: number | undefined;
  for (let index = 0; index <= all.length; index += 1) {
    if (index < all.length && !keep.has(index)) {
      gapStart ??= index;
      continue;
    }
    if (gapStart !== undefined) {
      out.push(gapStart + 1 === index ? `⋯ line ${index} not shown ⋯` : `⋯ lines ${gapStart + 1}–${index} not shown ⋯`);
      gapStart = undefined;
    }
    if (index < all.length) out.push(all[index]!);
  }
  return out.join('\n');
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
