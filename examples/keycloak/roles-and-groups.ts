/**
 * Puts a user's realm roles and groups into the ID token, as flat `roles` and `groups` claims, for
 * OpenMetadata to read: roles with useRolesFromProvider, teams with jwtTeamClaimMapping (see the
 * Roles and teams page). Adds two mappers to the client; running it again changes nothing.
 *
 * Prerequisites: Node.js 22.12 or newer, and settings in the environment:
 *   KEYCLOAK_URL             Keycloak's base URL, e.g. https://keycloak.example.com (no /auth)
 *   KEYCLOAK_ADMIN_USERNAME  an admin of the master realm
 *   KEYCLOAK_ADMIN_PASSWORD  that admin's password
 *   KEYCLOAK_REALM           optional, default "openmetadata"
 *   OIDC_CLIENT_ID           optional, default "open-metadata"
 *
 * Run from the examples folder, after `npm ci`: npx tsx keycloak/roles-and-groups.ts
 */
import type ProtocolMapperRepresentation from "@keycloak/keycloak-admin-client/lib/defs/protocolMapperRepresentation.js";
import { signInAsAdmin } from "../shared/admin.js";
import { exitWith, keycloakUrlSetting, setting } from "../shared/failures.js";

const keycloakUrl = keycloakUrlSetting();
const realm = setting("KEYCLOAK_REALM", "openmetadata");
const clientId = setting("OIDC_CLIENT_ID", "open-metadata");

const admin = await signInAsAdmin(keycloakUrl);
admin.setConfig({ realmName: realm });

const [client] = await admin.clients.find({ clientId });
if (!client?.id) exitWith(`Realm ${realm} has no client "${clientId}": check KEYCLOAK_REALM and OIDC_CLIENT_ID.`);

// In the ID token (which OpenMetadata reads at sign-in), the access token and UserInfo alike.
const everywhere = { "id.token.claim": "true", "access.token.claim": "true", "userinfo.token.claim": "true" };
const mappers: ProtocolMapperRepresentation[] = [
  {
    name: "roles",
    protocol: "openid-connect",
    protocolMapper: "oidc-usermodel-realm-role-mapper",
    config: { "claim.name": "roles", multivalued: "true", "jsonType.label": "String", ...everywhere },
  },
  {
    // Group names without their path ("Data Engineering", not "/Data Engineering"), as OpenMetadata
    // names teams.
    name: "groups",
    protocol: "openid-connect",
    protocolMapper: "oidc-group-membership-mapper",
    config: { "claim.name": "groups", "full.path": "false", ...everywhere },
  },
];

const existing = await admin.clients.listProtocolMappers({ id: client.id });
for (const mapper of mappers) {
  const found = existing.find((candidate) => candidate.name === mapper.name);
  if (!found?.id) {
    await admin.clients.addProtocolMapper({ id: client.id }, mapper);
    console.log(`Mapper "${mapper.name}": added`);
  } else if (JSON.stringify(found.config) !== JSON.stringify({ ...found.config, ...mapper.config })) {
    await admin.clients.updateProtocolMapper({ id: client.id, mapperId: found.id }, { ...found, ...mapper });
    console.log(`Mapper "${mapper.name}": updated`);
  } else {
    console.log(`Mapper "${mapper.name}": unchanged`);
  }
}
