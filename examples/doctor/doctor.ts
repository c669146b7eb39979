/**
 * The Keycloak doctor: checks a Keycloak realm and client for OpenMetadata's sign-in, one line per
 * check, and ends with a verdict. It changes nothing on the server unless you add --fix, and never
 * prints the client secret.
 *
 * Prerequisites: Node.js 22.12 or newer. Settings come from the options below (--help lists them),
 * or from the environment variable named next to each; secrets only from the environment:
 *   OIDC_CLIENT_SECRET       optional: the client's secret, to check that Keycloak accepts it
 *   KEYCLOAK_ADMIN_USERNAME  optional, with KEYCLOAK_ADMIN_PASSWORD: an admin of the master realm,
 *   KEYCLOAK_ADMIN_PASSWORD  to read the client's settings and the realm's lifespans (and, with
 *                            --fix, correct them)
 *
 * Run from the examples folder, after `npm ci`:
 *   npx tsx doctor/doctor.ts --realm-url https://keycloak.example.com/realms/openmetadata \
 *     --openmetadata-url http://localhost:8585
 * Exit code: 0 when no check failed, 1 when one did, 2 when the doctor could not check (it says
 * what to fix).
 */
import { createServer } from "node:http";
import { type ParseArgsOptionsConfig, parseArgs } from "node:util";
import KcAdminClient from "@keycloak/keycloak-admin-client";
import type ClientRepresentation from "@keycloak/keycloak-admin-client/lib/defs/clientRepresentation.js";
import * as oidc from "openid-client";
import { DEFAULT_PRINCIPAL_CLAIMS, openMetadataUser } from "../auth-code-flow/principal.js";
import { issuerMismatch, keycloakFailure, refusal, unreachable } from "../shared/failures.js";
import {
  checkClientSettings,
  checkDefaultScopes,
  checkLifespans,
  duration,
  type Finding,
  openMetadataAddress,
  tokenLifespan,
} from "./checks.js";

/** The client secret: every line printed passes through masked(), which hides it wherever it is. */
const hidden = new Set<string>();

// #region options
const options = {
  "realm-url": { type: "string", about: "the realm's URL, e.g. https://keycloak.example.com/realms/openmetadata" },
  "keycloak-url": { type: "string", about: "or Keycloak's URL (KEYCLOAK_URL), with --realm" },
  realm: { type: "string", about: "the realm (KEYCLOAK_REALM), default openmetadata" },
  "client-id": { type: "string", about: "the client ID (OIDC_CLIENT_ID), default open-metadata" },
  "openmetadata-url": { type: "string", about: "OpenMetadata's URL (OPENMETADATA_URL), default http://localhost:8585" },
  "session-expiry": { type: "string", about: "OpenMetadata's session expiry in seconds, default 604800 (7 days)" },
  fix: { type: "boolean", about: "correct the client's switches, addresses and default scopes (needs the admin)" },
  "sign-in": { type: "boolean", about: "sign in for real and see who OpenMetadata takes you for (needs the secret)" },
  "callback-url": { type: "string", about: "where --sign-in waits, default http://localhost:8400/callback" },
  "principal-claims": { type: "string", about: "the principal claims, default email,preferred_username,sub" },
  "principal-domain": { type: "string", about: "the principal domain, default open-metadata.org" },
  help: { type: "boolean", about: "print these options and the exit codes" },
} as const;
// #endregion options
const flags = readFlags(options);

if (flags.help) {
  console.log("npx tsx doctor/doctor.ts --realm-url <URL> --openmetadata-url <URL> [options]\n");
  for (const [name, { type, about }] of Object.entries(options)) {
    console.log(`  ${`--${name}${type === "string" ? " <value>" : ""}`.padEnd(28)} ${about}`);
  }
  console.log(
    "\nSecrets come from the environment only: OIDC_CLIENT_SECRET, KEYCLOAK_ADMIN_USERNAME, KEYCLOAK_ADMIN_PASSWORD.",
  );
  console.log("Exit code: 0 when no check failed, 1 when one did, 2 when the doctor could not check.");
  process.exit(0);
}

