/**
 * Does the Auth Code Flow page's Keycloak steps through Keycloak's admin API: a realm, the
 * confidential client `open-metadata`, its default scopes and a first user, `admin-user`.
 * Then prints the client secret, as the client's Credentials tab shows it.
 * Running it again changes nothing: it only creates or corrects what differs. Redirect URIs
 * you added to the client yourself (such as http://localhost:8400/callback, for the doctor's
 * --sign-in) stay, and it says so; a wildcard one goes, and it says that too.
 *
 * Prerequisites: Node.js 22.12 or newer, and settings in the environment:
 *   KEYCLOAK_URL             Keycloak's base URL, e.g. https://keycloak.example.com (no /auth)
 *   KEYCLOAK_ADMIN_USERNAME  an admin of the master realm, e.g. the bootstrap admin
 *   KEYCLOAK_ADMIN_PASSWORD  that admin's password
 *   ADMIN_USER_PASSWORD      admin-user's password, set when the user is created or has none
 *   KEYCLOAK_REALM           optional, default "openmetadata" (never "master")
 *   OPENMETADATA_URL         optional, default http://localhost:8585: where users open OpenMetadata
 *
 * Run from the examples folder, after `npm ci`: npx tsx keycloak/provision.ts
 */
import { NetworkError } from "@keycloak/keycloak-admin-client";
import type ClientRepresentation from "@keycloak/keycloak-admin-client/lib/defs/clientRepresentation.js";
import { signInAsAdmin } from "../shared/admin.js";
import { exitWith, keycloakUrlSetting, setting, urlSetting } from "../shared/failures.js";

const keycloakUrl = keycloakUrlSetting();
const adminUserPassword = setting("ADMIN_USER_PASSWORD");
const realm = setting("KEYCLOAK_REALM", "openmetadata");
const openMetadataUrl = urlSetting("OPENMETADATA_URL", "http://localhost:8585");
const clientId = "open-metadata";
const callbackUrl = `${openMetadataUrl}/callback`;

if (realm === "master") exitWith(`KEYCLOAK_REALM is "master": keep applications out of it, use e.g. openmetadata.`);

// Sign in to the admin API as an administrator of the master realm.
const admin = await signInAsAdmin(keycloakUrl);

// A realm of its own for OpenMetadata's users.
if (await admin.realms.findOne({ realm })) {
  console.log(`Realm ${realm}: exists`);
} else {
  await admin.realms.create({ realm, enabled: true });
  console.log(`Realm ${realm}: created`);
}
admin.setConfig({ realmName: realm });

// The client, as on the Auth Code Flow page: general settings, capability config, login settings.
const desired: ClientRepresentation = {
  clientId,
  name: "OpenMetadata",
  protocol: "openid-connect",
  enabled: true,
  publicClient: false, // Client authentication: On (a confidential client with a secret)
  clientAuthenticatorType: "client-secret",
  // Authorization: Off. OpenMetadata uses none of Keycloak's authorization services, and turning
  // them on adds a service account: the secret alone would then get tokens (client credentials).
  authorizationServicesEnabled: false,
  serviceAccountsEnabled: false,
  standardFlowEnabled: true, // Standard flow: the Authorization Code Flow
  implicitFlowEnabled: false,
  directAccessGrantsEnabled: false,
  rootUrl: openMetadataUrl,
  baseUrl: openMetadataUrl,
  redirectUris: [callbackUrl],
  webOrigins: [openMetadataUrl],
  attributes: { "post.logout.redirect.uris": `${openMetadataUrl}/*` },
};

