import * as React from 'react';

export function Field(props: { children: React.ReactChild }): JSX.Element {
  const input = React.useRef<HTMLInputElement>();
  let node: HTMLDivElement | null = null;
  return (
    <div ref={(current) => (node = current)}>
      <input ref={input} />
      {props.children}
    </div>
  );
}
