/**
 * The admin API sign-in the scripts that read or change Keycloak share: as an administrator of the
 * master realm, through its admin-cli client. What Keycloak refuses (a wrong admin login, a
 * password its policy rejects) and a Keycloak out of reach end a script with one line that says
 * what to change; any other error keeps its stack trace.
 */
import KcAdminClient, { NetworkError } from "@keycloak/keycloak-admin-client";
import { exitWith, keycloakFailure, Stop, setting, unreachable } from "./failures.js";

export interface AdminLogin {
  username: string;
  password: string;
}

/**
 * Signs in to Keycloak's admin API and points the client at `realm`; a refused login or a Keycloak
 * out of reach is a Stop with one sentence.
 */
export async function adminSignIn(keycloakUrl: string, login: AdminLogin, realm = "master"): Promise<KcAdminClient> {
  const admin = new KcAdminClient({ baseUrl: keycloakUrl, realmName: "master" });
  try {
    await admin.auth({ grantType: "password", clientId: "admin-cli", ...login });
  } catch (error) {
    throw new Stop(keycloakFailure(error, keycloakUrl));
  }
  admin.setConfig({ realmName: realm });
  return admin;
}

/**
 * For a script: signs in with KEYCLOAK_ADMIN_USERNAME and KEYCLOAK_ADMIN_PASSWORD. From then on, a
 * failure of Keycloak's admin API that nothing caught ends the script with one line.
 */
export async function signInAsAdmin(keycloakUrl: string): Promise<KcAdminClient> {
  process.on("uncaughtException", (error) => {
    if (error instanceof Stop) exitWith(error.message);
    if (error instanceof NetworkError || unreachable(error, keycloakUrl)) exitWith(keycloakFailure(error, keycloakUrl));
    console.error(error);
    process.exit(1);
  });
  const login = { username: setting("KEYCLOAK_ADMIN_USERNAME"), password: setting("KEYCLOAK_ADMIN_PASSWORD") };
  return adminSignIn(keycloakUrl, login);
}
