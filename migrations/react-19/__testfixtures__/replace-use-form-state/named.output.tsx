import { useFormStatus } from 'react-dom';
import { increment } from './actions';

import { useActionState } from 'react';

export function Counter() {
  const [count, formAction] = useActionState(increment, 0);
  const { pending } = useFormStatus();
  return <form action={formAction}>{count}{pending ? '…' : ''}</form>;
}
