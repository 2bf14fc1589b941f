import { render } from "@testing-library/react";
import { Toggle } from "./Toggle";

const props = { isMenuOpen: false, setIsMenuOpen: jest.fn, onChange: jest.fn() };

it("renders", () => {
  render(<Toggle {...props} setSelected={jest.fn} onClick={jest.fn()} />);
  const factory = jest.fn;
  afterEach(jest.clearAllMocks);
  expect(factory).toBeDefined();
});
