// Jest 24's jasmine2 runner gave these (graphql/dataloader's unhandled.test.js).
vi.setConfig({
  testTimeout: 20000
});

it('sees an unhandled rejection', async () => {
  let seen = false;
  process.removeAllListeners('unhandledRejection');
  process.on('unhandledRejection', () => {
    seen = true;
  });
  Promise.reject(new Error('x'));
  await new Promise(resolve => setTimeout(resolve, 10));
  expect(seen).toBe(true);
  expect({ a: 1, b: 2 }).toEqual(expect.objectContaining({ a: expect.any(Number) }));
  const spy = jasmine.createSpy('spy');
  expect(spy).not.toHaveBeenCalled();
});
