import Widget from './Widget';

jest.mock('./Widget', () => ({
  __esModule: true,
  default: jest.fn().mockImplementation((props) => ({ props })),
}));

const render = jest.fn((x: number) => x * 2);

it('builds', () => {
  expect(Widget).toBeDefined();
  expect(render(1)).toBe(2);
});
