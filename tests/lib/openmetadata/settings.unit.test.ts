import { describe, expect, it } from "vitest";
import {
  documentedSettings,
  endpoints,
  type KeycloakSsoSettings,
  settingNotes,
  validateSettings,
} from "../../../src/lib/openmetadata/settings";

const withChange = (change: Partial<KeycloakSsoSettings>): KeycloakSsoSettings => ({
  ...documentedSettings,
  ...change,
});

describe("the settings OpenMetadata needs about Keycloak", () => {
  it("accepts the documented example", () => {
    expect(validateSettings(documentedSettings)).toEqual([]);
  });

  it("derives the authority, discovery URI, key URLs and callback without /auth or double slashes", () => {
    expect(endpoints(documentedSettings)).toEqual({
      authority: "https://keycloak.example.com/realms/openmetadata",
      discoveryUri: "https://keycloak.example.com/realms/openmetadata/.well-known/openid-configuration",
      keycloakKeysUrl: "https://keycloak.example.com/realms/openmetadata/protocol/openid-connect/certs",
      openMetadataKeysUrl: "http://localhost:8585/api/v1/system/config/jwks",
      callbackUrl: "http://localhost:8585/callback",
      postLogoutRedirectUri: "http://localhost:8585/*",
      webOrigin: "http://localhost:8585",
    });
  });

  it.each<[string, Partial<KeycloakSsoSettings>, keyof KeycloakSsoSettings, string]>([
    [
      "not a URL",
      { keycloakUrl: "keycloak.example.com" },
      "keycloakUrl",
      "Not a URL: write it like https://keycloak.example.com.",
    ],
    [
      "a trailing slash",
      { keycloakUrl: "https://keycloak.example.com/" },
      "keycloakUrl",
      "Remove the trailing slash: https://keycloak.example.com",
    ],
    [
      "the /auth prefix",
      { keycloakUrl: "https://keycloak.example.com/auth" },
      "keycloakUrl",
      "Remove /auth: Keycloak 17 and later serve realms at /realms/<realm>.",
    ],
    [
      "/auth with a trailing slash, naming /auth first",
      { keycloakUrl: "https://keycloak.example.com/auth/" },
      "keycloakUrl",
      "Remove /auth: Keycloak 17 and later serve realms at /realms/<realm>.",
    ],
    [
      "a realm path with a trailing slash, naming the realm path first",
      { keycloakUrl: "https://keycloak.example.com/realms/openmetadata/" },
      "keycloakUrl",
      "Give Keycloak's base URL only, without /realms/…; the realm is its own field.",
    ],
    [
      "the callback as OpenMetadata's URL",
      { openMetadataUrl: "https://om.corp.example/callback" },
      "openMetadataUrl",
      "Give the address users open, without /callback: the files add it.",
    ],
    [
      "the callback with a trailing slash, naming /callback first",
      { openMetadataUrl: "https://om.corp.example/callback/" },
      "openMetadataUrl",
      "Give the address users open, without /callback: the files add it.",
    ],
    [
      "the callback under a sub-path",
      { openMetadataUrl: "https://apps.corp.example/openmetadata/callback" },
      "openMetadataUrl",
      "Give the address users open, without /callback: the files add it.",
    ],
    [
      "a trailing slash on OpenMetadata's URL",
      { openMetadataUrl: "https://om.corp.example/" },
      "openMetadataUrl",
      "Remove the trailing slash: https://om.corp.example",
    ],
    [
      "a realm path in the URL",
      { keycloakUrl: "https://keycloak.example.com/realms/openmetadata" },
      "keycloakUrl",
      "Give Keycloak's base URL only, without /realms/…; the realm is its own field.",
    ],
    [
      "ftp",
      { openMetadataUrl: "ftp://localhost:8585" },
      "openMetadataUrl",
      "Must start with http:// or https://, like http://localhost:8585.",
    ],
    [
      "an empty secret",
      { clientSecret: " " },
      "clientSecret",
      "Empty: copy it from the client's Credentials tab in Keycloak.",
    ],
    [
      "the master realm",
      { realm: "master" },
      "realm",
      "Not master: it is for administering Keycloak. Use a realm of its own, e.g. openmetadata.",
    ],
    [
      "a realm with spaces",
      { realm: "open metadata" },
      "realm",
      "Letters, digits, dots, dashes and underscores only, e.g. openmetadata.",
    ],
    [
      "a client ID with spaces",
      { clientId: "open metadata" },
      "clientId",
      "Letters, digits, dots, dashes and underscores only, e.g. open-metadata.",
    ],
    [
      "a secret YAML reads as a number",
      { clientSecret: "12345678" },
      "clientSecret",
      "OpenMetadata's YAML parser would read this as a number or a boolean: regenerate it in Keycloak.",
    ],
    [
      "a secret YAML 1.1 reads as a boolean",
      { clientSecret: "on" },
      "clientSecret",
      "OpenMetadata's YAML parser would read this as a number or a boolean: regenerate it in Keycloak.",
    ],
    [
      "a secret with a $",
      { clientSecret: "abc$def" },
      "clientSecret",
      "Only letters, digits and . _ ~ + / = - survive every format; Keycloak's generated secrets are letters and digits.",
    ],
    [
      "no admin principal",
      { adminPrincipals: [] },
      "adminPrincipals",
      "Name at least one admin principal, e.g. admin-user.",
    ],
    [
      "an email as principal",
      { adminPrincipals: ["admin-user@example.com"] },
      "adminPrincipals",
      '"admin-user@example.com": a username without spaces, @ or commas, e.g. admin-user (the part before @ of an email).',
    ],
    [
      "a domain with @",
      { principalDomain: "@example.com" },
      "principalDomain",
      "A domain like example.com, without @ or spaces.",
    ],
    [
      "scopes without openid",
      { scope: "email profile" },
      "scope",
      'Space-separated scopes including openid, e.g. "openid email profile".',
    ],
    [
      "a session under an hour",
      { sessionExpirySeconds: 60 },
      "sessionExpirySeconds",
      "Whole seconds, at least 3600 (one hour).",
    ],
  ])("rejects %s, naming the field and the fix", (_case, change, field, message) => {
    expect(validateSettings(withChange(change))).toEqual([{ field, message }]);
  });

  it("accepts OpenMetadata under a sub-path, puts the callback under it, and names the origin alone as web origin", () => {
    const settings = withChange({ openMetadataUrl: "https://apps.corp.example/openmetadata" });
    expect(validateSettings(settings)).toEqual([]);
    expect(endpoints(settings)).toMatchObject({
      callbackUrl: "https://apps.corp.example/openmetadata/callback",
      postLogoutRedirectUri: "https://apps.corp.example/openmetadata/*",
      webOrigin: "https://apps.corp.example",
    });
  });

  it("accepts offline_access among the scopes", () => {
    expect(validateSettings(withChange({ scope: "openid email profile offline_access" }))).toEqual([]);
  });
});

