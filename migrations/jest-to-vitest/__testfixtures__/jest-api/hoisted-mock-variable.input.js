const mockHttp = jest.fn().mockReturnValue({
  on: jest.fn(),
  end: jest.fn(),
});
const mockBase = 'http://localhost';
const mockUrl = mockBase + '/path';

jest.mock('http', () => {
  return {
    request: mockHttp,
  };
});

jest.mock('./config', () => ({ url: mockUrl }));

it('pushes', () => {
  expect(mockHttp).not.toHaveBeenCalled();
});
