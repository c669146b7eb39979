import { beforeAll, describe, expect, it } from "vitest";
import { runExample } from "../../support/examples";
import { keycloak, provisionRealm } from "../../support/realm";

const realm = "check-realm";

describe("examples/keycloak/check-realm.ts", () => {
  beforeAll(async () => {
    await provisionRealm(realm, "http://localhost:8585");
  });

  it("prints the authority, discovery URI and public key URL that the deployment pages ask for", async () => {
    const run = await runExample("keycloak/check-realm.ts", { KEYCLOAK_URL: keycloak().url, KEYCLOAK_REALM: realm });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const authority = `${keycloak().url}/realms/${realm}`;
    expect(run.stdout).toContain(`Authority (AUTHENTICATION_AUTHORITY): ${authority}\n`);
    expect(run.stdout).toContain(`Discovery URI (OIDC_DISCOVERY_URI): ${authority}/.well-known/openid-configuration\n`);
    expect(run.stdout).toContain(
      `Public key URL (AUTHENTICATION_PUBLIC_KEYS): ${authority}/protocol/openid-connect/certs\n`,
    );
    expect(run.stdout).toContain(`Signing keys: 1 RS256 key at ${authority}/protocol/openid-connect/certs.\n`);
  });

  it.each([
    ["a trailing slash", { KEYCLOAK_URL: "https://keycloak.example.com/" }, 'KEYCLOAK_URL ends with "/"'],
    ["the /auth prefix", { KEYCLOAK_URL: "https://keycloak.example.com/auth" }, "KEYCLOAK_URL ends with /auth"],
    ["the master realm", { KEYCLOAK_REALM: "master" }, 'KEYCLOAK_REALM is "master"'],
    ["no Keycloak URL", { KEYCLOAK_URL: "" }, "KEYCLOAK_URL is not set"],
  ])("stops on %s with a message that names the fix", async (_case, override, message) => {
    const run = await runExample("keycloak/check-realm.ts", {
      KEYCLOAK_URL: keycloak().url,
      KEYCLOAK_REALM: realm,
      ...override,
    });
    expect(run.code).toBe(1);
    expect(run.stderr.split("\n"), "one line").toEqual([expect.stringContaining(message), ""]);
  });

  it("names the realm that does not exist", async () => {
    const run = await runExample("keycloak/check-realm.ts", {
      KEYCLOAK_URL: keycloak().url,
      KEYCLOAK_REALM: "no-such-realm",
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `Keycloak at ${keycloak().url} has no realm "no-such-realm": check the realm's name, as the admin console's realm list shows it.\n`,
    );
  });
});