// #region settings
const realmUrl = readRealmUrl();
const keycloakUrl = realmUrl.slice(0, realmUrl.lastIndexOf("/realms/"));
const realm = decodeURIComponent(realmUrl.slice(realmUrl.lastIndexOf("/") + 1));
const clientId = flags["client-id"] ?? setting("OIDC_CLIENT_ID", "open-metadata");
const openMetadata = openMetadataAddress(
  readUrl(
    flags["openmetadata-url"] ? "--openmetadata-url" : "OPENMETADATA_URL",
    flags["openmetadata-url"] ?? setting("OPENMETADATA_URL", "http://localhost:8585"),
  ),
);
const secret = setting("OIDC_CLIENT_SECRET");
const adminLogin = { username: setting("KEYCLOAK_ADMIN_USERNAME"), password: setting("KEYCLOAK_ADMIN_PASSWORD") };
// A value this short would hide ordinary words; Keycloak's secrets are 32 characters or more.
if (secret.length >= 8) hidden.add(secret);
// OpenMetadata's defaults, from its conf/openmetadata.yaml: AUTHENTICATION_SESSION_EXPIRY,
// jwtPrincipalClaims and AUTHORIZER_PRINCIPAL_DOMAIN.
const sessionExpiry = Number(flags["session-expiry"] ?? 604800);
const principalClaims = flags["principal-claims"]?.split(",").map((claim) => claim.trim()) ?? [
  ...DEFAULT_PRINCIPAL_CLAIMS,
];
const principalDomain = flags["principal-domain"] ?? "open-metadata.org";
const callbackUrl = readUrl("--callback-url", flags["callback-url"] ?? "http://localhost:8400/callback");

if (!Number.isInteger(sessionExpiry) || sessionExpiry <= 0) {
  stop(
    `--session-expiry is "${flags["session-expiry"]}": give OpenMetadata's session expiry in whole seconds, e.g. 604800.`,
  );
}
if (!adminLogin.username !== !adminLogin.password) {
  stop("Set both KEYCLOAK_ADMIN_USERNAME and KEYCLOAK_ADMIN_PASSWORD, or neither.");
}
if (flags.fix && !adminLogin.username) {
  stop(
    "--fix changes the client through Keycloak's admin API: set KEYCLOAK_ADMIN_USERNAME and KEYCLOAK_ADMIN_PASSWORD.",
  );
}
if (flags["sign-in"] && !secret)
  stop("--sign-in exchanges a code like OpenMetadata's server does: set OIDC_CLIENT_SECRET.");
// #endregion settings

function say(line = ""): void {
  console.log(masked(line));
}

const findings: Finding[] = [];
function report(finding: Finding): void {
  findings.push(finding);
  say(`${finding.status.padEnd(5)} ${finding.check}: ${finding.text}`);
}

say(`Checking client ${clientId} of realm ${realm} at ${keycloakUrl}, for OpenMetadata at ${openMetadata.url}.`);
say();

// #region realm
// The discovery document tells OpenMetadata where everything is (OIDC_DISCOVERY_URI).
const discoveryUri = `${realmUrl}/.well-known/openid-configuration`;
const discovery = await readDiscovery();

// Before the first line: the admin login is an input like the URL, so a wrong one stops the doctor.
const admin = adminLogin.username ? await signInAsAdmin() : undefined;

report({ status: "PASS", check: "Discovery", text: `${discoveryUri} answers, from Keycloak.` });
const issuerRight = discovery.issuer === realmUrl;
report(
  issuerRight
    ? { status: "PASS", check: "Issuer", text: `${discovery.issuer}, the realm's URL as you gave it.` }
    : { status: "FAIL", check: "Issuer", text: issuerMismatch(discovery.issuer, realmUrl) },
);
report(await checkSigningKeys(endpoint(discovery.jwks_uri)));
// #endregion realm

