import { useId, useRef, useState, type FormEvent } from 'react';
import { useNotify } from '../../../components/notices';
import { QueryContent } from '../../../components/query-content';
import { TableScroll } from '../../../components/table-scroll';
import { failureMessage } from '../../../lib/api-client';
import { formatTime } from '../../../lib/format-time';
import { fieldMessage, formErrorsFrom } from '../../../lib/form-errors';
import { TOKEN_NAME_MAX_LENGTH } from '../account-forms';
import { useCreateToken, useRevokeToken, useTokens } from '../api/use-account';
import type { ApiTokenSummary, CreatedApiToken } from '../types';
import { ConfirmButton } from '../../../components/confirm-button';
import { ShownOnce } from '../../../components/shown-once';
import { FormAlert } from '../../../components/form/form-alert';
import { SubmitButton } from '../../../components/form/submit-button';
import { TextField } from '../../../components/form/text-field';
import { useFormErrors } from '../../../components/form/use-form-errors';

/** API tokens for scripts: create one (its secret shown once), list them, revoke them. */
export function ApiTokens() {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const notify = useNotify();
  const [name, setName] = useState('');
  // The secret lives here only, never in the query cache or in storage: gone with the page.
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const { formRef, errors, report, clear, clearField } = useFormErrors();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    const trimmed = name.trim();
    if (trimmed === '') return report({ fields: { name: fieldMessage('Name', 'is required') } });
    if ([...trimmed].length > TOKEN_NAME_MAX_LENGTH)
      return report({
        fields: {
          name: fieldMessage('Name', `must be at most ${TOKEN_NAME_MAX_LENGTH} characters`),
        },
      });
    clear();
    create.mutate(trimmed, {
      onSuccess: (token) => {
        setName('');
        setCreated(token);
      },
      onError: (error) => report(formErrorsFrom(error, { labels: { name: 'Name' } })),
    });
  };

  const revokeToken = (token: ApiTokenSummary) =>
    revoke.mutate(token, {
      onSuccess: () => {
        // Its row, and the focused button in it, are gone: keep the keyboard in this section.
        headingRef.current?.focus();
        notify({ tone: 'info', message: `Revoked “${token.name}”.` });
      },
      onError: (error) =>
        notify({
          tone: 'error',
          message: failureMessage(`Could not revoke “${token.name}”`, error),
        }),
    });

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
      <form
        ref={formRef}
        className="inline-form"
        aria-label="Create an API token"
        onSubmit={submit}
        noValidate
      >
        <FormAlert message={errors.form} />
        <TextField
          name="name"
          label="Name"
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
      </form>
      <QueryContent query={tokens} what="your API tokens">
        {(list) =>
          list.length === 0 ? (
            <p className="empty-state">No API tokens yet.</p>
          ) : (
            <TableScroll label="API tokens">
              <table className="data-table">
                <caption className="visually-hidden">API tokens</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Created</th>
                    <th scope="col">Last used</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((token) => (
                    <tr key={token.id}>
                      <th scope="row">
                        <span className="cell-main">{token.name}</span>
                      </th>
                      <td>
                        <time dateTime={token.created_at}>{formatTime(token.created_at)}</time>
                      </td>
                      <td>
                        {token.last_used_at ? (
                          <time dateTime={token.last_used_at}>
                            {formatTime(token.last_used_at)}
                          </time>
                        ) : (
                          <span className="hint">Never</span>
                        )}
                      </td>
                      <td className="actions-cell">
                        <ConfirmButton
                          label={`Revoke “${token.name}”`}
                          question={`Revoke “${token.name}”? Scripts that use it stop working at once.`}
                          confirm="Revoke token"
                          busy={revoke.isPending && revoke.variables.id === token.id}
                          onConfirm={() => revokeToken(token)}
                        >
                          Revoke
                        </ConfirmButton>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )
        }
      </QueryContent>
    </section>
  );
}
