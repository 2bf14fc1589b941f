import { createPortal } from 'react-dom';
import { Widget } from './widget';

import { createRoot } from 'react-dom/client';

export function mount(node) {
  const root = createRoot(node);
  root.render(<Widget />);
  return () => {
    root.unmount();
  };
}

export function portal(children, node) {
  return createPortal(children, node);
}
