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
import { documentedSettings, type KeycloakSsoSettings } from "../../../src/lib/openmetadata/settings";
import { type ComposeReader, startComposeReader } from "../../support/readers";

/**
 * The security variables OpenMetadata's docker-compose.yml hands its server, each written
 * `VARIABLE: ${VARIABLE:-default}` under the service's `environment:` (docker/docker-compose-quickstart/
 * docker-compose.yml of 1.12.1; the release's migration service has the same list). It has no env_file.
 */
const LISTED_BY_OPENMETADATA: Record<string, string> = {
  AUTHORIZER_CLASS_NAME: "org.openmetadata.service.security.DefaultAuthorizer",
  AUTHORIZER_REQUEST_FILTER: "org.openmetadata.service.security.JwtFilter",
  AUTHORIZER_ADMIN_PRINCIPALS: "[admin]",
  AUTHORIZER_ALLOWED_REGISTRATION_DOMAIN: '["all"]',
  AUTHORIZER_PRINCIPAL_DOMAIN: '"open-metadata.org"',
  AUTHORIZER_ALLOWED_DOMAINS: "[]",
  AUTHORIZER_ENFORCE_PRINCIPAL_DOMAIN: "false",
  AUTHORIZER_ENABLE_SECURE_SOCKET: "false",
  AUTHENTICATION_PROVIDER: "basic",
  AUTHENTICATION_RESPONSE_TYPE: "id_token",
  CUSTOM_OIDC_AUTHENTICATION_PROVIDER_NAME: '""',
  AUTHENTICATION_PUBLIC_KEYS: "[http://localhost:8585/api/v1/system/config/jwks]",
  AUTHENTICATION_AUTHORITY: "https://accounts.google.com",
  AUTHENTICATION_CLIENT_ID: '""',
  AUTHENTICATION_CALLBACK_URL: '""',
  AUTHENTICATION_JWT_PRINCIPAL_CLAIMS: "[email,preferred_username,sub]",
  AUTHENTICATION_JWT_PRINCIPAL_CLAIMS_MAPPING: "[]",
  AUTHENTICATION_ENABLE_SELF_SIGNUP: "true",
  AUTHENTICATION_CLIENT_TYPE: "public",
  OIDC_CLIENT_ID: '""',
  OIDC_TYPE: '""',
  OIDC_CLIENT_SECRET: '""',
  OIDC_SCOPE: '"openid email profile"',
  OIDC_DISCOVERY_URI: '""',
  OIDC_USE_NONCE: "true",
  OIDC_PREFERRED_JWS: '"RS256"',
  OIDC_RESPONSE_TYPE: '"code"',
  OIDC_DISABLE_PKCE: "true",
  OIDC_CALLBACK: '"http://localhost:8585/callback"',
  OIDC_SERVER_URL: '"http://localhost:8585"',
  OIDC_CLIENT_AUTH_METHOD: '"client_secret_post"',
  OIDC_TENANT: '""',
  OIDC_MAX_CLOCK_SKEW: '""',
  OIDC_MAX_AGE: '"0"',
  OIDC_PROMPT_TYPE: '"consent"',
  OIDC_SESSION_EXPIRY: '"604800"',
};

/** A docker-compose.yml of OpenMetadata's shape, listing `listed` for its server. */
function openMetadataCompose(listed: Record<string, string>): string {
  const environment = Object.entries(listed).map(([name, fallback]) => `      ${name}: \${${name}:-${fallback}}`);
  return [
    "services:",
    `  ${COMPOSE_SERVER_SERVICE}:`,
    "    image: openmetadata/server",
    "    environment:",
    ...environment,
    "",
  ].join("\n");
}

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
}) {
  const files: Record<string, string> = {
    "docker-compose.yml": openMetadataCompose(LISTED_BY_OPENMETADATA),
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
});
