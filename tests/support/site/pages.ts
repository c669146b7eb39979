import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { CONFIGURATION_FILES } from "../../../src/lib/openmetadata/files";
import { HELM_COMMANDS } from "../../../src/lib/openmetadata/kubernetes";
import { COMPOSE_COMMANDS } from "../../../src/lib/openmetadata/render";
import { SESSION_EXPIRY_KEY } from "../../../src/lib/openmetadata/server";
import { selectCode } from "../../../src/lib/regions";
import { KEYCLOAK_VERSIONS, OPENMETADATA_HELM_CHART } from "../../../src/versions";
import { componentsDir, distDir, docsDir, examplesDir, projectRoot } from "../../../tooling/paths";

/** A file under examples/, or one #region of it. */
export interface Embed {
  file: string;
  region?: string;
}

/** Every page of the guide, with what a reader must find on it. */
export interface GuidePage {
  /** URL path on the site. */
  path: string;
  /** Source file under src/content/docs. */
  source: string;
  /** The page's <h1>. */
  title: string;
  /** Texts the page must contain: its steps, key values. */
  mustContain: string[];
  /** Example files (or regions of them) the page embeds, checked against its copy buttons. */
  examples: Embed[];
  /** Whether the page lays its procedure out with Starlight's <Steps>. */
  hasSteps: boolean;
}

