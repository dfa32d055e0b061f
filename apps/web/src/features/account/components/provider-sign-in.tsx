import { useId, useState } from 'react';
import { useSignInProviders } from '../api/use-account';

/**
 * What the server said when it sent the browser back from the provider
 * (`?<param>=…`), read once and then taken out of the address, so that a
 * reload does not say it again.
 */
function useReturnMessage(param: string): string | null {
  const [message] = useState(() => {
    const url = new URL(window.location.href);
    const value = url.searchParams.get(param);
    if (value !== null) {
      url.searchParams.delete(param);
      window.history.replaceState(window.history.state, '', url);
    }
    return value;
  });
  return message;
}

/**
 * The OpenID Connect button, when the server has a provider: a plain link,
 * since the sign-in is a round trip of the whole page through the provider.
 * `linking`: shown signed in, where it links the provider to the account.
 */
export function ProviderSignIn({ linking = false }: { linking?: boolean }) {
  const providers = useSignInProviders();
  const problem = useReturnMessage(linking ? 'link_error' : 'sign_in_error');
  const linked = useReturnMessage('linked') !== null && linking;
  const oidc = providers.data?.oidc;
  return (
    <>
      {problem && (
        <p className="auth-reason" role="alert">
          {problem}
        </p>
      )}
      {linked && (
        <p className="hint" role="status">
          Linked: you can sign in with it from now on.
        </p>
      )}
      {oidc && (
        <p className="provider-sign-in">
          <a className="button" href={oidc.url}>
            {linking ? `Link: ${oidc.label}` : oidc.label}
          </a>
        </p>
      )}
    </>
  );
}

/** The Account page's part: link the provider to the account signed in, so that it can sign in with it. */
export function LinkProvider() {
  const headingId = useId();
  const oidc = useSignInProviders().data?.oidc;
  if (!oidc) return null;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>Sign-in with a provider</h3>
      <p className="hint">
        Link this account to your identity at the provider, then sign in with “{oidc.label}” instead
        of your password. It signs in as this account only once linked here.
      </p>
      <ProviderSignIn linking />
    </section>
  );
}
