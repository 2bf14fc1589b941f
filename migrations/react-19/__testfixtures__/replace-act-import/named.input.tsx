import React from 'react';
import { act } from 'react-dom/test-utils';
import { Counter } from './Counter';

it('counts', () => {
  act(() => {
    render(<Counter />);
  });
});