// #region client
let client: ClientRepresentation | undefined;
let clientUsable = true;
/** What the sign-in request showed, without the admin: no such client, or a disabled one. */
let clientNotFound = false;
if (admin) {
  [client] = await adminCall("read the realm's clients", () => admin.clients.find({ clientId }));
  if (!client?.id) {
    clientUsable = false;
    report({
      status: "FAIL",
      check: "Client",
      text: `realm ${realm} has no client ${clientId}. Check the client ID (--client-id), or create the client as the Auth Code Flow page shows.`,
    });
  } else if (client.enabled === false) {
    clientUsable = false;
    report({
      status: "FAIL",
      check: "Client",
      text: `${clientId} is disabled. Switch it on with Enabled, at the top of the client's page.`,
    });
  } else {
    report({ status: "PASS", check: "Client", text: `${clientId} exists and is enabled.` });
    await checkAndFixClient(admin, client.id, client);
  }
} else {
  report(await checkSignInRequest());
  report({
    status: "SKIP",
    check: "Client settings and lifespans",
    text: "set KEYCLOAK_ADMIN_USERNAME and KEYCLOAK_ADMIN_PASSWORD to read them (without --fix, the doctor changes nothing).",
  });
}
// #endregion client

// #region secret
if (!secret) {
  report({ status: "SKIP", check: "Client secret", text: "set OIDC_CLIENT_SECRET to check it." });
} else if (!clientUsable || client?.publicClient === true) {
  report({ status: "SKIP", check: "Client secret", text: "checked once the client above is right." });
} else {
  report(await checkSecret());
}
// #endregion secret

if (admin) {
  const realmSettings = await adminCall("read the realm's settings", () => admin.realms.findOne({ realm }));
  if (realmSettings) for (const finding of checkLifespans(realmSettings, client, sessionExpiry)) report(finding);
}

if (flags["sign-in"] && !issuerRight) {
  report({
    status: "SKIP",
    check: "Sign-in",
    text: "fix the issuer first: OpenMetadata refuses tokens from another issuer.",
  });
} else if (flags["sign-in"]) {
  await signIn();
} else {
  report({
    status: "SKIP",
    check: "Sign-in",
    text: "add --sign-in to sign in for real and see who OpenMetadata takes you for.",
  });
}

// #region verdict
const count = (status: Finding["status"]) => findings.filter((finding) => finding.status === status).length;
const words = { FAIL: "failed", WARN: "warning", FIXED: "fixed", PASS: "passed", SKIP: "skipped" } as const;
const tally = (["FAIL", "WARN", "FIXED", "PASS", "SKIP"] as const)
  .filter((status) => count(status) > 0)
  .map((status) => `${count(status)} ${words[status]}${status === "WARN" && count(status) > 1 ? "s" : ""}`)
  .join(", ");
say();
if (count("FAIL") > 0) {
  const failed = findings.filter((finding) => finding.status === "FAIL");
  const fixable = failed.filter((finding) => finding.fix).length;
  const byFix =
    fixable === 0 ? "" : ` (--fix does it for ${fixable === failed.length ? "all of them" : `${fixable} of them`})`;
  say(`Verdict: not ready (${tally}). Do what each FAIL line says${byFix}, then run the doctor again.`);
  process.exitCode = 1;
} else {
  say(
    `Verdict: ready for OpenMetadata (${tally}).${count("WARN") > 0 ? " The WARN lines work, but read their advice." : ""}`,
  );
}
// #endregion verdict

// ---------------------------------------------------------------------------------------------

function setting(name: string, fallback = ""): string {
  return process.env[name]?.trim() || fallback;
}

