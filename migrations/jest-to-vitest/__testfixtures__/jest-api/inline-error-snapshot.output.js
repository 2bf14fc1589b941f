test('calling "run" without a promise results in an early error', () => {
  expect(() => run()).toThrow(
    expect.objectContaining({
      message: "The argument passed to useAsync().run must be a promise. Maybe a function that's passed isn't returning anything?"
    }),
  );
});

test('a rejection', async () => {
  await expect(load()).rejects.toThrow(expect.objectContaining({
    message: "Request failed: \"404\""
  }));
});

test('left as they were: causes on several lines, escaped text, no snapshot yet', () => {
  expect(() => run()).toThrowErrorMatchingInlineSnapshot(`
"outer
Cause: inner"
`);
  expect(() => run()).toThrowErrorMatchingInlineSnapshot(`"say \\"hi\\""`);
  expect(() => run()).toThrowErrorMatchingInlineSnapshot();
});

test('a message over several lines, indented as Jest writes it', async () => {
  await expect(validate()).rejects.toThrow(expect.objectContaining({
    message: "✖ Validation Error:\n\n  Invalid value for '[Function]': null\n\n  Function task should return a string"
  }))
})
