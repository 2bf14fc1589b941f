import React from 'react';
import { render, screen } from '@testing-library/react';
import '@testing-library/jest-dom/extend-expect';
import { Button } from './button';

require("@testing-library/jest-dom/extend-expect");

it('renders', () => {
  render(<Button />);
  expect(screen.getByRole('button')).toBeInTheDocument();
});
