/**
 * Puts the roles a user has on the OpenMetadata client, and the user's groups, into the ID token as
 * flat `roles` and `groups` claims, for OpenMetadata to read: roles with useRolesFromProvider,
 * teams with jwtTeamClaimMapping (see the Roles and teams page). Adds two mappers to the client,
 * and creates the client roles you name; running it again changes nothing.
 *
 * Client roles, not realm roles: a realm-role mapper also puts Keycloak's default roles
 * (default-roles-<realm>, offline_access, uma_authorization) into the claim of every user, so the
 * claim is never empty. A client-role mapper puts only the roles you assign on the client, and no
 * claim at all for a user you assign none.
 *
 * Prerequisites: Node.js 22.12 or newer, and settings in the environment:
 *   KEYCLOAK_URL             Keycloak's base URL, e.g. https://keycloak.example.com (no /auth)
 *   KEYCLOAK_ADMIN_USERNAME  an admin of the master realm
 *   KEYCLOAK_ADMIN_PASSWORD  that admin's password
 *   KEYCLOAK_REALM           optional, default "openmetadata"
 *   OIDC_CLIENT_ID           optional, default "open-metadata"
 *   OPENMETADATA_ROLES       optional: OpenMetadata role names to create as client roles, separated
 *                            by commas, e.g. "DataSteward,DataConsumer"
 *
 * Run from the examples folder, after `npm ci`: npx tsx keycloak/roles-and-groups.ts
 */
import type ProtocolMapperRepresentation from "@keycloak/keycloak-admin-client/lib/defs/protocolMapperRepresentation.js";
import { signInAsAdmin } from "../shared/admin.js";
import { exitWith, keycloakUrlSetting, setting } from "../shared/failures.js";

const keycloakUrl = keycloakUrlSetting();
const realm = setting("KEYCLOAK_REALM", "openmetadata");
const clientId = setting("OIDC_CLIENT_ID", "open-metadata");
const roleNames = (process.env.OPENMETADATA_ROLES ?? "")
  .split(",")
  .map((name) => name.trim())
  .filter((name) => name !== "");

const admin = await signInAsAdmin(keycloakUrl);
admin.setConfig({ realmName: realm });

const [client] = await admin.clients.find({ clientId });
if (!client?.id) exitWith(`Realm ${realm} has no client "${clientId}": check KEYCLOAK_REALM and OIDC_CLIENT_ID.`);
const id = client.id;

// In the ID token (which OpenMetadata reads at sign-in), the access token and UserInfo alike.
const everywhere = { "id.token.claim": "true", "access.token.claim": "true", "userinfo.token.claim": "true" };
const mappers: ProtocolMapperRepresentation[] = [
  {
    // The roles the user has on this client only (Keycloak's "User Client Role" mapper).
    name: "roles",
    protocol: "openid-connect",
    protocolMapper: "oidc-usermodel-client-role-mapper",
    config: {
      "usermodel.clientRoleMapping.clientId": clientId,
      "claim.name": "roles",
      multivalued: "true",
      "jsonType.label": "String",
      ...everywhere,
    },
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

const existing = await admin.clients.listProtocolMappers({ id });
for (const mapper of mappers) {
  const found = existing.find((candidate) => candidate.name === mapper.name);
  if (!found?.id) {
    await admin.clients.addProtocolMapper({ id }, mapper);
    console.log(`Mapper "${mapper.name}": added`);
  } else if (
    // A mapper of another type under this name, such as a realm-role mapper, is changed too.
    found.protocolMapper !== mapper.protocolMapper ||
    JSON.stringify(found.config) !== JSON.stringify({ ...found.config, ...mapper.config })
  ) {
    await admin.clients.updateProtocolMapper({ id, mapperId: found.id }, { ...found, ...mapper });
    console.log(`Mapper "${mapper.name}": updated`);
  } else {
    console.log(`Mapper "${mapper.name}": unchanged`);
  }
}

const roles = await admin.clients.listRoles({ id });
for (const name of roleNames) {
  if (roles.some((role) => role.name === name)) {
    console.log(`Client role "${name}": exists`);
  } else {
    await admin.clients.createRole({ id, name });
    console.log(`Client role "${name}": created`);
  }
}
