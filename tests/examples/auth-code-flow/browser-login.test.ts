import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../support/chromium";
import {
  ADMIN_USER_PASSWORD,
  freeAppUrl,
  keycloak,
  provision,
  type RunningApp,
  removeRealm,
  startApp,
} from "../../support/examples-kit";

const realm = "browser-check";

describe("signing in with a real browser on Keycloak's own login page", () => {
  let browser: Browser;
  let app: RunningApp;
  let appUrl: string;

  beforeAll(async () => {
    appUrl = await freeAppUrl();
    await removeRealm(realm);
    const { secret } = await provision(realm, appUrl);
    [browser, app] = await Promise.all([
      launchChromium(),
      startApp(appUrl, { KEYCLOAK_URL: keycloak().url, KEYCLOAK_REALM: realm, OIDC_CLIENT_SECRET: secret }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([browser?.close(), app?.stop()]);
  });

  it("lands back in the app as admin-user, with the ID token's claims and the derived principal", async () => {
    const page = await browser.newPage();
    await page.goto(`${appUrl}/login`);
    await page.waitForURL(`${keycloak().url}/realms/${realm}/protocol/openid-connect/auth?**`);
    await expect(page.title()).resolves.toBe(`Sign in to ${realm}`);

    await page.fill("#username", "admin-user");
    await page.fill("#password", ADMIN_USER_PASSWORD);
    await page.click("#kc-login");
    await page.waitForURL(`${appUrl}/`);

    const me = JSON.parse((await page.textContent("body")) ?? "{}");
    expect(me).toMatchObject({
      principal: "admin-user",
      email: "admin-user@example.com",
      claims: { iss: `${keycloak().url}/realms/${realm}`, aud: "open-metadata", preferred_username: "admin-user" },
    });
  });
});
