const real = await vi.importActual<any>('./clock');

function load() {
  return jest.requireActual('./clock').now();
}

it('reads', async () => {
  const mocked = await vi.importMock<any>('./clock');
  expect(mocked.now).toBeDefined();
  expect(load()).toBe(real.now());
});
