/**
 * examples/keycloak/session-lifespans.ts, and what Keycloak's lifespans do to the tokens OpenMetadata
 * gets: the numbers and behaviour the Sessions and tokens page states.
 */
import * as client from "openid-client";
import { keepCaptured } from "../../support/captured";
import { runExample } from "../../support/examples";
import { describe, expect, test } from "../../support/fixtures";
import { HttpBrowser } from "../../support/http-browser";
import { expectLifespan, issuedSeconds, jwtParts, signedIn } from "../../support/openid";
import { adminClient, keycloak, provisionRealm } from "../../support/realm";

const adminEnv = () => ({
  KEYCLOAK_URL: keycloak().url,
  KEYCLOAK_ADMIN_USERNAME: keycloak().adminUsername,
  KEYCLOAK_ADMIN_PASSWORD: keycloak().adminPassword,
});

describe("Keycloak's lifespans and the tokens OpenMetadata gets", () => {
  test("a new realm's defaults, as the Sessions and tokens page quotes them", async ({ realm }) => {
    const settings = await (await adminClient(realm.realm)).realms.findOne({ realm: realm.realm });
    const defaults = {
      accessTokenLifespan: settings?.accessTokenLifespan,
      ssoSessionIdleTimeout: settings?.ssoSessionIdleTimeout,
      ssoSessionMaxLifespan: settings?.ssoSessionMaxLifespan,
      offlineSessionIdleTimeout: settings?.offlineSessionIdleTimeout,
    };
    await keepCaptured("keycloakDefaults", defaults);
    const { tokens } = await signedIn(realm);
    expectLifespan(tokens.expires_in, defaults.accessTokenLifespan);
    expectLifespan(issuedSeconds(tokens.access_token), defaults.accessTokenLifespan);
    expectLifespan(Number(tokens.refresh_expires_in), defaults.ssoSessionIdleTimeout);
  });

  test("session-lifespans.ts sets them, and new tokens follow", async () => {
    const realm = await provisionRealm("session-lifespans");
    const run = await runExample("keycloak/session-lifespans.ts", {
      ...adminEnv(),
      KEYCLOAK_REALM: realm.realm,
      ACCESS_TOKEN_LIFESPAN: "600",
      SSO_SESSION_IDLE: "3600",
    });
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(
      "accessTokenLifespan: 600 s (was 300 s)\nssoSessionIdleTimeout: 3600 s (was 1800 s)\nssoSessionMaxLifespan: 36000 s\n",
    );
    const { tokens } = await signedIn(realm);
    expectLifespan(tokens.expires_in, 600);
    expectLifespan(issuedSeconds(tokens.access_token), 600);
    expectLifespan(Number(tokens.refresh_expires_in), 3600);
  });

  test("session-lifespans.ts stops on a value that is not whole seconds", async ({ realm }) => {
    const run = await runExample("keycloak/session-lifespans.ts", {
      ...adminEnv(),
      KEYCLOAK_REALM: realm.realm,
      SSO_SESSION_IDLE: "8h",
    });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("SSO_SESSION_IDLE must be whole seconds, at least 60.");
  });

  test("signing out at Keycloak ends the refresh token; an offline_access one outlives it", async ({ realm }) => {
    const browser = new HttpBrowser();
    const online = await signedIn(realm, { browser });
    const offline = await signedIn(realm, { browser, scope: "openid email profile offline_access" });
    expect(jwtParts(offline.tokens.refresh_token).payload.typ).toBe("Offline");

    const logout = client.buildEndSessionUrl(online.config, { id_token_hint: online.tokens.id_token ?? "" });
    expect((await browser.request(logout)).status).toBe(200);

    const refused = await client.refreshTokenGrant(online.config, online.tokens.refresh_token ?? "").catch((e) => e);
    expect(refused).toBeInstanceOf(client.ResponseBodyError);
    expect((refused as client.ResponseBodyError).error).toBe("invalid_grant");
    const renewed = await client.refreshTokenGrant(offline.config, offline.tokens.refresh_token ?? "");
    expect(renewed.access_token).toBeTruthy();
  });
});
