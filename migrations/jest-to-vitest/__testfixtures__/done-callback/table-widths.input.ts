// Jest appends `done` only when the callback declares more parameters (before the first default)
// than the row has values (jest-each's bind.ts: `params.length < test.length`).
const base = ['en', 'US'] as const;
const first = ['a', 1, true];
const second = ['b', 2, false];
const cases = [
  ['x', 1, 'x1'],
  ['y', 2, 'y2'],
];
const delays = [10, 20];

it.each([['a', 1, true] as const, ['b', 2, false] as const])('row %s', (name, count, flag) => {
  expect(check(name, count)).toBe(flag);
});

it.each([first, second])('held row %s', (name, count, flag) => {
  expect(check(name, count)).toBe(flag);
});

it.each([[...base, 'formal']])('locale %s', (language, region, style) => {
  expect(format(language, region, style)).toBeDefined();
});

it.each(cases)('joins %s', (text, n, expected) => {
  expect(`${text}${n}`).toBe(expected);
});

it.each([['a', 1]])('defaults %s', (name, count, label = name) => {
  expect(label).toBe(name);
});

it.only.each([[1, 2, 3]])('adds %i and %i', (a, b, sum) => {
  expect(a + b).toBe(sum);
});

it.each(delays)('waits %i ms', (ms, done) => {
  setTimeout(done, ms);
});

it.each(cases)('calls back %s', (text, n, expected, cb) => {
  cb();
});

test.each`
  a    | b
  ${1} | ${2}
`('template $a', ({ a, b }, done) => {
  expect(a).toBeLessThan(b);
  done();
});

it.skip.each([{ a: 1 }, [2, 3]])('mixed rows', (a, b) => {
  expect(a).toBeDefined();
  b();
});

// Rows of different widths: `done` would be the second argument of one row and the third of the other.
it.each([[1], [1, 2]])('uneven %i', (a, b, done) => {
  expect(a).toBe(1);
  done();
});

// Rows from a call: their widths cannot be told here.
it.each(makeRows())('computed %s', (row, done) => {
  expect(row).toBeDefined();
  done();
});
