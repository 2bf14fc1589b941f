import Widget from './Widget';

vi.mock('./Widget', () => ({
  __esModule: true,
  default: vi.fn().mockImplementation(function(props) {
    return {
      props
    };
  }),
}));

const render = vi.fn((x: number) => x * 2);

it('builds', () => {
  expect(Widget).toBeDefined();
  expect(render(1)).toBe(2);
});
