/**
 * A small confidential-client web app that signs users in with Keycloak exactly as OpenMetadata's
 * server does (see oidc.ts), and shows who OpenMetadata would take them for (see principal.ts).
 *
 * Prerequisites (environment):
 *   KEYCLOAK_URL          Keycloak's base URL, e.g. https://keycloak.example.com (no /auth)
 *   KEYCLOAK_REALM        optional, default "openmetadata"
 *   OIDC_CLIENT_ID        optional, default "open-metadata"
 *   OIDC_CLIENT_SECRET    the secret from the client's Credentials tab
 *   OIDC_CLIENT_AUTH_METHOD  optional: client_secret_post (default, as OpenMetadata) or client_secret_basic
 *   APP_URL               optional, default http://localhost:8585: this app's URL; Keycloak must
 *                         list APP_URL/callback as a valid redirect URI
 *   PRINCIPAL_DOMAIN      optional, default "example.com"
 *
 * Run: npx tsx examples/auth-code-flow/app.ts, then open APP_URL/login.
 * GET /me answers with the signed-in user as JSON; /refresh renews the tokens; /logout signs out.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Configuration, TokenEndpointResponse } from "openid-client";
import {
  discoverKeycloak,
  explain,
  finishLogin,
  logoutUrl,
  type OidcSettings,
  type PendingLogin,
  refresh,
  startLogin,
} from "./oidc.js";
import { type Claims, openMetadataUser } from "./principal.js";

function setting(name: string, fallback?: string): string {
  const value = process.env[name]?.trim() || fallback;
  if (!value) throw new Error(`${name} is not set. See the list of settings at the top of app.ts.`);
  return value;
}

const appUrl = setting("APP_URL", "http://localhost:8585").replace(/\/+$/, "");
const authMethod = setting("OIDC_CLIENT_AUTH_METHOD", "client_secret_post");
if (authMethod !== "client_secret_post" && authMethod !== "client_secret_basic") {
  throw new Error(`OIDC_CLIENT_AUTH_METHOD must be client_secret_post or client_secret_basic, not "${authMethod}".`);
}
const settings: OidcSettings = {
  keycloakUrl: setting("KEYCLOAK_URL").replace(/\/+$/, ""),
  realm: setting("KEYCLOAK_REALM", "openmetadata"),
  clientId: setting("OIDC_CLIENT_ID", "open-metadata"),
  clientSecret: setting("OIDC_CLIENT_SECRET"),
  clientAuthMethod: authMethod,
  callbackUrl: `${appUrl}/callback`,
};
const principalDomain = setting("PRINCIPAL_DOMAIN", "example.com");

interface Session {
  pending?: PendingLogin;
  tokens?: TokenEndpointResponse;
  claims?: Claims;
  userInfo?: Claims;
}
const sessions = new Map<string, Session>();

function session(request: IncomingMessage, response: ServerResponse): Session {
  const id = /(?:^|;\s*)sid=([\w-]+)/.exec(request.headers.cookie ?? "")?.[1];
  const existing = id ? sessions.get(id) : undefined;
  if (existing) return existing;
  const created: Session = {};
  const newId = randomUUID();
  sessions.set(newId, created);
  response.setHeader("Set-Cookie", `sid=${newId}; HttpOnly; SameSite=Lax; Path=/`);
  return created;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "Content-Type": "application/json" }).end(`${JSON.stringify(body, null, 2)}\n`);
}

async function handle(config: Configuration, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? "/", appUrl);
  const current = session(request, response);

  if (url.pathname === "/login") {
    const { redirectTo, pending } = await startLogin(config, settings);
    current.pending = pending;
    response.writeHead(302, { Location: redirectTo.href }).end();
  } else if (url.pathname === "/callback") {
    if (!current.pending) return send(response, 400, { error: "No sign-in in progress in this browser: open /login." });
    try {
      const { tokens, claims, userInfo } = await finishLogin(config, url, current.pending);
      Object.assign(current, { tokens, claims, userInfo });
      delete current.pending;
      response.writeHead(302, { Location: `${appUrl}/` }).end();
    } catch (error) {
      delete current.pending;
      send(response, 401, { error: `Sign-in failed: ${explain(error)}` });
    }
  } else if (url.pathname === "/me" || url.pathname === "/") {
    if (!current.claims) return send(response, 401, { error: "Not signed in: open /login." });
    const user = openMetadataUser({ ...current.userInfo, ...current.claims }, principalDomain);
    send(response, 200, { ...user, claims: current.claims, userInfo: current.userInfo });
  } else if (url.pathname === "/refresh") {
    if (!current.tokens?.refresh_token) return send(response, 401, { error: "Not signed in: open /login." });
    try {
      current.tokens = await refresh(config, current.tokens.refresh_token);
      send(response, 200, { refreshed: true, expiresIn: current.tokens.expires_in });
    } catch (error) {
      send(response, 401, { error: `Refresh failed: ${explain(error)}` });
    }
  } else if (url.pathname === "/logout") {
    const idToken = current.tokens?.id_token;
    for (const key of ["tokens", "claims", "userInfo"] as const) delete current[key];
    response.writeHead(302, { Location: idToken ? logoutUrl(config, idToken, `${appUrl}/`).href : `${appUrl}/` }).end();
  } else {
    send(response, 404, { error: "Not found" });
  }
}

const config = await discoverKeycloak(settings);
const server = createServer((request, response) => {
  handle(config, request, response).catch((error: unknown) => send(response, 500, { error: explain(error) }));
});
server.listen(Number(new URL(appUrl).port || 80), new URL(appUrl).hostname, () => {
  console.log(`Listening on ${appUrl}: open ${appUrl}/login to sign in with Keycloak (${settings.realm}).`);
});
