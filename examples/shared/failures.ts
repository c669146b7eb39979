/**
 * What the guide's scripts say when something outside them fails: one line that says what to
 * change, never a stack trace. The scripts in keycloak/, auth-code-flow/sign-in.ts and the doctor
 * share it: a missing setting, a Keycloak out of reach or with a certificate Node.js does not
 * trust, an issuer that is not the address given, a sign-in request Keycloak refuses, an admin API
 * refusal.
 */
import { NetworkError } from "@keycloak/keycloak-admin-client";

/** Ends the script with `sentence` on stderr. */
export function exitWith(sentence: string, code = 1): never {
  console.error(sentence);
  process.exit(code);
}

/**
 * What stops a check before it could look: one sentence that says what to fix. Code that runs
 * inside another program (the doctor's runDoctor) throws it; a script's command prints it.
 */
export class Stop extends Error {
  override name = "Stop";
}

/** An http(s) URL without a trailing slash, or a Stop naming the setting `value` came from. */
export function parseUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Stop(
      `${name} is "${value}", which is not a URL: write it with its scheme, like https://keycloak.example.com.`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Stop(`${name} is "${value}": it must start with https:// (or http://).`);
  }
  if (url.search || url.hash) throw new Stop(`${name} is "${value}": remove the part from "?" or "#" on.`);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

/**
 * fetch with a 10-second limit; no answer at all is a Stop that says why Keycloak was not reached.
 */
export async function request(url: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(url, { signal: AbortSignal.timeout(10_000), ...init });
  } catch (error) {
    throw new Stop(unreachable(error, url) ?? String(error));
  }
}

/** A setting from the environment, or `fallback`; without either, the script ends saying so. */
export function setting(name: string, fallback?: string): string {
  const value = process.env[name]?.trim() || fallback;
  return value || exitWith(`${name} is not set: see the settings at the top of the script.`);
}

/** An http(s) URL from the environment, without a trailing slash. */
export function urlSetting(name: string, fallback?: string): string {
  try {
    return parseUrl(name, setting(name, fallback));
  } catch (error) {
    return exitWith((error as Error).message);
  }
}

/** KEYCLOAK_URL: Keycloak's base URL, without /auth. */
export function keycloakUrlSetting(): string {
  const url = urlSetting("KEYCLOAK_URL");
  if (/\/auth$/.test(new URL(url).pathname)) {
    exitWith("KEYCLOAK_URL ends with /auth: Keycloak 17 and later serve realms at /realms/<realm>, remove /auth.");
  }
  return url;
}

/** Why fetch got no answer from `url`, in one line; undefined when `error` is something else. */
export function unreachable(error: unknown, url: string | URL): string | undefined {
  const { origin, protocol, hostname } = new URL(url);
  const check = "check the Keycloak URL, and that Keycloak runs and this machine can reach it";
  if (error instanceof Error && error.name === "TimeoutError") {
    return `No answer from ${origin} within 10 seconds: ${check}.`;
  }
  if (!(error instanceof TypeError) || !(error.cause instanceof Error)) return undefined;
  const code = String((error.cause as { code?: unknown }).code ?? "");
  const why = error.cause.message || code;
  const distrust = `Node.js does not trust Keycloak's certificate at ${origin} (${why})`;
  if (code === "CERT_HAS_EXPIRED") return `${distrust}: it has expired, renew it.`;
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") {
    return `${distrust}: it is not for ${hostname}. Use the address it names, or give Keycloak one for ${hostname}.`;
  }
  // Signed by an authority Node.js does not know: SELF_SIGNED_CERT_IN_CHAIN,
  // UNABLE_TO_VERIFY_LEAF_SIGNATURE, UNABLE_TO_GET_ISSUER_CERT_LOCALLY, …
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code)) {
    return `${distrust}: give it your certificate authority, e.g. NODE_EXTRA_CA_CERTS=ca.pem.`;
  }
  if (protocol === "http:" && code === "UND_ERR_SOCKET") {
    return `Cannot reach ${origin} (${why}): if it serves HTTPS, the URL starts with https://.`;
  }
  return `Cannot reach ${origin} (${why}): ${check}.`;
}

/**
 * Keycloak names the realm `issuer` while it was reached at `expected`. OpenID Connect requires the
 * two to be the same (Discovery 1.0, section 4.3); Keycloak names its issuer from the address a
 * request came to, unless its hostname option or the realm's Frontend URL say otherwise.
 */
