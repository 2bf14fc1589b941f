import mock from '../components/Mock';

test('a test for single mock', async () => {
  // doMock applies to this test only
  vi.doMock('../components/Mock', () => ({
    __esModule: true,
    getMockData: () => 'newMockData',
  }));
  expect(mock.getMockData()).toBe('oldMockData');
  const mock1 = await import('../components/Mock');
  expect(mock1.getMockData()).toBe('newMockData');
  expect((await import('../components/Service')).default.data()).toBe('newMockData');
  const fixture = require('./fixture.json');
  expect(fixture).toBeDefined();
});

test('required before the doMock', () => {
  const before = require('../components/Mock');
  vi.doMock('../components/Mock', () => ({ __esModule: true, getMockData: () => 'x' }));
  expect(before.getMockData()).toBe('oldMockData');
});

function helper() {
  // Not a test callback: making it async would change what its callers get.
  vi.doMock('../components/Mock', () => ({ __esModule: true }));
  return require('../components/Mock');
}
