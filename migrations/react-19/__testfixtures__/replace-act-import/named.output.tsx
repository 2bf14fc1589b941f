import React, { act } from 'react';
import { Counter } from './Counter';

it('counts', () => {
  act(() => {
    render(<Counter />);
  });
});