export const guidePages: GuidePage[] = [
  {
    path: "/",
    source: "index.mdx",
    title: "OpenMetadata single sign-on with Keycloak",
    mustContain: [
      "What this guide promises",
      "Every file, script and configuration block you copy",
      "Single commands",
      "Auth Code Flow",
      "Docker",
      "Bare metal",
      "Kubernetes",
    ],
    examples: [],
    hasSteps: false,
  },
  {
    path: "/keycloak/",
    source: "keycloak/index.mdx",
    title: "Keycloak SSO overview",
    mustContain: [
      "What you need",
      "master",
      "Implicit Flow",
      "Confidential",
      "Client ID and client secret",
      "and on no other",
      ...KEYCLOAK_VERSIONS,
      "OpenMetadata 1.12 and 1.13 pass",
    ],
    examples: [],
    hasSteps: false,
  },
  {
    path: "/keycloak/auth-code-flow/",
    source: "keycloak/auth-code-flow.mdx",
    title: "Auth Code Flow",
    mustContain: [
      "Create OpenMetadata as a new client",
      "Create client",
      "OpenID Connect",
      "open-metadata",
      "Client authentication",
      "Authorization",
      "Standard flow",
      "Valid redirect URIs",
      "http://localhost:8585/callback",
      "Valid post logout redirect URIs",
      "Web origins",
      "Access settings",
      "The audience is checked nowhere",
      "openid, email and profile are required",
      "Credentials",
      "admin-user",
      "Set it up with a script",
      "How the sign-in works",
      "Who signed in",
    ],
    examples: [
      { file: "keycloak/check-realm.ts" },
      { file: "keycloak/provision.ts" },
      { file: "keycloak/realm-openmetadata.json" },
      ...["prerequisites", "discovery", "redirect", "callback", "refresh", "logout", "errors"].map((region) => ({
        file: "auth-code-flow/sign-in.ts",
        region,
      })),
      { file: "auth-code-flow/principal.ts", region: "principal" },
    ],
    hasSteps: true,
  },
  {
    path: "/keycloak/doctor/",
    source: "keycloak/doctor.mdx",
    title: "Check your Keycloak",
    mustContain: [
      "What you get",
      "Before you start",
      "npx tsx doctor/doctor.ts --realm-url https://keycloak.example.com/realms/openmetadata --openmetadata-url http://localhost:8585",
      "OIDC_CLIENT_SECRET",
      "KEYCLOAK_ADMIN_USERNAME",
      "--fix",
      "--sign-in",
      "Verdict: ready for OpenMetadata",
      "Verdict: not ready",
      "FIXED Implicit flow: turned Off.",
      "OpenMetadata's user: name admin-user, email admin-user@example.com",
      "What each line means",
    ],
    examples: [{ file: "doctor/doctor.ts", region: "options" }],
    hasSteps: true,
  },
  {
    path: "/keycloak/docker/",
    source: "keycloak/docker.mdx",
    title: "Keycloak SSO for Docker",
    mustContain: [
      "openmetadata_keycloak.env",
      COMPOSE_COMMANDS.start,
      "If OpenMetadata already ran",
      "remove-security-config --force",
      COMPOSE_COMMANDS.apply,
      "only the variable that carries the session expiry differs",
    ],
    examples: [{ file: "docker/openmetadata_keycloak.env" }, { file: "docker/docker-compose.keycloak.yml" }],
    hasSteps: true,
  },
  {
    path: "/keycloak/bare-metal/",
    source: "keycloak/bare-metal.mdx",
    title: "Keycloak SSO for bare metal",
    mustContain: [
      "conf/openmetadata.yaml",
      "authorizerConfiguration",
      "authenticationConfiguration",
      "oidcConfiguration",
      "If OpenMetadata already ran",
    ],
    examples: [{ file: "bare-metal/openmetadata.yaml" }],
    hasSteps: true,
  },
  {
    path: "/keycloak/kubernetes/",
    source: "keycloak/kubernetes.mdx",
    title: "Keycloak SSO for Kubernetes",
    mustContain: [
      "oidc-secrets",
      "kubectl create secret generic oidc-secrets",
      "kubectl delete secret oidc-secrets --namespace openmetadata",
      "oidcConfiguration.enabled: true",
      "openmetadata-dependencies",
      "The client ID is in both files",
      "promptType and maxAge",
      `chart ${OPENMETADATA_HELM_CHART.version}, which runs OpenMetadata ${OPENMETADATA_HELM_CHART.appVersion}`,
      HELM_COMMANDS.install,
      HELM_COMMANDS.upgrade,
      "If OpenMetadata already ran",
      "Behind a proxy that ends TLS",
      "FORCE_SECURE_SESSION_COOKIE",
    ],
    examples: [
      { file: "kubernetes/create-oidc-secret.sh" },
      { file: "kubernetes/oidc-secrets.yaml" },
      { file: "kubernetes/values.yaml" },
      { file: "kubernetes/secure-cookie.yaml" },
    ],
    hasSteps: true,
  },
  {
    path: "/keycloak/openmetadata-ui/",
    source: "keycloak/openmetadata-ui.mdx",
    title: "Keycloak SSO in OpenMetadata's UI",
    mustContain: [
      "Which settings win",
      "Custom-OIDC",
      "Custom OIDC Set Up",
      "OIDC Client Secret",
      "OIDC Discovery URI",
      "https://keycloak.example.com/realms/openmetadata/.well-known/openid-configuration",
      "/api/v1/system/security/validate",
      "Test Login",
      "remove-security-config",
      "get-security-config",
      "update-security-config",
    ],
    examples: [{ file: "openmetadata-ui/security-config.json" }, { file: "openmetadata-ui/apply-security-config.sh" }],
    hasSteps: true,
  },
  {
    path: "/keycloak/generator/",
    source: "keycloak/generator.mdx",
    title: "Configuration generator",
    mustContain: [
      "Nothing leaves your browser",
      "The client in Keycloak",
      "Valid redirect URIs",
      "openmetadata_keycloak.env",
      "OIDC_DISCOVERY_URI=https://keycloak.example.com/realms/openmetadata/.well-known/openid-configuration",
      "oidc-secrets.yaml",
    ],
    // Before anything is typed, each file shows the documented values: the committed example.
    examples: CONFIGURATION_FILES.map((file) => ({ file: file.example })),
    hasSteps: false,
  },
  {
    path: "/keycloak/troubleshooting/",
    source: "keycloak/troubleshooting.mdx",
    title: "Troubleshooting sign-in",
    mustContain: [
      "Redirect URI must exactly match a trusted redirect URI",
      "redirectUrlPath",
      "Invalid parameter: redirect_uri",
      "Client not found.",
      "Invalid client or Invalid client credentials",
      "invalid_scope",
      "Standard flow is disabled for the client.",
      "PKIX path building failed",
      "JWT Token keyID doesn't match the configured keyID",
      "Expired token!",
      "Missing state parameter",
      "Issuer mismatch, possible mix-up attack.",
      "authorization_response_iss_parameter_supported",
      "Account already exists. Please contact administrator.",
      "Loaded security configuration from database - provider: basic",
      "No credentials found against session",
    ],
    examples: [],
    hasSteps: false,
  },
  {
    path: "/keycloak/sessions-and-tokens/",
    source: "keycloak/sessions-and-tokens.mdx",
    title: "Sessions and tokens",
    mustContain: [
      "SSO Session Idle",
      "5 minutes (300 s)",
      "30 minutes (1800 s)",
      "10 hours (36000 s)",
      "sessionExpiry",
      ...Object.values(SESSION_EXPIRY_KEY),
      "Leave offline_access out",
    ],
    examples: [{ file: "keycloak/session-lifespans.ts" }],
    hasSteps: true,
  },
  {
    path: "/keycloak/roles-and-teams/",
    source: "keycloak/roles-and-teams.mdx",
    title: "Roles and teams from Keycloak",
    mustContain: [
      "Keycloak's roles replace roles given in OpenMetadata",
      "User Client Role",
      "default-roles-<realm>",
      "Client roles",
      "AUTHORIZER_USE_ROLES_FROM_PROVIDER=true",
      "jwtTeamClaimMapping",
      "Full group path",
      "Create role",
      "No claim, no change.",
      "Stored settings removed, team mapping gone",
    ],
    examples: [{ file: "keycloak/roles-and-groups.ts" }],
    hasSteps: true,
  },
  {
    path: "/keycloak/networks/",
    source: "keycloak/networks.mdx",
    title: "Networks",
    mustContain: [
      "KC_HOSTNAME",
      "KC_PROXY_HEADERS=xforwarded",
      "PKIX path building failed",
      "OPENMETADATA_OPTS",
      "Reach Keycloak from the server",
      "OpenMetadata under a sub-path",
      "https://apps.example.com/openmetadata/callback",
      "#26551",
    ],
    examples: [{ file: "networks/truststore.sh" }, { file: "networks/CheckTls.java" }],
    hasSteps: true,
  },
  {
    path: "/keycloak/production-checklist/",
    source: "keycloak/production-checklist.mdx",
    title: "Production checklist",
    mustContain: [
      "JWT_KEY_ID",
      "AUTHENTICATION_ENABLE_SELF_SIGNUP",
      "AUTHORIZER_ENFORCE_PRINCIPAL_DOMAIN",
      "that list replaces the principal domain",
    ],
    examples: [],
    hasSteps: false,
  },
];

/** Every .md/.mdx file a page is made of: the pages and the partials they import. */
export function listContentFiles(): string[] {
  const roots = [docsDir, componentsDir];
  return roots.flatMap((root) =>
    readdirSync(root, { recursive: true, encoding: "utf8" })
      .filter((file) => /\.mdx?$/.test(file))
      .map((file) => relative(projectRoot, join(root, file))),
  );
}

export function readBuiltPage(path: string): string {
  return readFileSync(join(distDir, path, "index.html"), "utf8");
}

/** The code a reader copies for an embed: the file, or its region, as the Example component shows it. */
export function embeddedCode(embed: Embed): string {
  return selectCode(readFileSync(join(examplesDir, embed.file), "utf8"), embed.region);
}
