import type { FormEvent, ReactNode } from 'react';
import { FormAlert } from './form-alert';
import type { useFormErrors } from './use-form-errors';

/** A form's name: the heading it sits under, or words of its own. */
type FormName = { 'aria-labelledby': string } | { 'aria-label': string };

/**
 * A form that checks its fields itself (`noValidate`: no browser bubbles, the
 * API's words instead), with its refusal that belongs to no field first, where
 * `useFormErrors` puts the keyboard.
 */
export function CheckedForm({
  state: { formRef, errors },
  className = 'inline-form',
  onSubmit,
  children,
  ...name
}: FormName & {
  state: Pick<ReturnType<typeof useFormErrors>, 'formRef' | 'errors'>;
  className?: string;
  onSubmit: (event: FormEvent) => void;
  children: ReactNode;
}) {
  return (
    <form ref={formRef} className={className} {...name} onSubmit={onSubmit} noValidate>
      <FormAlert message={errors.form} />
      {children}
    </form>
  );
}
