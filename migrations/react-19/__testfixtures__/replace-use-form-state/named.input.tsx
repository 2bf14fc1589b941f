import { useFormState, useFormStatus } from 'react-dom';
import { increment } from './actions';

export function Counter() {
  const [count, formAction] = useFormState(increment, 0);
  const { pending } = useFormStatus();
  return <form action={formAction}>{count}{pending ? '…' : ''}</form>;
}
