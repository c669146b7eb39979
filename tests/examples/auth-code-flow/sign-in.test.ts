/** examples/auth-code-flow/sign-in.ts against the real Keycloak, signed in over HTTP and in Chromium. */

import { signIn, startExample } from "../../support/examples";
import { describe, expect, test } from "../../support/fixtures";
import { HttpBrowser } from "../../support/http-browser";
import { ADMIN_USER_PASSWORD } from "../../support/realm";

describe("examples/auth-code-flow/sign-in.ts", () => {
  test.for(["client_secret_post", "client_secret_basic"])(
    "signs admin-user in with %s and prints the ID token's claims",
    async (method, { realm }) => {
      const result = await signIn({
        env: { ...realm.signInEnv, OIDC_CLIENT_AUTH_METHOD: method },
        username: "admin-user",
        password: ADMIN_USER_PASSWORD,
      });
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const issuer = `${realm.keycloakUrl}/realms/${realm.realm}`;
      expect(result.stdout).toContain(`Issuer (OpenMetadata's authority): ${issuer}\n`);
      expect(result.claims).toMatchObject({
        iss: issuer,
        aud: "open-metadata",
        azp: "open-metadata",
        preferred_username: "admin-user",
        email: "admin-user@example.com",
        email_verified: true,
        name: "Admin User",
      });
      expect(result.stdout).toMatch(/Refreshed: new access token valid for \d+ seconds/);
    },
  );

  test("prints the end-session URL, which ends the Keycloak session", async ({ realm }) => {
    const browser = new HttpBrowser();
    const result = await signIn({
      env: realm.signInEnv,
      username: "admin-user",
      password: ADMIN_USER_PASSWORD,
      browser,
    });
    const logoutUrl = result.logoutUrl ?? new URL("about:blank");
    expect(`${logoutUrl.origin}${logoutUrl.pathname}`).toBe(
      `${realm.keycloakUrl}/realms/${realm.realm}/protocol/openid-connect/logout`,
    );
    // Still signed in at Keycloak: a new sign-in goes straight back to the callback, without the form.
    const again = startExample("auth-code-flow/sign-in.ts", realm.signInEnv);
    try {
      const url = new URL((await again.waitFor(/sign in:\n(\S+)\n/))[1] ?? "");
      expect((await browser.request(url)).status).toBe(302);
      expect((await browser.request(logoutUrl)).status).toBe(200);
      expect((await browser.request(url)).status, "the login form, once the session has ended").toBe(200);
    } finally {
      again.stop();
    }
  });

  test("signs in in a real browser, on Keycloak's own login page", async ({ realm, browser }) => {
    const script = startExample("auth-code-flow/sign-in.ts", realm.signInEnv);
    const page = await (await browser.newContext()).newPage();
    try {
      await page.goto((await script.waitFor(/sign in:\n(\S+)\n/))[1] ?? "");
      await expect(page.title()).resolves.toBe(`Sign in to ${realm.realm}`);
      await page.fill("#username", "admin-user");
      await page.fill("#password", ADMIN_USER_PASSWORD);
      await page.click("#kc-login");
      await page.waitForURL(`${realm.callbackUrl}?**`);
      expect(await page.textContent("body")).toContain("Back from Keycloak");
      const result = await script.ended;
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('"preferred_username": "admin-user"');
    } finally {
      script.stop();
      await page.context().close();
    }
  });
});
