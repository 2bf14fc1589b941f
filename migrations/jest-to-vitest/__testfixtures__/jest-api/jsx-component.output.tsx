import { render, screen } from '@testing-library/react';
import { Button } from './Button';

vi.mock('./useTheme', () => ({
  useTheme: () => ({ color: 'red' }),

  get default() {
    return this;
  }
}));

it('clicks', () => {
  const onClick = vi.fn();
  render(<Button onClick={onClick}>Go</Button>);
  screen.getByText('Go').click();
  expect(onClick).toHaveBeenCalledWith(expect.anything());
});
