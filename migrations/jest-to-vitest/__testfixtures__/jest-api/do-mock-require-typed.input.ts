import mock from '../components/Mock';

test('a test for single mock', () => {
  jest.doMock('../components/Mock', () => ({ __esModule: true, getMockData: () => 'newMockData' }));
  const mock1 = require('../components/Mock');
  expect(mock1.getMockData()).toBe('newMockData');
  expect(mock.getMockData()).toBe('oldMockData');
});
