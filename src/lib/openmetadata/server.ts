/**
 * What OpenMetadata's server reads for the settings this guide writes: the blocks of its
 * conf/openmetadata.yaml, key by key, with the environment variable each key is read from and the
 * default it takes when that variable is not set, written `key: ${VARIABLE:-default}` in the file.
 * The renderers use it to name the variables and to leave out what equals the server's default;
 * the tests rebuild the blocks from it, substitute a configuration into them as the server does,
 * and check the result against the release's own definitions.
 *
 * Sources (conf/openmetadata.yaml as shipped):
 *   1.12 and 1.13  1.12's file (a fork at 1.12.0-SNAPSHOT, Eve-HQ/OpenMetadata@c48f703c, with the
 *                  authorizer defaults of upstream's releases). 1.13's definitions are field for field
 *                  those of 1.12 (openmetadata-ingestion 1.13.6.3 against 1.12.14.2).
 *   2.0            OpenMetadata's development line (the commit tooling/openmetadata/upstream.ts
 *                  pins, whose file a test compares this table with), less the keys 2.0.7's definitions do not have
 *                  (adminEmails, allowedEmailDomains, botDomain, emailClaim, displayNameClaim,
 *                  endSessionWithProvider). 2.0 added the top-level sessionExpiry and
 *                  maxActiveSessionsPerUser; oidcConfiguration.sessionExpiry stays as a fallback.
 */
import { parse } from "yaml";
import { OPENMETADATA_LINE, type OpenMetadataLine } from "../../versions";

export interface ServerSetting {
  /** Where the value lands, e.g. "authenticationConfiguration.oidcConfiguration.id". */
  key: string;
  /** The environment variable the server's conf/openmetadata.yaml reads it from. */
  env: string;
  /** The default when that variable is unset, as written in the file (YAML text). */
  default: string;
  /**
   * The JSON type the release's definitions give the key, where it is not what YAML reads the
   * default as (the server's Jackson converts the YAML; a JSON body must carry the type itself).
   */
  json?: "integer" | "string";
}

const AUTHORIZER = "authorizerConfiguration";
const AUTHENTICATION = "authenticationConfiguration";
const OIDC = `${AUTHENTICATION}.oidcConfiguration`;

const setting = (key: string, env: string, defaultValue: string, json?: ServerSetting["json"]): ServerSetting => ({
  key,
  env,
  default: defaultValue,
  ...(json ? { json } : {}),
});

const AUTHORIZER_SETTINGS = [
  setting(`${AUTHORIZER}.className`, "AUTHORIZER_CLASS_NAME", "org.openmetadata.service.security.DefaultAuthorizer"),
  setting(
    `${AUTHORIZER}.containerRequestFilter`,
    "AUTHORIZER_REQUEST_FILTER",
    "org.openmetadata.service.security.JwtFilter",
  ),
  setting(`${AUTHORIZER}.adminPrincipals`, "AUTHORIZER_ADMIN_PRINCIPALS", "[admin]"),
  setting(`${AUTHORIZER}.principalDomain`, "AUTHORIZER_PRINCIPAL_DOMAIN", '"open-metadata.org"'),
  setting(`${AUTHORIZER}.allowedEmailRegistrationDomains`, "AUTHORIZER_ALLOWED_REGISTRATION_DOMAIN", '["all"]'),
  setting(`${AUTHORIZER}.allowedDomains`, "AUTHORIZER_ALLOWED_DOMAINS", "[]"),
  setting(`${AUTHORIZER}.enforcePrincipalDomain`, "AUTHORIZER_ENFORCE_PRINCIPAL_DOMAIN", "false"),
  setting(`${AUTHORIZER}.enableSecureSocketConnection`, "AUTHORIZER_ENABLE_SECURE_SOCKET", "false"),
  setting(`${AUTHORIZER}.useRolesFromProvider`, "AUTHORIZER_USE_ROLES_FROM_PROVIDER", "false"),
];

