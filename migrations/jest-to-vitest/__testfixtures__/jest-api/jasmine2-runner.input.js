// Jest 24's jasmine2 runner gave these (graphql/dataloader's unhandled.test.js).
jasmine.DEFAULT_TIMEOUT_INTERVAL = 20000;

it('sees an unhandled rejection', async () => {
  let seen = false;
  global.jasmine.process.removeAllListeners('unhandledRejection');
  global.jasmine.process.on('unhandledRejection', () => {
    seen = true;
  });
  Promise.reject(new Error('x'));
  await new Promise(resolve => setTimeout(resolve, 10));
  expect(seen).toBe(true);
  expect({ a: 1, b: 2 }).toEqual(jasmine.objectContaining({ a: jasmine.any(Number) }));
  const spy = jasmine.createSpy('spy');
  expect(spy).not.toHaveBeenCalled();
});
