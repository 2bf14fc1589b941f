import React from 'react';
import ReactDOM from 'react-dom';
import { act } from 'react-dom/test-utils';
import { Hello } from './hello';

it('renders and unmounts in one scope', () => {
  const container = document.createElement('div');
  ReactDOM.render(<Hello />, container);
  ReactDOM.unmountComponentAtNode(container);
});

it('renders inside act', () => {
  const container = document.createElement('div');
  act(() => {
    ReactDOM.render(<Hello />, container);
  });
  expect(container.textContent).toBe('Hello');
  ReactDOM.unmountComponentAtNode(container);
});
