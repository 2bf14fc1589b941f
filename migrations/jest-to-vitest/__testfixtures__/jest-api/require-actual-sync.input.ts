const real = jest.requireActual('./clock');

function load() {
  return jest.requireActual('./clock').now();
}

it('reads', async () => {
  const mocked = jest.requireMock('./clock');
  expect(mocked.now).toBeDefined();
  expect(load()).toBe(real.now());
});
