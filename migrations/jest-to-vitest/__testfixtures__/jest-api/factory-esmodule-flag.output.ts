import mock from '../components/Mock';
import other from './other';

// Reported: the default import would find no `default`.
vi.mock('./other', () => ({ run: vi.fn() }));

test('a mock that says it is an ES module', () => {
  // Jest's interop read this object as a namespace as well: not reported.
  vi.doMock('../components/Mock', () => ({
    __esModule: true,
    getMockData: () => 'newMockData',
  }));
  expect(mock.getMockData()).toBe('oldMockData');
  expect(other.run).toBeDefined();
});
