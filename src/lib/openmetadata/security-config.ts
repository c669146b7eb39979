/**
 * The same settings in OpenMetadata's own terms: the fields of its SSO screen (Settings › SSO, the
 * Custom-OIDC card) and the body its security API takes. Both come from `serverSettings`, like the
 * env file, the YAML and the Helm values, so they say the same thing.
 *
 * Sources (open-metadata/OpenMetadata; the UI under openmetadata-ui/src/main/resources/ui/src):
 *   Labels     constants/SSO.constant.ts at 034aaa0d (root pom.xml there: 1.12.0-SNAPSHOT, after PR
 *              #25589), the 'ui:title' of each field; a field without one shows its JSON title
 *              (jsons/configuration/authenticationConfiguration.json: "Session Expiry").
 *   Hidden     utils/SSOUtils.ts: the Custom-OIDC card is always a confidential client; on save,
 *              cleanupOidcConfiguration copies oidcConfiguration.id and .callbackUrl to the top-level
 *              clientId and callbackUrl; serverUrl, responseType and preferredJwsAlgorithm are not shown.
 *   API        rest/securityConfigAPI.ts: GET, PUT and PATCH /api/v1/system/security/config and POST
 *              /api/v1/system/security/validate; SystemResource.updateSecurityConfig (PUT) stores both
 *              blocks whole and reloads the security system (SecurityConfigurationManager
 *              .reloadSecuritySystem); the body is configuration/securityConfiguration.json (both keys
 *              required). SystemRepository.autoPopulatePublicKeyUrlsIfNeeded fills in publicKeyUrls.
 */
import { environmentVariables, serverSettings } from "./render";
import { SERVER_SETTINGS, type ServerConfiguration, serverConfiguration } from "./server";
import { checkedSettings, type KeycloakSsoSettings } from "./settings";

/** Where the screen and the API are, relative to OpenMetadata's address. */
export const SECURITY_API = {
  config: "/api/v1/system/security/config",
  validate: "/api/v1/system/security/validate",
  screen: "/settings/sso",
} as const;

/** A setting as the SSO screen shows it: a field's label, or how the screen sets it without one. */
export type ScreenField = { label: string; where?: string } | { hidden: string };

const AUTHORIZER = "authorizerConfiguration";
const AUTHENTICATION = "authenticationConfiguration";
const OIDC = `${AUTHENTICATION}.oidcConfiguration`;
const ADVANCED = "under Advanced Config";

/** Each setting the guide writes, as OpenMetadata's SSO screen (Custom-OIDC) shows it. */
export const SSO_SCREEN_FIELDS: Readonly<Record<string, ScreenField>> = {
  [`${AUTHORIZER}.adminPrincipals`]: { label: "Admin Principals" },
  [`${AUTHORIZER}.principalDomain`]: { label: "Principal Domain" },
  [`${AUTHORIZER}.useRolesFromProvider`]: { label: "Use Roles From Provider" },
  [`${AUTHENTICATION}.provider`]: { hidden: "choosing the Custom-OIDC card sets it" },
  [`${AUTHENTICATION}.providerName`]: { label: "Provider Name" },
  [`${AUTHENTICATION}.clientType`]: { hidden: "always, on the Custom-OIDC card" },
  [`${AUTHENTICATION}.clientId`]: { hidden: "copied from OIDC Client ID when you save" },
  [`${AUTHENTICATION}.authority`]: { label: "Authority" },
  [`${AUTHENTICATION}.callbackUrl`]: { hidden: "copied from OIDC Callback URL when you save" },
  [`${AUTHENTICATION}.publicKeyUrls`]: {
    hidden: "OpenMetadata fills in key URLs when you save; the API body sets both, Keycloak's and its own",
  },
  [`${AUTHENTICATION}.jwtPrincipalClaims`]: { label: "JWT Principal Claims" },
  [`${AUTHENTICATION}.sessionExpiry`]: { label: "Session Expiry" },
  [`${OIDC}.id`]: { label: "OIDC Client ID" },
  [`${OIDC}.secret`]: { label: "OIDC Client Secret" },
  [`${OIDC}.discoveryUri`]: { label: "OIDC Discovery URI" },
  [`${OIDC}.callbackUrl`]: {
    label: "OIDC Callback URL",
    where: "read-only: the address you opened the screen at, with /callback",
  },
  [`${OIDC}.serverUrl`]: {
    hidden: "the address you opened the screen at: open it at this address",
  },
  [`${OIDC}.scope`]: { label: "OIDC Request Scopes" },
  [`${OIDC}.clientAuthenticationMethod`]: { label: "OIDC Client Authentication Method" },
  [`${OIDC}.sessionExpiry`]: { label: "OIDC Session Expiry", where: ADVANCED },
};