const [existing] = await admin.clients.find({ clientId });
let id: string;
if (!existing?.id) {
  ({ id } = await admin.clients.create(desired));
  console.log(`Client ${clientId}: created`);
} else {
  id = existing.id;
  // Redirect URIs someone added stay. A wildcard goes: Keycloak would send a sign-in's code to any
  // address it matches.
  const others = (existing.redirectUris ?? []).filter((uri) => uri !== callbackUrl);
  const kept = others.filter((uri) => !uri.includes("*"));
  const removed = others.filter((uri) => uri.includes("*"));
  desired.redirectUris = [callbackUrl, ...kept];
  // Keycloak leaves a switch that is off out of what it answers: absent counts as false. It keeps
  // lists as sets: their order is not a difference.
  const current = (key: keyof ClientRepresentation) =>
    existing[key] ?? (typeof desired[key] === "boolean" ? false : undefined);
  const comparable = (value: unknown) => JSON.stringify(Array.isArray(value) ? [...value].sort() : value);
  const differs = (Object.keys(desired) as (keyof ClientRepresentation)[]).filter((key) =>
    key === "attributes"
      ? existing.attributes?.["post.logout.redirect.uris"] !== desired.attributes?.["post.logout.redirect.uris"]
      : comparable(current(key)) !== comparable(desired[key]),
  );
  if (kept.length > 0) console.log(`Client ${clientId}: keeps redirect URIs it does not set: ${kept.join(", ")}`);
  if (removed.length > 0) {
    const matching = "Keycloak would send a sign-in's code to any address they match";
    console.log(`Client ${clientId}: removes wildcard redirect URIs (${matching}): ${removed.join(", ")}`);
  }
  if (differs.length > 0) {
    await admin.clients.update(
      { id },
      { ...existing, ...desired, attributes: { ...existing.attributes, ...desired.attributes } },
    );
    console.log(`Client ${clientId}: updated ${differs.join(", ")}`);
  } else {
    console.log(`Client ${clientId}: unchanged`);
  }
}

// email and profile as default scopes: with openid, they give OpenMetadata the name and email.
const defaultScopes = await admin.clients.listDefaultClientScopes({ id });
for (const scopeName of ["email", "profile"]) {
  if (defaultScopes.some((scope) => scope.name === scopeName)) continue;
  const scope = (await admin.clientScopes.find()).find((candidate) => candidate.name === scopeName);
  if (!scope?.id) exitWith(`Realm ${realm} has no client scope "${scopeName}": restore Keycloak's built-in scopes.`);
  await admin.clients.addDefaultClientScope({ id, clientScopeId: scope.id });
  console.log(`Default scope ${scopeName}: added`);
}

// A first user, with a verified email and a password that is not temporary. Created with its
// password in one call: a password the realm's policy refuses leaves no user behind.
const username = "admin-user";
const password = { type: "password", value: adminUserPassword, temporary: false };
const [user] = await admin.users.find({ username, exact: true });
if (!user?.id) {
  await admin.users
    .create({
      username,
      email: "admin-user@example.com",
      emailVerified: true,
      firstName: "Admin",
      lastName: "User",
      enabled: true,
      credentials: [password],
    })
    .catch(passwordRefused);
  console.log(`User ${username}: created`);
} else if (!(await admin.users.getCredentials({ id: user.id })).some((credential) => credential.type === "password")) {
  // Created without a password, by hand or by an earlier version of this script: set it now.
  await admin.users.resetPassword({ id: user.id, credential: password }).catch(passwordRefused);
  console.log(`User ${username}: password set`);
} else {
  console.log(`User ${username}: exists`);
}

// What the Credentials tab shows: OpenMetadata needs it with the client ID.
const secret = await admin.clients.getClientSecret({ id });
console.log(`Client secret of ${clientId}: ${secret.value}`);

/** A password the realm's policy rejects ("Invalid password: minimum length 12.") stops it. */
function passwordRefused(error: unknown): never {
  const data =
    error instanceof NetworkError ? (error.responseData as { error?: string; error_description?: string }) : {};
  if (!data.error?.startsWith("invalidPassword")) throw error;
  return exitWith(
    `Realm ${realm} refuses ADMIN_USER_PASSWORD ("${data.error_description}"): choose a password that meets the realm's password policy (Authentication, Policies tab), or change the policy.`,
  );
}
