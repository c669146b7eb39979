/**
 * Signs you in through Keycloak the way OpenMetadata's server does: the Authorization Code Flow
 * with a confidential client. Use it to check a realm and a client before OpenMetadata uses them.
 *
 * Prerequisites: Node.js 22.12 or newer, and settings in the environment:
 *   KEYCLOAK_URL        Keycloak's base URL, e.g. https://keycloak.example.com (no /auth)
 *   KEYCLOAK_REALM      optional, default "openmetadata"
 *   OIDC_CLIENT_ID      optional, default "open-metadata"
 *   OIDC_CLIENT_SECRET  the secret from the client's Credentials tab
 *   OIDC_CLIENT_AUTH_METHOD  optional: client_secret_post (default, as OpenMetadata's)
 *                       or client_secret_basic
 *   CALLBACK_URL        optional, default http://localhost:8400/callback, where this script
 *                       waits for Keycloak to send the browser back. Add it to the client's Valid
 *                       redirect URIs while you try this (OpenMetadata's own is
 *                       <OpenMetadata URL>/callback).
 *
 * Run from the examples folder, after `npm ci`: npx tsx auth-code-flow/sign-in.ts
 * Then open the URL it prints, and sign in.
 */
import * as client from "openid-client";
import { waitForCallback } from "../shared/callback.js";
import { exitWith, issuerMismatch, refusal, setting, unreachable } from "../shared/failures.js";
import { DEFAULT_CLIENT_AUTH_METHOD, DEFAULT_SCOPE } from "../shared/openmetadata.js";

// #region prerequisites
const keycloakUrl = setting("KEYCLOAK_URL").replace(/\/+$/, "");
const realm = setting("KEYCLOAK_REALM", "openmetadata");
const clientId = setting("OIDC_CLIENT_ID", "open-metadata");
const clientSecret = setting("OIDC_CLIENT_SECRET");
const clientAuthMethod = setting("OIDC_CLIENT_AUTH_METHOD", DEFAULT_CLIENT_AUTH_METHOD);
const callbackUrl = new URL(setting("CALLBACK_URL", "http://localhost:8400/callback"));
// #endregion prerequisites

// #region discovery
// The realm's discovery document says where to send users, where to exchange codes and where the
// signing keys are. OpenMetadata reads it from OIDC_DISCOVERY_URI; its issuer is the authority.
const issuer = new URL(`${keycloakUrl}/realms/${realm}`);
const clientAuthentication =
  clientAuthMethod === "client_secret_basic"
    ? client.ClientSecretBasic(clientSecret)
    : client.ClientSecretPost(clientSecret);
const config = await client
  .discovery(issuer, clientId, undefined, clientAuthentication, {
    // openid-client refuses plain HTTP unless told; only a Keycloak on your own machine needs this.
    // (It marks allowInsecureRequests deprecated only so that it stands out: there is no other.)
    execute: issuer.protocol === "http:" ? [client.allowInsecureRequests] : [],
  })
  .catch(stop(`Discovery at ${issuer}/.well-known/openid-configuration failed`));
console.log(`Issuer (OpenMetadata's authority): ${config.serverMetadata().issuer}`);
// #endregion discovery

// #region redirect
// state and nonce tie Keycloak's answer to this sign-in; PKCE ties the code to whoever asked.
const state = client.randomState();
const nonce = client.randomNonce();
const codeVerifier = client.randomPKCECodeVerifier();
const authorizationUrl = client.buildAuthorizationUrl(config, {
  redirect_uri: callbackUrl.href,
  scope: DEFAULT_SCOPE,
  state,
  nonce,
  code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
  code_challenge_method: "S256",
});
// Keycloak answers a callback the client does not list, or a client it does not know, with an
// error page, and the browser never comes back: ask it before waiting.
await stopIfRefused(authorizationUrl);
// #endregion redirect

// #region callback
// Keycloak sends the browser back to the callback URL with a one-time code (or an error). The
// script waits there for 5 minutes at most.
const callback = waitForCallback(callbackUrl, "CALLBACK_URL");
await callback.listening.catch((error: Error) => exitWith(error.message));
console.log(`Open this URL in a browser and sign in:\n${authorizationUrl.href}`);
const returnedTo =
  (await callback.returned) ?? stop("Sign-in failed")(`no browser came back to ${callbackUrl.href} within 5 minutes.`);

