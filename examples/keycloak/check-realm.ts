/**
 * Checks that a Keycloak realm is ready for OpenMetadata: its discovery document answers,
 * names the issuer OpenMetadata will use as authority, and publishes RS256 signing keys.
 *
 * Prerequisites (environment):
 *   KEYCLOAK_URL    Keycloak's base URL, e.g. https://keycloak.example.com (no /auth, no trailing slash)
 *   KEYCLOAK_REALM  the realm OpenMetadata signs users in with, e.g. openmetadata
 *
 * Run: KEYCLOAK_URL=https://keycloak.example.com KEYCLOAK_REALM=openmetadata npx tsx examples/keycloak/check-realm.ts
 */

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

function requireSetting(name: string, hint: string): string {
  const value = process.env[name]?.trim();
  if (!value) throw new Error(`${name} is not set: ${hint}`);
  return value;
}

const keycloakUrl = requireSetting("KEYCLOAK_URL", "set it to Keycloak's base URL, e.g. https://keycloak.example.com");
const realm = requireSetting("KEYCLOAK_REALM", "set it to the realm OpenMetadata uses, e.g. openmetadata");

if (keycloakUrl.endsWith("/")) throw new Error(`KEYCLOAK_URL ends with "/": remove the trailing slash.`);
if (/\/auth$/.test(keycloakUrl)) {
  throw new Error("KEYCLOAK_URL ends with /auth: Keycloak 17 and later serve realms at /realms/<realm>, drop /auth.");
}
if (realm === "master") throw new Error(`KEYCLOAK_REALM is "master": create a realm for your applications instead.`);

const authority = `${keycloakUrl}/realms/${realm}`;
const discoveryUri = `${authority}/.well-known/openid-configuration`;

const discoveryResponse = await fetch(discoveryUri);
if (!discoveryResponse.ok) {
  throw new Error(`${discoveryUri} answered ${discoveryResponse.status}: check KEYCLOAK_URL and KEYCLOAK_REALM.`);
}
const discovery = (await discoveryResponse.json()) as DiscoveryDocument;
if (discovery.issuer !== authority) {
  throw new Error(`Issuer is ${discovery.issuer}, expected ${authority}: use the issuer as AUTHENTICATION_AUTHORITY.`);
}

const jwksResponse = await fetch(discovery.jwks_uri);
const jwks = (await jwksResponse.json()) as JsonWebKeySet;
const signingKeys = jwks.keys.filter((key) => key.alg === "RS256" && key.use !== "enc");
if (signingKeys.length === 0) throw new Error(`${discovery.jwks_uri} lists no RS256 signing key.`);

console.log(`Authority (AUTHENTICATION_AUTHORITY): ${discovery.issuer}`);
console.log(`Discovery URI (OIDC_DISCOVERY_URI): ${discoveryUri}`);
console.log(`Public key URL (AUTHENTICATION_PUBLIC_KEYS): ${discovery.jwks_uri}`);
console.log(`RS256 signing keys: ${signingKeys.map((key) => key.kid).join(", ")}`);
