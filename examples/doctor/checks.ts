/**
 * What the doctor expects of OpenMetadata's client and realm in Keycloak, and what it tells you
 * when a setting differs: the Auth Code Flow page's settings, one rule per line of the doctor's
 * report, in the words of Keycloak's admin console, and the verdict. Pure functions over what
 * Keycloak answers; probes.ts and client.ts do the asking, fix.ts the changing.
 */
import type ClientRepresentation from "@keycloak/keycloak-admin-client/lib/defs/clientRepresentation.js";
import type RealmRepresentation from "@keycloak/keycloak-admin-client/lib/defs/realmRepresentation.js";
import { DEFAULT_SCOPE } from "../shared/openmetadata.js";

export type Status = "PASS" | "WARN" | "FAIL" | "SKIP" | "FIXED";

export interface Finding {
  status: Status;
  /** The setting or step checked, as the admin console names it. */
  check: string;
  /** What was found and, unless it passed, what to change. */
  text: string;
  /** Lines printed under it: what a passing sign-in showed. */
  details?: string[];
  /** How --fix corrects it: a change to the client or a default scope to add; the line after. */
  fix?: { client?: ClientRepresentation; defaultScope?: string; done: string };
}

/** Where users open OpenMetadata, and what follows from it. */
export interface OpenMetadataAddress {
  /** e.g. https://openmetadata.example.com */
  url: string;
  /** <url>/callback: OpenMetadata's server receives the sign-in code there. */
  callbackUrl: string;
  /** The scheme, host and port of url: what the browser sends as Origin. */
  origin: string;
}

export function openMetadataAddress(url: string): OpenMetadataAddress {
  return { url, callbackUrl: `${url}/callback`, origin: new URL(url).origin };
}

const CAPABILITY = "in the client's Capability config";
const ACCESS = "on the client's Settings tab, under Access settings";

// #region realm
/**
 * The realm's published keys: OpenMetadata expects RS256 (OIDC_PREFERRED_JWS in its
 * conf/openmetadata.yaml).
 */
export function checkSigningKeys(keys: { alg?: string; use?: string }[], jwksUri: string): Finding {
  const check = "Signing keys";
  const signing = keys.filter((key) => key.alg === "RS256" && key.use !== "enc");
  if (signing.length === 0) {
    return {
      status: "FAIL",
      check,
      text: `${jwksUri} lists no RS256 signing key. Enable an RSA key provider (rsa-generated) in Realm settings, Keys tab: OpenMetadata expects RS256.`,
    };
  }
  return { status: "PASS", check, text: `${signing.length} RS256 key${signing.length > 1 ? "s" : ""} at ${jwksUri}.` };
}
// #endregion realm

/**
 * Keycloak refused the client secret. It words the refusal differently from version to version
 * ("Client authentication failed.", "Authentication failed.", "Invalid client or Invalid client
 * credentials"); whether the checks before found the client (`known`) says which is wrong.
 */
export function secretRefused(answer: {
  status: number;
  said: string;
  clientId: string;
  realm: string;
  known: boolean;
}): Finding {
  const check = "Client secret";
  const { status, said, clientId, realm, known } = answer;
  if (said === "Client not allowed.") {
    return {
      status: "FAIL",
      check,
      text: `${clientId} is a public client, without a secret. Turn Client authentication on in the client's Capability config.`,
    };
  }
  if (status === 401 && !known) {
    return {
      status: "FAIL",
      check,
      text: `Keycloak knows no enabled client ${clientId} in realm ${realm}: check the client ID (--client-id).`,
    };
  }
  if (status === 401) {
    return {
      status: "FAIL",
      check,
      text: "Keycloak rejects it. Copy it again from the client's Credentials tab, into OIDC_CLIENT_SECRET and OpenMetadata's configuration.",
    };
  }
  return { status: "FAIL", check, text: `Keycloak answered HTTP ${status}${said ? ` ("${said}")` : ""}.` };
}

