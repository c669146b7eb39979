import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KEYCLOAK_VERSION } from "../../src/versions";
import { startInDocker } from "./container";
import { ensureKeycloakDistribution } from "./distribution";
import { probeDockerEngine } from "./engine";
import { findJava } from "./java";
import { BUILD_OPTIONS, freePort, httpPort, RUN_OPTIONS, readyOrStopped, startGuarded } from "./server";
import { type AdminLogin, chooseKeycloakSource, type KeycloakSource } from "./source";

export { logTail } from "./server";

/** A Keycloak the tests can use, however it was obtained. */
export interface RunningKeycloak {
  /** Base URL, e.g. http://127.0.0.1:39123 (realms at /realms/<name>). */
  url: string;
  admin: AdminLogin;
  version: string;
  source: KeycloakSource["kind"];
  /** Keycloak's log, when this run started the server. */
  logFile?: string;
  /** Marker on the Java command line of a server this run started (see processesWithMarker). */
  processMarker?: string;
  /** The container's name, and its image with how that was made, when it runs in Docker. */
  container?: { name: string; runId: string; image: string; imageHow: string };
  /** Seconds from start to ready, and how long getting the distribution or image took. */
  timings: { fetchSeconds: number; startSeconds: number };
  stop(): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string | undefined>;
  log?: (line: string) => void;
}

/** The pinned Keycloak version, or KEYCLOAK_VERSION from the environment. */
export function keycloakVersion(env: Record<string, string | undefined> = process.env): string {
  return env.KEYCLOAK_VERSION?.trim() || KEYCLOAK_VERSION;
}

/** Starts (or finds) the Keycloak for this run: see source.ts for the order. */
export async function startKeycloak(options: StartOptions = {}): Promise<RunningKeycloak> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const version = keycloakVersion(env);
  const source = chooseKeycloakSource(env, () => probeDockerEngine(env));

  if (source.kind === "external") {
    log(`Using the Keycloak at ${source.url} (KEYCLOAK_URL).`);
    return {
      url: source.url,
      admin: source.admin,
      version,
      source: "external",
      timings: { fetchSeconds: 0, startSeconds: 0 },
      stop: async () => {},
    };
  }
  if (source.kind === "docker") {
    const started = await startInDocker(version, source.admin, source.engine, env, log);
    return {
      url: started.url,
      admin: source.admin,
      version,
      source: "docker",
      logFile: started.logFile,
      container: { name: started.container, runId: started.runId, image: started.image, imageHow: started.imageHow },
      timings: { fetchSeconds: started.fetchSeconds, startSeconds: started.startSeconds },
      stop: started.stop,
    };
  }
  if (source.whyNotDocker) log(`Not using Docker: ${source.whyNotDocker}. Using the server distribution.`);
  return startDistribution(version, source.admin, env, log);
}

async function startDistribution(
  version: string,
  admin: AdminLogin,
  env: Record<string, string | undefined>,
  log: (line: string) => void,
): Promise<RunningKeycloak> {
  const java = findJava(env);
  // Ports first: a port in use is a reason to stop before anything is downloaded.
  const [port, managementPort] = [await httpPort(env), await freePort()];
  const fetchStarted = Date.now();
  const home = await ensureKeycloakDistribution(version, java.home, undefined, log);
  const fetchSeconds = (Date.now() - fetchStarted) / 1000;

  const runDir = mkdtempSync(join(tmpdir(), "keycloak-run-"));
  const logFile = join(runDir, "keycloak.log");
  const processMarker = `-Dopenmetadata.keycloak.guide.run=${runDir}`;
  const url = `http://127.0.0.1:${port}`;
  log(`Starting Keycloak ${version} at ${url} (Java ${java.major}, log: ${logFile})…`);

  const started = Date.now();
  const server = startGuarded(
    join(home, "bin/kc.sh"),
    [
      "start-dev",
      "--http-host=127.0.0.1",
      `--http-port=${port}`,
      `--http-management-port=${managementPort}`,
      ...BUILD_OPTIONS,
      ...RUN_OPTIONS,
    ],
    {
      cwd: runDir,
      logFile,
      env: {
        ...process.env,
        ...env,
        JAVA_HOME: java.home,
        KC_BOOTSTRAP_ADMIN_USERNAME: admin.username,
        KC_BOOTSTRAP_ADMIN_PASSWORD: admin.password,
        JAVA_OPTS_APPEND: `${env.JAVA_OPTS_APPEND ?? ""} ${processMarker}`.trim(),
      },
    },
  );
  const { stop, startSeconds } = await readyOrStopped(server, {
    managementPort: managementPort,
    runDir,
    logFile,
    started,
    env,
    log,
  });
  return {
    url,
    admin,
    version,
    source: "distribution",
    logFile,
    processMarker,
    timings: { fetchSeconds, startSeconds },
    stop,
  };
}