describe("advice on settings that are valid but often wrong", () => {
  it("warns, without refusing, that a loopback Keycloak URL is the container itself inside OpenMetadata's", () => {
    for (const keycloakUrl of ["http://localhost:8080", "http://127.0.0.1:8080"]) {
      const settings = withChange({ keycloakUrl });
      expect(validateSettings(settings)).toEqual([]);
      expect(settingNotes(settings)).toEqual([
        { field: "keycloakUrl", message: expect.stringMatching(/container itself.*see Networks/) },
      ]);
    }
  });

  it("advises leaving offline_access out on a line that never renews Keycloak's tokens, and only there", () => {
    const scope = `${documentedSettings.scope} offline_access`;
    expect(settingNotes(withChange({ openMetadataLine: "2.0", scope }))).toEqual([
      {
        field: "scope",
        message: expect.stringMatching(/^OpenMetadata 2\.0 keeps a session of its own.*Leave offline_access out/),
      },
    ]);
    for (const openMetadataLine of ["1.12", "1.13"] as const) {
      expect(settingNotes(withChange({ openMetadataLine, scope }))).toEqual([]);
    }
    expect(settingNotes(withChange({ openMetadataLine: "2.0" }))).toEqual([]);
  });

  it("has nothing to say about a host name, or about a value that is no URL", () => {
    expect(settingNotes(documentedSettings)).toEqual([]);
    expect(settingNotes(withChange({ keycloakUrl: "http://keycloak:8080" }))).toEqual([]);
    expect(settingNotes(withChange({ keycloakUrl: "localhost" }))).toEqual([]);
  });
});
