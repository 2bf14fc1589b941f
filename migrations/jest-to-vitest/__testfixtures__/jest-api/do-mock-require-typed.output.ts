import mock from '../components/Mock';

test('a test for single mock', async () => {
  vi.doMock('../components/Mock', () => ({ __esModule: true, getMockData: () => 'newMockData' }));
  const mock1 = await import('../components/Mock') as any;
  expect(mock1.getMockData()).toBe('newMockData');
  expect(mock.getMockData()).toBe('oldMockData');
});
