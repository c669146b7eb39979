/** Keycloak in a container, run with the docker CLI under the guardian (see guardian.mjs). */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chooseDockerNetwork, type EngineInfo } from "./engine";
import { keycloakImage, NAMESPACE, RUN_LABEL } from "./image";
import { BUILD_OPTIONS, freePort, httpPort, logTail, startGuarded, waitUntilReady } from "./server";
import type { AdminLogin } from "./source";

type Environment = Record<string, string | undefined>;

/** Label holding the URL a container serves, so a test can find the container behind a URL. */
export const URL_LABEL = `${NAMESPACE}.url`;

export interface StartedContainer {
  url: string;
  container: string;
  runId: string;
  image: string;
  imageHow: string;
  logFile: string;
  fetchSeconds: number;
  startSeconds: number;
  stop(): Promise<void>;
}

/** `docker run` arguments for Keycloak on `ports`, reached at 127.0.0.1 either way. */
export function dockerRunArgs(options: {
  name: string;
  runId: string;
  url: string;
  image: string;
  network: "host" | "ports";
  ports: { http: number; management: number };
  passEnv: string[];
}): string[] {
  const { http, management } = options.ports;
  return [
    "run",
    "--rm",
    "--name",
    options.name,
    "--label",
    `${RUN_LABEL}=${options.runId}`,
    "--label",
    `${URL_LABEL}=${options.url}`,
    // The image was found or built just before: never let `docker run` reach for a registry.
    "--pull=never",
    ...(options.network === "host"
      ? ["--network=host"]
      : ["--publish", `127.0.0.1:${http}:8080`, "--publish", `127.0.0.1:${management}:9000`]),
    // Names only: the values come from the docker CLI's environment and stay off its command line.
    ...options.passEnv.flatMap((name) => ["--env", name]),
    options.image,
    "start-dev",
    ...(options.network === "host"
      ? ["--http-host=127.0.0.1", `--http-port=${http}`, `--http-management-port=${management}`]
      : []),
    ...BUILD_OPTIONS,
  ];
}

export async function startInDocker(
  version: string,
  admin: AdminLogin,
  engine: EngineInfo,
  env: Environment,
  log: (line: string) => void,
): Promise<StartedContainer> {
  const network = chooseDockerNetwork(env, engine);
  // Ports first: a port in use is a reason to stop before any image is pulled or built.
  const ports = { http: await httpPort(env), management: await freePort() };
  const fetchStarted = Date.now();
  const image = await keycloakImage(version, { env, log });
  const fetchSeconds = (Date.now() - fetchStarted) / 1000;
  log(`Keycloak image: ${image.name}, ${image.how}.`);

  const runId = `${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`;
  const name = `${NAMESPACE}-${runId}`;
  const url = `http://127.0.0.1:${ports.http}`;
  const runDir = mkdtempSync(join(tmpdir(), "keycloak-run-"));
  const logFile = join(runDir, "keycloak.log");
  const passEnv = ["KC_BOOTSTRAP_ADMIN_USERNAME", "KC_BOOTSTRAP_ADMIN_PASSWORD"];
  if (env.JAVA_OPTS_APPEND) passEnv.push("JAVA_OPTS_APPEND");
  log(`Starting Keycloak ${version} at ${url} in container ${name} (${network} network, log: ${logFile})…`);

  const started = Date.now();
  const server = startGuarded(
    "docker",
    dockerRunArgs({ name, runId, url, image: image.name, network, ports, passEnv }),
    {
      cwd: runDir,
      logFile,
      container: name,
      env: {
        ...process.env,
        ...env,
        KC_BOOTSTRAP_ADMIN_USERNAME: admin.username,
        KC_BOOTSTRAP_ADMIN_PASSWORD: admin.password,
      },
    },
  );
  const stop = async () => {
    await server.stop();
    if (!env.KEEP_KEYCLOAK_LOG) rmSync(runDir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(`http://127.0.0.1:${ports.management}/health/ready`, {
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
    container: name,
    runId,
    image: image.name,
    imageHow: image.how,
    logFile,
    fetchSeconds,
    startSeconds,
    stop,
  };
}
