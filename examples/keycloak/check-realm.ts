/**
 * Checks that a Keycloak realm is ready for OpenMetadata: its discovery document answers, names
 * the issuer OpenMetadata will use as authority, and publishes RS256 signing keys. It is the part
 * of the doctor (doctor/probes.ts) that needs nothing but the realm, printing the values the
 * deployment pages ask for.
 *
 * Prerequisites: Node.js 22.12 or newer, and settings in the environment:
 *   KEYCLOAK_URL    Keycloak's base URL, e.g. https://keycloak.example.com (no /auth, no final /)
 *   KEYCLOAK_REALM  optional, default "openmetadata": the realm OpenMetadata signs users in with
 *
 * Run from the examples folder, after `npm ci`:
 *   KEYCLOAK_URL=https://keycloak.example.com KEYCLOAK_REALM=openmetadata \
 *     npx tsx keycloak/check-realm.ts
 */
import { probeSigningKeys, readDiscovery } from "../doctor/probes.js";
import { exitWith, issuerMismatch, keycloakUrlSetting, Stop, setting } from "../shared/failures.js";

if (process.env.KEYCLOAK_URL?.trim().endsWith("/")) exitWith(`KEYCLOAK_URL ends with "/": remove the trailing slash.`);
const keycloakUrl = keycloakUrlSetting();
const realm = setting("KEYCLOAK_REALM", "openmetadata");
if (realm === "master") exitWith(`KEYCLOAK_REALM is "master": create a realm for your applications instead.`);
const authority = `${keycloakUrl}/realms/${encodeURIComponent(realm)}`;

try {
  // What OpenMetadata reads first: the discovery document, whose issuer must be the realm's URL.
  const found = await readDiscovery(authority);
  if (!found.issuerRight) exitWith(issuerMismatch(found.discovery.issuer, authority));
  // Then the keys it checks every token's signature with.
  const keys = await probeSigningKeys(found);
  if (keys.status !== "PASS") exitWith(keys.text);

  console.log(`Authority (AUTHENTICATION_AUTHORITY): ${found.discovery.issuer}`);
  console.log(`Discovery URI (OIDC_DISCOVERY_URI): ${authority}/.well-known/openid-configuration`);
  console.log(`Public key URL (AUTHENTICATION_PUBLIC_KEYS): ${found.discovery.jwks_uri}`);
  console.log(`Signing keys: ${keys.text}`);
} catch (error) {
  // A Keycloak out of reach, a realm that does not exist, a server that is not Keycloak: one line.
  if (error instanceof Stop) exitWith(error.message);
  throw error;
}
