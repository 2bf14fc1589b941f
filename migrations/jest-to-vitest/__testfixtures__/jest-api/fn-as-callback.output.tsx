import { render } from "@testing-library/react";
import { Toggle } from "./Toggle";

const props = { isMenuOpen: false, setIsMenuOpen: vi.fn(), onChange: vi.fn() };

it("renders", () => {
  render(<Toggle {...props} setSelected={vi.fn()} onClick={vi.fn()} />);
  const factory = vi.fn;
  afterEach(() => {
    vi.clearAllMocks();
  });
  expect(factory).toBeDefined();
});
