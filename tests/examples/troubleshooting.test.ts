/**
 * The Keycloak side of each problem on the Troubleshooting page, reproduced against the real
 * Keycloak. What Keycloak shows or answers, and the event it logs, are kept in
 * src/data/troubleshooting/<problem>.json, which the page quotes: a Keycloak that words a message
 * differently fails here instead of leaving the page behind, and so does a capture the page's schema
 * (src/lib/captured.ts) refuses. `npx vitest run -u` rewrites them
 * (never under CI=true).
 */
import { keepCaptured } from "../support/captured";
import { describe, expect, test } from "../support/fixtures";
import { HttpBrowser, keycloakErrorPage, signInAtKeycloak } from "../support/http-browser";
import {
  authorizationUrl,
  expectLifespan,
  issuedSeconds,
  jwtParts,
  openMetadataClient,
  signedIn,
} from "../support/openid";
import { ADMIN_USER_PASSWORD, adminClient, type ProvisionedRealm, provisionRealm, realmClient } from "../support/realm";

/** Records what a reader sees for one problem, checked against the page's schema; the page shows exactly this. */
const keep = (problem: string, seen: Record<string, unknown>) => keepCaptured("troubleshooting", problem, seen);

/** The newest event Keycloak recorded in the realm, as its log writes it: type and error. */
async function lastEvent(realm: ProvisionedRealm): Promise<{ type?: string; error?: string }> {
  const [event] = await (await adminClient(realm.realm)).realms.findEvents({ realm: realm.realm, max: 1 });
  return { type: event?.type, error: event?.error };
}

/** A realm of its own, with events on, for a test that changes its OpenMetadata client. */
async function realmWithEvents(name: string) {
  const realm = await provisionRealm(name);
  const { admin, client: openMetadata, id } = await realmClient(realm);
  await admin.realms.update({ realm: realm.realm }, { eventsEnabled: true });
  return { realm, admin, openMetadata, id };
}

/** Where Keycloak sends the browser for OpenMetadata's sign-in request when it refuses it, and its log. */
async function callbackError(realm: ProvisionedRealm) {
  const config = await openMetadataClient(realm);
  const back = HttpBrowser.location(
    await fetch(authorizationUrl(config, realm), { redirect: "manual" }),
    realm.keycloakUrl,
  );
  expect(`${back.origin}${back.pathname}`).toBe(realm.callbackUrl);
  return {
    callback: { error: back.searchParams.get("error"), error_description: back.searchParams.get("error_description") },
    event: await lastEvent(realm),
  };
}

test.beforeAll(async ({ realm }) => {
  // Keycloak keeps the events it logs only where the realm asks it to.
  await (await adminClient(realm.realm)).realms.update({ realm: realm.realm }, { eventsEnabled: true });
});