// #region client
/** The client's switches and addresses, in the order the client's Settings tab shows them. */
export function checkClientSettings(client: ClientRepresentation, openMetadata: OpenMetadataAddress): Finding[] {
  return [
    checkSwitch(client, {
      check: "Client authentication",
      key: "publicClient",
      wanted: false,
      pass: "On, a confidential client with a secret.",
      fail: `Off: a public client, without a secret. Turn Client authentication on ${CAPABILITY}: OpenMetadata's server proves itself to Keycloak with the client secret.`,
      done: "turned On. Copy the client secret from the client's Credentials tab into OpenMetadata's configuration.",
    }),
    checkAuthorization(client),
    checkSwitch(client, {
      check: "Standard flow",
      key: "standardFlowEnabled",
      wanted: true,
      pass: "On, the Authorization Code Flow OpenMetadata signs users in with.",
      fail: `Off. Tick Standard flow ${CAPABILITY}: OpenMetadata signs users in with it, the Authorization Code Flow.`,
      done: "turned On.",
    }),
    // The implicit grant returns tokens in the redirect's fragment (RFC 6749, section 4.2).
    checkSwitch(client, {
      check: "Implicit flow",
      key: "implicitFlowEnabled",
      wanted: false,
      pass: "Off.",
      fail: `On. Untick Implicit flow ${CAPABILITY}: OpenMetadata does not use it, and it hands tokens to the browser in the address bar.`,
      done: "turned Off.",
    }),
    // Direct access grants: the resource owner password credentials grant (RFC 6749, section 4.3).
    checkSwitch(client, {
      check: "Direct access grants",
      key: "directAccessGrantsEnabled",
      wanted: false,
      pass: "Off.",
      fail: `On. Untick Direct access grants ${CAPABILITY}: OpenMetadata does not use it, and it lets an application take users' passwords itself instead of showing Keycloak's login page.`,
      done: "turned Off.",
    }),
    checkRedirectUris(client, openMetadata),
    checkWebOrigins(client, openMetadata),
  ];
}

type Switch = "publicClient" | "standardFlowEnabled" | "implicitFlowEnabled" | "directAccessGrantsEnabled";

function checkSwitch(
  client: ClientRepresentation,
  rule: { check: string; key: Switch; wanted: boolean; pass: string; fail: string; done: string },
): Finding {
  // Keycloak may leave a switch that is off out of its answer: absent is off.
  if ((client[rule.key] === true) === rule.wanted) return { status: "PASS", check: rule.check, text: rule.pass };
  return {
    status: "FAIL",
    check: rule.check,
    text: rule.fail,
    fix: { client: { [rule.key]: rule.wanted }, done: rule.done },
  };
}

function checkAuthorization(client: ClientRepresentation): Finding {
  const check = "Authorization";
  const fix = { client: { authorizationServicesEnabled: false, serviceAccountsEnabled: false }, done: "turned Off." };
  if (client.authorizationServicesEnabled === true) {
    return {
      status: "FAIL",
      check,
      text: `On. Turn Authorization off ${CAPABILITY}: OpenMetadata uses none of it, and the service account it brings lets the client secret alone get tokens.`,
      fix,
    };
  }
  if (client.serviceAccountsEnabled === true) {
    return {
      status: "FAIL",
      check,
      text: `Off, but Service account roles is on: the client secret alone gets tokens. Untick Service account roles ${CAPABILITY}.`,
      fix,
    };
  }
  return { status: "PASS", check, text: "Off, and no service account." };
}

/** Keycloak reads an entry ending in * as a prefix, and one starting with / after the Root URL. */
function redirectUriMatches(entry: string, callbackUrl: string, rootUrl = ""): boolean {
  const absolute = entry.startsWith("/") ? `${rootUrl.replace(/\/+$/, "")}${entry}` : entry;
  return absolute.endsWith("*") ? callbackUrl.startsWith(absolute.slice(0, -1)) : absolute === callbackUrl;
}