export interface ScreenRow {
  /** The setting, e.g. authenticationConfiguration.oidcConfiguration.id. */
  key: string;
  field: ScreenField;
  /** The value as the reader types it: lists comma-separated. */
  value: string;
}

/** The SSO screen's fields for these settings, in the order of the configuration files. */
export function ssoScreenRows(input: KeycloakSsoSettings): ScreenRow[] {
  return serverSettings(input).flatMap((group) =>
    group.values.map(({ key, value }) => {
      const field = SSO_SCREEN_FIELDS[key];
      if (!field) throw new Error(`No SSO screen field for ${key} in src/lib/openmetadata/security-config.ts`);
      return { key, field, value: Array.isArray(value) ? value.join(", ") : String(value) };
    }),
  );
}

/** Jackson reads a null field as absent, and the server sends none: leave them out. */
function withoutNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutNulls) as T;
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, entry]) => entry !== null && entry !== undefined)
      .map(([key, entry]) => [key, withoutNulls(entry)]),
  ) as T;
}

/**
 * The body of PUT /api/v1/system/security/config (and of POST …/validate): both security blocks
 * whole, as the server would hold them had it read the env file on its first start, in the JSON
 * types the release's definitions give each key. The API replaces what is stored with it.
 */
export function securityConfiguration(input: KeycloakSsoSettings): ServerConfiguration {
  const s = checkedSettings(input);
  const config = serverConfiguration(s.openMetadataLine, Object.fromEntries(environmentVariables(s)));
  for (const { key, json } of SERVER_SETTINGS[s.openMetadataLine]) {
    if (!json) continue;
    const path = key.split(".");
    const parent = path
      .slice(0, -1)
      .reduce<Record<string, unknown> | undefined>(
        (node, part) => node?.[part] as Record<string, unknown> | undefined,
        config as unknown as Record<string, unknown>,
      );
    const name = path.at(-1) ?? "";
    const value = parent?.[name];
    if (parent === undefined || value === null || value === undefined || value === "") continue;
    parent[name] = json === "integer" ? Number(value) : String(value);
  }
  return withoutNulls(config);
}

/**
 * JSON laid out as the project's formatter (Biome) lays it out: objects one key a line, a list on
 * one line when it fits within 120 characters.
 */
function formatJson(value: unknown, indent: string, prefixLength: number): string {
  if (Array.isArray(value)) {
    const inline = `[${value.map((item) => JSON.stringify(item)).join(", ")}]`;
    if (value.every((item) => typeof item !== "object" || item === null) && prefixLength + inline.length + 1 <= 120) {
      return inline;
    }
    const inner = `${indent}  `;
    return `[\n${value.map((item) => `${inner}${formatJson(item, inner, inner.length)}`).join(",\n")}\n${indent}]`;
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0) return "{}";
    const inner = `${indent}  `;
    const lines = entries.map(([key, entry]) => {
      const prefix = `${inner}${JSON.stringify(key)}: `;
      return `${prefix}${formatJson(entry, inner, prefix.length)}`;
    });
    return `{\n${lines.join(",\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** security-config.json: the body, for curl or any HTTP client. */
export function renderSecurityConfigJson(input: KeycloakSsoSettings): string {
  return `${formatJson(securityConfiguration(input), "", 0)}\n`;
}
