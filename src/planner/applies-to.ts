// Pure: whether a recipe applies to a repository, from the package.json texts and the file paths
// at the source commit. A recipe without `appliesTo` applies everywhere; one with it applies when
// ANY package.json lists one of its dependencies OR ANY file matches one of its globs. Installed
// packages (anything under a node_modules folder) are not the project: they never count.

import { posix } from 'node:path';
import picomatch from 'picomatch';
import type { AppliesTo } from '../core/recipe.js';

export const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

export interface ManifestText {
  readonly path: string;
  readonly text: string;
}

export type Applicability = { readonly applies: true } | { readonly applies: false; readonly reason: string };

export function checkAppliesTo(appliesTo: AppliesTo | undefined, manifests: readonly ManifestText[], files: readonly string[]): Applicability {
  if (appliesTo === undefined) return { applies: true };
  const ownManifests = manifests.filter((manifest) => posix.basename(manifest.path) === 'package.json' && !inNodeModules(manifest.path));
  const unreadable: string[] = [];
  if (appliesTo.dependencies.length > 0) {
    const wanted = dependencyMatcher(appliesTo.dependencies);
    for (const manifest of ownManifests) {
      const names = dependencyNames(manifest.text);
      if (names === undefined) unreadable.push(manifest.path);
      else if (names.some(wanted)) return { applies: true };
    }
  }
  if (appliesTo.files.length > 0) {
    const matches = picomatch([...appliesTo.files], { dot: true });
    if (files.some((path) => !inNodeModules(path) && matches(path))) return { applies: true };
  }
  const reasons: string[] = [];
  if (appliesTo.dependencies.length > 0) reasons.push(`no package.json lists ${either(appliesTo.dependencies)}`);
  if (appliesTo.files.length > 0) reasons.push(`no file matches ${either(appliesTo.files)}`);
  const skipped = unreadable.length === 0 ? '' : ` (not a JSON object, so not read: ${unreadable.sort().slice(0, 3).join(', ')}${unreadable.length > 3 ? ` and ${unreadable.length - 3} more` : ''})`;
  return { applies: false, reason: `${reasons.join(', and ')}${skipped}` };
}

/** Exact names, or a whole scope written "@scope/*" (the schema allows no other pattern). */
function dependencyMatcher(names: readonly string[]): (name: string) => boolean {
  const exact = new Set(names.filter((name) => !name.endsWith('/*')));
  const scopes = names.filter((name) => name.endsWith('/*')).map((name) => name.slice(0, -1));
  return (name) => exact.has(name) || scopes.some((scope) => name.startsWith(scope));
}

/** The names in the dependency fields, or undefined when the text is not a JSON object. */
function dependencyNames(text: string): string[] | undefined {
  const pkg = parseJson(text);
  if (!isRecord(pkg)) return undefined;
  return DEPENDENCY_FIELDS.flatMap((field) => {
    const deps = pkg[field];
    return isRecord(deps) ? Object.keys(deps) : [];
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function inNodeModules(path: string): boolean {
  return path.split('/').includes('node_modules');
}

/** "a", "a or b", "a, b or c". */
function either(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}
