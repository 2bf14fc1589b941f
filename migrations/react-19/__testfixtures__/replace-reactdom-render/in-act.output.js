import React from 'react';
import { createRoot } from 'react-dom/client';
import { act } from 'react-dom/test-utils';
import { Hello } from './hello';

it('renders and unmounts in one scope', () => {
  const container = document.createElement('div');
  const root = createRoot(container);
  root.render(<Hello />);
  root.unmount();
});

it('renders inside act', () => {
  const container = document.createElement('div');
  const root2 = createRoot(container);
  act(() => {
    root2.render(<Hello />);
  });
  expect(container.textContent).toBe('Hello');
  root2.unmount();
});
