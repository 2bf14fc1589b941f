import React from 'react';
import { render, screen } from '@testing-library/react';
import '@testing-library/jest-dom';
import { Button } from './button';

require("@testing-library/jest-dom");

it('renders', () => {
  render(<Button />);
  expect(screen.getByRole('button')).toBeInTheDocument();
});
