/**
 * The ways a Keycloak sign-in goes wrong that the guide warns about, one test each, named as what
 * it ensures, each checking the message a reader would see.
 */
import * as client from "openid-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  discoverKeycloak,
  explain,
  finishLogin,
  type OidcSettings,
  startLogin,
} from "../../../examples/auth-code-flow/oidc";
import {
  ADMIN_USER_PASSWORD,
  AppExited,
  adminClient,
  freeAppUrl,
  HttpBrowser,
  keycloak,
  provision,
  type RunningApp,
  removeRealm,
  signInAtKeycloak,
  startApp,
  submitKeycloakLogin,
} from "../../support/examples-kit";

const realm = "failure-modes";
let appUrl: string;
let secret: string;
let settings: OidcSettings;
const running: RunningApp[] = [];

async function appWith(env: Record<string, string>): Promise<RunningApp> {
  const app = await startApp(appUrl, {
    KEYCLOAK_URL: keycloak().url,
    KEYCLOAK_REALM: realm,
    OIDC_CLIENT_SECRET: secret,
    ...env,
  });
  running.push(app);
  return app;
}

async function stopApps(): Promise<void> {
  await Promise.all(running.splice(0).map((app) => app.stop()));
}

beforeAll(async () => {
  appUrl = await freeAppUrl();
  await removeRealm(realm);
  ({ secret } = await provision(realm, appUrl));
  settings = {
    keycloakUrl: keycloak().url,
    realm,
    clientId: "open-metadata",
    clientSecret: secret,
    clientAuthMethod: "client_secret_post",
    callbackUrl: `${appUrl}/callback`,
  };
});
afterEach(stopApps);
afterAll(stopApps);

describe("failure modes", () => {
  it("ensure a wrong client secret fails the code exchange with Keycloak's invalid-credentials error", async () => {
    await appWith({ OIDC_CLIENT_SECRET: "not-the-secret-from-the-credentials-tab" });
    const browser = new HttpBrowser();
    const answer = await browser.request(await signInAtKeycloak(browser, appUrl, "admin-user", ADMIN_USER_PASSWORD));
    expect(answer.status).toBe(401);
    expect((await answer.json()).error).toBe(
      "Sign-in failed: unauthorized_client: Invalid client or Invalid client credentials. " +
        "The client secret is wrong: copy it again from the client's Credentials tab.",
    );
  });

  it("ensure a redirect URI that is not registered stops at Keycloak's own error page", async () => {
    const config = await discoverKeycloak(settings);
    const { redirectTo } = await startLogin(config, { ...settings, callbackUrl: "http://127.0.0.1:9/callback" });
    const page = await fetch(redirectTo, { redirect: "manual" });
    expect(page.status).toBe(400);
    const html = await page.text();
    expect(html).toContain("Invalid parameter: redirect_uri");
    expect(page.headers.get("location")).toBeNull();
  });

  it("ensure a tampered state is rejected before the code is exchanged", async () => {
    await appWith({});
    const browser = new HttpBrowser();
    const callback = await signInAtKeycloak(browser, appUrl, "admin-user", ADMIN_USER_PASSWORD);
    callback.searchParams.set("state", "forged-state");
    const answer = await browser.request(callback);
    expect(answer.status).toBe(401);
    expect((await answer.json()).error).toBe(
      'Sign-in failed: unexpected "state" response parameter value. ' +
        "The callback does not belong to this browser's sign-in: start again.",
    );
  });

  it("ensure an authorization code that was already used is refused", async () => {
    const config = await discoverKeycloak(settings);
    // Keep the callback to ourselves instead of visiting it, then redeem its code twice.
    const { redirectTo, pending } = await startLogin(config, settings);
    const browser = new HttpBrowser();
    const callback = await submitKeycloakLogin(
      browser,
      redirectTo,
      settings.callbackUrl,
      "admin-user",
      ADMIN_USER_PASSWORD,
    );

    const first = await finishLogin(config, callback, pending);
    expect(first.claims.preferred_username).toBe("admin-user");
    const replay = await finishLogin(config, callback, pending).catch((error: unknown) => error);
    expect(replay).toBeInstanceOf(client.ResponseBodyError);
    expect(explain(replay)).toBe(
      "invalid_grant: Code not valid. The login code was already used or has expired: sign in again.",
    );
  });

  it("ensure a user without an email gets the principal as name and the principal domain as email", async () => {
    const admin = await adminClient(realm);
    // Keycloak's user profile asks for an email by default; a realm without emails makes it optional.
    const profile = await admin.users.getProfile();
    for (const attribute of profile.attributes ?? []) if (attribute.name === "email") delete attribute.required;
    await admin.users.updateProfile(profile);
    const { id } = await admin.users.create({
      username: "no-email-user",
      firstName: "No",
      lastName: "Email",
      enabled: true,
    });
    await admin.users.resetPassword({
      id,
      credential: { type: "password", value: ADMIN_USER_PASSWORD, temporary: false },
    });

    await appWith({ PRINCIPAL_DOMAIN: "example.com" });
    const browser = new HttpBrowser();
    await browser.request(await signInAtKeycloak(browser, appUrl, "no-email-user", ADMIN_USER_PASSWORD));
    const me = await (await browser.request(`${appUrl}/me`)).json();
    expect(me.claims.email).toBeUndefined();
    expect(me).toMatchObject({ principal: "no-email-user", email: "no-email-user@example.com" });
  });

  it("ensure a client with standard flow disabled cannot start a browser login", async () => {
    const admin = await adminClient(realm);
    const [openMetadata] = await admin.clients.find({ clientId: "open-metadata" });
    await admin.clients.update({ id: openMetadata?.id ?? "" }, { ...openMetadata, standardFlowEnabled: false });
    try {
      await appWith({});
      const browser = new HttpBrowser();
      const toKeycloak = HttpBrowser.location(await browser.request(`${appUrl}/login`), `${appUrl}/login`);
      const back = HttpBrowser.location(await browser.request(toKeycloak), toKeycloak);
      expect(`${back.origin}${back.pathname}`).toBe(`${appUrl}/callback`);
      expect(back.searchParams.get("error")).toBe("unauthorized_client");
      const answer = await browser.request(back);
      expect(answer.status).toBe(401);
      expect((await answer.json()).error).toBe(
        "Sign-in failed: unauthorized_client: Client is not allowed to initiate browser login with given response_type. " +
          "Standard flow is disabled for the client.. Turn on Standard flow in the client's Capability config.",
      );
    } finally {
      await stopApps();
      await admin.clients.update({ id: openMetadata?.id ?? "" }, { ...openMetadata, standardFlowEnabled: true });
    }
  });

  it("ensure a discovery URL with the pre-Keycloak-17 /auth prefix fails with a 404 and says why", async () => {
    const legacy = await fetch(`${keycloak().url}/auth/realms/${realm}/.well-known/openid-configuration`);
    expect(legacy.status).toBe(404);

    const failure = await startApp(appUrl, {
      KEYCLOAK_URL: `${keycloak().url}/auth`,
      KEYCLOAK_REALM: realm,
      OIDC_CLIENT_SECRET: secret,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppExited);
    expect((failure as AppExited).code).not.toBe(0);
    expect((failure as AppExited).output).toContain(
      `Keycloak answered 404 for ${keycloak().url}/auth/realms/${realm}/.well-known/openid-configuration. ` +
        "Keycloak 17 and later serve realms at /realms/<realm>, without /auth: remove /auth from the Keycloak URL.",
    );
  });
});
