import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KEYCLOAK_VERSION } from "../../../src/versions";
import { ensureKeycloakDistribution } from "./distribution";
import { findJava } from "./java";
import { freePort, logTail, startGuarded, waitUntilReady } from "./server";
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
  /** Seconds from start to ready, and how long fetching the distribution took. */
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

function dockerIsReachable(): boolean {
  const probe = spawnSync("docker", ["info", "--format", "{{.ServerVersion}}"], { encoding: "utf8", timeout: 10_000 });
  return probe.status === 0 && probe.stdout.trim() !== "";
}

/** Starts (or finds) the Keycloak for this run: see source.ts for the order. */
export async function startKeycloak(options: StartOptions = {}): Promise<RunningKeycloak> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const version = keycloakVersion(env);
  const source = chooseKeycloakSource(env, dockerIsReachable);

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
  if (source.kind === "docker") return startInDocker(version, source.admin, log);
  return startDistribution(version, source.admin, env, log);
}

async function startInDocker(
  version: string,
  admin: AdminLogin,
  log: (line: string) => void,
): Promise<RunningKeycloak> {
  const { GenericContainer, Wait } = await import("testcontainers");
  const image = `quay.io/keycloak/keycloak:${version}`;
  log(`Starting ${image} with Docker (start-dev)…`);
  const started = Date.now();
  const container = await new GenericContainer(image)
    .withCommand(["start-dev", "--health-enabled=true"])
    .withEnvironment({ KC_BOOTSTRAP_ADMIN_USERNAME: admin.username, KC_BOOTSTRAP_ADMIN_PASSWORD: admin.password })
    .withExposedPorts(8080, 9000)
    .withWaitStrategy(Wait.forHttp("/health/ready", 9000).forStatusCode(200))
    .withStartupTimeout(180_000)
    .start();
  return {
    url: `http://${container.getHost()}:${container.getMappedPort(8080)}`,
    admin,
    version,
    source: "docker",
    timings: { fetchSeconds: 0, startSeconds: (Date.now() - started) / 1000 },
    stop: async () => {
      await container.stop();
    },
  };
}

async function startDistribution(
  version: string,
  admin: AdminLogin,
  env: Record<string, string | undefined>,
  log: (line: string) => void,
): Promise<RunningKeycloak> {
  const java = findJava(env);
  const fetchStarted = Date.now();
  const home = await ensureKeycloakDistribution(version, java.home, undefined, log);
  const fetchSeconds = (Date.now() - fetchStarted) / 1000;

  const [port, managementPort] = [await freePort(), await freePort()];
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
      "--health-enabled=true",
      // In-memory database: every run starts from an empty Keycloak, and no state is left in the cache.
      "--db=dev-mem",
      "--cache=local",
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
  const stop = async () => {
    await server.stop();
    if (!env.KEEP_KEYCLOAK_LOG) rmSync(runDir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(`http://127.0.0.1:${managementPort}/health/ready`, {
      timeoutMs: Number(env.KEYCLOAK_START_TIMEOUT ?? 180) * 1000,
      exited: () => server.child.exitCode !== null,
      describe: () => `Last lines of ${logFile}:\n${logTail(logFile)}`,
    });
  } catch (error) {
    await server.stop();
    throw error;
  }
  const startSeconds = (Date.now() - started) / 1000;
  log(`Keycloak ready in ${startSeconds.toFixed(1)} s.`);
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
