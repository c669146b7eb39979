/**
 * The admin API sign-in the scripts that change Keycloak share: as an administrator of the master
 * realm (KEYCLOAK_ADMIN_USERNAME, KEYCLOAK_ADMIN_PASSWORD), through its admin-cli client. From then
 * on, what Keycloak refuses (a wrong admin login, a password its policy rejects) and a Keycloak out
 * of reach end the script with one line that says what to change.
 */
import KcAdminClient from "@keycloak/keycloak-admin-client";
import { exitWith, keycloakFailure, setting } from "./failures.js";

export async function signInAsAdmin(keycloakUrl: string): Promise<KcAdminClient> {
  process.on("uncaughtException", (error) => exitWith(keycloakFailure(error, keycloakUrl)));
  const admin = new KcAdminClient({ baseUrl: keycloakUrl, realmName: "master" });
  await admin.auth({
    grantType: "password",
    clientId: "admin-cli",
    username: setting("KEYCLOAK_ADMIN_USERNAME"),
    password: setting("KEYCLOAK_ADMIN_PASSWORD"),
  });
  return admin;
}
