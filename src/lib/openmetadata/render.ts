/**
 * OpenMetadata's Keycloak configuration as the deployment pages show it: the Docker env file and its
 * Compose override, and the settings of conf/openmetadata.yaml; the Helm values and the Kubernetes
 * Secret are kubernetes.ts's, built from the same settings and the YAML writer here.
 *
 * Each form says the same thing: the settings of `serverSettings` below. A setting that equals the
 * server's default is left out unless it comes from a value the reader types (a URL, a name), so a
 * reader who changes that value sees where it goes.
 */
import { Document, isMap, isScalar, parse, type YAMLMap } from "yaml";
import type { OpenMetadataLine } from "../../versions";
import { SESSION_EXPIRY_KEY, serverSetting } from "./server";
import { checkedSettings, endpoints, type KeycloakSsoSettings } from "./settings";

/** The Compose service that runs OpenMetadata's server, in OpenMetadata's docker-compose.yml. */
export const COMPOSE_SERVER_SERVICE = "openmetadata-server";

type Value = string | number | boolean | string[];

/** One setting the guide gives the server: where it lands in conf/openmetadata.yaml, and its value. */
export interface ServerValue {
  key: string;
  value: Value;
}

interface Group {
  /** What the settings are for, as a comment above them. */
  comment: string;
  values: ServerValue[];
}

export const AUTHORIZER = "authorizerConfiguration";
export const AUTHENTICATION = "authenticationConfiguration";
export const OIDC = `${AUTHENTICATION}.oidcConfiguration`;

function isServerDefault(s: KeycloakSsoSettings, { key, value }: ServerValue): boolean {
  const fallback = parse(`v: ${serverSetting(s.openMetadataLine, key).default}`, { version: "1.1" }).v;
  return JSON.stringify(fallback) === JSON.stringify(value) || String(fallback) === String(value);
}

/**
 * The settings these values give OpenMetadata's server, grouped as the files show them. Settings a
 * reader rarely changes (claims, scope, client authentication, session expiry) appear only when they
 * differ from the server's default.
 */
export function serverSettings(input: KeycloakSsoSettings): Group[] {
  const s = checkedSettings(input);
  const urls = endpoints(s);
  const unlessDefault = (...values: ServerValue[]) => values.filter((value) => !isServerDefault(s, value));
  return [
    {
      comment: "Who administers OpenMetadata, and your users' email domain.",
      values: [
        { key: `${AUTHORIZER}.adminPrincipals`, value: s.adminPrincipals },
        { key: `${AUTHORIZER}.principalDomain`, value: s.principalDomain },
        ...unlessDefault({ key: `${AUTHORIZER}.useRolesFromProvider`, value: s.useRolesFromProvider }),
      ],
    },
    {
      comment: "Keycloak as a custom OIDC provider: the realm's URL is the authority.",
      values: [
        { key: `${AUTHENTICATION}.provider`, value: "custom-oidc" },
        { key: `${AUTHENTICATION}.providerName`, value: "Keycloak" },
        { key: `${AUTHENTICATION}.clientType`, value: "confidential" },
        { key: `${AUTHENTICATION}.clientId`, value: s.clientId },
        { key: `${AUTHENTICATION}.authority`, value: urls.authority },
        { key: `${AUTHENTICATION}.callbackUrl`, value: urls.callbackUrl },
        { key: `${AUTHENTICATION}.publicKeyUrls`, value: [urls.keycloakKeysUrl, urls.openMetadataKeysUrl] },
        ...unlessDefault(
          { key: `${AUTHENTICATION}.jwtPrincipalClaims`, value: s.principalClaims },
          { key: SESSION_EXPIRY_KEY[s.openMetadataLine], value: s.sessionExpirySeconds },
        ),
      ],
    },
    {
      comment: "The confidential client: OpenMetadata's server trades the sign-in code for tokens with it.",
      values: [
        { key: `${OIDC}.id`, value: s.clientId },
        { key: `${OIDC}.secret`, value: s.clientSecret },
        { key: `${OIDC}.discoveryUri`, value: urls.discoveryUri },
        { key: `${OIDC}.callbackUrl`, value: urls.callbackUrl },
        { key: `${OIDC}.serverUrl`, value: s.openMetadataUrl },
        ...unlessDefault(
          { key: `${OIDC}.scope`, value: s.scope },
          { key: `${OIDC}.clientAuthenticationMethod`, value: s.clientAuthMethod },
        ),
      ],
    },
  ];
}

