// A test that reads the command line, as a CLI library's do (commander's `program.parse()`): run
// by the project's runner in band, it must see none of the flags run-tests.mjs gives that runner.
test('process.argv holds no flag of the runner', () => {
  expect(process.argv.filter((arg) => arg.startsWith('-'))).toEqual([]);
});
