/**
 * Keycloak in a container, run with the docker CLI under the guardian (see guardian.mjs).
 * Not Testcontainers (tried with 12.2.0 on 2026-12-02): what it adds over `docker run` is Ryuk,
 * which removes a killed run's containers, and Ryuk is reached through a published port, which an
 * engine started with --bridge=none (scripts/docker-engine.sh) never publishes. Without Ryuk a
 * `kill -9` of the run leaves Keycloak running, which the harness tests forbid; its HTTP wait needs
 * published ports too, so host networking would need a wait of our own anyway.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { chooseDockerNetwork, docker, type EngineInfo } from "./engine";
import { keycloakImage, NAMESPACE, RUN_LABEL } from "./image";
import { BUILD_OPTIONS, freePort, httpPort, RUN_OPTIONS, readyOrStopped, startGuarded } from "./server";
import type { AdminLogin } from "./source";

type Environment = Record<string, string | undefined>;

/** Label holding the URL a container serves, so a test can find the container behind a URL. */
export const URL_LABEL = `${NAMESPACE}.url`;
/** Label naming the process that started a container: "<host name>/<pid>". */
export const OWNER_LABEL = `${NAMESPACE}.owner`;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // alive, someone else's
  }
}

/**
 * Removes our containers whose starting process on this machine is gone, and returns their names.
 * The guardian removes a container when its run ends, so one still there means the guardian died
 * too (a `kill -9` of the whole process group, the OOM killer): the next run cleans up after it.
 */
export function removeOrphanedContainers(env: Environment = process.env): string[] {
  const listed = docker(
    ["ps", "--all", "--filter", `label=${OWNER_LABEL}`, "--format", `{{.Names}} {{.Label "${OWNER_LABEL}"}}`],
    { env },
  );
  const orphans = listed.stdout
    .split("\n")
    .map((line) => line.trim().split(" "))
    .filter(([name, owner]) => {
      const [host, pid] = (owner ?? "").split("/");
      return name && host === hostname() && Number(pid) > 0 && !isAlive(Number(pid));
    })
    .map(([name]) => name as string);
  if (orphans.length > 0) docker(["rm", "--force", ...orphans], { env });
  return orphans;
}

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
    "--label",
    `${OWNER_LABEL}=${hostname()}/${process.pid}`,
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
    ...RUN_OPTIONS,
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
  const orphans = removeOrphanedContainers(env);
  if (orphans.length > 0)
    log(`Removed ${orphans.length} container(s) left by runs whose guardian was killed: ${orphans.join(", ")}.`);

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
  const { stop, startSeconds } = await readyOrStopped(server, {
    managementPort: ports.management,
    runDir,
    logFile,
    started,
    env,
    log,
  });
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
