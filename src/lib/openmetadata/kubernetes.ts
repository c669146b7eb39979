/**
 * OpenMetadata's Keycloak configuration for its Helm chart: the values.yaml the Kubernetes page
 * shows, the Secret the chart reads the client ID and secret from (as a kubectl command and as a
 * manifest), and the helm commands at the chart version the values were checked against. The
 * settings are render.ts's serverSettings, like every other form.
 */
import { parse } from "yaml";
import { OPENMETADATA_HELM_CHART, type OpenMetadataLine } from "../../versions";
import {
  AUTHENTICATION,
  AUTHORIZER,
  envText,
  lines,
  nest,
  OIDC,
  type ServerValue,
  serverSettings,
  yamlDocument,
} from "./render";
import { serverSetting } from "./server";
import { checkedSettings, type KeycloakSsoSettings } from "./settings";

/** The Secret the OpenMetadata Helm chart reads the client ID and secret from (the chart's defaults). */
export const HELM_SECRET = {
  name: "oidc-secrets",
  clientIdKey: "openmetadata-oidc-client-id",
  clientSecretKey: "openmetadata-oidc-client-secret",
} as const;

/** The Kubernetes namespace the pages install OpenMetadata into. */
export const NAMESPACE = "openmetadata";

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
