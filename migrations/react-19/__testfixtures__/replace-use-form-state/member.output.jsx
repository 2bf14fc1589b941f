import { useState, useActionState } from 'react';

export function Form({ action }) {
  const [state, dispatch] = useActionState(action, null);
  const [open] = useState(false);
  return <form action={dispatch}>{open && state}</form>;
}
