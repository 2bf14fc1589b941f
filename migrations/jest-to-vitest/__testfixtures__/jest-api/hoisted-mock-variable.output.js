const mockHttp = vi.hoisted(() => vi.fn().mockReturnValue({
  on: vi.fn(),
  end: vi.fn(),
}));
const mockBase = 'http://localhost';
const mockUrl = mockBase + '/path';

vi.mock('http', () => {
  return {
    request: mockHttp,

    get default() {
      return this;
    }
  };
});

vi.mock('./config', () => ({
  url: mockUrl,

  get default() {
    return this;
  }
}));

it('pushes', () => {
  expect(mockHttp).not.toHaveBeenCalled();
});
