/**
 * The doctor's options (examples/doctor/options.ts): what each flag and environment variable sets,
 * the defaults, and the one sentence that stops the doctor on bad input (the command prints it and
 * exits with 2: command.test.ts).
 */
import { describe, expect, it } from "vitest";
import { helpText, OPTIONS, readOptions } from "../../../examples/doctor/options";
import { DEFAULT_PRINCIPAL_DOMAIN, DEFAULT_SESSION_EXPIRY_SECONDS } from "../../../examples/shared/openmetadata";

const realmUrl = "https://keycloak.example.com/realms/openmetadata";
const read = (args: string[], env: Record<string, string> = {}) => readOptions(["--realm-url", realmUrl, ...args], env);

describe("readOptions", () => {
  it("fills in OpenMetadata's and the guide's defaults", () => {
    expect(read([])).toEqual({
      realmUrl,
      clientId: "open-metadata",
      clientAuthMethod: "client_secret_post",
      openMetadataUrl: "http://localhost:8585",
      fix: false,
      signIn: false,
      callbackUrl: "http://localhost:8400/callback",
      principalClaims: ["email", "preferred_username", "sub"],
      principalDomain: DEFAULT_PRINCIPAL_DOMAIN,
      sessionExpiry: DEFAULT_SESSION_EXPIRY_SECONDS,
    });
  });

  it("reads the realm from KEYCLOAK_URL and KEYCLOAK_REALM, secrets from the environment only", () => {
    const options = readOptions([], {
      KEYCLOAK_URL: "https://keycloak.example.com/",
      KEYCLOAK_REALM: "data team",
      OPENMETADATA_URL: "https://openmetadata.example.com/",
      OIDC_CLIENT_SECRET: "s3cret-s3cret",
      KEYCLOAK_ADMIN_USERNAME: "admin",
      KEYCLOAK_ADMIN_PASSWORD: "pw",
    });
    expect(options).toMatchObject({
      realmUrl: "https://keycloak.example.com/realms/data%20team",
      openMetadataUrl: "https://openmetadata.example.com",
      secret: "s3cret-s3cret",
      admin: { username: "admin", password: "pw" },
    });
  });

  it("takes a discovery URI for the realm's URL, and flags over the environment", () => {
    const options = read(["--client-id", "om", "--openmetadata-url", "https://om.example.com"], {
      OIDC_CLIENT_ID: "other",
    });
    expect(options).toMatchObject({ clientId: "om", openMetadataUrl: "https://om.example.com" });
    expect(readOptions(["--realm-url", `${realmUrl}/.well-known/openid-configuration`], {})?.realmUrl).toBe(realmUrl);
  });

  it.each([
    [["--realm-url", "keycloak.example.com/realms/x"], {}, "which is not a URL: write it with its scheme"],
    [["--realm-url", "https://keycloak.example.com/admin/"], {}, "it must end with /realms/<realm>"],
    [["--realm-url", `${realmUrl}?x=1`], {}, 'remove the part from "?" or "#" on'],
    [["--openmetadata-url", "ftp://om"], {}, "it must start with https:// (or http://)"],
    [["--session-expiry", "7d"], {}, "give OpenMetadata's session expiry in whole seconds"],
    [["--client-auth-method", "private_key_jwt"], {}, "use client_secret_post or client_secret_basic"],
    [[], { KEYCLOAK_ADMIN_USERNAME: "admin" }, "Set both KEYCLOAK_ADMIN_USERNAME and KEYCLOAK_ADMIN_PASSWORD"],
    [["--fix"], {}, "--fix changes the client through Keycloak's admin API"],
    [["--sign-in"], {}, "--sign-in exchanges a code like OpenMetadata's server does: set OIDC_CLIENT_SECRET."],
    [["--secret", "x"], {}, "Unknown option '--secret'"],
  ])("stops on %o %o with one sentence: %s", (args, env, sentence) => {
    expect(() => read(args, env)).toThrow(
      expect.objectContaining({ name: "Stop", message: expect.stringContaining(sentence) }),
    );
  });

  it("asks for a realm when none is given", () => {
    expect(() => readOptions([], {})).toThrow("Say which realm to check");
  });

  it("returns nothing for --help, and the help lists every option once with what it does", () => {
    expect(readOptions(["--help"], {})).toBeUndefined();
    const lines = helpText("node openmetadata-keycloak-doctor.mjs").split("\n");
    expect(lines[0]).toBe("node openmetadata-keycloak-doctor.mjs --realm-url <URL> --openmetadata-url <URL> [options]");
    for (const [name, { about }] of Object.entries(OPTIONS)) {
      expect(lines.filter((line) => line.startsWith(`  --${name} `) && line.endsWith(` ${about}`))).toHaveLength(1);
    }
    expect(lines.filter((line) => line.startsWith("  --"))).toHaveLength(Object.keys(OPTIONS).length);
  });
});