function checkRedirectUris(client: ClientRepresentation, { callbackUrl }: OpenMetadataAddress): Finding {
  const check = "Valid redirect URIs";
  const entries = client.redirectUris ?? [];
  const exact = entries.filter(
    (entry) => !entry.endsWith("*") && redirectUriMatches(entry, callbackUrl, client.rootUrl),
  );
  const others = entries.filter((entry) => !exact.includes(entry));
  const wildcard = entries.find(
    (entry) => entry.endsWith("*") && redirectUriMatches(entry, callbackUrl, client.rootUrl),
  );
  const fix = { client: { redirectUris: [callbackUrl] }, done: `set to exactly ${callbackUrl}.` };
  if (exact.length > 0 && others.length === 0) return { status: "PASS", check, text: `exactly ${callbackUrl}.` };
  if (exact.length === 0 && !wildcard) {
    return {
      status: "FAIL",
      check,
      text: `${callbackUrl} is not among them (${entries.join(", ") || "none"}). Set Valid redirect URIs ${ACCESS}, to exactly ${callbackUrl}: OpenMetadata's server receives the sign-in code there, and Keycloak sends it nowhere else.`,
      fix,
    };
  }
  if (exact.length === 0 && wildcard) {
    return {
      status: "WARN",
      check,
      text: `${callbackUrl} is allowed only through the wildcard ${wildcard}. Replace it with exactly ${callbackUrl}: a wildcard lets Keycloak send sign-in codes to other addresses too.`,
      fix,
    };
  }
  return {
    status: "WARN",
    check,
    text: `${callbackUrl}, and also ${others.join(", ")}. Keep exactly ${callbackUrl}: Keycloak sends sign-in codes to every address listed, and a wildcard stands for many.`,
    fix,
  };
}

function checkWebOrigins(client: ClientRepresentation, { origin, callbackUrl }: OpenMetadataAddress): Finding {
  const check = "Web origins";
  const entries = client.webOrigins ?? [];
  const kept = entries.filter((entry) => entry !== "*" && entry !== origin);
  const fix = {
    client: { webOrigins: [...kept, origin] },
    done: `${origin} added${entries.includes("*") ? ", * removed" : ""}.`,
  };
  if (entries.includes("*")) {
    return {
      status: "WARN",
      check,
      text: `* allows every web site's pages to call Keycloak for this client from the browser. Replace it with ${origin} ${ACCESS}.`,
      fix,
    };
  }
  if (entries.includes(origin)) return { status: "PASS", check, text: `${origin}.` };
  // "+" stands for the origins of the valid redirect URIs.
  if (
    entries.includes("+") &&
    (client.redirectUris ?? []).some((uri) => redirectUriMatches(uri, callbackUrl, client.rootUrl))
  ) {
    return { status: "PASS", check, text: `+, the origins of the valid redirect URIs, ${origin} among them.` };
  }
  // OpenMetadata's pages never call Keycloak themselves: its server calls the token endpoint.
  return {
    status: "PASS",
    check,
    text: `${entries.join(", ") || "none"}. OpenMetadata needs none: its server, not the browser, calls Keycloak's token endpoint.`,
  };
}
// #endregion client

// #region scopes
/**
 * email and profile must be default scopes of the client. OpenMetadata's sign-in asks for
 * "openid email profile" (OIDC_SCOPE's default), and Keycloak refuses a sign-in that asks for a
 * scope the client does not have; a default scope also puts its claims in every token.
 */
export function checkDefaultScopes(defaultScopes: string[], optionalScopes: string[]): Finding[] {
  return ["email", "profile"].map((scope) => {
    const check = `Client scope ${scope}`;
    const fix = { defaultScope: scope, done: "added as Default." };
    if (defaultScopes.includes(scope)) return { status: "PASS", check, text: "Default." };
    if (optionalScopes.includes(scope)) {
      return {
        status: "WARN",
        check,
        text: `Optional, not Default. OpenMetadata's scope setting (OIDC_SCOPE, "${DEFAULT_SCOPE}" by default) asks for it, so tokens carry it; make it Default on the client's Client scopes tab, so they do whatever that setting says.`,
        fix,
      };
    }
    return {
      status: "FAIL",
      check,
      text: `not assigned. Add it as Default on the client's Client scopes tab (Add client scope): OpenMetadata's sign-in asks for it (OIDC_SCOPE, "${DEFAULT_SCOPE}" by default), and Keycloak refuses a sign-in that asks for a scope the client lacks.`,
      fix,
    };
  });
}
// #endregion scopes

// #region lifespans
/** Keycloak's defaults for a new realm (a test pins them to a new realm of the real Keycloak). */
export const KEYCLOAK_DEFAULTS = {
  accessTokenLifespan: 300,
  ssoSessionIdleTimeout: 1800,
  ssoSessionMaxLifespan: 36000,
};

