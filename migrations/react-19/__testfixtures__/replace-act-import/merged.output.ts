import { useState, act } from 'react';
import { Simulate } from 'react-dom/test-utils';

export function click(button: HTMLButtonElement) {
  act(() => {
    Simulate.click(button);
  });
  return useState;
}
