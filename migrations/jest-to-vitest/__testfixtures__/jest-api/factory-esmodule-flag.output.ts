import mock from '../components/Mock';
import other from './other';

// Its default export is the object itself, as Jest's interop made it: a getter says so.
vi.mock('./other', () => ({
  run: vi.fn(),

  get default() {
    return this;
  }
}));

test('a mock that says it is an ES module', () => {
  // Jest's interop read this object as a namespace as well: left as it is.
  vi.doMock('../components/Mock', () => ({
    __esModule: true,
    getMockData: () => 'newMockData',
  }));
  expect(mock.getMockData()).toBe('oldMockData');
  expect(other.run).toBeDefined();
});
