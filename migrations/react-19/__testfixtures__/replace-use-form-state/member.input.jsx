import { useState } from 'react';
import ReactDOM from 'react-dom';

export function Form({ action }) {
  const [state, dispatch] = ReactDOM.useFormState(action, null);
  const [open] = useState(false);
  return <form action={dispatch}>{open && state}</form>;
}
