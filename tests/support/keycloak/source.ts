/**
 * Where a test run gets its Keycloak, in order of preference:
 *   1. external      KEYCLOAK_URL (plus admin credentials): a server you already run
 *   2. docker        a reachable Docker engine: the official image, via Testcontainers
 *   3. distribution  the official server zip from Maven, run with bin/kc.sh start-dev
 * KEYCLOAK_SOURCE=docker|distribution forces one of the last two.
 */

export interface AdminLogin {
  username: string;
  password: string;
}

export type KeycloakSource =
  | { kind: "external"; url: string; admin: AdminLogin }
  | { kind: "docker"; admin: AdminLogin }
  | { kind: "distribution"; admin: AdminLogin };

type Environment = Record<string, string | undefined>;

/** The bootstrap admin a started Keycloak gets: KC_BOOTSTRAP_ADMIN_USERNAME/PASSWORD, else admin/admin. */
export function bootstrapAdmin(env: Environment): AdminLogin {
  return {
    username: env.KC_BOOTSTRAP_ADMIN_USERNAME || "admin",
    password: env.KC_BOOTSTRAP_ADMIN_PASSWORD || "admin",
  };
}

export function chooseKeycloakSource(env: Environment, dockerIsReachable: () => boolean): KeycloakSource {
  const url = env.KEYCLOAK_URL?.trim();
  if (url) {
    const username = env.KEYCLOAK_ADMIN_USERNAME || env.KC_BOOTSTRAP_ADMIN_USERNAME;
    const password = env.KEYCLOAK_ADMIN_PASSWORD || env.KC_BOOTSTRAP_ADMIN_PASSWORD;
    if (!username || !password) {
      throw new Error(
        "KEYCLOAK_URL is set, but no admin login for it: set KEYCLOAK_ADMIN_USERNAME and KEYCLOAK_ADMIN_PASSWORD " +
          "to an account of the master realm that may create realms.",
      );
    }
    if (!/^https?:\/\/[^/]+/.test(url)) throw new Error(`KEYCLOAK_URL is not an http(s) URL: ${url}`);
    return { kind: "external", url: url.replace(/\/+$/, ""), admin: { username, password } };
  }
  const admin = bootstrapAdmin(env);
  const forced = env.KEYCLOAK_SOURCE?.trim();
  if (forced === "docker" || forced === "distribution") return { kind: forced, admin };
  if (forced) throw new Error(`KEYCLOAK_SOURCE must be "docker" or "distribution", not "${forced}".`);
  return dockerIsReachable() ? { kind: "docker", admin } : { kind: "distribution", admin };
}
