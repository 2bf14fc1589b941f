/** @jest-environment jsdom */
import '@testing-library/jest-dom/vitest';
import { render, screen } from '@testing-library/react';
import { Modal } from './Modal';

it('shows the title', () => {
  render(<Modal title="Hi" />);
  expect(screen.getByText('Hi')).toBeInTheDocument();
  expect(screen.getByRole('dialog')).not.toHaveClass('hidden');
});
