import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN_USER_PASSWORD,
  freeAppUrl,
  HttpBrowser,
  keycloak,
  provision,
  type RunningApp,
  removeRealm,
  signInAtKeycloak,
  startApp,
} from "../../support/examples-kit";

const realm = "login-check";

interface Me {
  principal: string;
  email: string;
  claims: Record<string, unknown>;
  userInfo: Record<string, unknown>;
}

describe.each(["client_secret_post", "client_secret_basic"])("examples/auth-code-flow/app.ts with %s", (method) => {
  let app: RunningApp;
  let appUrl: string;
  let secret: string;

  beforeAll(async () => {
    appUrl = await freeAppUrl();
    await removeRealm(`${realm}-${method}`);
    ({ secret } = await provision(`${realm}-${method}`, appUrl));
    app = await startApp(appUrl, {
      KEYCLOAK_URL: keycloak().url,
      KEYCLOAK_REALM: `${realm}-${method}`,
      OIDC_CLIENT_SECRET: secret,
      OIDC_CLIENT_AUTH_METHOD: method,
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("signs admin-user in through Keycloak's login form and derives the OpenMetadata principal", async () => {
    const browser = new HttpBrowser();
    const callback = await signInAtKeycloak(browser, appUrl, "admin-user", ADMIN_USER_PASSWORD);
    expect(`${callback.origin}${callback.pathname}`).toBe(`${appUrl}/callback`);
    expect(callback.searchParams.get("code")).toBeTruthy();
    expect(callback.searchParams.get("iss")).toBe(`${keycloak().url}/realms/${realm}-${method}`);

    const landed = await browser.request(callback);
    expect(HttpBrowser.location(landed, callback).href).toBe(`${appUrl}/`);

    const me = (await (await browser.request(`${appUrl}/me`)).json()) as Me;
    expect(me.principal).toBe("admin-user");
    expect(me.email).toBe("admin-user@example.com");
    expect(me.claims).toMatchObject({
      iss: `${keycloak().url}/realms/${realm}-${method}`,
      aud: "open-metadata",
      azp: "open-metadata",
      preferred_username: "admin-user",
      email: "admin-user@example.com",
      email_verified: true,
      name: "Admin User",
    });
    expect(me.userInfo).toMatchObject({ sub: me.claims.sub, preferred_username: "admin-user" });
  });

  it("refreshes the tokens, then logs out at Keycloak so the next sign-in asks for the password again", async () => {
    const browser = new HttpBrowser();
    await browser.request(await signInAtKeycloak(browser, appUrl, "admin-user", ADMIN_USER_PASSWORD));

    const refreshed = await browser.request(`${appUrl}/refresh`);
    expect(refreshed.status).toBe(200);
    expect(await refreshed.json()).toMatchObject({ refreshed: true, expiresIn: expect.any(Number) });

    const logout = HttpBrowser.location(await browser.request(`${appUrl}/logout`), `${appUrl}/logout`);
    expect(`${logout.origin}${logout.pathname}`).toBe(
      `${keycloak().url}/realms/${realm}-${method}/protocol/openid-connect/logout`,
    );
    expect(logout.searchParams.get("post_logout_redirect_uri")).toBe(`${appUrl}/`);
    const backHome = HttpBrowser.location(await browser.request(logout), logout);
    expect(backHome.href).toBe(`${appUrl}/`);
    expect((await browser.request(`${appUrl}/me`)).status).toBe(401);

    // Keycloak's own session is gone too: /login shows the login form instead of signing in silently.
    const login = HttpBrowser.location(await browser.request(`${appUrl}/login`), `${appUrl}/login`);
    const page = await browser.request(login);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('id="kc-form-login"');
  });
});
