/** A browser's cookies, enough for a redirect flow: per origin, without paths or expiry dates. */
export class CookieJar {
  private readonly byOrigin = new Map<string, Map<string, string>>();

  header(url: string): string {
    const cookies = this.byOrigin.get(new URL(url).origin) ?? new Map<string, string>();
    return [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  store(url: string, response: Response): void {
    const origin = new URL(url).origin;
    const cookies = this.byOrigin.get(origin) ?? new Map<string, string>();
    this.byOrigin.set(origin, cookies);
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const [name = '', value = ''] = pair.split(/=(.*)/s);
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute));
      if (expired || value === '') cookies.delete(name.trim());
      else cookies.set(name.trim(), value);
    }
  }
}

export interface ProviderFlow {
  /** The app's real base URL, and the PUBLIC_URL it names itself by (what the provider sends the browser back to). */
  appBase: string;
  publicUrl: string;
  jar: CookieJar;
}

/**
 * Walks a browser through a sign-in at the test provider from `startUrl` (the
 * app's start of it): follows redirects, fills its development login form with
 * `login`, confirms its consent form, and returns the app's answer to the
 * provider's redirect back (its cookies stored in the jar).
 */
export async function signInAtProvider(
  startUrl: string,
  login: string,
  { appBase, publicUrl, jar }: ProviderFlow,
): Promise<Response> {
  const callback = `${appBase}/api/v1/auth/oidc/callback`;
  let request: { url: string; form?: URLSearchParams } = { url: startUrl };
  for (let hop = 0; hop < 20; hop++) {
    const url = request.url.startsWith(publicUrl)
      ? appBase + request.url.slice(publicUrl.length)
      : request.url;
    const response = await fetch(url, {
      method: request.form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: jar.header(url) },
      ...(request.form && { body: request.form }),
    });
    jar.store(url, response);
    if (url.startsWith(callback)) return response;
    const location = response.headers.get('location');
    if (location) {
      request = { url: new URL(location, url).href };
      continue;
    }
    const html = await response.text();
    const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
    if (!form) throw new Error(`no form at ${url} (${response.status}): ${html.slice(0, 300)}`);
    const fields = new URLSearchParams();
    for (const [, name = '', value = ''] of form[2]!.matchAll(
      /<input[^>]*name="([^"]+)"(?:[^>]*value="([^"]*)")?/g,
    ))
      fields.set(name, value);
    if (fields.has('login')) {
      fields.set('login', login);
      fields.set('password', 'any password');
    }
    request = { url: new URL(form[1]!, url).href, form: fields };
  }
  throw new Error('the sign-in took more than 20 hops');
}
