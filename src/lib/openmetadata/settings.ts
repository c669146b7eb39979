/**
 * What OpenMetadata needs to know about Keycloak, in one typed object, checked before anything is
 * rendered from it. The pages' examples, the generator on the site and the tests all use this module.
 */
import { parse } from "yaml";
import { OPENMETADATA_LINE, type OpenMetadataLine } from "../../versions";
import { type ClientAuthMethod, OPENMETADATA_DEFAULTS } from "./server";

export type { ClientAuthMethod };

export interface KeycloakSsoSettings {
  /** The OpenMetadata line the configuration is for: where a few settings live differs between lines. */
  openMetadataLine: OpenMetadataLine;
  /** Keycloak's base URL, as browser and server reach it: https://keycloak.example.com */
  keycloakUrl: string;
  /** The realm OpenMetadata signs users in with; never master. */
  realm: string;
  /** The confidential client's ID in that realm. */
  clientId: string;
  /** The client secret, from the client's Credentials tab. */
  clientSecret: string;
  /** Where users open OpenMetadata: http://localhost:8585 */
  openMetadataUrl: string;
  /** Principals (usernames) that become OpenMetadata administrators. */
  adminPrincipals: string[];
  /** The domain of users' email addresses, e.g. example.com. */
  principalDomain: string;
  /**
   * Claims OpenMetadata takes a user's name and email from, first present wins. Keep the server's
   * default unless you know why: changing it on a server with users splits their accounts.
   */
  principalClaims: string[];
  /**
   * Scopes OpenMetadata asks Keycloak for. offline_access (refresh tokens that outlive Keycloak's
   * session) only on a line that renews Keycloak's tokens: see RENEWS_KEYCLOAK_TOKENS.
   */
  scope: string;
  /** How the server sends the secret to Keycloak's token endpoint. */
  clientAuthMethod: ClientAuthMethod;
  /** How long a sign-in lasts, in seconds (OpenMetadata's default: OPENMETADATA_DEFAULTS in server.ts). */
  sessionExpirySeconds: number;
  /** Whether OpenMetadata takes users' roles from the token's `roles` claim at each sign-in. */
  useRolesFromProvider: boolean;
}

/** The values the pages show: replace them with yours. */
export const documentedSettings: KeycloakSsoSettings = {
  openMetadataLine: OPENMETADATA_LINE,
  keycloakUrl: "https://keycloak.example.com",
  realm: "openmetadata",
  clientId: "open-metadata",
  clientSecret: "paste-the-secret-from-the-credentials-tab",
  openMetadataUrl: "http://localhost:8585",
  adminPrincipals: ["admin-user"],
  principalDomain: "example.com",
  principalClaims: [...OPENMETADATA_DEFAULTS.principalClaims],
  scope: OPENMETADATA_DEFAULTS.scope,
  clientAuthMethod: OPENMETADATA_DEFAULTS.clientAuthMethod,
  sessionExpirySeconds: OPENMETADATA_DEFAULTS.sessionExpirySeconds,
  useRolesFromProvider: false,
};

export interface SettingError {
  field: keyof KeycloakSsoSettings;
  message: string;
}

/**
 * Whether the line's server renews Keycloak's tokens with Keycloak's refresh token after the sign-in,
 * which is all a refresh token asked for with offline_access could serve.
 * 1.12 and 1.13: yes. /api/v1/auth/refresh renews them (AuthenticationCodeFlowHandler.handleRefresh →
 *   getUserCredentialsFromSession → renewOidcCredentials → refreshTokenRequest, a RefreshTokenGrant
 *   to Keycloak; the handler that keeps Keycloak's credentials in the HTTP session).
 * 2.0: no. It keeps a session of its own and mints its own token from it (handleRefresh:
 *   validateAndReturnNewRefresh, completeRefresh, generateJwtToken; no call to Keycloak), in the
 *   handler built on SessionService (PR #26314), which 2.0.0 shipped. OpenMetadata's newer source
 *   also redeems Keycloak's refresh token at each renewal, only to notice a sign-out at Keycloak
 *   (OidcProviderTokenRefresher: "it never extends the OpenMetadata session"); an offline token,
 *   which outlives that sign-out, would hide it. Either way 2.0 has no use for offline_access.
 */
export const RENEWS_KEYCLOAK_TOKENS: Record<OpenMetadataLine, boolean> = {
  "1.12": true,
  "1.13": true,
  "2.0": false,
};