const AUTHENTICATION_SETTINGS = [
  setting(`${AUTHENTICATION}.clientType`, "AUTHENTICATION_CLIENT_TYPE", "public"),
  setting(`${AUTHENTICATION}.provider`, "AUTHENTICATION_PROVIDER", "basic"),
  setting(`${AUTHENTICATION}.responseType`, "AUTHENTICATION_RESPONSE_TYPE", "id_token"),
  setting(`${AUTHENTICATION}.providerName`, "CUSTOM_OIDC_AUTHENTICATION_PROVIDER_NAME", '""'),
  setting(
    `${AUTHENTICATION}.publicKeyUrls`,
    "AUTHENTICATION_PUBLIC_KEYS",
    "[http://localhost:8585/api/v1/system/config/jwks]",
  ),
  setting(`${AUTHENTICATION}.tokenValidationAlgorithm`, "AUTHENTICATION_TOKEN_VALIDATION_ALGORITHM", '"RS256"'),
  setting(`${AUTHENTICATION}.authority`, "AUTHENTICATION_AUTHORITY", "https://accounts.google.com"),
  setting(`${AUTHENTICATION}.clientId`, "AUTHENTICATION_CLIENT_ID", '""'),
  setting(`${AUTHENTICATION}.callbackUrl`, "AUTHENTICATION_CALLBACK_URL", '""'),
  setting(
    `${AUTHENTICATION}.jwtPrincipalClaims`,
    "AUTHENTICATION_JWT_PRINCIPAL_CLAIMS",
    "[email,preferred_username,sub]",
  ),
  setting(`${AUTHENTICATION}.jwtPrincipalClaimsMapping`, "AUTHENTICATION_JWT_PRINCIPAL_CLAIMS_MAPPING", "[]"),
  setting(`${AUTHENTICATION}.enableSelfSignup`, "AUTHENTICATION_ENABLE_SELF_SIGNUP", "true"),
  setting(`${AUTHENTICATION}.enableAutoRedirect`, "AUTHENTICATION_ENABLE_AUTO_REDIRECT", "false"),
  setting(`${AUTHENTICATION}.forceSecureSessionCookie`, "FORCE_SECURE_SESSION_COOKIE", "false"),
];

const OIDC_SETTINGS = (prompt: string, maxAge: string) => [
  setting(`${OIDC}.id`, "OIDC_CLIENT_ID", '""'),
  setting(`${OIDC}.type`, "OIDC_TYPE", '""'),
  setting(`${OIDC}.secret`, "OIDC_CLIENT_SECRET", '""'),
  setting(`${OIDC}.scope`, "OIDC_SCOPE", '"openid email profile"'),
  setting(`${OIDC}.discoveryUri`, "OIDC_DISCOVERY_URI", '""'),
  setting(`${OIDC}.useNonce`, "OIDC_USE_NONCE", "true", "string"),
  setting(`${OIDC}.preferredJwsAlgorithm`, "OIDC_PREFERRED_JWS", '"RS256"'),
  setting(`${OIDC}.responseType`, "OIDC_RESPONSE_TYPE", '"code"'),
  setting(`${OIDC}.disablePkce`, "OIDC_DISABLE_PKCE", "true"),
  setting(`${OIDC}.callbackUrl`, "OIDC_CALLBACK", '"http://localhost:8585/callback"'),
  setting(`${OIDC}.serverUrl`, "OIDC_SERVER_URL", '"http://localhost:8585"'),
  setting(`${OIDC}.clientAuthenticationMethod`, "OIDC_CLIENT_AUTH_METHOD", '"client_secret_post"'),
  setting(`${OIDC}.tenant`, "OIDC_TENANT", '""'),
  setting(`${OIDC}.maxClockSkew`, "OIDC_MAX_CLOCK_SKEW", '""'),
  setting(`${OIDC}.tokenValidity`, "OIDC_OM_REFRESH_TOKEN_VALIDITY", '"3600"', "integer"),
  setting(`${OIDC}.customParams`, "OIDC_CUSTOM_PARAMS", ""),
  setting(`${OIDC}.maxAge`, "OIDC_MAX_AGE", maxAge),
  setting(`${OIDC}.prompt`, "OIDC_PROMPT_TYPE", prompt),
  setting(`${OIDC}.sessionExpiry`, "OIDC_SESSION_EXPIRY", '"604800"', "integer"),
];

/** 1.12 and 1.13: sessionExpiry only under oidcConfiguration; every sign-in asks for prompt=consent and max_age=0. */
const RELEASE_1X = [...AUTHORIZER_SETTINGS, ...AUTHENTICATION_SETTINGS, ...OIDC_SETTINGS('"consent"', '"0"')];

/** 2.0: one sessionExpiry for every provider, at the top. prompt and max_age as on the development line. */
const RELEASE_2_0 = [
  ...AUTHORIZER_SETTINGS,
  ...AUTHENTICATION_SETTINGS,
  setting(`${AUTHENTICATION}.additionalTrustedRedirectUris`, "AUTHENTICATION_ADDITIONAL_TRUSTED_REDIRECT_URIS", "[]"),
  setting(`${AUTHENTICATION}.sessionExpiry`, "AUTHENTICATION_SESSION_EXPIRY", '"604800"', "integer"),
  setting(`${AUTHENTICATION}.maxActiveSessionsPerUser`, "AUTHENTICATION_MAX_ACTIVE_SESSIONS_PER_USER", "5"),
  ...OIDC_SETTINGS('""', '""'),
];

export const SERVER_SETTINGS: Record<OpenMetadataLine, readonly ServerSetting[]> = {
  "1.12": RELEASE_1X,
  "1.13": RELEASE_1X,
  "2.0": RELEASE_2_0,
};

/** Where each line keeps the session expiry the guide sets. */
export const SESSION_EXPIRY_KEY: Record<OpenMetadataLine, string> = {
  "1.12": `${OIDC}.sessionExpiry`,
  "1.13": `${OIDC}.sessionExpiry`,
  "2.0": `${AUTHENTICATION}.sessionExpiry`,
};

