// Pure: a transform's text prefilter. A transform module may export `prefilter`: a string, a
// RegExp, or an array of strings. A file whose text contains none of them is reported 'skipped'
// without being parsed (FACTS.md: on real code a key string rules out most files, and parsing
// is the cost). The jscodeshift CLI ignores the export, so such a transform still runs there.

export type PrefilterSpec = string | RegExp | readonly string[];

/** true: the file may need the transform; false: it cannot, skip it unparsed. */
export type Prefilter = (text: string) => boolean;

/** Checks a module's `prefilter` export; a message for anything it cannot use. */
export function toPrefilter(value: unknown): { prefilter?: Prefilter; problem?: string } {
  if (value === undefined) return {};
  if (typeof value === 'string') return value === '' ? { problem: EMPTY } : { prefilter: (text) => text.includes(value) };
  if (value instanceof RegExp) {
    // A /g or /y RegExp keeps lastIndex between calls: test with a copy that has neither.
    const pattern = new RegExp(value.source, value.flags.replace(/[gy]/g, ''));
    return { prefilter: (text) => pattern.test(text) };
  }
  if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string' && item !== '')) {
    const needles = [...(value as string[])];
    return { prefilter: (text) => needles.some((needle) => text.includes(needle)) };
  }
  return { problem: `"prefilter" must be a non-empty string, a RegExp or a non-empty array of non-empty strings` };
}

const EMPTY = '"prefilter" is an empty string, which every file contains; remove it or name a string the transform needs';
