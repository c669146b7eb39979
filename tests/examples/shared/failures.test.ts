/**
 * The scripts in examples/keycloak/ against a Keycloak that refuses them or is not there: one line
 * that says what to change (examples/shared/failures.ts), exit code 1, no stack trace.
 */
import { onTestFinished } from "vitest";
import { freePort } from "../../../tooling/keycloak/server";
import { runExample } from "../../support/examples";
import { describe, expect, test } from "../../support/fixtures";
import { adminClient, keycloak } from "../../support/realm";

const adminScripts = ["keycloak/provision.ts", "keycloak/roles-and-groups.ts", "keycloak/session-lifespans.ts"];

const settings = (keycloakUrl: string, realm: string) => ({
  KEYCLOAK_URL: keycloakUrl,
  KEYCLOAK_REALM: realm,
  KEYCLOAK_ADMIN_USERNAME: keycloak().adminUsername,
  KEYCLOAK_ADMIN_PASSWORD: keycloak().adminPassword,
  ADMIN_USER_PASSWORD: "Admin-user-Passw0rd",
});

describe.each(adminScripts)("%s", (file) => {
  test("a wrong admin password: Keycloak's answer, and the settings to check", async ({ realm }) => {
    const run = await runExample(file, {
      ...settings(keycloak().url, realm.realm),
      KEYCLOAK_ADMIN_PASSWORD: "not-the-password",
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      'Keycloak refused the admin sign-in ("Invalid user credentials"): check KEYCLOAK_ADMIN_USERNAME and KEYCLOAK_ADMIN_PASSWORD, an admin of the master realm.\n',
    );
  });

  test("a user of the master realm who is no admin: the login to change", async ({ realm }) => {
    const master = await adminClient("master");
    const username = `no-admin-${file.replace(/\W/g, "-")}`;
    const { id } = await master.users.create({
      username,
      enabled: true,
      credentials: [{ type: "password", value: "No-admin-Passw0rd", temporary: false }],
    });
    onTestFinished(async () => (await adminClient("master")).users.del({ id }));
    const run = await runExample(file, {
      ...settings(keycloak().url, realm.realm),
      KEYCLOAK_ADMIN_USERNAME: username,
      KEYCLOAK_ADMIN_PASSWORD: "No-admin-Passw0rd",
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `Keycloak does not let ${username} do this (HTTP 403): set KEYCLOAK_ADMIN_USERNAME and KEYCLOAK_ADMIN_PASSWORD to an admin of the master realm.\n`,
    );
  });

  test("no Keycloak at KEYCLOAK_URL: the address, and what to check", async ({ realm }) => {
    const closed = `127.0.0.1:${await freePort()}`;
    const run = await runExample(file, settings(`http://${closed}`, realm.realm));
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `Cannot reach http://${closed} (connect ECONNREFUSED ${closed}): check the Keycloak URL, and that Keycloak runs and this machine can reach it.\n`,
    );
  });
});

describe("keycloak/check-realm.ts", () => {
  test("no Keycloak at KEYCLOAK_URL: the address, and what to check", async ({ realm }) => {
    const closed = `127.0.0.1:${await freePort()}`;
    const run = await runExample("keycloak/check-realm.ts", {
      KEYCLOAK_URL: `http://${closed}`,
      KEYCLOAK_REALM: realm.realm,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `Cannot reach http://${closed} (connect ECONNREFUSED ${closed}): check the Keycloak URL, and that Keycloak runs and this machine can reach it.\n`,
    );
  });
});

test("roles-and-groups.ts on a realm that does not exist: KEYCLOAK_REALM to check", async () => {
  const run = await runExample("keycloak/roles-and-groups.ts", settings(keycloak().url, "no-such-realm"));
  expect(run.code).toBe(1);
  expect(run.stderr).toBe(
    `Keycloak at ${keycloak().url} has no such realm ("Realm not found."): check KEYCLOAK_REALM.\n`,
  );
});
