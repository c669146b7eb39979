/**
 * OpenMetadata's Keycloak configuration in every form the deployment pages show: the Docker env file
 * and its Compose override, the settings of conf/openmetadata.yaml, the Helm values and the
 * Kubernetes Secret (as a kubectl command and as a manifest).
 *
 * Each form says the same thing: the settings of `serverSettings` below. A setting that equals the
 * server's default is left out unless it comes from a value the reader types (a URL, a name), so a
 * reader who changes that value sees where it goes.
 */
import { Document, isMap, isScalar, parse, type YAMLMap } from "yaml";
import { OPENMETADATA_HELM_CHART, type OpenMetadataLine } from "../../versions";
import { SESSION_EXPIRY_KEY, serverSetting } from "./server";
import { checkedSettings, endpoints, type KeycloakSsoSettings } from "./settings";

/** The Secret the OpenMetadata Helm chart reads the client ID and secret from (the chart's defaults). */
export const HELM_SECRET = {
  name: "oidc-secrets",
  clientIdKey: "openmetadata-oidc-client-id",
  clientSecretKey: "openmetadata-oidc-client-secret",
} as const;

/** The Kubernetes namespace the pages install OpenMetadata into. */
export const NAMESPACE = "openmetadata";

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

const AUTHORIZER = "authorizerConfiguration";
const AUTHENTICATION = "authenticationConfiguration";
const OIDC = `${AUTHENTICATION}.oidcConfiguration`;

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
function envText(value: Value): string {
  return Array.isArray(value) ? `[${value.join(",")}]` : String(value);
}

