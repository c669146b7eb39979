/**
 * A docker-compose.yml of the shape OpenMetadata ships, for the tests that run the Docker page's
 * files through Docker Compose: its own loader (compose.test.ts) and its CLI (compose-apply.test.ts).
 */
import { COMPOSE_SERVER_SERVICE } from "../../../src/lib/openmetadata/render";

/**
 * The security variables OpenMetadata's docker-compose.yml hands its server, each written
 * `VARIABLE: ${VARIABLE:-default}` under the service's `environment:` (docker/docker-compose-quickstart/
 * docker-compose.yml of 1.12.1; the release's migration service has the same list). It has no env_file.
 */
export const LISTED_BY_OPENMETADATA: Record<string, string> = {
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

/**
 * A docker-compose.yml of OpenMetadata's shape: its server service, listing `listed` under
 * `environment:`, with `service`'s other keys (YAML lines, indented under the service) first.
 */
export function openMetadataCompose(
  listed: Record<string, string>,
  service: string[] = ["image: openmetadata/server"],
): string {
  const environment = Object.entries(listed).map(([name, fallback]) => `      ${name}: \${${name}:-${fallback}}`);
  return [
    "services:",
    `  ${COMPOSE_SERVER_SERVICE}:`,
    ...service.map((line) => `    ${line}`),
    ...(environment.length > 0 ? ["    environment:", ...environment] : []),
    "",
  ].join("\n");
}
