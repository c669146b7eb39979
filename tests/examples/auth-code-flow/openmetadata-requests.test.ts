/**
 * Keycloak's answers to the authorization requests OpenMetadata's server sends, which differ from
 * sign-in.ts's: no PKCE by default (disablePkce: true), and, in 1.12 and 1.13, prompt=consent and
 * max_age=0 (conf/openmetadata.yaml's OIDC_PROMPT_TYPE and OIDC_MAX_AGE defaults).
 */
import * as client from "openid-client";
import { describe, expect, test } from "../../support/fixtures";
import { HttpBrowser, signInAtKeycloak } from "../../support/http-browser";
import { authorizationUrl, openMetadataClient } from "../../support/openid";
import { ADMIN_USER_PASSWORD } from "../../support/realm";

describe("Keycloak and the requests OpenMetadata sends", () => {
  test("signs a user in without PKCE, as OpenMetadata asks by default", async ({ realm }) => {
    const config = await openMetadataClient(realm);
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = authorizationUrl(config, realm, { state, nonce });
    const callback = await signInAtKeycloak(new HttpBrowser(), url, "admin-user", ADMIN_USER_PASSWORD);
    const tokens = await client.authorizationCodeGrant(config, callback, {
      expectedState: state,
      expectedNonce: nonce,
    });
    expect(tokens.claims()).toMatchObject({ preferred_username: "admin-user" });
  });

  test("with max_age=0, asks for the password again although the user is signed in; prompt=consent shows no consent page", async ({
    realm,
  }) => {
    const config = await openMetadataClient(realm);
    const browser = new HttpBrowser();
    const authorize = (extra: Record<string, string>) => authorizationUrl(config, realm, extra);
    // Signed in at Keycloak: a plain request goes straight back with a code.
    await signInAtKeycloak(browser, authorize({}), "admin-user", ADMIN_USER_PASSWORD);
    const plain = authorize({});
    expect(HttpBrowser.location(await browser.request(plain), plain).searchParams.has("code")).toBe(true);

    // max_age counts whole seconds since the sign-in: within the same second, Keycloak lets it pass.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const openMetadata1x = authorize({ prompt: "consent", max_age: "0" });
    const page = await browser.request(openMetadata1x);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('id="kc-form-login"');
    const back = await signInAtKeycloak(browser, openMetadata1x, "admin-user", ADMIN_USER_PASSWORD);
    expect(`${back.origin}${back.pathname}`).toBe(realm.callbackUrl);
    expect(back.searchParams.has("code")).toBe(true);
  });
});