/** The scope that asks Keycloak for refresh tokens that outlive its session. */
export const OFFLINE_ACCESS = "offline_access";

/** The URLs both sides must agree on, derived from the settings. */
export function endpoints(settings: KeycloakSsoSettings) {
  const authority = `${settings.keycloakUrl}/realms/${settings.realm}`;
  return {
    authority,
    discoveryUri: `${authority}/.well-known/openid-configuration`,
    keycloakKeysUrl: `${authority}/protocol/openid-connect/certs`,
    openMetadataKeysUrl: `${settings.openMetadataUrl}/api/v1/system/config/jwks`,
    callbackUrl: `${settings.openMetadataUrl}/callback`,
    // OpenMetadata never sends users to Keycloak's sign-out (handleLogout ends its own session only),
    // so no single address to name: any page of OpenMetadata, for a sign-out link that comes back.
    postLogoutRedirectUri: `${settings.openMetadataUrl}/*`,
    // An origin has no path: under a sub-path, OpenMetadata's pages still come from this origin.
    webOrigin: new URL(settings.openMetadataUrl).origin,
  };
}

const YAML_11_WORDS = new Set(
  ["y", "yes", "n", "no", "true", "false", "on", "off", "null"].flatMap((word) => [
    word,
    word.toUpperCase(),
    word[0]?.toUpperCase() + word.slice(1),
  ]),
);

/** True when YAML 1.1 (OpenMetadata's and Helm's parsers) reads `value`, unquoted, as this very string. */
export function isPlainYamlString(value: string): boolean {
  // Fast path: a name that starts with a letter and is none of YAML 1.1's words for booleans and null.
  // ("E0" looks like an exponent to some parsers: leave such values to the full check.)
  if (/^[A-Za-z_][\w.-]*$/.test(value) && !/^[eE][-+]?\d/.test(value) && !YAML_11_WORDS.has(value)) return true;
  try {
    return parse(`v: ${value}`, { version: "1.1" })?.v === value;
  } catch {
    return false;
  }
}

/**
 * Host names, ports and plain path characters only: the URLs go unquoted into an env file that
 * Compose interpolates ($), into YAML lists ([ , ]) and into YAML values (": ").
 */
const SAFE_BASE_URL = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~%/-]*)?$/;

