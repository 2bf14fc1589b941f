beforeEach(() => {
  vi.resetModules();
  vi.unmock('./feature');
  vi.doUnmock('./other');
});

it('loads fresh', async () => {
  vi.doMock('./flags', () => ({
    enabled: true,

    get default() {
      return this;
    }
  }));
  const { run } = await import('./feature');
  expect(run()).toBe(true);
});

it('isolates', () => {
  jest.isolateModules(() => {
    require('./feature');
  });
});