function readFlags<T extends ParseArgsOptionsConfig>(options: T) {
  try {
    return parseArgs({ options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    return stop(
      `${(error as Error).message.replace(/\.$/, "")}. See the options with: npx tsx doctor/doctor.ts --help`,
    );
  }
}

function masked(text: string): string {
  let safe = text;
  for (const value of hidden) safe = safe.replaceAll(value, "********");
  return safe;
}

/** An http(s) URL without a trailing slash, or a stop naming the setting it came from. */
function readUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return stop(
      `${name} is "${value}", which is not a URL: write it with its scheme, like https://keycloak.example.com.`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    stop(`${name} is "${value}": it must start with https:// (or http://).`);
  }
  if (url.search || url.hash) stop(`${name} is "${value}": remove the part from "?" or "#" on.`);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

/** The realm's URL: --realm-url, or --keycloak-url (KEYCLOAK_URL) and --realm (KEYCLOAK_REALM). */
function readRealmUrl(): string {
  if (flags["realm-url"]) {
    const url = readUrl("--realm-url", flags["realm-url"]).replace(/\/\.well-known\/openid-configuration$/, "");
    if (!/\/realms\/[^/]+$/.test(url)) {
      stop(
        `--realm-url is "${flags["realm-url"]}": it must end with /realms/<realm>, like https://keycloak.example.com/realms/openmetadata.`,
      );
    }
    return url;
  }
  const name = flags["keycloak-url"] ? "--keycloak-url" : "KEYCLOAK_URL";
  const value = flags["keycloak-url"] ?? setting("KEYCLOAK_URL");
  if (!value) {
    stop(
      "Say which realm to check: --realm-url https://keycloak.example.com/realms/openmetadata, or KEYCLOAK_URL (with KEYCLOAK_REALM, default openmetadata).",
    );
  }
  const realmName = flags.realm ?? setting("KEYCLOAK_REALM", "openmetadata");
  return `${readUrl(name, value)}/realms/${encodeURIComponent(realmName)}`;
}

/** Ends the doctor with one sentence naming what to fix (exit code 2). */
function stop(sentence: string): never {
  console.error(masked(sentence));
  process.exit(2);
}

/** fetch, with a time limit and a stop that says why Keycloak could not be reached. */
async function request(url: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(url, { signal: AbortSignal.timeout(10_000), ...init });
  } catch (error) {
    return stop(unreachable(error, url) ?? String(error));
  }
}

/**
 * One of Keycloak's endpoints for the realm. They follow the issuer; when the issuer is not the
 * realm's URL as given, its address may not even be reachable from here (a proxy without forwarded
 * headers), so the doctor asks the same Keycloak at the address given.
 */
function endpoint(url: string): string {
  return issuerRight || !url.startsWith(discovery.issuer) ? url : `${realmUrl}${url.slice(discovery.issuer.length)}`;
}

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  introspection_endpoint?: string;
}

async function readDiscovery(): Promise<Discovery> {
  const response = await request(discoveryUri, { headers: { Accept: "application/json" } });
  const body = await response.text();
  if (response.status === 404) {
    if (/"Realm does not exist"/.test(body)) {
      stop(
        `Keycloak at ${keycloakUrl} has no realm "${realm}": check the realm's name, as the admin console's realm list shows it.`,
      );
    }
    const withoutAuth = realmUrl.replace(/\/auth(?=\/realms\/)/, "");
    if (withoutAuth !== realmUrl && (await request(`${withoutAuth}/.well-known/openid-configuration`)).ok) {
      stop(
        `${discoveryUri} answers 404, but ${withoutAuth} is the realm: Keycloak 17 and later serve realms without /auth, so remove /auth from the Keycloak URL.`,
      );
    }
    stop(`${discoveryUri} answers 404: no Keycloak realm is there, check the Keycloak URL.`);
  }
  if (!response.ok)
    stop(`${discoveryUri} answers HTTP ${response.status}: check the Keycloak URL, and that Keycloak is up.`);
  let document: Partial<Discovery>;
  try {
    document = JSON.parse(body);
  } catch {
    return stop(`${discoveryUri} does not answer with a discovery document (JSON): check the Keycloak URL.`);
  }
  if (!document.issuer || !document.authorization_endpoint || !document.token_endpoint || !document.jwks_uri) {
    stop(`${discoveryUri} is not an OpenID Connect discovery document: check the Keycloak URL.`);
  }
  // Keycloak serves every endpoint of a realm under /realms/<realm>/protocol/openid-connect/.
  const keycloakToken = `/realms/${encodeURIComponent(realm)}/protocol/openid-connect/token`;
  if (!new URL(document.token_endpoint).pathname.endsWith(keycloakToken)) {
    stop(
      `${keycloakUrl} answers OpenID Connect discovery, but not as Keycloak does (its token endpoint is ${document.token_endpoint}): point the Keycloak URL at your Keycloak.`,
    );
  }
  return document as Discovery;
}