function checkBaseUrl(field: "keycloakUrl" | "openMetadataUrl", value: string, errors: SettingError[]): void {
  const example = field === "keycloakUrl" ? "https://keycloak.example.com" : "http://localhost:8585";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    errors.push({ field, message: `Not a URL: write it like ${example}.` });
    return;
  }
  // The most fundamental problem first, so that the value a message suggests is right.
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    errors.push({ field, message: `Must start with http:// or https://, like ${example}.` });
  } else if (/\s/.test(value)) {
    errors.push({ field, message: "Must not contain spaces." });
  } else if (field === "keycloakUrl" && /\/auth(\/|$)/.test(url.pathname)) {
    errors.push({ field, message: "Remove /auth: Keycloak 17 and later serve realms at /realms/<realm>." });
  } else if (field === "keycloakUrl" && /\/realms(\/|$)/.test(url.pathname)) {
    errors.push({ field, message: "Give Keycloak's base URL only, without /realms/…; the realm is its own field." });
  } else if (field === "openMetadataUrl" && /\/callback\/*$/.test(url.pathname)) {
    // The callback is this address + /callback (endpoints()); a sub-path, for BASE_PATH, stays allowed.
    errors.push({ field, message: "Give the address users open, without /callback: the files add it." });
  } else if (value.endsWith("/")) {
    errors.push({ field, message: `Remove the trailing slash: ${value.replace(/\/+$/, "")}` });
  } else if (!SAFE_BASE_URL.test(value)) {
    errors.push({
      field,
      message: `Give the base URL only, like ${example}: a host name (not an [IPv6] address), an optional port and a plain path, without ?query, #fragment, user, $ or commas.`,
    });
  }
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Advice on settings that are valid but often wrong: the files are written all the same. A loopback
 * Keycloak URL works for a browser on the same machine, and fails from OpenMetadata's container;
 * offline_access serves nothing on a line that never renews Keycloak's tokens.
 */
export function settingNotes(settings: KeycloakSsoSettings): SettingError[] {
  const notes: SettingError[] = [];
  let host = "";
  try {
    host = new URL(settings.keycloakUrl).hostname;
  } catch {
    // No URL: validateSettings says so.
  }
  if (host === "localhost" || /^127(\.\d{1,3}){3}$/.test(host)) {
    notes.push({
      field: "keycloakUrl",
      message: `Inside OpenMetadata's container, ${host} is the container itself: with Docker or Kubernetes, use an address the container reaches too (see Networks).`,
    });
  }
  const line = settings.openMetadataLine;
  if (!RENEWS_KEYCLOAK_TOKENS[line] && settings.scope.split(" ").includes(OFFLINE_ACCESS)) {
    notes.push({
      field: "scope",
      message: `OpenMetadata ${line} keeps a session of its own, which its session expiry ends: it needs no refresh token that outlives Keycloak's session. Leave ${OFFLINE_ACCESS} out (see Sessions and tokens).`,
    });
  }
  return notes;
}

/** Every problem with the settings, each naming its field and the fix; empty when all is well. */
export function validateSettings(settings: KeycloakSsoSettings): SettingError[] {
  const errors: SettingError[] = [];
  checkBaseUrl("keycloakUrl", settings.keycloakUrl, errors);
  checkBaseUrl("openMetadataUrl", settings.openMetadataUrl, errors);

  if (settings.realm === "master") {
    errors.push({
      field: "realm",
      message: "Not master: it is for administering Keycloak. Use a realm of its own, e.g. openmetadata.",
    });
  } else if (!NAME.test(settings.realm)) {
    errors.push({ field: "realm", message: "Letters, digits, dots, dashes and underscores only, e.g. openmetadata." });
  }
  if (!NAME.test(settings.clientId) || !isPlainYamlString(settings.clientId)) {
    errors.push({
      field: "clientId",
      message: "Letters, digits, dots, dashes and underscores only, e.g. open-metadata.",
    });
  }

  const secret = settings.clientSecret;
  if (secret.trim() === "") {
    errors.push({ field: "clientSecret", message: "Empty: copy it from the client's Credentials tab in Keycloak." });
  } else if (!/^[A-Za-z0-9._~+/=-]+$/.test(secret)) {
    errors.push({
      field: "clientSecret",
      message:
        "Only letters, digits and . _ ~ + / = - survive every format; Keycloak's generated secrets are letters and digits.",
    });
  } else if (!isPlainYamlString(secret)) {
    errors.push({
      field: "clientSecret",
      message: "OpenMetadata's YAML parser would read this as a number or a boolean: regenerate it in Keycloak.",
    });
  }

  if (settings.adminPrincipals.length === 0) {
    errors.push({ field: "adminPrincipals", message: "Name at least one admin principal, e.g. admin-user." });
  }
  for (const principal of settings.adminPrincipals) {
    if (!NAME.test(principal) || !isPlainYamlString(principal)) {
      errors.push({
        field: "adminPrincipals",
        message: `"${principal}": a username without spaces, @ or commas, e.g. admin-user (the part before @ of an email).`,
      });
    }
  }
  if (!/^[A-Za-z0-9][A-Za-z0-9-]*(\.[A-Za-z0-9-]+)*\.[A-Za-z][A-Za-z0-9-]*$/.test(settings.principalDomain)) {
    errors.push({ field: "principalDomain", message: "A domain like example.com, without @ or spaces." });
  }
  if (
    settings.principalClaims.length === 0 ||
    settings.principalClaims.some((claim) => !/^[A-Za-z_][\w.-]*$/.test(claim) || !isPlainYamlString(claim))
  ) {
    errors.push({ field: "principalClaims", message: "Claim names such as preferred_username, email, sub." });
  }
  const scopes = settings.scope.split(" ");
  if (!scopes.includes("openid") || scopes.some((scope) => !/^\w[\w.-]*(:[\w.-]+)*$/.test(scope))) {
    errors.push({ field: "scope", message: 'Space-separated scopes including openid, e.g. "openid email profile".' });
  }
  if (!Number.isInteger(settings.sessionExpirySeconds) || settings.sessionExpirySeconds < 3600) {
    errors.push({ field: "sessionExpirySeconds", message: "Whole seconds, at least 3600 (one hour)." });
  }
  return errors;
}

/** The settings, or an error listing every problem. */
export function checkedSettings(settings: KeycloakSsoSettings): KeycloakSsoSettings {
  const errors = validateSettings(settings);
  if (errors.length > 0) {
    throw new Error(`Invalid settings:\n${errors.map((error) => `- ${error.field}: ${error.message}`).join("\n")}`);
  }
  return settings;
}
