import { readFileSync } from "node:fs";
import { join } from "node:path";
import type ClientRepresentation from "@keycloak/keycloak-admin-client/lib/defs/clientRepresentation.js";
import { beforeAll, describe, expect, it } from "vitest";
import { docsDir, examplesDir } from "../../../tooling/paths";
import { runExample } from "../../support/examples";
import { jwtParts } from "../../support/openid";
import { adminClient, keycloak, type ProvisionedRealm, provisionRealm, removeRealm } from "../../support/realm";

const realm = "provision-check";
const openMetadataUrl = "http://localhost:8585";

/** The client settings the Auth Code Flow page lists, as Keycloak stores them. */
function pageSettings(client: ClientRepresentation) {
  return {
    clientId: client.clientId,
    protocol: client.protocol,
    enabled: client.enabled,
    publicClient: client.publicClient,
    clientAuthenticatorType: client.clientAuthenticatorType,
    // Keycloak leaves the switch out of its answer when it is off.
    authorizationServicesEnabled: client.authorizationServicesEnabled ?? false,
    serviceAccountsEnabled: client.serviceAccountsEnabled,
    standardFlowEnabled: client.standardFlowEnabled,
    implicitFlowEnabled: client.implicitFlowEnabled,
    directAccessGrantsEnabled: client.directAccessGrantsEnabled,
    rootUrl: client.rootUrl,
    baseUrl: client.baseUrl,
    redirectUris: client.redirectUris,
    webOrigins: client.webOrigins,
    postLogoutRedirectUris: client.attributes?.["post.logout.redirect.uris"],
  };
}

async function readBack(realmName: string) {
  const admin = await adminClient(realmName);
  const [client] = await admin.clients.find({ clientId: "open-metadata" });
  if (!client?.id) throw new Error(`No client open-metadata in realm ${realmName}`);
  const defaultScopes = (await admin.clients.listDefaultClientScopes({ id: client.id })).map((scope) => scope.name);
  const [user] = await admin.users.find({ username: "admin-user", exact: true });
  const secret = (await admin.clients.getClientSecret({ id: client.id })).value;
  const credentials = user?.id ? await admin.users.getCredentials({ id: user.id }) : [];
  return { client, defaultScopes, user, secret, credentials };
}

describe("examples/keycloak/provision.ts", () => {
  let first: ProvisionedRealm;
  beforeAll(async () => {
    first = await provisionRealm(realm, openMetadataUrl);
  });

  it("creates the realm, the client and the user, and prints the client secret", async () => {
    expect(first.output.stdout).toContain(`Realm ${realm}: created`);
    expect(first.output.stdout).toContain("Client open-metadata: created");
    expect(first.output.stdout).toContain("User admin-user: created");
    expect(first.secret).toBe((await readBack(realm)).secret);
  });

  it("sets up the client exactly as the Auth Code Flow page lists", async () => {
    const { client, defaultScopes } = await readBack(realm);
    expect(pageSettings(client)).toEqual({
      clientId: "open-metadata",
      protocol: "openid-connect",
      enabled: true,
      publicClient: false,
      clientAuthenticatorType: "client-secret",
      authorizationServicesEnabled: false,
      serviceAccountsEnabled: false,
      standardFlowEnabled: true,
      implicitFlowEnabled: false,
      directAccessGrantsEnabled: false,
      rootUrl: openMetadataUrl,
      baseUrl: openMetadataUrl,
      redirectUris: [`${openMetadataUrl}/callback`],
      webOrigins: [openMetadataUrl],
      postLogoutRedirectUris: `${openMetadataUrl}/*`,
    });
    expect(defaultScopes).toEqual(expect.arrayContaining(["email", "profile"]));
  });

  it("creates admin-user with a verified email and a permanent password", async () => {
    const { user, credentials } = await readBack(realm);
    expect(user).toMatchObject({
      username: "admin-user",
      email: "admin-user@example.com",
      emailVerified: true,
      enabled: true,
    });
    expect(user?.requiredActions ?? []).toEqual([]);
    expect(credentials.map((credential) => credential.type)).toEqual(["password"]);
  });

  it("changes nothing when run a second time", async () => {
    const before = await readBack(realm);
    const second = (await provisionRealm(realm, openMetadataUrl, { keep: true })).output;
    expect(second.stdout).toContain(`Realm ${realm}: exists`);
    expect(second.stdout).toContain("Client open-metadata: unchanged");
    expect(second.stdout).toContain("User admin-user: exists");
    expect(second.stdout).not.toMatch(/created|updated|added/);
    const after = await readBack(realm);
    expect(after.client).toEqual(before.client);
    expect(after.secret).toBe(before.secret);
    expect(after.credentials).toEqual(before.credentials);
    expect(after.defaultScopes.sort()).toEqual(before.defaultScopes.sort());
  });

  it("corrects a client setting someone changed by hand", async () => {
    const admin = await adminClient(realm);
    const [client] = await admin.clients.find({ clientId: "open-metadata" });
    await admin.clients.update({ id: client?.id ?? "" }, { ...client, implicitFlowEnabled: true, redirectUris: ["*"] });
    const rerun = (await provisionRealm(realm, openMetadataUrl, { keep: true })).output;
    expect(rerun.stdout).toContain("Client open-metadata: updated implicitFlowEnabled, redirectUris");
    expect(rerun.stdout).toContain(
      "Client open-metadata: removes wildcard redirect URIs (Keycloak would send a sign-in's code to any address they match): *",
    );
    expect(pageSettings((await readBack(realm)).client)).toMatchObject({
      implicitFlowEnabled: false,
      redirectUris: [`${openMetadataUrl}/callback`],
    });
  });

  it("keeps a redirect URI it does not set, such as the doctor's, and says so", async () => {
    const doctorCallback = "http://localhost:8400/callback";
    const admin = await adminClient(realm);
    const [client] = await admin.clients.find({ clientId: "open-metadata" });
    // Added before OpenMetadata's own, as a reader adding it in the admin console may leave them.
    const redirectUris = [doctorCallback, `${openMetadataUrl}/callback`];
    await admin.clients.update({ id: client?.id ?? "" }, { ...client, implicitFlowEnabled: true, redirectUris });
    const rerun = (await provisionRealm(realm, openMetadataUrl, { keep: true })).output;
    expect(rerun.stdout).toContain(`Client open-metadata: keeps redirect URIs it does not set: ${doctorCallback}`);
    expect(rerun.stdout).toContain("Client open-metadata: updated implicitFlowEnabled\n");
    const after = pageSettings((await readBack(realm)).client);
    expect(after.implicitFlowEnabled).toBe(false);
    expect(after.redirectUris?.sort()).toEqual(redirectUris.sort());

    const again = (await provisionRealm(realm, openMetadataUrl, { keep: true })).output;
    expect(again.stdout).toContain("Client open-metadata: unchanged");
    expect(again.stdout).toContain(`Client open-metadata: keeps redirect URIs it does not set: ${doctorCallback}`);
    // The realm as provision.ts left it, for the realm file's comparison below.
    await admin.clients.update({ id: client?.id ?? "" }, { ...client, redirectUris: [`${openMetadataUrl}/callback`] });
  });
});

