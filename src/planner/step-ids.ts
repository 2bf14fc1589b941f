// Pure: stable, ref-safe step ids, derived only from module path and chunk number — never from
// order or time — so the same recipe over the same files gives the same ids.
//
// Invariants: ids use only [a-z0-9._-], neither start nor end with "-" or ".", have no "/" (so no
// id is a folder of another ref), no "..", do not end in ".lock", are never "base" or "result",
// and are unique within a plan.

import { createHash } from 'node:crypto';
import type { StepId } from '../core/plan.js';
import { RESERVED_STEP_IDS } from '../core/plan.js';
import { ROOT_MODULE } from './modules.js';

export interface StepKey {
  readonly module: string;
  readonly chunk: number;
  /** How many chunks the module was split into; the chunk shows in the id only when > 1. */
  readonly chunks: number;
}

const MAX_SLUG_LENGTH = 60;

/** The module path as an id fragment, and whether information was lost on the way. */
export function slugModule(module: string): { slug: string; lossy: boolean } {
  if (module === ROOT_MODULE) return { slug: 'root', lossy: false };
  const lower = module.toLowerCase();
  const plain = lower.replaceAll('/', '-');
  // git refuses ".." anywhere in a ref name.
  let slug = trim(plain.replace(/[^a-z0-9._-]+/g, '-').replace(/\.{2,}/g, '-'));
  let lossy = lower !== module || slug !== plain;
  if (slug.length > MAX_SLUG_LENGTH) {
    slug = trim(slug.slice(0, MAX_SLUG_LENGTH));
    lossy = true;
  }
  if (slug === '') return { slug: 'module', lossy: true };
  return { slug, lossy };
}

/** Each key with its id, in the same order. An id does not depend on the order of the keys. */
export function assignStepIds<K extends StepKey>(keys: readonly K[]): (K & { readonly id: StepId })[] {
  const candidates = keys.map((key) => {
    const { slug, lossy } = slugModule(key.module);
    const base = key.chunks > 1 ? `${slug}-${key.chunk}` : slug;
    const needsHash = lossy || isReserved(base) || base.endsWith('.lock');
    return { key, base, hashLength: needsHash ? 8 : 0 };
  });
  // Every member of a collision group gets (a longer) hash, so no member depends on which came first.
  for (;;) {
    const ids = candidates.map((candidate) => idOf(candidate));
    const counts = new Map<string, number>();
    for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
    const colliding = candidates.filter((_, index) => (counts.get(ids[index] ?? '') ?? 0) > 1);
    if (colliding.length === 0) return candidates.map(({ key }, index) => ({ ...key, id: ids[index] as StepId }));
    for (const candidate of colliding) {
      if (candidate.hashLength >= 40) throw new Error(`step id collision for ${candidate.key.module}#${candidate.key.chunk}`);
      candidate.hashLength = candidate.hashLength === 0 ? 8 : Math.min(40, candidate.hashLength * 2);
    }
  }
}

function idOf(candidate: { key: StepKey; base: string; hashLength: number }): string {
  if (candidate.hashLength === 0) return candidate.base;
  const hash = createHash('sha1').update(`${candidate.key.module}#${candidate.key.chunk}`).digest('hex');
  return `${candidate.base}-${hash.slice(0, candidate.hashLength)}`;
}

const isReserved = (id: string): boolean => (RESERVED_STEP_IDS as readonly string[]).includes(id);

const trim = (text: string): string => text.replace(/^[-.]+|[-.]+$/g, '');