/** The server's setting for `key` on `line`; throws for a key the table does not know. */
export function serverSetting(line: OpenMetadataLine, key: string): ServerSetting {
  const found = SERVER_SETTINGS[line].find((candidate) => candidate.key === key);
  if (!found) throw new Error(`OpenMetadata ${line} has no setting ${key} in src/lib/openmetadata/server.ts`);
  return found;
}

/** The default of `key` on `line` as the server reads it: its text in the file, read as YAML 1.1. */
export function serverDefault(line: OpenMetadataLine, key: string): unknown {
  return parse(`value: ${serverSetting(line, key).default}`, { version: "1.1" }).value;
}

/** How the server sends the client secret to Keycloak's token endpoint. */
export type ClientAuthMethod = "client_secret_post" | "client_secret_basic";

/** The server's defaults that the guide names to readers and fills the pages' settings with. */
export interface OpenMetadataDefaults {
  /** AUTHORIZER_PRINCIPAL_DOMAIN: the domain of the email made for a user whose claim has no "@". */
  principalDomain: string;
  /** AUTHENTICATION_JWT_PRINCIPAL_CLAIMS: the first of these the token has names the user. */
  principalClaims: string[];
  /** OIDC_SCOPE: the scopes the server asks Keycloak for. */
  scope: string;
  /** OIDC_CLIENT_AUTH_METHOD. */
  clientAuthMethod: ClientAuthMethod;
  /** How long a sign-in lasts, in seconds, where SESSION_EXPIRY_KEY says the line keeps it. */
  sessionExpirySeconds: number;
}

/** The defaults of `line`, read from the table above (so from the server's own file, which a test pins it to). */
export function openMetadataDefaults(line: OpenMetadataLine): OpenMetadataDefaults {
  const clientAuthMethod = String(serverDefault(line, `${OIDC}.clientAuthenticationMethod`));
  if (clientAuthMethod !== "client_secret_post" && clientAuthMethod !== "client_secret_basic") {
    throw new Error(
      `OpenMetadata ${line}'s OIDC_CLIENT_AUTH_METHOD default "${clientAuthMethod}" is not one the guide knows`,
    );
  }
  return {
    principalDomain: String(serverDefault(line, `${AUTHORIZER}.principalDomain`)),
    principalClaims: (serverDefault(line, `${AUTHENTICATION}.jwtPrincipalClaims`) as unknown[]).map(String),
    scope: String(serverDefault(line, `${OIDC}.scope`)),
    clientAuthMethod,
    sessionExpirySeconds: Number(serverDefault(line, SESSION_EXPIRY_KEY[line])),
  };
}

/** The defaults of the line the pages are written for. */
export const OPENMETADATA_DEFAULTS: Readonly<OpenMetadataDefaults> = openMetadataDefaults(OPENMETADATA_LINE);

/**
 * The blocks of conf/openmetadata.yaml these settings make up, each key written as the server's file
 * writes it: `key: ${VARIABLE:-default}`.
 */
export function serverTemplate(line: OpenMetadataLine): string {
  const lines: string[] = [];
  const written = new Set<string>();
  for (const { key, env, default: fallback } of SERVER_SETTINGS[line]) {
    const path = key.split(".");
    path.forEach((part, depth) => {
      const prefix = path.slice(0, depth + 1).join(".");
      if (written.has(prefix)) return;
      written.add(prefix);
      const indent = "  ".repeat(depth);
      lines.push(depth === path.length - 1 ? `${indent}${part}: \${${env}:-${fallback}}` : `${indent}${part}:`);
    });
  }
  return `${lines.join("\n")}\n`;
}

/**
 * ${NAME} and ${NAME:-default} as the server substitutes them (Apache Commons Text, non-strict):
 * a set variable wins, even when empty; an unset one takes the default, or stays as written.
 */
export function substituteEnv(template: string, env: Record<string, string | undefined>): string {
  return template.replace(/\$(\$)?\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (whole, escaped, name, fallback) => {
    if (escaped) return whole.slice(1);
    const value = env[name];
    if (value !== undefined) return value;
    return fallback ?? whole;
  });
}

/** The two security blocks of the server's configuration, as it holds them once read. */
export interface ServerConfiguration {
  authorizerConfiguration: Record<string, unknown>;
  authenticationConfiguration: Record<string, unknown> & { oidcConfiguration: Record<string, unknown> };
}

/**
 * The security blocks `line`'s server makes of these environment variables: substituted into its
 * conf/openmetadata.yaml, then read as YAML 1.1 as its SnakeYAML does.
 */
export function serverConfiguration(
  line: OpenMetadataLine,
  env: Record<string, string | undefined>,
  template = serverTemplate(line),
): ServerConfiguration {
  return parse(substituteEnv(template, env), { version: "1.1" }) as ServerConfiguration;
}
