/**
 * What the doctor asks Keycloak without an admin login: the realm's discovery document, its signing
 * keys, what it does with OpenMetadata's sign-in request, and whether it accepts the client secret.
 * Each answer becomes a Finding through the rules of checks.ts; no answer at all is a Stop.
 */
import { refusal, request, Stop } from "../shared/failures.js";
import { DEFAULT_SCOPE } from "../shared/openmetadata.js";
import { checkSigningKeys, type Finding, secretRefused } from "./checks.js";
import type { ClientAuthMethod } from "./options.js";

/** What the doctor reads of the realm's discovery document. */
export interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  introspection_endpoint?: string;
}

/** The realm the doctor talks to: its URL as given, and what its discovery document says. */
export interface Realm {
  url: string;
  name: string;
  keycloakUrl: string;
  discovery: Discovery;
  /** Whether Keycloak names the realm by the URL given (the Issuer check). */
  issuerRight: boolean;
}

export function realmAt(realmUrl: string): Pick<Realm, "url" | "name" | "keycloakUrl"> {
  const at = realmUrl.lastIndexOf("/realms/");
  return {
    url: realmUrl,
    keycloakUrl: realmUrl.slice(0, at),
    name: decodeURIComponent(realmUrl.slice(at + "/realms/".length)),
  };
}

/**
 * One of Keycloak's endpoints for the realm. They follow the issuer; when the issuer is not the
 * realm's URL as given, its address may not even be reachable from here (a proxy without forwarded
 * headers), so the doctor asks the same Keycloak at the address given.
 */
export function endpoint(realm: Realm, url: string): string {
  const { issuer } = realm.discovery;
  return realm.issuerRight || !url.startsWith(issuer) ? url : `${realm.url}${url.slice(issuer.length)}`;
}

/** The realm's discovery document (OpenMetadata's OIDC_DISCOVERY_URI), or a Stop saying why not. */
export async function readDiscovery(realmUrl: string): Promise<Realm> {
  const { url, name, keycloakUrl } = realmAt(realmUrl);
  const discoveryUri = `${url}/.well-known/openid-configuration`;
  const response = await request(discoveryUri, { headers: { Accept: "application/json" } });
  const body = await response.text();
  if (response.status === 404) {
    if (/"Realm does not exist"/.test(body)) {
      throw new Stop(
        `Keycloak at ${keycloakUrl} has no realm "${name}": check the realm's name, as the admin console's realm list shows it.`,
      );
    }
    const withoutAuth = url.replace(/\/auth(?=\/realms\/)/, "");
    if (withoutAuth !== url && (await request(`${withoutAuth}/.well-known/openid-configuration`)).ok) {
      throw new Stop(
        `${discoveryUri} answers 404, but ${withoutAuth} is the realm: Keycloak 17 and later serve realms without /auth, so remove /auth from the Keycloak URL.`,
      );
    }
    throw new Stop(`${discoveryUri} answers 404: no Keycloak realm is there, check the Keycloak URL.`);
  }
  if (!response.ok) {
    throw new Stop(`${discoveryUri} answers HTTP ${response.status}: check the Keycloak URL, and that Keycloak is up.`);
  }
  let document: Partial<Discovery>;
  try {
    document = JSON.parse(body);
  } catch {
    throw new Stop(`${discoveryUri} does not answer with a discovery document (JSON): check the Keycloak URL.`);
  }
  if (!document.issuer || !document.authorization_endpoint || !document.token_endpoint || !document.jwks_uri) {
    throw new Stop(`${discoveryUri} is not an OpenID Connect discovery document: check the Keycloak URL.`);
  }
  // Keycloak serves every endpoint of a realm under /realms/<realm>/protocol/openid-connect/.
  const keycloakToken = `/realms/${encodeURIComponent(name)}/protocol/openid-connect/token`;
  if (!new URL(document.token_endpoint).pathname.endsWith(keycloakToken)) {
    throw new Stop(
      `${keycloakUrl} answers OpenID Connect discovery, but not as Keycloak does (its token endpoint is ${document.token_endpoint}): point the Keycloak URL at your Keycloak.`,
    );
  }
  const discovery = document as Discovery;
  return { url, name, keycloakUrl, discovery, issuerRight: discovery.issuer === url };
}

/** The realm's published keys, through the RS256 rule (OpenMetadata's OIDC_PREFERRED_JWS). */
export async function probeSigningKeys(realm: Realm): Promise<Finding> {
  const jwksUri = endpoint(realm, realm.discovery.jwks_uri);
  const response = await request(jwksUri);
  if (!response.ok) {
    return {
      status: "FAIL",
      check: "Signing keys",
      text: `${jwksUri} answers HTTP ${response.status}: OpenMetadata needs it to check tokens.`,
    };
  }
  const { keys = [] } = (await response.json().catch(() => ({}))) as { keys?: { alg?: string; use?: string }[] };
  return checkSigningKeys(keys, jwksUri);
}

/**
 * Without the admin: what Keycloak does with the sign-in request OpenMetadata sends, and whether
 * its answer shows an enabled client of that ID (which tells a wrong secret from a wrong client).
 */
export async function probeSignInRequest(
  realm: Realm,
  clientId: string,
  callbackUrl: string,
): Promise<{ finding: Finding; clientKnown: boolean }> {
  const check = "Sign-in request";
  const url = new URL(endpoint(realm, realm.discovery.authorization_endpoint));
  url.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: callbackUrl,
    response_type: "code",
    scope: DEFAULT_SCOPE,
    state: "doctor",
  }).toString();
  const answer = await request(url.href, { redirect: "manual" });
  const refused = await refusal(answer, { realm: realm.name, clientId, clientIdSetting: "--client-id", callbackUrl });
  if (!refused) {
    const text = `Keycloak shows its login page for client ${clientId} and redirect URI ${callbackUrl}.`;
    return { finding: { status: "PASS", check, text }, clientKnown: true };
  }
  return {
    finding: { status: "FAIL", check, text: `Keycloak answers "${refused.said}". ${refused.advice}` },
    clientKnown: !/Client not found|Client disabled/.test(refused.said),
  };
}

/**
 * Token introspection authenticates the client, as the code exchange does, yet asks for no grant
 * and issues no token: 200 means Keycloak accepted the ID and secret, sent as OpenMetadata sends
 * them.
 */
export async function probeSecret(
  realm: Realm,
  client: { clientId: string; secret: string; method: ClientAuthMethod; known: boolean },
): Promise<Finding> {
  const { discovery } = realm;
  const introspection = endpoint(realm, discovery.introspection_endpoint ?? `${discovery.token_endpoint}/introspect`);
  const basic = client.method === "client_secret_basic";
  // client_secret_basic: RFC 6749, section 2.3.1, the ID and secret form-encoded, then Base64.
  const credentials = Buffer.from(
    `${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.secret)}`,
  ).toString("base64");
  const response = await request(introspection, {
    method: "POST",
    headers: basic ? { Authorization: `Basic ${credentials}` } : {},
    body: new URLSearchParams({
      ...(basic ? {} : { client_id: client.clientId, client_secret: client.secret }),
      token: "doctor-check",
    }),
  });
  if (response.ok) {
    return {
      status: "PASS",
      check: "Client secret",
      text: `Keycloak accepts it for the client ID (${client.method}).`,
    };
  }
  const { error_description: said = "" } = (await response.json().catch(() => ({}))) as { error_description?: string };
  return secretRefused({
    status: response.status,
    said,
    clientId: client.clientId,
    realm: realm.name,
    known: client.known,
  });
}
