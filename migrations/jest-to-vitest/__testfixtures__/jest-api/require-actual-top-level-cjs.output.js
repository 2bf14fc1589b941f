const { helper } = require('./helper');

const actual = jest.requireActual('./helper');

vi.mock('./helper', async (importOriginal) => {
  const actual = await importOriginal();

  return {
    ...actual,
    helper: vi.fn(),

    get default() {
      return this;
    }
  };
});

it('replaces helper', () => {
  expect(helper).not.toBe(actual.helper);
});
