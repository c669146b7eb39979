/**
 * Where a test run gets its Keycloak, in order of preference:
 *   1. external      KEYCLOAK_URL (plus admin credentials): a server you already run
 *   2. docker        a Docker engine that answers: Keycloak in a container (image.ts, container.ts)
 *   3. distribution  the official server zip from Maven, run with bin/kc.sh start-dev
 * KEYCLOAK_SOURCE=docker|distribution forces one of the last two.
 */
import { type DockerEngine, type EngineInfo, engineProblem } from "./engine";

export interface AdminLogin {
  username: string;
  password: string;
}

export type KeycloakSource =
  | { kind: "external"; url: string; admin: AdminLogin }
  | { kind: "docker"; admin: AdminLogin; engine: EngineInfo }
  /** whyNotDocker: set when an engine exists but cannot be used, worth one line in the log. */
  | { kind: "distribution"; admin: AdminLogin; whyNotDocker?: string };

type Environment = Record<string, string | undefined>;

/** The bootstrap admin a started Keycloak gets: KC_BOOTSTRAP_ADMIN_USERNAME/PASSWORD, else admin/admin. */
export function bootstrapAdmin(env: Environment): AdminLogin {
  return {
    username: env.KC_BOOTSTRAP_ADMIN_USERNAME || "admin",
    password: env.KC_BOOTSTRAP_ADMIN_PASSWORD || "admin",
  };
}

export function chooseKeycloakSource(env: Environment, probeDocker: () => DockerEngine): KeycloakSource {
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
  if (forced === "distribution") return { kind: "distribution", admin };
  if (forced && forced !== "docker") {
    throw new Error(`KEYCLOAK_SOURCE must be "docker" or "distribution", not "${forced}".`);
  }
  const engine = probeDocker();
  if (engine.state === "answers") return { kind: "docker", admin, engine: engine.info };
  if (forced === "docker") {
    throw new Error(`KEYCLOAK_SOURCE=docker, but: ${engineProblem(engine, env)}; or unset KEYCLOAK_SOURCE.`);
  }
  // No docker command at all is the ordinary case on a machine without Docker: nothing to say.
  const whyNotDocker = engine.state === "no-cli" ? undefined : engineProblem(engine, env);
  return { kind: "distribution", admin, whyNotDocker };
}
