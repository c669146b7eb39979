/**
 * Does the Auth Code Flow page's Keycloak steps through Keycloak's admin API: a realm, the
 * confidential client `open-metadata`, its default scopes and a first user, `admin-user`.
 * Then prints the client secret, as the client's Credentials tab shows it.
 * Running it again changes nothing: it only creates or corrects what differs.
 *
 * Prerequisites (environment):
 *   KEYCLOAK_URL             Keycloak's base URL, e.g. https://keycloak.example.com (no /auth)
 *   KEYCLOAK_ADMIN_USERNAME  an admin of the master realm, e.g. the bootstrap admin
 *   KEYCLOAK_ADMIN_PASSWORD  that admin's password
 *   ADMIN_USER_PASSWORD      the password to give admin-user when it is created
 *   KEYCLOAK_REALM           optional, default "openmetadata" (never "master")
 *   OPENMETADATA_URL         optional, default http://localhost:8585: where users open OpenMetadata
 *
 * Run: npx tsx examples/keycloak/provision.ts
 */
import KcAdminClient from "@keycloak/keycloak-admin-client";
import type ClientRepresentation from "@keycloak/keycloak-admin-client/lib/defs/clientRepresentation.js";

function setting(name: string, fallback?: string): string {
  const value = process.env[name]?.trim() || fallback;
  if (!value) throw new Error(`${name} is not set. See the list of settings at the top of provision.ts.`);
  return value;
}

function baseUrl(name: string, fallback?: string): string {
  const value = setting(name, fallback);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} is not a URL: "${value}". Write it like https://host.example.com`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new Error(`${name} must start with http:// or https://`);
  if (/\/auth\/?$/.test(url.pathname)) {
    throw new Error(`${name} ends with /auth: Keycloak 17 and later have no /auth prefix, remove it.`);
  }
  return value.replace(/\/+$/, "");
}

const keycloakUrl = baseUrl("KEYCLOAK_URL");
const adminUsername = setting("KEYCLOAK_ADMIN_USERNAME");
const adminPassword = setting("KEYCLOAK_ADMIN_PASSWORD");
const adminUserPassword = setting("ADMIN_USER_PASSWORD");
const realm = setting("KEYCLOAK_REALM", "openmetadata");
const openMetadataUrl = baseUrl("OPENMETADATA_URL", "http://localhost:8585");
const clientId = "open-metadata";

if (realm === "master")
  throw new Error(`KEYCLOAK_REALM is "master": keep applications out of it, use e.g. openmetadata.`);

// Sign in to the admin API as an administrator of the master realm.
const admin = new KcAdminClient({ baseUrl: keycloakUrl, realmName: "master" });
await admin.auth({ grantType: "password", clientId: "admin-cli", username: adminUsername, password: adminPassword });

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
  redirectUris: [`${openMetadataUrl}/callback`],
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
  // Keycloak leaves a switch that is off out of what it answers: absent counts as false.
  const current = (key: keyof ClientRepresentation) =>
    existing[key] ?? (typeof desired[key] === "boolean" ? false : undefined);
  const differs = (Object.keys(desired) as (keyof ClientRepresentation)[]).filter((key) =>
    key === "attributes"
      ? existing.attributes?.["post.logout.redirect.uris"] !== desired.attributes?.["post.logout.redirect.uris"]
      : JSON.stringify(current(key)) !== JSON.stringify(desired[key]),
  );
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

// email and profile as default scopes: with openid they give OpenMetadata the user's name and email.
const defaultScopes = await admin.clients.listDefaultClientScopes({ id });
for (const scopeName of ["email", "profile"]) {
  if (defaultScopes.some((scope) => scope.name === scopeName)) continue;
  const scope = (await admin.clientScopes.find()).find((candidate) => candidate.name === scopeName);
  if (!scope?.id)
    throw new Error(`Realm ${realm} has no client scope "${scopeName}": restore Keycloak's built-in scopes.`);
  await admin.clients.addDefaultClientScope({ id, clientScopeId: scope.id });
  console.log(`Default scope ${scopeName}: added`);
}

// A first user, with a verified email and a password that is not temporary.
const username = "admin-user";
const [user] = await admin.users.find({ username, exact: true });
if (user) {
  console.log(`User ${username}: exists`);
} else {
  const { id: userId } = await admin.users.create({
    username,
    email: "admin-user@example.com",
    emailVerified: true,
    firstName: "Admin",
    lastName: "User",
    enabled: true,
  });
  await admin.users.resetPassword({
    id: userId,
    credential: { type: "password", value: adminUserPassword, temporary: false },
  });
  console.log(`User ${username}: created`);
}

// What the Credentials tab shows: OpenMetadata needs it with the client ID.
const secret = await admin.clients.getClientSecret({ id });
console.log(`Client secret of ${clientId}: ${secret.value}`);
