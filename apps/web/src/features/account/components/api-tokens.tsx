import { TOKEN_NAME_MAX_LENGTH, characterLength } from '@taskoverflow/contracts/values';
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
import { fieldMessage, formErrorsFrom } from '../../../lib/form-errors';
import { useCreateToken, useRevokeToken, useTokens } from '../api/use-account';
import type { CreatedApiToken } from '../types';

const LABELS = { name: 'Name' };

/** API tokens for scripts: create one (its secret shown once), list them, revoke them. */
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
  // The secret lives here only, never in the query cache or in storage: gone with the page.
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const form = useFormErrors();
  const { errors, report, clear, clearField } = form;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    const trimmed = name.trim();
    if (trimmed === '')
      return report({ fields: { name: fieldMessage(LABELS.name, 'is required') } });
    if (characterLength(trimmed) > TOKEN_NAME_MAX_LENGTH)
      return report({
        fields: {
          name: fieldMessage(LABELS.name, `must be at most ${TOKEN_NAME_MAX_LENGTH} characters`),
        },
      });
    clear();
    create.mutate(trimmed, {
      onSuccess: (token) => {
        setName('');
        setCreated(token);
      },
      onError: (error) => report(formErrorsFrom(error, { labels: LABELS })),
    });
  };

  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId} ref={headingRef} tabIndex={-1}>
        API tokens
      </h3>
      <p className="hint">
        For scripts and curl: send one as <code>Authorization: Bearer &lt;token&gt;</code>. A token
        acts as you until you revoke it.
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
        <SubmitButton busy={create.isPending} busyText="Creating…">
          Create token
        </SubmitButton>
      </CheckedForm>
      <QueryContent query={tokens} what="your API tokens">
        {(list) =>
          list.length === 0 ? (
            <p className="empty-state">No API tokens yet.</p>
          ) : (
            <RevocableTable label="API tokens" columns={['Name', 'Created', 'Last used']}>
              {list.map((token) => (
                <tr key={token.id}>
                  <th scope="row">
                    <span className="cell-main">{token.name}</span>
                  </th>
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
