/** examples/keycloak/roles-and-groups.ts: the roles and groups claims, in a real ID token. */
import { runExample, signIn } from "../../support/examples";
import { describe, expect, test } from "../../support/fixtures";
import { ADMIN_USER_PASSWORD, adminClient, keycloak } from "../../support/realm";

describe("examples/keycloak/roles-and-groups.ts", () => {
  test("puts the user's realm roles and group names into the ID token, and changes nothing a second time", async ({
    realm,
  }) => {
    const env = {
      KEYCLOAK_URL: keycloak().url,
      KEYCLOAK_ADMIN_USERNAME: keycloak().adminUsername,
      KEYCLOAK_ADMIN_PASSWORD: keycloak().adminPassword,
      KEYCLOAK_REALM: realm.realm,
    };
    const first = await runExample("keycloak/roles-and-groups.ts", env);
    expect(first.stderr).toBe("");
    expect(first.stdout).toBe('Mapper "roles": added\nMapper "groups": added\n');
    const second = await runExample("keycloak/roles-and-groups.ts", env);
    expect(second.stdout).toBe('Mapper "roles": unchanged\nMapper "groups": unchanged\n');

    // A role OpenMetadata has (DataSteward) and a team of type Group, given to admin-user in Keycloak.
    const admin = await adminClient(realm.realm);
    await admin.roles.create({ name: "DataSteward" });
    const role = await admin.roles.findOneByName({ name: "DataSteward" });
    const { id: groupId } = await admin.groups.create({ name: "Data Engineering" });
    const [user] = await admin.users.find({ username: "admin-user", exact: true });
    await admin.users.addRealmRoleMappings({
      id: user?.id ?? "",
      roles: [{ id: role?.id ?? "", name: "DataSteward" }],
    });
    await admin.users.addToGroup({ id: user?.id ?? "", groupId });

    const result = await signIn({ env: realm.signInEnv, username: "admin-user", password: ADMIN_USER_PASSWORD });
    expect(result.claims?.roles).toEqual(expect.arrayContaining(["DataSteward"]));
    expect(result.claims?.groups).toEqual(["Data Engineering"]);
  });
});
