import { useState } from 'react';
import { act, Simulate } from 'react-dom/test-utils';

export function click(button: HTMLButtonElement) {
  act(() => {
    Simulate.click(button);
  });
  return useState;
}