describe("the Keycloak side of the Troubleshooting page", () => {
  test("a callback URL the client does not list: Keycloak's error page, no way back", async ({ realm }) => {
    const config = await openMetadataClient(realm);
    const answer = await fetch(authorizationUrl(config, realm, { redirect_uri: "http://127.0.0.1:9/callback" }), {
      redirect: "manual",
    });
    expect(answer.status).toBe(400);
    await keep("invalid-redirect-uri", { page: await keycloakErrorPage(answer), event: await lastEvent(realm) });
  });

  test("a client ID the realm does not have: Keycloak's error page", async ({ realm }) => {
    const config = await openMetadataClient(realm);
    const answer = await fetch(authorizationUrl(config, realm, { client_id: "openmetadata" }), { redirect: "manual" });
    expect(answer.status).toBe(400);
    await keep("client-not-found", { page: await keycloakErrorPage(answer), event: await lastEvent(realm) });
  });

  test("a wrong client secret: the token endpoint refuses the code exchange", async ({ realm }) => {
    const config = await openMetadataClient(realm);
    const callback = await signInAtKeycloak(
      new HttpBrowser(),
      authorizationUrl(config, realm),
      "admin-user",
      ADMIN_USER_PASSWORD,
    );
    const answer = await fetch(config.serverMetadata().token_endpoint ?? "", {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code: callback.searchParams.get("code") ?? "",
        redirect_uri: realm.callbackUrl,
        client_id: realm.clientId,
        client_secret: "not-the-secret",
      }),
    });
    expect(answer.status).toBe(401);
    await keep("wrong-client-secret", { answer: await answer.json(), event: await lastEvent(realm) });
  });

  test("the email scope gone from the client: Keycloak sends the browser back with invalid_scope", async () => {
    const { realm, admin, id } = await realmWithEvents("troubleshooting-scopes");
    const email = (await admin.clients.listDefaultClientScopes({ id })).find((scope) => scope.name === "email");
    await admin.clients.delDefaultClientScope({ id, clientScopeId: email?.id ?? "" });
    await keep("invalid-scope", await callbackError(realm));
  });

  test("standard flow off for the client: Keycloak sends the browser back with unauthorized_client", async () => {
    const { realm, admin, openMetadata, id } = await realmWithEvents("troubleshooting-standard-flow");
    await admin.clients.update({ id }, { ...openMetadata, standardFlowEnabled: false });
    const seen = await callbackError(realm);
    expect(seen.callback.error).toBe("unauthorized_client");
    await keep("standard-flow-disabled", seen);
  });

  test("the /auth prefix of Keycloak before 17: no discovery document there", async ({ realm }) => {
    const legacy = await fetch(`${realm.keycloakUrl}/auth/realms/${realm.realm}/.well-known/openid-configuration`);
    await keep("auth-prefix", { status: legacy.status });
  });

  test("a token of one realm, checked with another realm's keys: its key is not among them", async ({ realm }) => {
    const other = await provisionRealm("troubleshooting-other-realm");
    const { tokens } = await signedIn(realm);
    const { kid } = jwtParts(tokens.access_token).header;
    const keysOf = async (name: string) =>
      (
        (await (await fetch(`${realm.keycloakUrl}/realms/${name}/protocol/openid-connect/certs`)).json()).keys as {
          kid: string;
        }[]
      ).map((key) => key.kid);
    expect(await keysOf(realm.realm)).toContain(kid);
    expect(await keysOf(other.realm)).not.toContain(kid);
  });

  test("Keycloak's tokens last five minutes unless the realm says otherwise", async ({ realm }) => {
    const lifespan = (await (await adminClient(realm.realm)).realms.findOne({ realm: realm.realm }))
      ?.accessTokenLifespan;
    const { tokens } = await signedIn(realm);
    expectLifespan(issuedSeconds(tokens.id_token), lifespan);
    expectLifespan(issuedSeconds(tokens.access_token), lifespan);
    expectLifespan(tokens.expires_in, lifespan);
    await keep("token-lifespan", { idTokenSeconds: lifespan, accessTokenSeconds: lifespan });
  });

  test("the browser and the server reach Keycloak at different addresses: Keycloak's answer names the browser's", async ({
    realm,
  }) => {
    // OpenMetadata's server read the discovery document at one address...
    const config = await openMetadataClient(realm);
    const discovered = config.serverMetadata();
    // ...and the browser reaches Keycloak at another (localhost for 127.0.0.1, as a container name for localhost).
    const server = new URL(realm.keycloakUrl);
    const browserHost = server.hostname === "localhost" ? "127.0.0.1" : "localhost";
    const viaBrowser = authorizationUrl(config, realm);
    viaBrowser.hostname = browserHost;
    const back = await signInAtKeycloak(new HttpBrowser(), viaBrowser, "admin-user", ADMIN_USER_PASSWORD);
    // AuthenticationCodeFlowHandler.handleCallback compares the two: "Issuer mismatch, possible mix-up attack."
    const browserAddress = `${server.protocol}//${browserHost}:${server.port}`;
    expect(back.searchParams.get("iss")).toBe(`${browserAddress}/realms/${realm.realm}`);
    expect(discovered.issuer).toBe(`${realm.keycloakUrl}/realms/${realm.realm}`);
    await keep("issuer-mismatch", {
      issParameterSupported: discovered.authorization_response_iss_parameter_supported,
      callbackIssuer: back.searchParams
        .get("iss")
        ?.replace(browserAddress, "<the address the browser used>")
        .replace(realm.realm, "<realm>"),
    });
  });
});
