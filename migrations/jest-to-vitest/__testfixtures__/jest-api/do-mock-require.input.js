import mock from '../components/Mock';

test('a test for single mock', () => {
  // doMock applies to this test only
  jest.doMock('../components/Mock', () => ({
    __esModule: true,
    getMockData: () => 'newMockData',
  }));
  expect(mock.getMockData()).toBe('oldMockData');
  const mock1 = require('../components/Mock');
  expect(mock1.getMockData()).toBe('newMockData');
  expect(require('../components/Service').default.data()).toBe('newMockData');
  const fixture = require('./fixture.json');
  expect(fixture).toBeDefined();
});

test('required before the doMock', () => {
  const before = require('../components/Mock');
  jest.doMock('../components/Mock', () => ({ __esModule: true, getMockData: () => 'x' }));
  expect(before.getMockData()).toBe('oldMockData');
});

function helper() {
  // Not a test callback: making it async would change what its callers get.
  jest.doMock('../components/Mock', () => ({ __esModule: true }));
  return require('../components/Mock');
}
