/**
 * The server side of a sign-in, as OpenMetadata's server runs it, with openid-client: for tests that
 * look at what Keycloak answers (no PKCE, and the server's default scopes and client authentication).
 */
import * as client from "openid-client";
import { expect } from "vitest";
import { OPENMETADATA_DEFAULTS } from "../../src/lib/openmetadata/server";
import { HttpBrowser, signInAtKeycloak } from "./http-browser";
import { ADMIN_USER_PASSWORD, type ProvisionedRealm } from "./realm";

/**
 * Checks a token's seconds (`expires_in`, or `exp - iat`) against the realm's lifespan, to the
 * second. Keycloak reads the clock more than once while it writes a token and its answer, so a field
 * is a second off when one ticks over in between (seen: `expires_in` 599 for a lifespan of 600).
 */
export function expectLifespan(seconds: number | undefined, lifespan: number | undefined): void {
  expect(lifespan).toBeGreaterThan(0);
  expect(Math.abs((seconds ?? Number.NaN) - (lifespan ?? 0))).toBeLessThanOrEqual(1);
}

/** The header and claims of a JWT, such as Keycloak's tokens, read without checking its signature. */
export function jwtParts(jwt: string | undefined): {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
} {
  const [header, payload] = (jwt ?? "")
    .split(".")
    .slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, "base64url").toString()));
  return { header, payload };
}

/** `exp - iat` of a JWT: how long Keycloak issued it for. */
export function issuedSeconds(jwt: string | undefined): number {
  const { exp, iat } = jwtParts(jwt).payload;
  return Number(exp) - Number(iat);
}

/** The realm's discovery, read as OpenMetadata's confidential client (`secret` to try another one). */
export function openMetadataClient(realm: ProvisionedRealm, secret = realm.secret): Promise<client.Configuration> {
  return client.discovery(
    new URL(`${realm.keycloakUrl}/realms/${realm.realm}`),
    realm.clientId,
    undefined,
    OPENMETADATA_DEFAULTS.clientAuthMethod === "client_secret_basic"
      ? client.ClientSecretBasic(secret)
      : client.ClientSecretPost(secret),
    { execute: [client.allowInsecureRequests] },
  );
}

/** An authorization request as OpenMetadata's server sends it, with `change` on top. */
export function authorizationUrl(
  config: client.Configuration,
  realm: ProvisionedRealm,
  change: Record<string, string> = {},
): URL {
  return client.buildAuthorizationUrl(config, {
    redirect_uri: realm.callbackUrl,
    scope: OPENMETADATA_DEFAULTS.scope,
    state: client.randomState(),
    ...change,
  });
}

/** Signs admin-user in through Keycloak's login form and exchanges the code: the tokens OpenMetadata gets. */
export async function signedIn(
  realm: ProvisionedRealm,
  options: { browser?: HttpBrowser; scope?: string } = {},
): Promise<{ config: client.Configuration; tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>> }> {
  const config = await openMetadataClient(realm);
  const state = client.randomState();
  const url = authorizationUrl(config, realm, { state, ...(options.scope ? { scope: options.scope } : {}) });
  const callback = await signInAtKeycloak(options.browser ?? new HttpBrowser(), url, "admin-user", ADMIN_USER_PASSWORD);
  return { config, tokens: await client.authorizationCodeGrant(config, callback, { expectedState: state }) };
}