/** A value as the server's YAML reads it back from an environment variable: lists as [a,b]. */
export function envText(value: Value): string {
  return Array.isArray(value) ? `[${value.join(",")}]` : String(value);
}

export function lines(...parts: (string | false)[]): string {
  return `${parts.filter((part) => part !== false).join("\n")}\n`;
}

const DOCKER_ENV_FILE = "openmetadata_keycloak.env";
const COMPOSE_OVERRIDE_FILE = "docker-compose.keycloak.yml";

/** Starts OpenMetadata with the Docker page's files. */
const COMPOSE_COMMAND = `docker compose -f docker-compose.yml -f ${COMPOSE_OVERRIDE_FILE} --env-file ${DOCKER_ENV_FILE} up -d`;

/**
 * The Compose commands the Docker pages show (src/components/ComposeCommand.astro):
 *   start  starts OpenMetadata with the page's files ("Configure and start", step 3).
 *   apply  starts the server again with the files' current values once its stored settings are
 *          removed ("If OpenMetadata already ran"). `restart` keeps the container and the
 *          environment it was created with; `up -d` alone recreates the container only when its
 *          configuration changed, and otherwise leaves the running server as it is, so it never
 *          copies the settings again. --force-recreate makes a new container either way.
 */
export const COMPOSE_COMMANDS = {
  start: COMPOSE_COMMAND,
  apply: `${COMPOSE_COMMAND} --force-recreate ${COMPOSE_SERVER_SERVICE}`,
} as const;

/**
 * Settings the env file leaves out while they keep the server's default, which a reader may add to
 * it: the generator writes the ones it has a field for, and the pages tell Docker readers to set the
 * others (roles from Keycloak, who may sign up, the secure cookie behind a proxy, PKCE). The
 * override hands each one to the server, at the server's default when the env file does not set it.
 */
function optionalKeys(line: OpenMetadataLine): string[] {
  return [
    `${AUTHORIZER}.useRolesFromProvider`,
    `${AUTHORIZER}.enforcePrincipalDomain`,
    `${AUTHORIZER}.allowedDomains`,
    `${AUTHENTICATION}.jwtPrincipalClaims`,
    `${AUTHENTICATION}.enableSelfSignup`,
    `${AUTHENTICATION}.forceSecureSessionCookie`,
    SESSION_EXPIRY_KEY[line],
    `${OIDC}.scope`,
    `${OIDC}.clientAuthenticationMethod`,
    `${OIDC}.disablePkce`,
  ];
}

/** The environment variables that carry the settings to the server, each with its text, as the env file writes them. */
export function environmentVariables(input: KeycloakSsoSettings): [name: string, text: string][] {
  const s = checkedSettings(input);
  return serverSettings(s).flatMap((group) =>
    group.values.map(({ key, value }): [string, string] => [
      serverSetting(s.openMetadataLine, key).env,
      envText(value),
    ]),
  );
}

/** openmetadata_keycloak.env: the values, for `docker compose --env-file`. */
export function renderDockerEnv(input: KeycloakSsoSettings): string {
  const s = checkedSettings(input);
  return lines(
    `# OpenMetadata ${s.openMetadataLine} single sign-on with Keycloak: Auth Code Flow, confidential client.`,
    `# Use with: ${COMPOSE_COMMAND}`,
    ...serverSettings(s).flatMap((group) => [
      "",
      `# ${group.comment}`,
      ...group.values.map(({ key, value }) => `${serverSetting(s.openMetadataLine, key).env}=${envText(value)}`),
    ]),
  );
}

/**
 * docker-compose.keycloak.yml: Compose hands a service only the variables its `environment:` lists,
 * so this lists every variable of the env file for OpenMetadata's server.
 */
export function renderComposeOverride(input: KeycloakSsoSettings): string {
  const s = checkedSettings(input);
  const optional = optionalKeys(s.openMetadataLine).map((key) => serverSetting(s.openMetadataLine, key));
  const isOptional = new Set(optional.map(({ env }) => env));
  const required = environmentVariables(s)
    .map(([name]) => name)
    .filter((name) => !isOptional.has(name));
  return lines(
    `# Hands every variable of ${DOCKER_ENV_FILE} to OpenMetadata's server, whether or not your`,
    "# release's docker-compose.yml lists it under the service's environment.",
    `# Use with: ${COMPOSE_COMMAND}`,
    "services:",
    `  ${COMPOSE_SERVER_SERVICE}:`,
    "    environment:",
    ...required.map((name) => `      ${name}: \${${name}}`),
    `      # Optional: the server's default unless ${DOCKER_ENV_FILE} sets them.`,
    ...optional.map(({ env, default: fallback }) => `      ${env}: \${${env}:-${fallback}}`),
  );
}

