const tests = [
  ['required', { type: 'required' }, { input: { type: 'required' } }],
  ['pattern', { type: 'pattern' }, { input: { type: 'pattern' } }],
];
const delays = [10, 20];

it.each(tests)('%s', (_, input, output) => {
  expect(setError(input)).toEqual(output);
});

it.each(delays)('waits %i ms', (ms) => new Promise<void>((resolve, reject) => {
  const done = (error?: unknown) => error ? reject(error) : resolve();
  setTimeout(done, ms);
}));

it.each([[1, 2]])('adds %i and %i', (a, b) => new Promise<void>((done) => {
  expect(a + b).toBe(3);
  done();
}));
