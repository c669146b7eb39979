/**
 * examples/keycloak/roles-and-groups.ts, and what Keycloak's role mappers put into the ID token's
 * `roles` claim: the realm-role mapper the Roles and teams page named before, and the client-role
 * mapper it names now.
 */
import { randomUUID } from "node:crypto";
import type KcAdminClient from "@keycloak/keycloak-admin-client";
import { runExample, signIn } from "../../support/examples";
import { describe, expect, test } from "../../support/fixtures";
import {
  ADMIN_USER_PASSWORD,
  keycloak,
  type ProvisionedRealm,
  provisionRealm,
  realmClient,
  removeRealm,
} from "../../support/realm";

const scriptEnv = (realm: ProvisionedRealm, more: Record<string, string> = {}) => ({
  KEYCLOAK_URL: keycloak().url,
  KEYCLOAK_ADMIN_USERNAME: keycloak().adminUsername,
  KEYCLOAK_ADMIN_PASSWORD: keycloak().adminPassword,
  KEYCLOAK_REALM: realm.realm,
  ...more,
});

/** A user with a complete profile, so the login form asks nothing more, given no role and no group. */
async function createUserWithNothing(admin: KcAdminClient, username: string): Promise<void> {
  await admin.users.create({
    username,
    email: `${username}@example.com`,
    emailVerified: true,
    firstName: "No",
    lastName: "Roles",
    enabled: true,
    credentials: [{ type: "password", value: ADMIN_USER_PASSWORD, temporary: false }],
  });
}

/** The ID token's claims for `username`, as sign-in.ts prints them. */
async function idTokenClaims(realm: ProvisionedRealm, username: string): Promise<Record<string, unknown>> {
  const result = await signIn({ env: realm.signInEnv, username, password: ADMIN_USER_PASSWORD });
  expect(result.claims, result.stderr).toBeDefined();
  return result.claims ?? {};
}

describe("examples/keycloak/roles-and-groups.ts", () => {
  test("the User Realm Role mapper gives a user with no role Keycloak's default roles; the script's client-role mapper replaces it and gives none", async () => {
    const realm = await provisionRealm(`realm-roles-${randomUUID().slice(0, 8)}`);
    try {
      const { admin, id } = await realmClient(realm);
      // What the Roles and teams page told readers to add before.
      await admin.clients.addProtocolMapper(
        { id },
        {
          name: "roles",
          protocol: "openid-connect",
          protocolMapper: "oidc-usermodel-realm-role-mapper",
          config: {
            "claim.name": "roles",
            multivalued: "true",
            "jsonType.label": "String",
            "id.token.claim": "true",
            "access.token.claim": "true",
            "userinfo.token.claim": "true",
          },
        },
      );
      await createUserWithNothing(admin, "no-role-user");

      const before = await idTokenClaims(realm, "no-role-user");
      expect([...((before.roles as string[] | undefined) ?? [])].sort()).toEqual([
        `default-roles-${realm.realm}`,
        "offline_access",
        "uma_authorization",
      ]);

      const run = await runExample("keycloak/roles-and-groups.ts", scriptEnv(realm));
      expect(run.stderr).toBe("");
      expect(run.stdout).toBe('Mapper "roles": updated\nMapper "groups": added\n');

      const after = await idTokenClaims(realm, "no-role-user");
      expect(after).not.toHaveProperty("roles");
    } finally {
      await removeRealm(realm.realm);
    }
  });

  test("puts only the client roles assigned, and group names, into the ID token, and changes nothing a second time", async ({
    realm,
  }) => {
    const env = scriptEnv(realm, { OPENMETADATA_ROLES: "DataSteward, DataConsumer" });
    const first = await runExample("keycloak/roles-and-groups.ts", env);
    expect(first.stderr).toBe("");
    expect(first.stdout).toBe(
      'Mapper "roles": added\nMapper "groups": added\nClient role "DataSteward": created\nClient role "DataConsumer": created\n',
    );
    const second = await runExample("keycloak/roles-and-groups.ts", env);
    expect(second.stdout).toBe(
      'Mapper "roles": unchanged\nMapper "groups": unchanged\nClient role "DataSteward": exists\nClient role "DataConsumer": exists\n',
    );

    // The client role DataSteward and a team of type Group, given to admin-user in Keycloak.
    const { admin, id } = await realmClient(realm);
    const role = await admin.clients.findRole({ id, roleName: "DataSteward" });
    const { id: groupId } = await admin.groups.create({ name: "Data Engineering" });
    const [user] = await admin.users.find({ username: "admin-user", exact: true });
    await admin.users.addClientRoleMappings({
      id: user?.id ?? "",
      clientUniqueId: id,
      roles: [{ id: role?.id ?? "", name: "DataSteward" }],
    });
    await admin.users.addToGroup({ id: user?.id ?? "", groupId });

    const claims = await idTokenClaims(realm, "admin-user");
    expect(claims.roles).toEqual(["DataSteward"]);
    expect(claims.groups).toEqual(["Data Engineering"]);
  });
});