async function signInAsAdmin(): Promise<KcAdminClient> {
  const client = new KcAdminClient({ baseUrl: keycloakUrl, realmName: "master" });
  try {
    await client.auth({ grantType: "password", clientId: "admin-cli", ...adminLogin });
  } catch (error) {
    stop(keycloakFailure(error, keycloakUrl));
  }
  client.setConfig({ realmName: realm });
  return client;
}

/** An admin API call; a refusal stops the doctor with what the admin lacks. */
async function adminCall<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const status = (error as { response?: Response }).response?.status;
    return stop(
      status === 403
        ? `Keycloak does not let ${adminLogin.username} ${what} (HTTP 403): use an admin of the master realm, or one with realm ${realm}'s manage-clients and view-realm roles.`
        : `Keycloak's admin API failed to ${what}: ${error instanceof Error ? error.message : String(error)}.`,
    );
  }
}

async function checkSigningKeys(jwksUri: string): Promise<Finding> {
  const check = "Signing keys";
  const response = await request(jwksUri);
  if (!response.ok)
    return {
      status: "FAIL",
      check,
      text: `${jwksUri} answers HTTP ${response.status}: OpenMetadata needs it to check tokens.`,
    };
  const { keys = [] } = (await response.json().catch(() => ({}))) as { keys?: { alg?: string; use?: string }[] };
  const signing = keys.filter((key) => key.alg === "RS256" && key.use !== "enc");
  // OpenMetadata expects RS256 (OIDC_PREFERRED_JWS in its conf/openmetadata.yaml).
  if (signing.length === 0) {
    return {
      status: "FAIL",
      check,
      text: `${jwksUri} lists no RS256 signing key. Enable an RSA key provider (rsa-generated) in Realm settings, Keys tab: OpenMetadata expects RS256.`,
    };
  }
  return { status: "PASS", check, text: `${signing.length} RS256 key${signing.length > 1 ? "s" : ""} at ${jwksUri}.` };
}

async function checkAndFixClient(admin: KcAdminClient, id: string, current: ClientRepresentation): Promise<void> {
  const [defaults, optional] = await adminCall("read the client's scopes", () =>
    Promise.all([admin.clients.listDefaultClientScopes({ id }), admin.clients.listOptionalClientScopes({ id })]),
  );
  const results = [
    ...checkClientSettings(current, openMetadata),
    ...checkDefaultScopes(
      defaults.map((scope) => scope.name ?? ""),
      optional.map((scope) => scope.name ?? ""),
    ),
  ];
  // #region fix
  // With --fix: one update for the switches and addresses, then the missing default scopes.
  const scopeIds = new Map(
    (flags.fix ? await adminCall("read the realm's client scopes", () => admin.clientScopes.find()) : []).map(
      (scope) => [scope.name, scope.id],
    ),
  );
  const toFix = flags.fix
    ? results.filter(
        (finding) =>
          finding.status !== "PASS" &&
          finding.fix &&
          (!finding.fix.defaultScope || scopeIds.get(finding.fix.defaultScope)),
      )
    : [];
  const change = Object.assign({}, ...toFix.map((finding) => finding.fix?.client ?? {})) as ClientRepresentation;
  if (Object.keys(change).length > 0) {
    await adminCall("change the client", () => admin.clients.update({ id }, { ...current, ...change }));
    if (change.publicClient === false) client = { ...current, ...change };
  }
  for (const scope of toFix.map((finding) => finding.fix?.defaultScope).filter((name) => name !== undefined)) {
    const clientScopeId = scopeIds.get(scope) ?? "";
    if (optional.some((assigned) => assigned.id === clientScopeId)) {
      await adminCall("change the client's scopes", () => admin.clients.delOptionalClientScope({ id, clientScopeId }));
    }
    await adminCall("change the client's scopes", () => admin.clients.addDefaultClientScope({ id, clientScopeId }));
  }
  // #endregion fix
  for (const finding of results) {
    report(
      toFix.includes(finding) ? { status: "FIXED", check: finding.check, text: finding.fix?.done ?? "" } : finding,
    );
  }
}