/**
 * The realm's token and session lifespans against OpenMetadata's session expiry. Advice only: no
 * lifespan fails the check. OpenMetadata 2.0 keeps a session of its own once a user signed in (its
 * session design, PR #26314); 1.12 and 1.13 renew Keycloak's tokens with Keycloak's refresh token
 * (AuthenticationCodeFlowHandler.getUserCredentialsFromSession, renewOidcCredentials), which lasts
 * only as long as SSO Session Idle allows.
 */
export function checkLifespans(
  realm: RealmRepresentation,
  client: ClientRepresentation | undefined,
  sessionExpiry: number,
): Finding[] {
  // The client's Advanced tab can override the realm's access token lifespan.
  const clientOverride = Number(client?.attributes?.["access.token.lifespan"] ?? 0);
  const access =
    clientOverride > 0 ? clientOverride : (realm.accessTokenLifespan ?? KEYCLOAK_DEFAULTS.accessTokenLifespan);
  const idle = realm.ssoSessionIdleTimeout ?? KEYCLOAK_DEFAULTS.ssoSessionIdleTimeout;
  const max = realm.ssoSessionMaxLifespan ?? KEYCLOAK_DEFAULTS.ssoSessionMaxLifespan;
  const where = clientOverride > 0 ? "on the client's Advanced tab" : "in Realm settings, Tokens tab";

  const accessToken: Finding =
    access > 3600
      ? {
          status: "WARN",
          check: "Access token lifespan",
          text: `${duration(access)}. A token that leaks stays usable that long: lower Access Token Lifespan ${where} to minutes (Keycloak's default is 5 minutes).`,
        }
      : { status: "PASS", check: "Access token lifespan", text: `${duration(access)}.` };

  const found = `idle ${duration(idle)}, at most ${duration(max)}; OpenMetadata's own session lasts ${duration(sessionExpiry)}.`;
  const renewal = `OpenMetadata 1.12 and 1.13 renew tokens through Keycloak, so their users sign in again after ${duration(idle)} without use, or ${duration(max)} at most`;
  let sessions: Finding;
  if (idle < access) {
    sessions = {
      status: "WARN",
      check: "SSO sessions",
      text: `${found} SSO Session Idle is shorter than the access token lifespan (${duration(access)}): the session ends before its first token does, so on OpenMetadata 1.12 and 1.13, which renew tokens through Keycloak, users sign in again each time a token expires. Raise SSO Session Idle above ${duration(access)} in Realm settings, Sessions tab.`,
    };
  } else if (idle < KEYCLOAK_DEFAULTS.ssoSessionIdleTimeout) {
    // Only Idle: a Max shorter than Keycloak's 10 hours, such as a working day, is a choice the
    // Sessions and tokens page recommends; the line says when users sign in again.
    sessions = {
      status: "WARN",
      check: "SSO sessions",
      text: `${found} SSO Session Idle is shorter than Keycloak's default (${duration(KEYCLOAK_DEFAULTS.ssoSessionIdleTimeout)}): on OpenMetadata 1.12 and 1.13, which renew tokens through Keycloak, users who leave OpenMetadata unused for ${duration(idle)} sign in again. Raise SSO Session Idle in Realm settings, Sessions tab, to at least the time users leave OpenMetadata open without using it.`,
    };
  } else {
    sessions = { status: "PASS", check: "SSO sessions", text: `${found} ${renewal}.` };
  }
  return [accessToken, sessions];
}
// #endregion lifespans

/** 300 -> "5 minutes", 36000 -> "10 hours", 90 -> "90 seconds". */
export function duration(seconds: number): string {
  const units: [number, string][] = [
    [86400, "day"],
    [3600, "hour"],
    [60, "minute"],
  ];
  for (const [size, unit] of units) {
    if (seconds >= size && seconds % size === 0) return plural(seconds / size, unit);
  }
  return plural(seconds, "second");
}

/**
 * How long a token Keycloak just issued lasts, from `expires_in`. Keycloak counts it from the
 * moment it answers, a second short of the realm's lifespan when a second ticks over meanwhile
 * (seen: 599 for 600), so a value one second off a whole minute is that minute.
 */
export function tokenLifespan(expiresIn: number): number {
  const minutes = Math.round(expiresIn / 60) * 60;
  return minutes >= 60 && Math.abs(expiresIn - minutes) <= 1 ? minutes : expiresIn;
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? "" : "s"}`;
}
