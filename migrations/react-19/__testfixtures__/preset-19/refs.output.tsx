import * as React from 'react';

import type { JSX } from "react";

export function Field(props: { children: React.ReactElement | number | string }): JSX.Element {
  const input = React.useRef<HTMLInputElement>(undefined);
  let node: HTMLDivElement | null = null;
  return (
    <div ref={current => {
      (node = current);
    }}>
      <input ref={input} />
      {props.children}
    </div>
  );
}
