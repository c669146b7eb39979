/**
 * Checks that a Keycloak realm is ready for OpenMetadata: its discovery document answers, names
 * the issuer OpenMetadata will use as authority, and publishes RS256 signing keys.
 *
 * Prerequisites: Node.js 22.12 or newer, and settings in the environment:
 *   KEYCLOAK_URL    Keycloak's base URL, e.g. https://keycloak.example.com (no /auth, no final /)
 *   KEYCLOAK_REALM  optional, default "openmetadata": the realm OpenMetadata signs users in with
 *
 * Run from the examples folder, after `npm ci`:
 *   KEYCLOAK_URL=https://keycloak.example.com KEYCLOAK_REALM=openmetadata \
 *     npx tsx keycloak/check-realm.ts
 */
import { exitWith, issuerMismatch, keycloakUrlSetting, setting, unreachable } from "../shared/failures.js";

interface DiscoveryDocument {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  end_session_endpoint?: string;
}

interface JsonWebKeySet {
  keys: { kid?: string; alg?: string; use?: string; kty: string }[];
}

if (process.env.KEYCLOAK_URL?.trim().endsWith("/")) exitWith(`KEYCLOAK_URL ends with "/": remove the trailing slash.`);
const keycloakUrl = keycloakUrlSetting();
const realm = setting("KEYCLOAK_REALM", "openmetadata");
if (realm === "master") exitWith(`KEYCLOAK_REALM is "master": create a realm for your applications instead.`);

const authority = `${keycloakUrl}/realms/${realm}`;
const discoveryUri = `${authority}/.well-known/openid-configuration`;

/** The JSON at `url`; anything else ends the script with one line that says what to change. */
async function readJson<T>(url: string): Promise<T> {
  const answer = await fetch(url).catch((error: unknown) => exitWith(unreachable(error, url) ?? String(error)));
  if (!answer.ok) exitWith(`${url} answered ${answer.status}: check KEYCLOAK_URL and KEYCLOAK_REALM.`);
  return (await answer.json().catch(() => exitWith(`${url} does not answer with JSON: check KEYCLOAK_URL.`))) as T;
}

const discovery = await readJson<DiscoveryDocument>(discoveryUri);
if (discovery.issuer !== authority) exitWith(issuerMismatch(discovery.issuer, authority));

const jwks = await readJson<JsonWebKeySet>(discovery.jwks_uri);
const signingKeys = jwks.keys.filter((key) => key.alg === "RS256" && key.use !== "enc");
if (signingKeys.length === 0) exitWith(`${discovery.jwks_uri} lists no RS256 signing key.`);

console.log(`Authority (AUTHENTICATION_AUTHORITY): ${discovery.issuer}`);
console.log(`Discovery URI (OIDC_DISCOVERY_URI): ${discoveryUri}`);
console.log(`Public key URL (AUTHENTICATION_PUBLIC_KEYS): ${discovery.jwks_uri}`);
console.log(`RS256 signing keys: ${signingKeys.map((key) => key.kid).join(", ")}`);
