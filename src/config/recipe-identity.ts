// What a recipe is, for a run that must not mix two versions of it: its meaning (the validated
// content, description aside) and the bytes of every file it runs (transforms with the local
// modules they import, model instructions, modules.includeFrom, scripts its commands run from
// beside it). Each part is hashed on its own, so a resumed run can say which part changed and
// which steps it touches (src/app/recipe-change.ts).

import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { RecipeIdentity } from '../core/recipe.js';

/** Files of one part: the entry's bytes and those of the local modules it imports, transitively. */
const MAX_FILES_PER_PART = 500;

/** Extensions a relative import may leave out, or write as `.js` for a TypeScript file. */
const IMPORT_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.json'];

export interface IdentityInputs {
  /** The validated recipe content (schema output, so defaults and key order do not matter). */
  readonly content: Readonly<Record<string, unknown>>;
  /** Part name ("steps[0].codemod") → the file it runs, or a marker when it cannot be read. */
  readonly files: ReadonlyMap<string, FileRef>;
}

export type FileRef = { readonly path: string } | { readonly unresolved: string };

export function recipeIdentity(inputs: IdentityInputs): RecipeIdentity {
  const parts: Record<string, string> = {};
  for (const [key, value] of Object.entries(inputs.content)) {
    // The description says what the recipe is for, $schema where an editor finds its schema: they change no result.
    if (key === 'description' || key === '$schema') continue;
    parts[`recipe.${key}`] = sha(canonicalJson(value));
  }
  for (const [name, ref] of inputs.files) parts[name] = 'path' in ref ? fileTreeHash(ref.path) : sha(`unresolved:${ref.unresolved}`);
  const sorted = Object.fromEntries(Object.entries(parts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { hash: sha(JSON.stringify(sorted)), parts: sorted };
}

/** JSON with object keys sorted at every level: equal content, equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/**
 * The entry file's bytes and, transitively, those of the relative imports it names (`./x`, `../y`),
 * each with its path relative to the entry's folder, so a changed helper module changes the hash.
 * Package imports are not followed: their versions are the project's lockfile's business. By hand:
 * a full module graph would need the transform's own resolver; relative specifiers found by a
 * pattern cover how codemods split themselves into files, and a miss only costs a missed report.
 */
export function fileTreeHash(entry: string): string {
  const hash = createHash('sha256');
  const root = dirname(entry);
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0 && seen.size < MAX_FILES_PER_PART) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      hash.update(`missing:${relative(root, file)}\0`);
      continue;
    }
    // Paths relative to the entry's folder: the hash does not depend on where the recipe is checked out.
    hash.update(`${relative(root, file)}\0${bytes.length}\0`).update(bytes);
    if (file.endsWith('.json')) continue;
    for (const specifier of relativeImports(bytes.toString('utf8'))) {
      const target = resolveRelative(dirname(file), specifier);
      if (target !== undefined && !seen.has(target)) queue.push(target);
    }
  }
  return hash.digest('hex');
}

const IMPORT_PATTERN = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)(['"])(\.{1,2}\/[^'"\n]*)\1/g;

function relativeImports(text: string): string[] {
  return [...text.matchAll(IMPORT_PATTERN)].map((match) => match[2]!);
}

function resolveRelative(dir: string, specifier: string): string | undefined {
  const base = resolve(dir, specifier);
  const stem = base.replace(/\.(m|c)?js$/, '');
  const candidates = [base, ...IMPORT_EXTENSIONS.map((ext) => `${stem}${ext}`), ...IMPORT_EXTENSIONS.map((ext) => join(base, `index${ext}`))];
  return candidates.find(isFile);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
