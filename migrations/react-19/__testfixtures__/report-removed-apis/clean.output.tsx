import { useRef } from 'react';

export function Field({ label = 'Name' }: { label?: string }) {
  const ref = useRef<HTMLInputElement>(null);
  return (
    <label>
      {label}
      <input ref={ref} />
    </label>
  );
}
