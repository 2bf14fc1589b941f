beforeEach(() => {
  jest.resetModules();
  jest.unmock('./feature');
  jest.dontMock('./other');
});

it('loads fresh', async () => {
  jest.doMock('./flags', () => ({ enabled: true }));
  const { run } = await import('./feature');
  expect(run()).toBe(true);
});

it('isolates', () => {
  jest.isolateModules(() => {
    require('./feature');
  });
});
