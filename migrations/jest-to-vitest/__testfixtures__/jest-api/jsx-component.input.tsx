import { render, screen } from '@testing-library/react';
import { Button } from './Button';

jest.mock('./useTheme', () => ({ useTheme: () => ({ color: 'red' }) }));

it('clicks', () => {
  const onClick = jest.fn();
  render(<Button onClick={onClick}>Go</Button>);
  screen.getByText('Go').click();
  expect(onClick).toHaveBeenCalledWith(expect.anything());
});