/** Without the admin: what Keycloak does with the sign-in request OpenMetadata sends. */
async function checkSignInRequest(): Promise<Finding> {
  const check = "Sign-in request";
  const url = new URL(endpoint(discovery.authorization_endpoint));
  url.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: openMetadata.callbackUrl,
    response_type: "code",
    scope: "openid email profile",
    state: "doctor",
  }).toString();
  const refused = await refusal(await request(url.href, { redirect: "manual" }), {
    realm,
    clientId,
    clientIdSetting: "--client-id",
    callbackUrl: openMetadata.callbackUrl,
  });
  clientNotFound = /Client not found|Client disabled/.test(refused?.said ?? "");
  if (!refused) {
    return {
      status: "PASS",
      check,
      text: `Keycloak shows its login page for client ${clientId} and redirect URI ${openMetadata.callbackUrl}.`,
    };
  }
  return { status: "FAIL", check, text: `Keycloak answers "${refused.said}". ${refused.advice}` };
}

/**
 * Token introspection authenticates the client, as the code exchange does, yet asks for no grant
 * and issues no token: 200 means Keycloak accepted the ID and secret.
 */
async function checkSecret(): Promise<Finding> {
  const check = "Client secret";
  const introspection = endpoint(discovery.introspection_endpoint ?? `${discovery.token_endpoint}/introspect`);
  const response = await request(introspection, {
    method: "POST",
    body: new URLSearchParams({ client_id: clientId, client_secret: secret, token: "doctor-check" }),
  });
  if (response.ok) return { status: "PASS", check, text: "Keycloak accepts it for the client ID." };
  const { error_description: said = "" } = (await response.json().catch(() => ({}))) as { error_description?: string };
  if (said === "Client not allowed.") {
    return {
      status: "FAIL",
      check,
      text: `${clientId} is a public client, without a secret. Turn Client authentication on in the client's Capability config.`,
    };
  }
  // Keycloak words the refusal differently from version to version ("Client authentication
  // failed.", "Authentication failed.", "Invalid client or Invalid client credentials"); what the
  // checks above found says whether the client or its secret is wrong.
  if (response.status === 401 && clientNotFound) {
    return {
      status: "FAIL",
      check,
      text: `Keycloak knows no enabled client ${clientId} in realm ${realm}: check the client ID (--client-id).`,
    };
  }
  if (response.status === 401) {
    return {
      status: "FAIL",
      check,
      text: "Keycloak rejects it. Copy it again from the client's Credentials tab, into OIDC_CLIENT_SECRET and OpenMetadata's configuration.",
    };
  }
  return { status: "FAIL", check, text: `Keycloak answered HTTP ${response.status}${said ? ` ("${said}")` : ""}.` };
}

