/**
 * The Docker engine, as the docker CLI sees it: whether one answers, and how a container on it is
 * reached from this machine (host networking, or ports published on 127.0.0.1).
 */
import { spawn, spawnSync } from "node:child_process";
import { release } from "node:os";

type Environment = Record<string, string | undefined>;

/** What `docker info` says about the engine, the fields the network choice needs. */
export interface EngineInfo {
  serverVersion: string;
  /** "Docker Desktop", "Debian GNU/Linux 12 (bookworm)", … */
  operatingSystem: string;
  /** "linux" or "windows": the kind of containers the engine runs. */
  osType: string;
  /** The engine's kernel; equal to this machine's when the engine runs here. */
  kernelVersion: string;
  /** e.g. "name=seccomp,profile=default", "name=rootless". */
  securityOptions: string[];
}

export type DockerEngine =
  | { state: "answers"; info: EngineInfo }
  | { state: "no-cli" }
  | { state: "unreachable"; detail: string }
  | { state: "refused"; detail: string };

/** Runs the docker CLI and waits for it; output is captured, never printed. */
export function docker(
  args: string[],
  options: { env?: Environment; timeoutMs?: number; input?: string | Buffer } = {},
): { code: number | null; stdout: string; stderr: string; missing: boolean } {
  const result = spawnSync("docker", args, {
    encoding: "utf8",
    env: options.env as NodeJS.ProcessEnv,
    timeout: options.timeoutMs ?? 60_000,
    input: options.input,
    maxBuffer: 64 * 1024 * 1024,
  });
  const missing = (result.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT";
  return { code: result.status, stdout: result.stdout ?? "", stderr: result.stderr ?? "", missing };
}

/** Asks the engine for `docker info`; a few seconds at most, also when nothing answers. */
export function probeDockerEngine(env: Environment = process.env): DockerEngine {
  const probe = docker(["info", "--format", "{{json .}}"], { env, timeoutMs: 15_000 });
  if (probe.missing) return { state: "no-cli" };
  const detail = (probe.stderr.split("\n").find((line) => line.trim() && !line.startsWith("WARNING")) ?? "").trim();
  if (probe.code === 0) {
    try {
      const info = JSON.parse(probe.stdout) as Record<string, unknown>;
      if (info.ServerVersion) {
        return {
          state: "answers",
          info: {
            serverVersion: String(info.ServerVersion),
            operatingSystem: String(info.OperatingSystem ?? ""),
            osType: String(info.OSType ?? ""),
            kernelVersion: String(info.KernelVersion ?? ""),
            securityOptions: Array.isArray(info.SecurityOptions) ? info.SecurityOptions.map(String) : [],
          },
        };
      }
    } catch {
      // not JSON: an engine we cannot read is treated like one that does not answer
    }
  }
  if (/permission denied/i.test(detail)) return { state: "refused", detail };
  return { state: "unreachable", detail: detail || `docker info exited with ${probe.code}` };
}

/** Why a Docker engine cannot be used, and the fix, as the start of a sentence (no full stop). */
export function engineProblem(engine: Exclude<DockerEngine, { state: "answers" }>, env: Environment): string {
  const where = env.DOCKER_HOST ? `DOCKER_HOST=${env.DOCKER_HOST}` : "the docker CLI's current context";
  switch (engine.state) {
    case "no-cli":
      return "The docker command is not installed: install Docker (on Debian, as root: `bash scripts/docker-engine.sh`)";
    case "refused":
      return (
        `The Docker engine refuses this user (${engine.detail}): add the user to the docker group ` +
        "(`sudo usermod -aG docker $USER`, then log in again) or run as root"
      );
    case "unreachable":
      return (
        `No Docker engine answers at ${where} (${engine.detail}): ` +
        "start one (as root: `bash scripts/docker-engine.sh`; or Docker Desktop)"
      );
  }
}

/**
 * How the tests reach Keycloak in a container:
 *   host   the container shares this machine's network and listens on 127.0.0.1 itself. Only
 *          where the engine runs on this very kernel (Docker Engine on Linux): no port mapping,
 *          no bridge, no private-range addresses.
 *   ports  Keycloak's ports are published on 127.0.0.1 (Docker Desktop, remote or rootless engines,
 *          where the container's "host" is a VM or another network namespace).
 * KEYCLOAK_DOCKER_NETWORK=host|ports overrides the choice.
 */
export type DockerNetwork = "host" | "ports";

export function chooseDockerNetwork(
  env: Environment,
  info: EngineInfo,
  here: { platform: NodeJS.Platform; kernel: string } = { platform: process.platform, kernel: release() },
): DockerNetwork {
  const forced = env.KEYCLOAK_DOCKER_NETWORK?.trim();
  if (forced === "host" || forced === "ports") return forced;
  if (forced) throw new Error(`KEYCLOAK_DOCKER_NETWORK must be "host" or "ports", not "${forced}".`);
  const dockerHost = env.DOCKER_HOST?.trim();
  if (dockerHost && !dockerHost.startsWith("unix://")) return "ports";
  if (here.platform !== "linux" || info.osType !== "linux") return "ports";
  if (/docker desktop/i.test(info.operatingSystem)) return "ports";
  // Rootless Docker runs containers in a network namespace of its own, so "host" is not this host.
  if (info.securityOptions.some((option) => option.includes("name=rootless"))) return "ports";
  return info.kernelVersion === here.kernel ? "host" : "ports";
}

/**
 * `docker pull image`, given `connectSeconds` to show that a registry answers (its first
 * "Pulling from" line) and then as long as the download takes. False when the image cannot be
 * pulled, so a machine without registry access loses seconds, not minutes.
 */
export function pullImage(
  image: string,
  options: { env?: Environment; connectSeconds: number },
): Promise<{ pulled: boolean; detail: string }> {
  return new Promise((resolve) => {
    const child = spawn("docker", ["pull", image], {
      env: options.env as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let answered = false;
    const timer = setTimeout(() => {
      if (!answered) child.kill("SIGTERM");
    }, options.connectSeconds * 1000);
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString("utf8")).slice(-4096);
      if (/Pulling from|Downloading|Already exists/.test(output)) answered = true;
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", () => resolve({ pulled: false, detail: "the docker command did not run" }));
    child.on("close", (code) => {
      clearTimeout(timer);
      const last = output.trim().split("\n").pop() ?? "";
      if (code === 0) resolve({ pulled: true, detail: last });
      else if (!answered && child.killed)
        resolve({ pulled: false, detail: `no registry answered within ${options.connectSeconds} s` });
      else resolve({ pulled: false, detail: last || `docker pull exited with ${code}` });
    });
  });
}