function lines(...parts: (string | false)[]): string {
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
function yamlDocument(
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
function nest(values: ServerValue[]): Record<string, unknown> {
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

/** Where the OpenMetadata Helm chart takes each setting from: a key of its values, or an extra variable. */
const HELM_KEYS: Record<string, string> = {
  [`${AUTHORIZER}.adminPrincipals`]: "openmetadata.config.authorizer.initialAdmins",
  [`${AUTHORIZER}.principalDomain`]: "openmetadata.config.authorizer.principalDomain",
  [`${AUTHORIZER}.useRolesFromProvider`]: "openmetadata.config.authorizer.useRolesFromProvider",
  [`${AUTHENTICATION}.provider`]: "openmetadata.config.authentication.provider",
  [`${AUTHENTICATION}.clientType`]: "openmetadata.config.authentication.clientType",
  [`${AUTHENTICATION}.clientId`]: "openmetadata.config.authentication.clientId",
  [`${AUTHENTICATION}.authority`]: "openmetadata.config.authentication.authority",
  [`${AUTHENTICATION}.callbackUrl`]: "openmetadata.config.authentication.callbackUrl",
  [`${AUTHENTICATION}.publicKeyUrls`]: "openmetadata.config.authentication.publicKeys",
  [`${AUTHENTICATION}.jwtPrincipalClaims`]: "openmetadata.config.authentication.jwtPrincipalClaims",
  [`${OIDC}.discoveryUri`]: "openmetadata.config.authentication.oidcConfiguration.discoveryUri",
  [`${OIDC}.callbackUrl`]: "openmetadata.config.authentication.oidcConfiguration.callbackUrl",
  [`${OIDC}.serverUrl`]: "openmetadata.config.authentication.oidcConfiguration.serverUrl",
  [`${OIDC}.scope`]: "openmetadata.config.authentication.oidcConfiguration.scope",
  [`${OIDC}.clientAuthenticationMethod`]:
    "openmetadata.config.authentication.oidcConfiguration.clientAuthenticationMethod",
  [`${OIDC}.sessionExpiry`]: "openmetadata.config.authentication.oidcConfiguration.sessionExpiry",
  [`${OIDC}.prompt`]: "openmetadata.config.authentication.oidcConfiguration.promptType",
  [`${OIDC}.maxAge`]: "openmetadata.config.authentication.oidcConfiguration.maxAge",
};

function helmKey(key: string): string {
  const found = HELM_KEYS[key];
  if (!found) throw new Error(`No Helm value for ${key} in HELM_KEYS`);
  return found;
}

/** Settings the Helm values leave to the Secret: the chart reads them from oidc-secrets. */
const FROM_THE_SECRET = new Set([`${OIDC}.id`, `${OIDC}.secret`]);

/**
 * What the chart itself sets for the sign-in request's prompt and max_age (the values.yaml of
 * OPENMETADATA_HELM_CHART, which a test compares with this): `prompt=consent&max_age=0`, so Keycloak
 * asks for the password at every sign-in, whatever the server's own default for the line.
 */
export const HELM_CHART_SIGN_IN = { promptType: "consent", maxAge: "0" } as const;

/**
 * The settings the chart gives values of its own (HELM_CHART_SIGN_IN): the Helm values set them to
 * the line's server default, which the env file and the YAML leave in place, so a Helm install
 * sends Keycloak the same sign-in request as Docker and bare metal.
 */
const CHART_OWN_DEFAULTS = [`${OIDC}.prompt`, `${OIDC}.maxAge`];

/** The server's default for `key` as the text it reads, e.g. "" for `""` and "0" for `"0"`. */
function serverDefaultText(line: OpenMetadataLine, key: string): string {
  return String(parse(`v: ${serverSetting(line, key).default}`, { version: "1.1" }).v ?? "");
}

/** The Helm values as data: the chart's keys, and extraEnvs for what it has no key for. */
export function helmValuesData(input: KeycloakSsoSettings): Record<string, unknown> {
  const s = checkedSettings(input);
  const values: ServerValue[] = [];
  const extraEnvs: { name: string; value: string }[] = [];
  for (const { key, value } of serverSettings(s).flatMap((group) => group.values)) {
    if (FROM_THE_SECRET.has(key)) continue;
    if (key in HELM_KEYS)
      values.push({ key: helmKey(key), value: key.endsWith("sessionExpiry") ? String(value) : value });
    else extraEnvs.push({ name: serverSetting(s.openMetadataLine, key).env, value: envText(value) });
  }
  for (const key of CHART_OWN_DEFAULTS) {
    values.push({ key: helmKey(key), value: serverDefaultText(s.openMetadataLine, key) });
  }
  const firstOidc = values.findIndex((value) => value.key.includes(".oidcConfiguration."));
  values.splice(firstOidc, 0, { key: "openmetadata.config.authentication.oidcConfiguration.enabled", value: true });
  return { ...nest(values), ...(extraEnvs.length > 0 ? { extraEnvs } : {}) };
}

/** Why the values set promptType and maxAge, for the line's values. */
function signInRequestComment(line: OpenMetadataLine): string {
  const [prompt, maxAge] = CHART_OWN_DEFAULTS.map((key) => serverDefaultText(line, key));
  const own = `As OpenMetadata ${line}'s server has them (Docker, bare metal)`;
  if (maxAge === "0") return `${own}: Keycloak asks for the password at every sign-in.`;
  if (prompt === "" && maxAge === "") {
    const chart = `${HELM_CHART_SIGN_IN.promptType}, ${HELM_CHART_SIGN_IN.maxAge}`;
    return `${own}: Keycloak signs in a user who has a Keycloak session without the password. The chart's own values (${chart}) would ask for it at every sign-in.`;
  }
  return `${own}.`;
}

/**
 * A comment for the key at `path`, in lines that end by column 80 there, so they stay readable in the
 * page's code box. The first line gets its leading space from yamlDocument, the others here.
 */
function wrappedComment(path: string, text: string): string {
  const width = 80 - 2 * path.split(".").length - "# ".length;
  const lines: string[] = [];
  for (const word of text.split(" ")) {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.join("\n ");
}

/**
 * values.yaml for the OpenMetadata Helm chart: merged over the release's own values (see the
 * Kubernetes page). The client secret stays in the Secret; the client ID is in both, since the chart
 * hands the server one from each; settings the chart has no key for go in as environment variables
 * of the server (extraEnvs).
 */
export function renderHelmValues(input: KeycloakSsoSettings): string {
  const s = checkedSettings(input);
  const data = helmValuesData(s);
  const env = (key: string) => serverSetting(s.openMetadataLine, key).env;
  return yamlDocument(data, {
    header: [
      `Helm values for the OpenMetadata chart (OpenMetadata ${s.openMetadataLine}): Keycloak single sign-on, Auth Code Flow.`,
      `The client secret comes from the Kubernetes Secret "${HELM_SECRET.name}", never from this file.`,
    ],
    comments: {
      "openmetadata.config.authentication.clientId": wrappedComment(
        "openmetadata.config.authentication.clientId",
        `The same as the Secret's ${HELM_SECRET.clientIdKey}: the chart gives the server this one as ${env(`${AUTHENTICATION}.clientId`)}, and the Secret's as ${env(`${OIDC}.id`)}.`,
      ),
      "openmetadata.config.authentication.oidcConfiguration.enabled":
        "Without it the chart leaves out the whole block, and the client secret with it.",
      [helmKey(`${OIDC}.prompt`)]: wrappedComment(helmKey(`${OIDC}.prompt`), signInRequestComment(s.openMetadataLine)),
      ...("extraEnvs" in data ? { extraEnvs: "Settings the chart has no value for, as the server's variables." } : {}),
    },
  });
}

/** The Helm release and chart the Kubernetes page installs, at the chart version the values were checked against. */
const HELM_RELEASE = `openmetadata open-metadata/openmetadata --version ${OPENMETADATA_HELM_CHART.version} --namespace ${NAMESPACE}`;

/**
 * The Helm commands the Kubernetes page shows (src/components/HelmCommand.astro), with the chart
 * version pinned: without --version, Helm takes the newest chart its repository cache holds.
 *   install  a new release with the page's values.
 *   upgrade  an existing release: its own values first, then the page's, which win key by key.
 */
export const HELM_COMMANDS = {
  install: `helm install ${HELM_RELEASE} --values values.yaml`,
  upgrade: `helm upgrade ${HELM_RELEASE} --values current-values.yaml --values values.yaml`,
} as const;

/** A POSIX shell word that stands for exactly `value`, in single quotes so a pasted secret stays intact. */
function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** The Secret's client ID reaches the server as OIDC_CLIENT_ID, values.yaml's as AUTHENTICATION_CLIENT_ID. */
const SAME_CLIENT_ID = "# Its client ID is clientId in values.yaml too: keep the two the same.";

/** The kubectl command that creates the Secret the chart reads. */
export function renderKubectlSecret(input: KeycloakSsoSettings): string {
  const s = checkedSettings(input);
  return lines(
    "#!/bin/sh",
    "# Creates the Secret the OpenMetadata chart reads the Keycloak client ID and secret from.",
    "# Run it in the namespace you install OpenMetadata into.",
    SAME_CLIENT_ID,
    `kubectl create secret generic ${HELM_SECRET.name} \\`,
    `  --namespace ${NAMESPACE} \\`,
    `  --from-literal=${HELM_SECRET.clientIdKey}=${s.clientId} \\`,
    `  --from-literal=${HELM_SECRET.clientSecretKey}=${shellQuote(s.clientSecret)}`,
  );
}

/** The Secret as data. */
export function secretManifestData(input: KeycloakSsoSettings): Record<string, unknown> {
  const s = checkedSettings(input);
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: HELM_SECRET.name, namespace: NAMESPACE },
    type: "Opaque",
    stringData: { [HELM_SECRET.clientIdKey]: s.clientId, [HELM_SECRET.clientSecretKey]: s.clientSecret },
  };
}

/** The same Secret as a manifest, for GitOps. */
export function renderSecretManifest(input: KeycloakSsoSettings): string {
  return yamlDocument(secretManifestData(input), {
    header: [
      `The same Secret as a manifest, for GitOps: apply with kubectl apply -f ${HELM_SECRET.name}.yaml.`,
      "Keep this file out of version control, or encrypt it (Sealed Secrets, SOPS) before committing.",
      SAME_CLIENT_ID.slice(2),
    ],
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
