/**
 * What Docker Compose hands OpenMetadata's server from the Docker page's files, read with Compose's
 * own loader (compose-go), on a docker-compose.yml of the shape OpenMetadata ships.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  COMPOSE_SERVER_SERVICE,
  environmentVariables,
  renderComposeOverride,
  renderDockerEnv,
} from "../../../src/lib/openmetadata/render";
import { serverConfiguration } from "../../../src/lib/openmetadata/server";
import { documentedSettings, type KeycloakSsoSettings } from "../../../src/lib/openmetadata/settings";
import { OPENMETADATA_RELEASES } from "../../../src/versions";
import { LISTED_BY_OPENMETADATA, openMetadataCompose } from "../../support/openmetadata/compose-file";
import { type ComposeReader, startComposeReader } from "../../support/readers";

/** A 2.0 reader who shortened the session and takes roles from Keycloak: variables OpenMetadata's list lacks. */
const shorterSessions: KeycloakSsoSettings = {
  ...documentedSettings,
  openMetadataLine: "2.0",
  sessionExpirySeconds: 86400,
  useRolesFromProvider: true,
};

let compose: ComposeReader;
beforeAll(() => {
  compose = startComposeReader();
});
afterAll(() => compose?.close());

async function serverEnvironment(options: {
  override: boolean;
  settings: KeycloakSsoSettings;
  dotEnv?: string;
  envFiles?: string[];
  listed?: Record<string, string>;
}) {
  const files: Record<string, string> = {
    "docker-compose.yml": openMetadataCompose(options.listed ?? LISTED_BY_OPENMETADATA),
    "docker-compose.keycloak.yml": renderComposeOverride(options.settings),
    "openmetadata_keycloak.env": renderDockerEnv(options.settings),
    ...(options.dotEnv ? { ".env": options.dotEnv } : {}),
  };
  const answer = await compose.serviceEnvironment({
    files,
    composeFiles: options.override ? ["docker-compose.yml", "docker-compose.keycloak.yml"] : ["docker-compose.yml"],
    envFiles: options.envFiles ?? ["openmetadata_keycloak.env"],
    service: COMPOSE_SERVER_SERVICE,
  });
  if (answer.error) throw new Error(answer.error);
  return answer.environment ?? {};
}

describe("docker compose with the Docker page's files", () => {
  it("hands the server every variable of the env file, with the override", async () => {
    for (const settings of [documentedSettings, shorterSessions]) {
      const environment = await serverEnvironment({ override: true, settings });
      expect(environment).toMatchObject(Object.fromEntries(environmentVariables(settings)));
    }
  });

  it("hands the server a variable OpenMetadata's list lacks only through the override", async () => {
    for (const name of ["AUTHENTICATION_SESSION_EXPIRY", "AUTHORIZER_USE_ROLES_FROM_PROVIDER"]) {
      expect(LISTED_BY_OPENMETADATA).not.toHaveProperty(name);
    }
    const without = await serverEnvironment({ override: false, settings: shorterSessions });
    expect(without).not.toHaveProperty("AUTHENTICATION_SESSION_EXPIRY");
    expect(without).not.toHaveProperty("AUTHORIZER_USE_ROLES_FROM_PROVIDER");
    const withOverride = await serverEnvironment({ override: true, settings: shorterSessions });
    expect(withOverride).toMatchObject({
      AUTHENTICATION_SESSION_EXPIRY: "86400",
      AUTHORIZER_USE_ROLES_FROM_PROVIDER: "true",
    });
  });

  it("with --env-file, reads no .env: settings kept there need a second --env-file", async () => {
    const dotEnv = "OIDC_CLIENT_SECRET=kept-in-dot-env\nAUTHORIZER_ENFORCE_PRINCIPAL_DOMAIN=true\n";
    const settings = { ...documentedSettings, clientSecret: "the-env-file-wins" };
    const withoutOurs = await serverEnvironment({ override: false, settings, dotEnv, envFiles: [] });
    expect(withoutOurs).toMatchObject({
      OIDC_CLIENT_SECRET: "kept-in-dot-env",
      AUTHORIZER_ENFORCE_PRINCIPAL_DOMAIN: "true",
    });
    const onlyOurs = await serverEnvironment({ override: true, settings, dotEnv });
    expect(onlyOurs).toMatchObject({
      OIDC_CLIENT_SECRET: "the-env-file-wins",
      AUTHORIZER_ENFORCE_PRINCIPAL_DOMAIN: "false",
    });
    const both = await serverEnvironment({
      override: true,
      settings,
      dotEnv,
      envFiles: [".env", "openmetadata_keycloak.env"],
    });
    expect(both).toMatchObject({
      OIDC_CLIENT_SECRET: "the-env-file-wins",
      AUTHORIZER_ENFORCE_PRINCIPAL_DOMAIN: "true",
    });
  });

  it("hands the server the optional variables at its own defaults: leaving them out of the env file changes nothing", async () => {
    for (const { line } of OPENMETADATA_RELEASES) {
      const settings = { ...documentedSettings, openMetadataLine: line };
      // Only what the override and the env file give: a docker-compose.yml that lists nothing.
      const environment = await serverEnvironment({ override: true, settings, listed: {} });
      expect(Object.keys(environment).length, line).toBeGreaterThan(environmentVariables(settings).length);
      expect(serverConfiguration(line, environment), line).toEqual(
        serverConfiguration(line, Object.fromEntries(environmentVariables(settings))),
      );
    }
  });

  it("hands the server an optional variable the reader adds to the env file", async () => {
    const settings = { ...documentedSettings, openMetadataLine: "2.0" as const };
    const envFile = `${renderDockerEnv(settings)}AUTHORIZER_USE_ROLES_FROM_PROVIDER=true\nFORCE_SECURE_SESSION_COOKIE=true\n`;
    const answer = await compose.serviceEnvironment({
      files: {
        "docker-compose.yml": openMetadataCompose(LISTED_BY_OPENMETADATA),
        "docker-compose.keycloak.yml": renderComposeOverride(settings),
        "openmetadata_keycloak.env": envFile,
      },
      composeFiles: ["docker-compose.yml", "docker-compose.keycloak.yml"],
      envFiles: ["openmetadata_keycloak.env"],
      service: COMPOSE_SERVER_SERVICE,
    });
    expect(answer.error).toBeUndefined();
    expect(answer.environment).toMatchObject({
      AUTHORIZER_USE_ROLES_FROM_PROVIDER: "true",
      FORCE_SECURE_SESSION_COOKIE: "true",
    });
  });
});
