/**
 * Realms in the Keycloak of this test run, set up by examples/keycloak/provision.ts exactly as the
 * Auth Code Flow page tells a reader to run it.
 */
import KcAdminClient from "@keycloak/keycloak-admin-client";
import { inject } from "vitest";
import { freePort } from "../../tooling/keycloak/server";
import type { CommandResult } from "../../tooling/process";
import { runExample } from "./examples";

/** The Keycloak of this run (see tests/support/keycloak/global-setup.ts). */
export function keycloak() {
  return inject("keycloak");
}

/** An admin API client for `realm`, signed in as this run's Keycloak admin. */
export async function adminClient(realm: string): Promise<KcAdminClient> {
  const { url, adminUsername, adminPassword } = keycloak();
  const admin = new KcAdminClient({ baseUrl: url, realmName: "master" });
  await admin.auth({ grantType: "password", clientId: "admin-cli", username: adminUsername, password: adminPassword });
  admin.setConfig({ realmName: realm });
  return admin;
}

/** An admin API client for a provisioned realm, and OpenMetadata's client in it, id included. */
export async function realmClient(realm: ProvisionedRealm) {
  const admin = await adminClient(realm.realm);
  const [client] = await admin.clients.find({ clientId: realm.clientId });
  if (!client?.id) throw new Error(`No client ${realm.clientId} in realm ${realm.realm}.`);
  return { admin, client, id: client.id };
}

/** The password provision.ts gives admin-user in the tests. */
export const ADMIN_USER_PASSWORD = "Admin-user-Passw0rd";

export interface ProvisionedRealm {
  realm: string;
  keycloakUrl: string;
  /** The OpenMetadata URL the client was set up for: a free loopback port, where sign-in.ts can listen. */
  openMetadataUrl: string;
  callbackUrl: string;
  clientId: string;
  secret: string;
  /** sign-in.ts's settings for this realm. */
  signInEnv: Record<string, string>;
  /** What provision.ts printed. */
  output: CommandResult;
}

/**
 * Runs provision.ts for `realm`, replacing a realm of that name an earlier run left behind, or, with
 * `keep`, running it again over the realm as it is.
 */
export async function provisionRealm(
  realm: string,
  openMetadataUrl?: string,
  options: { keep?: boolean } = {},
): Promise<ProvisionedRealm> {
  if (!options.keep) await removeRealm(realm);
  const { url, adminUsername, adminPassword } = keycloak();
  const omUrl = openMetadataUrl ?? `http://127.0.0.1:${await freePort()}`;
  const output = await runExample("keycloak/provision.ts", {
    KEYCLOAK_URL: url,
    KEYCLOAK_ADMIN_USERNAME: adminUsername,
    KEYCLOAK_ADMIN_PASSWORD: adminPassword,
    ADMIN_USER_PASSWORD,
    KEYCLOAK_REALM: realm,
    OPENMETADATA_URL: omUrl,
  });
  if (output.code !== 0) throw new Error(`provision.ts failed (${output.code}):\n${output.stdout}\n${output.stderr}`);
  const secret = /^Client secret of open-metadata: (\S+)$/m.exec(output.stdout)?.[1];
  if (!secret) throw new Error(`provision.ts printed no client secret:\n${output.stdout}`);
  const callbackUrl = `${omUrl}/callback`;
  return {
    realm,
    keycloakUrl: url,
    openMetadataUrl: omUrl,
    callbackUrl,
    clientId: "open-metadata",
    secret,
    signInEnv: { KEYCLOAK_URL: url, KEYCLOAK_REALM: realm, OIDC_CLIENT_SECRET: secret, CALLBACK_URL: callbackUrl },
    output,
  };
}

/** Deletes `realm` if it exists. */
export async function removeRealm(realm: string): Promise<void> {
  const admin = await adminClient("master");
  if (await admin.realms.findOne({ realm })) await admin.realms.del({ realm });
}
