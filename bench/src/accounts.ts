/** Signs up `email` on an AUTH_MODE=accounts system and returns headers with a new API token of it. */
export async function accountHeaders(
  baseUrl: string,
  email: string,
): Promise<Record<string, string>> {
  const signUp = await fetch(`${baseUrl}/api/v1/auth/sign-up`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'benchmark passphrase' }),
  });
  const cookie = signUp.headers.get('set-cookie')!.split(';')[0]!;
  const token = await fetch(`${baseUrl}/api/v1/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ name: 'bench' }),
  });
  return { authorization: `Bearer ${((await token.json()) as { token: string }).token}` };
}
