// Pure: what a snapshot's test name (its key without the counter) becomes under Vitest. Jest joins
// describe and test titles with ' ' and appends a hint as ': hint'; Vitest joins all three with
// ' > ' (`@vitest/snapshot`: `[name, hint].join(' > ')`, `getNames(test).slice(1).join(' > ')`).
// Names are mapped from the literal titles of the test file; a title computed at run time is
// mapped only when its describes are literal and no other test could have written the key.

import type { CollectedTest, TestTitles, Title } from './test-titles.js';

export type NameLookup =
  /** Already what Vitest writes (also: a top-level test without a hint, the same in both). */
  | { readonly kind: 'keep' }
  | { readonly kind: 'rename'; readonly name: string }
  | { readonly kind: 'report'; readonly why: string };

const SEPARATOR = ' > ';
const JEST_HINT = ': ';
const ANYTHING = '[\\s\\S]*';

// A `.each` title without `%` or `$` reads the same in every row and in both runners: Jest 29
// interpolates only its placeholders (jest-each's array.ts / template.ts append nothing), and
// Vitest formats only as many values as the title has `%`s (`formatTitle` in @vitest/runner).
const isLiteral = (title: Title): title is Title & { text: string } => title.text !== undefined && !(title.each && /[%$]/.test(title.text));
const isStatic = (test: CollectedTest): boolean => !test.detached && test.titles.every(isLiteral);
const jestName = (titles: readonly string[]): string => titles.join(' ');
// Vitest leaves out suites without a name; Jest keeps their empty title.
const vitestName = (titles: readonly string[]): string =>
  titles.filter((title, index) => index === titles.length - 1 || title !== '').join(SEPARATOR);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A title's literal pieces: `.each` formats in printf placeholders and `$name.path`. */
function literalPieces(title: Title): readonly string[] {
  const pieces = title.text !== undefined ? [title.text] : (title.pieces ?? ['', '']);
  return title.each ? pieces.flatMap((piece) => piece.split(/%[psdifjoO#%$]|\$[\w#][\w.]*/)) : pieces;
}

interface DynamicTest {
  readonly test: CollectedTest;
  readonly jest: RegExp;
  readonly vitest: RegExp;
  /** How many characters of its name are literal: the most literal match is the likeliest source. */
  readonly literal: number;
  /** Literal describes around a title computed by plain JS, which both runners see alike. */
  readonly describes?: readonly string[];
}

function toDynamic(test: CollectedTest): DynamicTest {
  // `.each` appends the values no placeholder took, after a space.
  const parts = test.titles.map((title) => literalPieces(title).map(escapeRegExp).join(ANYTHING) + (title.each ? ANYTHING : ''));
  const pattern = (separator: string, hint: string) =>
    new RegExp(`^${test.detached ? `(?:${ANYTHING}${separator})?` : ''}${parts.join(separator)}(?:${hint}${ANYTHING})?$`);
  const describes = test.titles.slice(0, -1);
  const own = test.titles.at(-1);
  const mappable = !test.detached && own !== undefined && !own.each && describes.every(isLiteral);
  return {
    test,
    jest: pattern(' ', JEST_HINT),
    vitest: pattern(SEPARATOR, SEPARATOR),
    literal: test.titles.reduce((sum, title) => sum + literalPieces(title).join('').length, 0),
    ...(mappable ? { describes: describes.map((title) => title.text ?? '') } : {}),
  };
}

function describeDynamic(test: CollectedTest, where: string): string {
  if (test.detached) return `its test (${where}) is declared in a helper function, so its describe titles are known only where it is called`;
  if (test.titles.some((title) => title.each && !isLiteral(title))) return `its title comes from \`.each\` (${where}), which Jest and Vitest may format differently (\`$name\` prints a string as "a" in Jest, 'a' in Vitest)`;
  const own = test.titles.at(-1);
  return `${own?.text === undefined ? 'its title' : 'the title of a describe around it'} is computed at run time (${where})`;
}

export function buildNameLookup({ tests, hasDescribe }: TestTitles, testPath: string): (name: string) => NameLookup {
  const byJestName = new Map<string, Map<string, number[]>>();
  const vitestNames = new Set<string>();
  for (const test of tests.filter(isStatic)) {
    const titles = test.titles.map((title) => title.text ?? '');
    const vitest = vitestName(titles);
    vitestNames.add(vitest);
    const targets = byJestName.get(jestName(titles)) ?? new Map<string, number[]>();
    targets.set(vitest, [...(targets.get(vitest) ?? []), test.line]);
    byJestName.set(jestName(titles), targets);
  }
  const dynamic = tests.filter((test) => !isStatic(test)).map(toDynamic).sort((a, b) => b.literal - a.literal);

  const renameTo = (jest: string, suffix: string): NameLookup => {
    const targets = [...(byJestName.get(jest) ?? [])];
    if (targets.length === 1) return { kind: 'rename', name: targets[0]![0] + suffix };
    const lines = targets.map(([vitest, at]) => `${JSON.stringify(vitest)} (line ${at.join(', ')})`).join(' and ');
    return { kind: 'report', why: `tests of ${testPath} with different describes share Jest's name ${JSON.stringify(jest)}: ${lines}` };
  };

  const fromDynamic = (name: string): NameLookup | undefined => {
    const sources = dynamic.filter((candidate) => candidate.jest.test(name));
    const [source] = sources;
    if (source === undefined) return undefined;
    const prefix = source.describes?.map((title) => `${title} `).join('');
    const own = prefix === undefined ? undefined : name.slice(prefix.length);
    // `a: b` may be a title or a title and a hint: only a key without ': ' maps for sure.
    if (sources.length === 1 && source.describes && own !== undefined && !own.includes(JEST_HINT)) {
      return { kind: 'rename', name: vitestName([...source.describes, own]) };
    }
    return { kind: 'report', why: describeDynamic(source.test, `line ${source.test.line} of ${testPath}`) };
  };

  return (name) => {
    if (vitestNames.has(name)) return { kind: 'keep' };
    if (byJestName.has(name)) return renameTo(name, '');
    if ([...vitestNames].some((vitest) => name.startsWith(vitest + SEPARATOR))) return { kind: 'keep' };
    // The longest name wins: a title may itself contain ': '.
    const hinted = [...byJestName.keys()].filter((jest) => name.startsWith(jest + JEST_HINT)).sort((a, b) => b.length - a.length)[0];
    if (hinted !== undefined) return renameTo(hinted, SEPARATOR + name.slice(hinted.length + JEST_HINT.length));
    // A test outside any describe writes the same key in both, unless it has a hint.
    if (!(hasDescribe && name.includes(' ')) && !name.includes(JEST_HINT)) return { kind: 'keep' };
    // Checked first: a computed title's Jest pattern (`describe ${anything}`) matches Vitest's keys too.
    if (name.includes(SEPARATOR) && dynamic.some((candidate) => candidate.vitest.test(name))) return { kind: 'keep' };
    const found = fromDynamic(name);
    if (found) return found;
    return {
      kind: 'report',
      why: `no test of ${testPath} has this name: its title is computed at run time, or the snapshot is obsolete (Jest lists it as such; then delete it)`,
    };
  };
}
