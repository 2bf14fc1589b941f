const real = await vi.importActual<typeof import('./clock')>('./clock');

function load() {
  return jest.requireActual('./clock').now();
}

it('reads', async () => {
  const mocked = await vi.importMock<typeof import('./clock')>('./clock');
  expect(mocked.now).toBeDefined();
  expect(load()).toBe(real.now());
});
