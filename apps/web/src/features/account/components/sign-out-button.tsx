import { useNotify } from '../../../components/notices';
import { failureMessage } from '../../../lib/api-client';
import { useSignOut } from '../api/use-account';

/** Ends this session; the page shows the sign-in screen. */
export function SignOutButton() {
  const signOut = useSignOut();
  const notify = useNotify();
  return (
    <button
      type="button"
      aria-disabled={signOut.isPending || undefined}
      onClick={() =>
        signOut.isPending
          ? undefined
          : signOut.mutate(undefined, {
              onError: (error) =>
                notify({ tone: 'error', message: failureMessage('Could not sign out', error) }),
            })
      }
    >
      Sign out
    </button>
  );
}