/** A YAML document from plain data, with comments on keys, read back the same by YAML 1.1 (SnakeYAML, Helm). */
export function yamlDocument(
  data: unknown,
  options: { header: string[]; comments?: Record<string, string>; spaceBefore?: string[] },
): string {
  const document = new Document(data, { version: "1.1" });
  document.commentBefore = options.header.map((line) => ` ${line}`).join("\n");
  const mark = (path: string, apply: (key: { commentBefore?: string | null; spaceBefore?: boolean }) => void) => {
    const parts = path.split(".");
    const parent = parts.length === 1 ? document.contents : document.getIn(parts.slice(0, -1), true);
    if (!isMap(parent)) throw new Error(`No mapping at ${parts.slice(0, -1).join(".")}`);
    const pair = (parent as YAMLMap).items.find((item) => isScalar(item.key) && item.key.value === parts.at(-1));
    if (!pair || !isScalar(pair.key)) throw new Error(`No key ${path}`);
    apply(pair.key);
  };
  for (const [path, comment] of Object.entries(options.comments ?? {})) {
    mark(path, (key) => {
      key.commentBefore = ` ${comment}`;
    });
  }
  for (const path of options.spaceBefore ?? []) {
    mark(path, (key) => {
      key.spaceBefore = true;
    });
  }
  return document.toString({ lineWidth: 0 });
}

/** Nested data from dotted keys: {"a.b": 1} → {a: {b: 1}}. */
export function nest(values: ServerValue[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const { key, value } of values) {
    const path = key.split(".");
    let node = root;
    for (const part of path.slice(0, -1)) {
      node[part] ??= {};
      node = node[part] as Record<string, unknown>;
    }
    node[path.at(-1) ?? ""] = value;
  }
  return root;
}

/**
 * Where a group's comment goes: on the first block its first key opens (so a comment sits above
 * `oidcConfiguration:` rather than above its first key), else on that key.
 */
function commentKey(firstKey: string, earlierKeys: string[]): string {
  const parts = firstKey.split(".");
  for (let depth = 1; depth <= parts.length; depth++) {
    const prefix = parts.slice(0, depth).join(".");
    if (!earlierKeys.some((key) => key === prefix || key.startsWith(`${prefix}.`))) return prefix;
  }
  return firstKey;
}

/** The keys conf/openmetadata.yaml's two blocks get, as data. */
export function bareMetalData(input: KeycloakSsoSettings): Record<string, unknown> {
  return nest(serverSettings(input).flatMap((group) => group.values));
}

/** The settings of conf/openmetadata.yaml's authorizerConfiguration and authenticationConfiguration. */
export function renderBareMetalYaml(input: KeycloakSsoSettings): string {
  const s = checkedSettings(input);
  const groups = serverSettings(s);
  const comments: Record<string, string> = {};
  const earlier: string[] = [];
  for (const group of groups) {
    const first = group.values[0];
    if (first) comments[commentKey(first.key, earlier)] = group.comment;
    earlier.push(...group.values.map((value) => value.key));
  }
  return yamlDocument(bareMetalData(s), {
    header: [
      `OpenMetadata ${s.openMetadataLine} single sign-on with Keycloak: Auth Code Flow, confidential client.`,
      "Set these keys in the two blocks of conf/openmetadata.yaml; keys not listed here keep their values.",
    ],
    comments,
    spaceBefore: [AUTHENTICATION],
  });
}

/** What the client in Keycloak must say, so both sides agree (Auth Code Flow page, step 3). */
export function keycloakClientSettings(input: KeycloakSsoSettings) {
  const s = checkedSettings(input);
  const urls = endpoints(s);
  return {
    "Client ID": s.clientId,
    "Root URL": s.openMetadataUrl,
    "Home URL": s.openMetadataUrl,
    "Valid redirect URIs": urls.callbackUrl,
    "Valid post logout redirect URIs": urls.postLogoutRedirectUri,
    "Web origins": urls.webOrigin,
  };
}