// #region sign-in
/** Signs in as OpenMetadata's server does (no PKCE, its scopes); shows who it takes you for. */
async function signIn(): Promise<void> {
  const check = "Sign-in";
  const config = new oidc.Configuration(
    discovery as oidc.ServerMetadata,
    clientId,
    undefined,
    oidc.ClientSecretPost(secret),
  );
  // openid-client refuses plain HTTP unless told; only a Keycloak on your own machine needs this.
  if (new URL(realmUrl).protocol === "http:") oidc.allowInsecureRequests(config);
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl,
    scope: "openid email profile",
    state,
    nonce,
  });

  // Ask Keycloak first, so a refused callback URL is said now rather than after a wait.
  const refused = await refusal(await request(url.href, { redirect: "manual" }), {
    realm,
    clientId,
    clientIdSetting: "--client-id",
    callbackUrl,
    tryCallbackSetting: "--callback-url",
  });
  if (refused) return report({ status: "FAIL", check, text: `Keycloak answers "${refused.said}". ${refused.advice}` });

  const returned = waitForCallback(new URL(callbackUrl));
  await returned.listening;
  say();
  say(
    `Sign-in: Keycloak will send your browser back to ${callbackUrl}, where the doctor waits; it must be among the client's Valid redirect URIs while you try this.`,
  );
  say(`Open this URL in a browser and sign in:\n${url.href}`);
  say();
  const returnedTo = await returned.url;
  if (!returnedTo)
    return report({ status: "FAIL", check, text: `no browser came back to ${callbackUrl} within 5 minutes.` });

  let tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers;
  try {
    tokens = await oidc.authorizationCodeGrant(config, returnedTo, {
      expectedState: state,
      expectedNonce: nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    return report({ status: "FAIL", check, text: explainSignInError(error) });
  }
  const claims: Record<string, unknown> = tokens.claims() ?? {};
  let user: { name: string; email: string };
  try {
    user = openMetadataUser(claims, principalDomain, principalClaims);
  } catch (error) {
    return report({
      status: "FAIL",
      check,
      text: `${(error as Error).message}. Add the email and profile scopes to the client as Default, or change --principal-claims to claims the token has.`,
    });
  }
  report({
    status: "PASS",
    check,
    text: `${String(claims.preferred_username ?? claims.sub)} signed in; the code exchange gave an ID token for ${clientId}, signed by the realm.`,
  });
  const read = principalClaims.map((name) => `${name} ${JSON.stringify(claims[name] ?? null)}`).join(", ");
  say(`      Claims OpenMetadata reads (principal claims ${principalClaims.join(", ")}): ${read}.`);
  say(`      OpenMetadata's user: name ${user.name}, email ${user.email} (principal domain ${principalDomain}).`);
  const refresh = tokenLifespan(Number(tokens.refresh_expires_in ?? 0));
  say(
    `      Tokens: access token for ${duration(tokenLifespan(tokens.expires_in ?? 0))}${refresh > 0 ? `, refresh token for ${duration(refresh)}` : ""}.`,
  );
}

/** Listens on the callback URL until Keycloak sends the browser back (or 5 minutes pass). */
function waitForCallback(callback: URL): { listening: Promise<void>; url: Promise<URL | undefined> } {
  const server = createServer();
  const listening = new Promise<void>((resolve) => {
    server.on("error", (error) =>
      stop(`Cannot wait at ${callback.href} (${error.message}): choose another --callback-url.`),
    );
    server.listen(Number(callback.port || (callback.protocol === "https:" ? 443 : 80)), callback.hostname, resolve);
  });
  const url = new Promise<URL | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), 5 * 60_000);
    server.on("request", (req, res) => {
      const url = new URL(req.url ?? "/", callback);
      if (url.pathname !== callback.pathname) return void res.writeHead(404).end();
      res.writeHead(200, { "Content-Type": "text/plain" }).end("Back from Keycloak: see the terminal.\n");
      clearTimeout(timer);
      resolve(url);
    });
  }).finally(() => server.close());
  return { listening, url };
}

function explainSignInError(error: unknown): string {
  if (error instanceof oidc.ResponseBodyError || error instanceof oidc.AuthorizationResponseError) {
    return `Keycloak answered ${error.error}${error.error_description ? `: ${error.error_description}` : ""}`.replace(
      /\.*$/,
      ".",
    );
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : "";
  return `${error instanceof Error ? error.message : String(error)}${cause ? ` (${cause})` : ""}.`;
}
// #endregion sign-in
