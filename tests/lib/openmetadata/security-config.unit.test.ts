/** OpenMetadata's SSO screen and API body say what the env file says, and refuse what it refuses. */

import { parseEnv } from "node:util";
import { describe, expect, it } from "vitest";
import { renderDockerEnv } from "../../../src/lib/openmetadata/render";
import {
  renderSecurityConfigJson,
  SSO_SCREEN_FIELDS,
  securityConfiguration,
  ssoScreenRows,
} from "../../../src/lib/openmetadata/security-config";
import { serverSetting } from "../../../src/lib/openmetadata/server";
import { documentedSettings, type KeycloakSsoSettings, validateSettings } from "../../../src/lib/openmetadata/settings";
import { OPENMETADATA_RELEASES } from "../../../src/versions";
import { everyOptionalSetting } from "../../support/openmetadata/arbitraries";

describe.each(OPENMETADATA_RELEASES)("the SSO screen of OpenMetadata $line", ({ line }) => {
  it("has a row for every setting the env file writes, with the env file's value", () => {
    const settings = everyOptionalSetting(line);
    const env = parseEnv(renderDockerEnv(settings));
    const rows = ssoScreenRows(settings);
    expect(rows.map((row) => serverSetting(line, row.key).env).sort()).toEqual(Object.keys(env).sort());
    for (const row of rows) {
      const text = env[serverSetting(line, row.key).env] ?? "";
      expect(row.value, row.key).toBe(text.startsWith("[") ? text.slice(1, -1).replaceAll(",", ", ") : text);
    }
  });
});

describe("the SSO screen's fields", () => {
  it("name no setting the guide never writes", () => {
    const written = new Set(
      OPENMETADATA_RELEASES.flatMap(({ line }) => ssoScreenRows(everyOptionalSetting(line)).map((row) => row.key)),
    );
    expect(Object.keys(SSO_SCREEN_FIELDS).filter((key) => !written.has(key))).toEqual([]);
  });
});

describe("the API body", () => {
  it("carries the session expiry where each line reads it", () => {
    const at = (line: KeycloakSsoSettings["openMetadataLine"]) => securityConfiguration(everyOptionalSetting(line));
    expect(at("1.12").authenticationConfiguration.oidcConfiguration.sessionExpiry).toBe(86400);
    expect(at("1.12").authenticationConfiguration).not.toHaveProperty("sessionExpiry");
    expect(at("2.0").authenticationConfiguration.sessionExpiry).toBe(86400);
  });

  it("leaves out what the server reads as null, as its own answers do", () => {
    expect(renderSecurityConfigJson(documentedSettings)).not.toContain("null");
    expect(securityConfiguration(documentedSettings).authenticationConfiguration.oidcConfiguration).not.toHaveProperty(
      "customParams",
    );
  });
});

describe("bad input", () => {
  const bad: Partial<KeycloakSsoSettings>[] = [
    { keycloakUrl: "https://keycloak.example.com/auth" },
    { realm: "master" },
    { clientSecret: "" },
    { openMetadataUrl: "http://localhost:8585/callback" },
    { adminPrincipals: [] },
  ];

  it.each(bad)("%j is refused by the table and the body, with the generator's messages", (change) => {
    const settings = { ...documentedSettings, ...change };
    const messages = validateSettings(settings).map((error) => `- ${error.field}: ${error.message}`);
    expect(messages.length).toBeGreaterThan(0);
    for (const render of [ssoScreenRows, renderSecurityConfigJson]) {
      expect(() => render(settings)).toThrow(messages.join("\n"));
    }
  });
});