// The code exchange sends the client secret; then the ID token is checked: signature, issuer,
// audience, expiry and nonce.
const tokens = await client
  .authorizationCodeGrant(config, returnedTo, {
    expectedState: state,
    expectedNonce: nonce,
    pkceCodeVerifier: codeVerifier,
    idTokenExpected: true,
  })
  .catch(stop("Sign-in failed"));
const claims = tokens.claims();
console.log(`ID token claims: ${JSON.stringify(claims, null, 2)}`);
// #endregion callback

// #region refresh
// Before the access token expires (Keycloak's default: 300 seconds), a refresh token gets new ones
// without showing Keycloak's login page again. Keycloak sends one unless the client's Advanced
// settings switch refresh tokens off.
const refreshed = tokens.refresh_token
  ? await client.refreshTokenGrant(config, tokens.refresh_token).catch(stop("Refresh failed"))
  : undefined;
console.log(
  refreshed
    ? `Refreshed: new access token valid for ${refreshed.expires_in} seconds`
    : "Keycloak sent no refresh token: sign in again when the access token expires.",
);
// #endregion refresh

// #region logout
// Ending the Keycloak session takes a visit to Keycloak's end-session endpoint.
const logoutUrl = client.buildEndSessionUrl(config, { id_token_hint: refreshed?.id_token ?? tokens.id_token ?? "" });
console.log(`To end your Keycloak session, open:\n${logoutUrl.href}`);
// #endregion logout

// #region errors
/** Ends the script with one line a reader can act on. */
function stop(what: string) {
  return (error: unknown): never => {
    console.error(`${what}: ${explain(error)}`);
    process.exit(1);
  };
}

/** Ends the script when Keycloak shows an error page instead of its login page. */
async function stopIfRefused(authorizationUrl: URL): Promise<void> {
  const answer = await fetch(authorizationUrl, { redirect: "manual" }).catch(stop("Keycloak did not answer"));
  const refused = await refusal(answer, {
    realm,
    clientId,
    clientIdSetting: "OIDC_CLIENT_ID",
    callbackUrl: callbackUrl.href,
    tryCallbackSetting: "CALLBACK_URL",
  });
  if (refused && !refused.sentBack) {
    stop("Keycloak refuses the sign-in request")(`"${refused.said}". ${refused.advice}`);
  }
}

function explain(error: unknown): string {
  if (error instanceof client.ResponseBodyError || error instanceof client.AuthorizationResponseError) {
    const said = `${error.error}${error.error_description ? `: ${error.error_description}` : ""}`.replace(/\.*$/, ".");
    if (error.error === "unauthorized_client" && /credentials/i.test(error.error_description ?? "")) {
      return `${said} The client secret is wrong: copy it again from the client's Credentials tab.`;
    }
    if (error.error === "unauthorized_client") {
      return `${said} Turn on Standard flow in the client's Capability config.`;
    }
    if (error.error === "invalid_scope") {
      return `${said} Add the scope to the client's Client scopes tab, as Default.`;
    }
    return said;
  }
  if (error instanceof client.ClientError) {
    // openid-client's message is general ("invalid response encountered"); its cause says what.
    const cause = error.cause;
    if (cause instanceof Response && cause.status === 404) {
      return new URL(cause.url).pathname.startsWith("/auth/")
        ? `Keycloak answered 404 for ${cause.url}. Keycloak 17 and later serve realms at /realms/<realm>, without /auth: remove /auth from KEYCLOAK_URL.`
        : `Keycloak answered 404 for ${cause.url}: check KEYCLOAK_URL and KEYCLOAK_REALM.`;
    }
    const detail = cause instanceof Error ? cause.message : error.message;
    if (/"state"/.test(detail)) return `${detail}. This answer does not belong to this sign-in: start again.`;
    if (/issuer does not match/.test(detail)) {
      return issuerMismatch((cause as { body: { issuer: string } }).body.issuer, issuer.href);
    }
    return detail;
  }
  // No answer at all: the network, or a certificate Node.js does not trust.
  return unreachable(error, keycloakUrl) ?? (error instanceof Error ? error.message : String(error));
}
// #endregion errors
