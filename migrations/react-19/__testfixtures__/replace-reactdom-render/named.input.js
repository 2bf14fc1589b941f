import { render, unmountComponentAtNode, createPortal } from 'react-dom';
import { Widget } from './widget';

export function mount(node) {
  render(<Widget />, node);
  return () => {
    unmountComponentAtNode(node);
  };
}

export function portal(children, node) {
  return createPortal(children, node);
}
