/**
 * A browser without JavaScript: fetch with a cookie jar, taking redirects one at a time, and
 * Keycloak's own login form filled in as a reader would.
 */
import { parse } from "node-html-parser";
import { CookieJar } from "tough-cookie";

export class HttpBrowser {
  readonly jar = new CookieJar();

  /** `fetch`: how to connect, e.g. one that trusts a private certificate authority (tests/support/tls.ts). */
  constructor(private readonly options: { fetch?: typeof fetch } = {}) {}

  async request(url: string | URL, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const cookie = await this.jar.getCookieString(url.toString());
    const response = await (this.options.fetch ?? fetch)(url, {
      method: init.method ?? (init.form ? "POST" : "GET"),
      redirect: "manual",
      headers: {
        ...(cookie ? { Cookie: cookie } : {}),
        ...(init.form ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
      },
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    });
    for (const setCookie of response.headers.getSetCookie()) {
      await this.jar.setCookie(setCookie, url.toString(), { ignoreError: true });
    }
    return response;
  }

  /** The Location of a redirect, resolved against the request URL; fails on anything but a redirect. */
  static location(response: Response, from: string | URL): URL {
    const location = response.headers.get("location");
    if (response.status < 300 || response.status > 399 || !location) {
      throw new Error(`Expected a redirect from ${from}, got ${response.status}`);
    }
    return new URL(location, from);
  }
}

/**
 * Opens Keycloak's authorization URL and signs `username` in with Keycloak's own login form
 * (form#kc-form-login). Returns where Keycloak sends the browser next, not yet visited: the callback
 * with a code, or with an error when Keycloak refuses before showing the form.
 */
export async function signInAtKeycloak(
  browser: HttpBrowser,
  authorizationUrl: URL,
  username: string,
  password: string,
): Promise<URL> {
  const page = await browser.request(authorizationUrl);
  if (page.status >= 300 && page.status < 400) return HttpBrowser.location(page, authorizationUrl);
  const html = await page.text();
  const form = parse(html).querySelector("form#kc-form-login");
  if (!form) {
    throw new Error(
      `Keycloak showed no login form at ${authorizationUrl} (HTTP ${page.status}):\n${html.slice(0, 2000)}`,
    );
  }
  const action = new URL(form.getAttribute("action") ?? "", authorizationUrl);
  const submitted = await browser.request(action, { form: { username, password, credentialId: "" } });
  if (submitted.status === 200) {
    const title = /<title>([^<]*)<\/title>/.exec(await submitted.text())?.[1];
    throw new Error(`Keycloak did not accept the sign-in of ${username}; it showed "${title}" (a required action?).`);
  }
  return HttpBrowser.location(submitted, action);
}

/** The text of Keycloak's error page (the one shown for an unknown client or redirect URI). */
export async function keycloakErrorPage(response: Response): Promise<string> {
  const message = parse(await response.text()).querySelector("#kc-error-message .instruction");
  if (!message) throw new Error(`Keycloak answered ${response.status} without its error page.`);
  return message.text.trim();
}
