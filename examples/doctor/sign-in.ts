/**
 * --sign-in: signs in as OpenMetadata's server does (no PKCE, its scopes, the client secret sent
 * its way), then shows who OpenMetadata takes the user for, from the ID token's claims.
 */
import * as oidc from "openid-client";
import { openMetadataUser } from "../auth-code-flow/principal.js";
import { waitForCallback } from "../shared/callback.js";
import { refusal, request } from "../shared/failures.js";
import { DEFAULT_SCOPE } from "../shared/openmetadata.js";
import { duration, type Finding, tokenLifespan } from "./checks.js";
import type { DoctorOptions } from "./options.js";
import type { Realm } from "./probes.js";

/** Called with the URL to open in a browser, once the doctor waits at the callback. */
export type ShowSignInUrl = (url: string, callbackUrl: string) => void;

/**
 * The doctor skips the sign-in when the issuer is wrong, so the endpoints are those discovery
 * names.
 */
export async function signIn(realm: Realm, options: DoctorOptions, show: ShowSignInUrl): Promise<Finding> {
  const check = "Sign-in";
  const { clientId, callbackUrl, principalClaims, principalDomain, secret = "" } = options;
  const authentication =
    options.clientAuthMethod === "client_secret_basic" ? oidc.ClientSecretBasic(secret) : oidc.ClientSecretPost(secret);
  const config = new oidc.Configuration(realm.discovery as oidc.ServerMetadata, clientId, undefined, authentication);
  // openid-client refuses plain HTTP unless told; only a Keycloak on your own machine needs this.
  // (It marks allowInsecureRequests deprecated only so that it stands out: there is no other.)
  if (new URL(realm.url).protocol === "http:") oidc.allowInsecureRequests(config);
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl,
    scope: DEFAULT_SCOPE,
    state,
    nonce,
  });

  // Ask Keycloak first, so a refused callback URL is said now rather than after a wait.
  const refused = await refusal(await request(url.href, { redirect: "manual" }), {
    realm: realm.name,
    clientId,
    clientIdSetting: "--client-id",
    callbackUrl,
    tryCallbackSetting: "--callback-url",
  });
  if (refused) return { status: "FAIL", check, text: `Keycloak answers "${refused.said}". ${refused.advice}` };

  const callback = waitForCallback(new URL(callbackUrl), "--callback-url");
  await callback.listening;
  show(url.href, callbackUrl);
  const returnedTo = await callback.returned;
  if (!returnedTo) return { status: "FAIL", check, text: `no browser came back to ${callbackUrl} within 5 minutes.` };

  let tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers;
  try {
    tokens = await oidc.authorizationCodeGrant(config, returnedTo, {
      expectedState: state,
      expectedNonce: nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    return { status: "FAIL", check, text: explainSignInError(error) };
  }
  const claims: Record<string, unknown> = tokens.claims() ?? {};
  let user: { name: string; email: string };
  try {
    user = openMetadataUser(claims, principalDomain, principalClaims);
  } catch (error) {
    return {
      status: "FAIL",
      check,
      text: `${(error as Error).message}. Add the email and profile scopes to the client as Default, or change --principal-claims to claims the token has.`,
    };
  }
  const read = principalClaims.map((name) => `${name} ${JSON.stringify(claims[name] ?? null)}`).join(", ");
  const refresh = tokenLifespan(Number(tokens.refresh_expires_in ?? 0));
  return {
    status: "PASS",
    check,
    text: `${String(claims.preferred_username ?? claims.sub)} signed in; the code exchange gave an ID token for ${clientId}, signed by the realm.`,
    details: [
      `Claims OpenMetadata reads (principal claims ${principalClaims.join(", ")}): ${read}.`,
      `OpenMetadata's user: name ${user.name}, email ${user.email} (principal domain ${principalDomain}).`,
      `Tokens: access token for ${duration(tokenLifespan(tokens.expires_in ?? 0))}${refresh > 0 ? `, refresh token for ${duration(refresh)}` : ""}.`,
    ],
  };
}

function explainSignInError(error: unknown): string {
  if (error instanceof oidc.ResponseBodyError || error instanceof oidc.AuthorizationResponseError) {
    const said = `Keycloak answered ${error.error}${error.error_description ? `: ${error.error_description}` : ""}`;
    return said.replace(/\.*$/, ".");
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : "";
  return `${error instanceof Error ? error.message : String(error)}${cause ? ` (${cause})` : ""}.`;
}
