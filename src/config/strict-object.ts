// Strict objects whose unknown keys are reported one per line, with a suggestion for a near miss:
// `unknown key "isolaton" (did you mean "isolation"?)`.

import { z } from 'zod';
import { API_KEY_PATTERN, apiKeyMessage } from './config-file.js';

export function strictObject<const T extends z.core.$ZodLooseShape>(shape: T) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? issue.keys.map((key) => unknownKeyMessage(key, known)).join('\n') : undefined,
  });
}

export function unknownKeyMessage(key: string, known: readonly string[]): string {
  if (API_KEY_PATTERN.test(key)) return apiKeyMessage(key);
  const suggestion = closest(key, known);
  return suggestion === undefined
    ? `unknown key ${JSON.stringify(key)}`
    : `unknown key ${JSON.stringify(key)} (did you mean ${JSON.stringify(suggestion)}?)`;
}

function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // A third of the word's length: catches typos without suggesting unrelated keys.
  return bestDistance <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
