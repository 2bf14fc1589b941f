// Pure: finds the report a runner printed as one JSON object amid other output on stdout.

/** Where the object opening at `start` closes (index after its '}'), or -1: braces counted outside strings. */
function objectEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

/**
 * Where a report may start: a '{' opening a line, or one directly before `"num` (Jest and Vitest
 * open their report with a count, and may print it after other text on the same line).
 */
function candidateStarts(text: string): number[] {
  const starts = new Set<number>();
  for (const match of text.matchAll(/^[ \t]*\{|\{"num/gm)) starts.add(match.index + match[0].length - 1);
  return [...starts].sort((a, b) => a - b);
}

/**
 * The largest top-level JSON object in `text` that has the key `key`, or undefined. Log lines
 * that look like JSON (a test printing `{"testResults": []}`) are passed over unless they are the
 * largest such object.
 */
export function findJsonObject(text: string, key: string): Record<string, unknown> | undefined {
  const whole = parseObject(text.trim());
  if (whole !== undefined && key in whole) return whole;
  let best: { readonly value: Record<string, unknown>; readonly size: number } | undefined;
  let scannedTo = 0;
  for (const start of candidateStarts(text)) {
    if (start < scannedTo) continue;
    const end = objectEnd(text, start);
    if (end === -1) continue;
    const value = parseObject(text.slice(start, end));
    if (value === undefined) continue;
    scannedTo = end;
    if (key in value && (best === undefined || end - start > best.size)) best = { value, size: end - start };
  }
  return best?.value;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
