/**
 * OpenMetadata's Keycloak configuration in the four forms the deployment pages show:
 * the Docker env file, the blocks of conf/openmetadata.yaml, the Helm values and the
 * Kubernetes Secret (as a kubectl command and as a manifest).
 */
import { checkedSettings, endpoints, isPlainYamlString, type KeycloakSsoSettings } from "./settings.js";

/** The Secret the OpenMetadata Helm chart reads the client ID and secret from. */
export const HELM_SECRET = {
  name: "oidc-secrets",
  clientIdKey: "openmetadata-oidc-client-id",
  clientSecretKey: "openmetadata-oidc-client-secret",
} as const;

/** The Kubernetes namespace the pages install OpenMetadata into. */
export const NAMESPACE = "openmetadata";

/** A YAML scalar that reads back as exactly `value`: plain when it can be, double-quoted otherwise. */
function yamlString(value: string): string {
  return isPlainYamlString(value) && !/^[\s"'[{&*!|>%@`#-]|[#:]\s|\s$/.test(value) ? value : JSON.stringify(value);
}

/** A YAML flow list as OpenMetadata reads it from an environment variable: [a,b,c]. */
function envList(values: readonly string[]): string {
  return `[${values.join(",")}]`;
}

function lines(...parts: (string | false)[]): string {
  return `${parts.filter((part) => part !== false).join("\n")}\n`;
}

/** openmetadata_keycloak.env, for `docker compose --env-file`. */
export function renderDockerEnv(input: KeycloakSsoSettings): string {
  const s = checkedSettings(input);
  const urls = endpoints(s);
  return lines(
    "# OpenMetadata single sign-on with Keycloak: Auth Code Flow, confidential client.",
    "# Use with: docker compose --env-file openmetadata_keycloak.env up -d",
    "",
    `# Who may sign in as an administrator, and the domain of users' email addresses.`,
    "AUTHORIZER_CLASS_NAME=org.openmetadata.service.security.DefaultAuthorizer",
    "AUTHORIZER_REQUEST_FILTER=org.openmetadata.service.security.JwtFilter",
    `AUTHORIZER_ADMIN_PRINCIPALS=${envList(s.adminPrincipals)}`,
    `AUTHORIZER_PRINCIPAL_DOMAIN=${s.principalDomain}`,
    "",
    "# Keycloak is a custom OIDC provider; the realm URL is the authority.",
    "AUTHENTICATION_PROVIDER=custom-oidc",
    "CUSTOM_OIDC_AUTHENTICATION_PROVIDER_NAME=Keycloak",
    "AUTHENTICATION_CLIENT_TYPE=confidential",
    `AUTHENTICATION_CLIENT_ID=${s.clientId}`,
    `AUTHENTICATION_AUTHORITY=${urls.authority}`,
    `AUTHENTICATION_CALLBACK_URL=${urls.callbackUrl}`,
    "# Keys that sign the tokens: Keycloak's realm keys, and OpenMetadata's own (for bots and API tokens).",
    `AUTHENTICATION_PUBLIC_KEYS=${envList([urls.keycloakKeysUrl, urls.openMetadataKeysUrl])}`,
    `AUTHENTICATION_JWT_PRINCIPAL_CLAIMS=${envList(s.principalClaims)}`,
    `AUTHENTICATION_SESSION_EXPIRY=${s.sessionExpirySeconds}`,
    "",
    "# The confidential client: OpenMetadata's server exchanges the login code with Keycloak.",
    "OIDC_TYPE=keycloak",
    `OIDC_CLIENT_ID=${s.clientId}`,
    `OIDC_CLIENT_SECRET=${s.clientSecret}`,
    `OIDC_SCOPE=${s.scope}`,
    `OIDC_DISCOVERY_URI=${urls.discoveryUri}`,
    `OIDC_CALLBACK=${urls.callbackUrl}`,
    `OIDC_SERVER_URL=${s.openMetadataUrl}`,
    `OIDC_CLIENT_AUTH_METHOD=${s.clientAuthMethod}`,
  );
}

/** The authorizerConfiguration and authenticationConfiguration blocks of conf/openmetadata.yaml. */
export function renderBareMetalYaml(input: KeycloakSsoSettings): string {
  const s = checkedSettings(input);
  const urls = endpoints(s);
  return lines(
    "# The two security blocks of conf/openmetadata.yaml for Keycloak (Auth Code Flow, confidential client).",
    "# Set these keys in the existing blocks; keys not listed here keep their values.",
    "",
    "authorizerConfiguration:",
    "  className: org.openmetadata.service.security.DefaultAuthorizer",
    "  containerRequestFilter: org.openmetadata.service.security.JwtFilter",
    "  adminPrincipals:",
    ...s.adminPrincipals.map((principal) => `    - ${yamlString(principal)}`),
    `  principalDomain: ${yamlString(s.principalDomain)}`,
    "",
    "authenticationConfiguration:",
    "  provider: custom-oidc",
    "  providerName: Keycloak",
    "  clientType: confidential",
    `  clientId: ${yamlString(s.clientId)}`,
    "  # The realm URL: no /auth prefix (gone since Keycloak 17) and no trailing slash.",
    `  authority: ${yamlString(urls.authority)}`,
    `  callbackUrl: ${yamlString(urls.callbackUrl)}`,
    "  publicKeyUrls:",
    `    - ${yamlString(urls.keycloakKeysUrl)}`,
    `    - ${yamlString(urls.openMetadataKeysUrl)}`,
    "  jwtPrincipalClaims:",
    ...s.principalClaims.map((claim) => `    - ${yamlString(claim)}`),
    `  sessionExpiry: ${s.sessionExpirySeconds}`,
    "  oidcConfiguration:",
    "    type: keycloak",
    `    id: ${yamlString(s.clientId)}`,
    `    secret: ${yamlString(s.clientSecret)}`,
    `    scope: ${yamlString(s.scope)}`,
    `    discoveryUri: ${yamlString(urls.discoveryUri)}`,
    `    callbackUrl: ${yamlString(urls.callbackUrl)}`,
    `    serverUrl: ${yamlString(s.openMetadataUrl)}`,
    `    clientAuthenticationMethod: ${s.clientAuthMethod}`,
  );
}

/** values.yaml for the OpenMetadata Helm chart; the client ID and secret stay in the Secret. */
export function renderHelmValues(input: KeycloakSsoSettings): string {
  const s = checkedSettings(input);
  const urls = endpoints(s);
  return lines(
    "# Helm values for the OpenMetadata chart: Keycloak single sign-on, Auth Code Flow (confidential client).",
    `# The client ID and secret come from the Kubernetes Secret "${HELM_SECRET.name}", never from this file.`,
    "openmetadata:",
    "  config:",
    "    authorizer:",
    "      className: org.openmetadata.service.security.DefaultAuthorizer",
    "      containerRequestFilter: org.openmetadata.service.security.JwtFilter",
    "      initialAdmins:",
    ...s.adminPrincipals.map((principal) => `        - ${yamlString(principal)}`),
    `      principalDomain: ${yamlString(s.principalDomain)}`,
    "    authentication:",
    "      provider: custom-oidc",
    "      clientType: confidential",
    `      clientId: ${yamlString(s.clientId)}`,
    `      authority: ${yamlString(urls.authority)}`,
    `      callbackUrl: ${yamlString(urls.callbackUrl)}`,
    "      publicKeys:",
    `        - ${yamlString(urls.keycloakKeysUrl)}`,
    `        - ${yamlString(urls.openMetadataKeysUrl)}`,
    "      jwtPrincipalClaims:",
    ...s.principalClaims.map((claim) => `        - ${yamlString(claim)}`),
    "      oidcConfiguration:",
    "        enabled: true",
    "        oidcType: keycloak",
    "        clientId:",
    `          secretRef: ${HELM_SECRET.name}`,
    `          secretKey: ${HELM_SECRET.clientIdKey}`,
    "        clientSecret:",
    `          secretRef: ${HELM_SECRET.name}`,
    `          secretKey: ${HELM_SECRET.clientSecretKey}`,
    `        scope: ${yamlString(s.scope)}`,
    `        discoveryUri: ${yamlString(urls.discoveryUri)}`,
    `        callbackUrl: ${yamlString(urls.callbackUrl)}`,
    `        serverUrl: ${yamlString(s.openMetadataUrl)}`,
    `        clientAuthenticationMethod: ${s.clientAuthMethod}`,
    `        sessionExpiry: "${s.sessionExpirySeconds}"`,
  );
}

/** A POSIX shell word that stands for exactly `value`, in single quotes so a pasted secret stays intact. */
function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** The kubectl command that creates the Secret the chart reads. */
export function renderKubectlSecret(input: KeycloakSsoSettings): string {
  const s = checkedSettings(input);
  return lines(
    "#!/bin/sh",
    "# Creates the Secret the OpenMetadata chart reads the Keycloak client ID and secret from.",
    "# Run it in the namespace you install OpenMetadata into.",
    `kubectl create secret generic ${HELM_SECRET.name} \\`,
    `  --namespace ${NAMESPACE} \\`,
    `  --from-literal=${HELM_SECRET.clientIdKey}=${s.clientId} \\`,
    `  --from-literal=${HELM_SECRET.clientSecretKey}=${shellQuote(s.clientSecret)}`,
  );
}

/** The same Secret as a manifest, for GitOps. */
export function renderSecretManifest(input: KeycloakSsoSettings): string {
  const s = checkedSettings(input);
  return lines(
    `# The same Secret as a manifest, for GitOps: apply with kubectl apply -f ${HELM_SECRET.name}.yaml.`,
    "# Keep this file out of version control, or encrypt it (Sealed Secrets, SOPS) before committing.",
    "apiVersion: v1",
    "kind: Secret",
    "metadata:",
    `  name: ${HELM_SECRET.name}`,
    `  namespace: ${NAMESPACE}`,
    "type: Opaque",
    "stringData:",
    `  ${HELM_SECRET.clientIdKey}: ${yamlString(s.clientId)}`,
    `  ${HELM_SECRET.clientSecretKey}: ${yamlString(s.clientSecret)}`,
  );
}

/** What the client in Keycloak must say, so both sides agree (Auth Code Flow page, step 3). */
export function keycloakClientSettings(input: KeycloakSsoSettings) {
  const s = checkedSettings(input);
  const urls = endpoints(s);
  return {
    "Client ID": s.clientId,
    "Root URL": s.openMetadataUrl,
    "Valid redirect URIs": urls.callbackUrl,
    "Valid post logout redirect URIs": urls.postLogoutRedirectUri,
    "Web origins": urls.webOrigin,
  };
}
