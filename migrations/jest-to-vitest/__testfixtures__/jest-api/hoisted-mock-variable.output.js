const mockHttp = vi.hoisted(() => vi.fn().mockReturnValue({
  on: vi.fn(),
  end: vi.fn(),
}));
const mockBase = 'http://localhost';
const mockUrl = mockBase + '/path';

vi.mock('http', () => {
  return {
    request: mockHttp,
  };
});

vi.mock('./config', () => ({ url: mockUrl }));

it('pushes', () => {
  expect(mockHttp).not.toHaveBeenCalled();
});
