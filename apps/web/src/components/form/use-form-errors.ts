import { useEffect, useRef, useState } from 'react';
import { NO_ERRORS, type FormErrors } from '../../lib/form-errors';

/**
 * A form's errors, and the keyboard put where the problem is whenever they
 * are reported (after a check or an answer): on the first field in error,
 * else on the form's alert. Typing in a field clears its error.
 */
export function useFormErrors() {
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [reports, setReports] = useState(0);

  useEffect(() => {
    if (reports === 0) return;
    const form = formRef.current;
    const problem =
      form?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form?.querySelector<HTMLElement>('[data-form-error]');
    problem?.focus();
  }, [reports]);

  return {
    formRef,
    errors,
    report: (next: FormErrors) => {
      setErrors(next);
      setReports((count) => count + 1);
    },
    clear: () => setErrors(NO_ERRORS),
    clearField: (name: string) => {
      setErrors((current) =>
        current.fields[name]
          ? { ...current, fields: { ...current.fields, [name]: undefined } }
          : current,
      );
    },
  };
}
