/**
 * Signs up `email` on an AUTH_MODE=accounts system; returns the user's id and
 * headers with a new API token of theirs.
 */
export async function signUp(
  baseUrl: string,
  email: string,
): Promise<{ id: string; headers: Record<string, string> }> {
  const signedUp = await fetch(`${baseUrl}/api/v1/auth/sign-up`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'benchmark passphrase' }),
  });
  if (!signedUp.ok) throw new Error(`sign-up of ${email}: ${signedUp.status}`);
  const cookie = signedUp.headers.get('set-cookie')!.split(';')[0]!;
  const { user } = (await signedUp.json()) as { user: { id: string } };
  const token = await fetch(`${baseUrl}/api/v1/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ name: 'bench' }),
  });
  const headers = { authorization: `Bearer ${((await token.json()) as { token: string }).token}` };
  return { id: user.id, headers };
}

/** Signs up `email` on an AUTH_MODE=accounts system and returns headers with a new API token of it. */
export async function accountHeaders(
  baseUrl: string,
  email: string,
): Promise<Record<string, string>> {
  return (await signUp(baseUrl, email)).headers;
}
