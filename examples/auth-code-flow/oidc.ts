/**
 * The Authorization Code Flow as OpenMetadata's server runs it against Keycloak, step by step,
 * with openid-client: discovery, the redirect to Keycloak's login page, the callback with the
 * code exchange, UserInfo, token refresh and RP-initiated logout.
 */
import * as client from "openid-client";

export interface OidcSettings {
  /** Keycloak's base URL, e.g. https://keycloak.example.com (no /auth). */
  keycloakUrl: string;
  realm: string;
  clientId: string;
  clientSecret: string;
  /** How the server proves it holds the secret; OpenMetadata's default is client_secret_post. */
  clientAuthMethod: "client_secret_post" | "client_secret_basic";
  /** Where Keycloak sends the browser back with the code: OpenMetadata's /callback. */
  callbackUrl: string;
}

/** What must survive from the redirect to the callback: kept server-side, in the user's session. */
export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
}

// #region discovery
export async function discoverKeycloak(settings: OidcSettings): Promise<client.Configuration> {
  const issuer = new URL(`${settings.keycloakUrl}/realms/${settings.realm}`);
  const authentication =
    settings.clientAuthMethod === "client_secret_basic"
      ? client.ClientSecretBasic(settings.clientSecret)
      : client.ClientSecretPost(settings.clientSecret);
  try {
    return await client.discovery(issuer, settings.clientId, undefined, authentication, {
      // openid-client refuses plain HTTP unless told; only a local Keycloak should need this.
      execute: issuer.protocol === "http:" ? [client.allowInsecureRequests] : [],
    });
  } catch (error) {
    throw new Error(`Discovery at ${issuer}/.well-known/openid-configuration failed: ${explain(error)}`, {
      cause: error,
    });
  }
}
// #endregion discovery

// #region login
export async function startLogin(config: client.Configuration, settings: OidcSettings) {
  const pending: PendingLogin = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    codeVerifier: client.randomPKCECodeVerifier(),
  };
  const redirectTo = client.buildAuthorizationUrl(config, {
    redirect_uri: settings.callbackUrl,
    scope: "openid email profile",
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
    code_challenge_method: "S256",
  });
  return { redirectTo, pending };
}
// #endregion login

// #region callback
export async function finishLogin(config: client.Configuration, callbackUrl: URL, pending: PendingLogin) {
  // Checks state, exchanges the code (sending the client secret), and validates the ID token:
  // signature, issuer, audience, expiry and nonce.
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
    expectedState: pending.state,
    expectedNonce: pending.nonce,
    pkceCodeVerifier: pending.codeVerifier,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims) throw new Error("Keycloak returned no ID token: the request must include the openid scope.");
  const userInfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
  return { tokens, claims, userInfo };
}
// #endregion callback

// #region refresh
export async function refresh(config: client.Configuration, refreshToken: string) {
  return client.refreshTokenGrant(config, refreshToken);
}
// #endregion refresh

// #region logout
export function logoutUrl(config: client.Configuration, idToken: string, postLogoutRedirectUri: string): URL {
  return client.buildEndSessionUrl(config, {
    id_token_hint: idToken,
    post_logout_redirect_uri: postLogoutRedirectUri,
  });
}
// #endregion logout

// #region errors
/** One line a reader can act on, for the errors a Keycloak sign-in can end with. */
export function explain(error: unknown): string {
  if (error instanceof client.ResponseBodyError || error instanceof client.AuthorizationResponseError) {
    const what = `${error.error}${error.error_description ? `: ${error.error_description}` : ""}`;
    if (error.error === "unauthorized_client" && /credentials/i.test(error.error_description ?? "")) {
      return `${what}. The client secret is wrong: copy it again from the client's Credentials tab.`;
    }
    if (error.error === "unauthorized_client") {
      return `${what}. Turn on Standard flow in the client's Capability config.`;
    }
    if (error.error === "invalid_grant") {
      return `${what}. The login code was already used or has expired: sign in again.`;
    }
    return what;
  }
  if (error instanceof client.ClientError) {
    // openid-client's message is general ("invalid response encountered"); its cause says what.
    const detail = error.cause instanceof Error ? error.cause.message : error.message;
    if (/"state"/.test(detail)) {
      return `${detail}. The callback does not belong to this browser's sign-in: start again.`;
    }
    if (error.cause instanceof Response && error.cause.status === 404) {
      const url = new URL(error.cause.url);
      return url.pathname.startsWith("/auth/")
        ? `Keycloak answered 404 for ${url}. Keycloak 17 and later serve realms at /realms/<realm>, without /auth: remove /auth from the Keycloak URL.`
        : `Keycloak answered 404 for ${url}: check the Keycloak URL and the realm name.`;
    }
    return detail;
  }
  return error instanceof Error ? error.message : String(error);
}
// #endregion errors