export function issuerMismatch(issuer: string, expected: string): string {
  const [named, reached] = [new URL(issuer), new URL(expected)];
  const keycloakAddress = expected.slice(0, expected.lastIndexOf("/realms/"));
  const found = `Keycloak names its realm ${issuer}, not ${expected}: OpenID Connect requires the two to be the same.`;
  // A proxy that ends TLS and does not say what address users reached: Keycloak names its own.
  const behindProxy =
    (named.protocol === "http:" && reached.protocol === "https:") ||
    (named.hostname === reached.hostname && named.host !== reached.host);
  if (behindProxy) {
    return `${found} Behind a proxy, run Keycloak with KC_PROXY_HEADERS=xforwarded and have the proxy send X-Forwarded-Proto, X-Forwarded-Host and X-Forwarded-Port; or set KC_HOSTNAME=${keycloakAddress}.`;
  }
  return `${found} Make Keycloak name the address users open (KC_HOSTNAME=${keycloakAddress}, or the realm's Frontend URL), or use ${issuer} everywhere in OpenMetadata's configuration.`;
}

/** Where a sign-in request goes, and the settings that name its parts, for the advice. */
export interface SignInRequest {
  realm: string;
  clientId: string;
  /** The setting or option that names the client ID: OIDC_CLIENT_ID, --client-id. */
  clientIdSetting: string;
  callbackUrl: string;
  /** For a callback used only to try a sign-in: the setting that chooses another. */
  tryCallbackSetting?: string;
}

export interface Refusal {
  /** What Keycloak said, e.g. "Invalid parameter: redirect_uri". */
  said: string;
  /** What to change. */
  advice: string;
  /** Keycloak sent the browser back to the callback with the error, rather than an error page. */
  sentBack: boolean;
}

/**
 * Keycloak's refusal of a sign-in request (its answer to the authorization URL, not following
 * redirects), or undefined when it shows its login page. A callback the client does not list, or a
 * client it does not know, gets an error page: the browser never comes back to the callback.
 */
export async function refusal(answer: Response, request: SignInRequest): Promise<Refusal | undefined> {
  const html = await answer.text();
  if (answer.status === 200) return undefined;
  const location = answer.headers.get("location");
  const sentBack = location ? new URL(location).searchParams : undefined;
  if (sentBack && !sentBack.has("error")) return undefined;
  const said =
    sentBack?.get("error_description") ??
    sentBack?.get("error") ??
    /class="instruction">([^<]*)</.exec(html)?.[1]?.trim() ??
    `HTTP ${answer.status}`;
  const { realm, clientId, clientIdSetting, callbackUrl, tryCallbackSetting } = request;
  const addCallback = tryCallbackSetting
    ? `Add ${callbackUrl} to the client's Valid redirect URIs while you try this (or choose another with ${tryCallbackSetting}), and remove it afterwards.`
    : `Add ${callbackUrl} to the client's Valid redirect URIs.`;
  const advice: [RegExp, string][] = [
    [/Client not found/, `Check the client ID (${clientIdSetting}): realm ${realm} has no client ${clientId}.`],
    [/Client disabled/, "Switch the client on with Enabled, at the top of the client's page."],
    [/redirect_uri/, addCallback],
    [/Standard flow is disabled/, "Tick Standard flow in the client's Capability config."],
    [/Invalid scopes/, "Add the email and profile scopes to the client as Default, on its Client scopes tab."],
  ];
  return {
    said,
    advice: advice.find(([pattern]) => pattern.test(said))?.[1] ?? "",
    sentBack: sentBack !== undefined,
  };
}

/** One line for a failure of Keycloak's admin API, or of reaching Keycloak at `keycloakUrl`. */
export function keycloakFailure(error: unknown, keycloakUrl: string): string {
  const unreached = unreachable(error, keycloakUrl);
  if (unreached) return unreached;
  if (!(error instanceof NetworkError)) return error instanceof Error ? error.message : String(error);
  const data = (typeof error.responseData === "object" ? error.responseData : {}) as Record<string, unknown>;
  const said = String(data.error_description ?? data.errorMessage ?? error.message);
  // The token endpoint refuses a wrong admin login with invalid_grant ("Invalid user credentials").
  if (data.error === "invalid_grant") {
    return `Keycloak refused the admin sign-in ("${said}"): check KEYCLOAK_ADMIN_USERNAME and KEYCLOAK_ADMIN_PASSWORD, an admin of the master realm.`;
  }
  if (error.response.status === 404 && /Realm not found/.test(said)) {
    return `Keycloak at ${keycloakUrl} has no such realm ("${said}"): check KEYCLOAK_REALM.`;
  }
  if (error.response.status === 403) {
    return `Keycloak does not let ${process.env.KEYCLOAK_ADMIN_USERNAME} do this (HTTP 403): set KEYCLOAK_ADMIN_USERNAME and KEYCLOAK_ADMIN_PASSWORD to an admin of the master realm.`;
  }
  return `Keycloak answered HTTP ${error.response.status}: ${said}`;
}
