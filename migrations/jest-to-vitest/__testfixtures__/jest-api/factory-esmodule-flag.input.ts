import mock from '../components/Mock';
import other from './other';

// Its default export is the object itself, as Jest's interop made it: a getter says so.
jest.mock('./other', () => ({ run: jest.fn() }));

test('a mock that says it is an ES module', () => {
  // Jest's interop read this object as a namespace as well: left as it is.
  jest.doMock('../components/Mock', () => ({
    __esModule: true,
    getMockData: () => 'newMockData',
  }));
  expect(mock.getMockData()).toBe('oldMockData');
  expect(other.run).toBeDefined();
});