describe("the client's Authorization switch", () => {
  const realmName = "authorization-switch";
  let provisioned: ProvisionedRealm;
  beforeAll(async () => {
    provisioned = await provisionRealm(realmName, openMetadataUrl);
  });

  /** A token for the client itself, with nothing but its ID and secret: the client-credentials grant. */
  const clientCredentials = () =>
    fetch(`${keycloak().url}/realms/${realmName}/protocol/openid-connect/token`, {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: "open-metadata",
        client_secret: provisioned.secret,
      }),
    });

  it("off, as provision.ts leaves it, the secret alone gets no token", async () => {
    const refused = await clientCredentials();
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({
      error: "unauthorized_client",
      error_description: "Client not enabled to retrieve service account",
    });
  });

  it("on, as upstream's page has it, the secret alone gets a token the realm signed, and provision.ts turns it off", async () => {
    const admin = await adminClient(realmName);
    const [client] = await admin.clients.find({ clientId: "open-metadata" });
    await admin.clients.update(
      { id: client?.id ?? "" },
      { ...client, authorizationServicesEnabled: true, serviceAccountsEnabled: true },
    );
    const granted = await clientCredentials();
    expect(granted.status).toBe(200);
    const { access_token } = await granted.json();
    expect(jwtParts(access_token).payload).toMatchObject({
      iss: `${keycloak().url}/realms/${realmName}`,
      preferred_username: "service-account-open-metadata",
    });

    const rerun = (await provisionRealm(realmName, openMetadataUrl, { keep: true })).output;
    expect(rerun.stdout).toContain(
      "Client open-metadata: updated authorizationServicesEnabled, serviceAccountsEnabled",
    );
    expect((await clientCredentials()).status).toBe(401);
  });
});

describe("provision.ts on bad input", () => {
  const good = () => ({
    KEYCLOAK_URL: keycloak().url,
    KEYCLOAK_ADMIN_USERNAME: keycloak().adminUsername,
    KEYCLOAK_ADMIN_PASSWORD: keycloak().adminPassword,
    ADMIN_USER_PASSWORD: "x",
  });

  it.each([
    ["KEYCLOAK_URL missing", { KEYCLOAK_URL: "" }, "KEYCLOAK_URL is not set"],
    [
      "KEYCLOAK_URL not a URL",
      { KEYCLOAK_URL: "keycloak.example.com" },
      'KEYCLOAK_URL is "keycloak.example.com", which is not a URL',
    ],
    ["KEYCLOAK_URL with /auth", { KEYCLOAK_URL: "https://keycloak.example.com/auth" }, "KEYCLOAK_URL ends with /auth"],
    ["the master realm", { KEYCLOAK_REALM: "master" }, 'KEYCLOAK_REALM is "master"'],
    ["no admin-user password", { ADMIN_USER_PASSWORD: "" }, "ADMIN_USER_PASSWORD is not set"],
    [
      "OPENMETADATA_URL not a URL",
      { OPENMETADATA_URL: "localhost:8585" },
      'OPENMETADATA_URL is "localhost:8585": it must start with https://',
    ],
  ])("stops with one line naming the setting: %s", async (_case, override, message) => {
    const run = await runExample("keycloak/provision.ts", { ...good(), ...override });
    expect(run.code).toBe(1);
    expect(run.stderr.split("\n"), "one line").toEqual([expect.stringContaining(message), ""]);
  });
});

