const { helper } = require('./helper');

const actual = jest.requireActual('./helper');

jest.mock('./helper', () => ({ ...actual, helper: jest.fn() }));

it('replaces helper', () => {
  expect(helper).not.toBe(actual.helper);
});
