import {
  DEFAULT_TOKEN_SCOPE,
  TOKEN_NAME_MAX_LENGTH,
  characterLength,
  type TokenScope,
} from '@taskoverflow/contracts/values';
import { useId, useRef, useState, type FormEvent } from 'react';
import { QueryContent } from '../../../components/query-content';
import { CheckedForm } from '../../../components/form/checked-form';
import { SubmitButton } from '../../../components/form/submit-button';
import { TextField } from '../../../components/form/text-field';
import { useFormErrors } from '../../../components/form/use-form-errors';
import {
  RevocableTable,
  RevokeCell,
  TimeCell,
  useRevoke,
} from '../../../components/revocable-table';
import { ShownOnce } from '../../../components/shown-once';
import { fieldMessage, formErrorsFrom, hasErrors, type FormErrors } from '../../../lib/form-errors';
import { useCreateToken, useRevokeToken, useTokens } from '../api/use-account';
import type { CreatedApiToken } from '../types';
import { CURRENT_PASSWORD_LABEL, CurrentPasswordField } from './form-parts';
import { TokenScopePicker } from './token-scope-picker';

const LABELS = { name: 'Name', current_password: CURRENT_PASSWORD_LABEL };

/** What is wrong with the token form's fields, as the API would say it. */
function problemsOf(name: string, currentPassword: string): FormErrors {
  const problems: FormErrors = { fields: {} };
  if (name === '') problems.fields.name = fieldMessage(LABELS.name, 'is required');
  else if (characterLength(name) > TOKEN_NAME_MAX_LENGTH)
    problems.fields.name = fieldMessage(
      LABELS.name,
      `must be at most ${TOKEN_NAME_MAX_LENGTH} characters`,
    );
  if (currentPassword === '')
    problems.fields.current_password = fieldMessage(LABELS.current_password, 'is required');
  return problems;
}

/**
 * API tokens for scripts: create one with a scope (its secret shown once;
 * the password proves it is the account's owner, not a borrowed session),
 * list them with their last use, revoke them.
 */
export function ApiTokens() {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const tokens = useTokens();
  const create = useCreateToken();
  const { revoke, isRevoking } = useRevoke(useRevokeToken(), {
    // Its row, and the focused button in it, are gone: keep the keyboard in this section.
    onRevoked: () => headingRef.current?.focus(),
    revoked: (token) => `Revoked “${token.name}”.`,
    failed: (token) => `Could not revoke “${token.name}”`,
  });
  const [name, setName] = useState('');
  const [scope, setScope] = useState<TokenScope>(DEFAULT_TOKEN_SCOPE);
  const [currentPassword, setCurrentPassword] = useState('');
  // The secret lives here only, never in the query cache or in storage: gone with the page.
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const form = useFormErrors();
  const { errors, report, clear, clearField } = form;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    const trimmed = name.trim();
    const problems = problemsOf(trimmed, currentPassword);
    if (hasErrors(problems)) return report(problems);
    clear();
    create.mutate(
      { name: trimmed, scope, currentPassword },
      {
        onSuccess: (token) => {
          setName('');
          setCurrentPassword('');
          setScope(DEFAULT_TOKEN_SCOPE);
          setCreated(token);
        },
        onError: (error) => report(formErrorsFrom(error, { labels: LABELS })),
      },
    );
  };

  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId} ref={headingRef} tabIndex={-1}>
        API tokens
      </h3>
      <p className="hint">
        For scripts and curl: send one as <code>Authorization: Bearer &lt;token&gt;</code>. A token
        acts as you, within its scope, until you revoke it or change your password. No token can
        manage your account.
      </p>
      {created && (
        <ShownOnce
          heading={`New token “${created.name}”`}
          warning="Copy it now: it will not be shown again. TaskOverflow keeps only a fingerprint of it."
          label="Token"
          value={created.token}
          onDone={() => {
            setCreated(null);
            nameRef.current?.focus();
          }}
        />
      )}
      <CheckedForm state={form} aria-label="Create an API token" onSubmit={submit}>
        <TextField
          name="name"
          label={LABELS.name}
          autoComplete="off"
          hint="What it is for, e.g. “backup script”."
          value={name}
          onChange={(value) => {
            setName(value);
            clearField('name');
          }}
          error={errors.fields.name}
          inputRef={nameRef}
        />
        <TokenScopePicker value={scope} onChange={setScope} />
        <CurrentPasswordField
          hint="Making a token needs your password."
          value={currentPassword}
          onChange={(value) => {
            setCurrentPassword(value);
            clearField('current_password');
          }}
          error={errors.fields.current_password}
        />
        <SubmitButton busy={create.isPending} busyText="Creating…">
          Create token
        </SubmitButton>
      </CheckedForm>
      <QueryContent query={tokens} what="your API tokens">
        {(list) =>
          list.length === 0 ? (
            <p className="empty-state">No API tokens yet.</p>
          ) : (
            <RevocableTable label="API tokens" columns={['Name', 'Scope', 'Created', 'Last used']}>
              {list.map((token) => (
                <tr key={token.id}>
                  <th scope="row">
                    <span className="cell-main">{token.name}</span>
                  </th>
                  <td>{token.scope}</td>
                  <TimeCell at={token.created_at} />
                  <TimeCell at={token.last_used_at} otherwise="Never" />
                  <RevokeCell
                    label={`Revoke “${token.name}”`}
                    question={`Revoke “${token.name}”? Scripts that use it stop working at once.`}
                    confirm="Revoke token"
                    busy={isRevoking(token)}
                    onConfirm={() => revoke(token)}
                  />
                </tr>
              ))}
            </RevocableTable>
          )
        }
      </QueryContent>
    </section>
  );
}