describe("admin-user's password", () => {
  const realmName = "password-policy";
  const env = (password: string) => ({
    KEYCLOAK_URL: keycloak().url,
    KEYCLOAK_ADMIN_USERNAME: keycloak().adminUsername,
    KEYCLOAK_ADMIN_PASSWORD: keycloak().adminPassword,
    KEYCLOAK_REALM: realmName,
    ADMIN_USER_PASSWORD: password,
  });
  /** admin-user signs in with `password`: a password grant through the realm's admin-cli client. */
  const signsIn = async (password: string) =>
    (
      await fetch(`${keycloak().url}/realms/${realmName}/protocol/openid-connect/token`, {
        method: "POST",
        body: new URLSearchParams({ grant_type: "password", client_id: "admin-cli", username: "admin-user", password }),
      })
    ).status === 200;

  beforeAll(async () => {
    await removeRealm(realmName);
    await (await adminClient("master")).realms.create({
      realm: realmName,
      enabled: true,
      passwordPolicy: "length(12)",
    });
  });

  it("refused by the realm's password policy: one line, and no user left without a password", async () => {
    const refused = await runExample("keycloak/provision.ts", env("short"));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `Realm ${realmName} refuses ADMIN_USER_PASSWORD ("Invalid password: minimum length 12."): choose a password that meets the realm's password policy (Authentication, Policies tab), or change the policy.\n`,
    );
    const admin = await adminClient(realmName);
    expect(await admin.users.find({ username: "admin-user", exact: true })).toEqual([]);

    const accepted = await runExample("keycloak/provision.ts", env("long-enough-Passw0rd"));
    expect(accepted.stderr).toBe("");
    expect(accepted.stdout).toContain("User admin-user: created\n");
    expect(await signsIn("long-enough-Passw0rd")).toBe(true);
  });

  it("missing, as an earlier version of the script could leave it: set on the next run", async () => {
    const admin = await adminClient(realmName);
    const [user] = await admin.users.find({ username: "admin-user", exact: true });
    for (const credential of await admin.users.getCredentials({ id: user?.id ?? "" })) {
      await admin.users.deleteCredential({ id: user?.id ?? "", credentialId: credential.id ?? "" });
    }
    const rerun = await runExample("keycloak/provision.ts", env("another-long-Passw0rd"));
    expect(rerun.stderr).toBe("");
    expect(rerun.stdout).toContain("User admin-user: password set\n");
    expect((await admin.users.getCredentials({ id: user?.id ?? "" })).map((credential) => credential.type)).toEqual([
      "password",
    ]);
    expect(await signsIn("another-long-Passw0rd")).toBe(true);

    const again = await runExample("keycloak/provision.ts", env("yet-another-Passw0rd"));
    expect(again.stdout).toContain("User admin-user: exists\n");
    expect(await signsIn("another-long-Passw0rd"), "a password it has is kept").toBe(true);
  });
});

describe("examples/keycloak/realm-openmetadata.json", () => {
  it("yields the same client settings and default scopes as provision.ts when imported", async () => {
    const realmFile = JSON.parse(readFileSync(join(examplesDir, "keycloak/realm-openmetadata.json"), "utf8"));
    const importedRealm = "realm-file-check";
    await removeRealm(importedRealm);
    await (await adminClient("master")).realms.create({ ...realmFile, realm: importedRealm });

    const imported = await readBack(importedRealm);
    const provisioned = await readBack(realm);
    expect(pageSettings(imported.client)).toEqual(pageSettings(provisioned.client));
    expect(imported.defaultScopes.sort()).toEqual(provisioned.defaultScopes.sort());
    expect(imported.user).toMatchObject({
      username: "admin-user",
      email: "admin-user@example.com",
      emailVerified: true,
    });
    expect(imported.secret).toMatch(/^\S{32,}$/);
  });

  it("holds the first password the Auth Code Flow page gives admin-user, one to change at first sign-in", () => {
    const realmFile = JSON.parse(readFileSync(join(examplesDir, "keycloak/realm-openmetadata.json"), "utf8"));
    const [credential] = realmFile.users.find(
      (user: { username: string }) => user.username === "admin-user",
    ).credentials;
    expect(credential).toMatchObject({ type: "password", temporary: true });
    const page = readFileSync(join(docsDir, "keycloak/auth-code-flow.mdx"), "utf8");
    expect(page).toContain(`\`admin-user\` signs in first with the password \`${credential.value}\``);
  });
});
