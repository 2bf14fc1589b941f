it('fails', (done) => {
  done.fail('nope');
});

it('async with done', async (done) => {
  await thing();
  done();
});

it.each(rows())('table %i', (a, b, done) => {
  done();
});

it('no done', () => {
  expect(true).toBe(true);
});
