import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const guardian = fileURLToPath(new URL("./guardian.mjs", import.meta.url));

/**
 * Keycloak's build-time options, the same wherever it runs: the distribution and the container
 * start with them, and the locally built image is augmented for exactly these.
 */
export const BUILD_OPTIONS = [
  "--health-enabled=true",
  // In-memory database: every run starts from an empty Keycloak, and no state is left behind.
  "--db=dev-mem",
  "--cache=local",
];

/**
 * Run-time options, also the same wherever it runs. Keycloak believes X-Forwarded-* headers as
 * behind a reverse proxy (the Networks tests put one in front of it); a request without them is
 * answered as before.
 */
export const RUN_OPTIONS = ["--proxy-headers=xforwarded"];

/** The last `lines` lines of a log file, for error messages. */
export function logTail(file: string, lines = 40): string {
  if (!existsSync(file)) return "(no log written)";
  const size = statSync(file).size;
  const length = Math.min(size, 64 * 1024);
  const buffer = Buffer.alloc(length);
  const fd = openSync(file, "r");
  try {
    readSync(fd, buffer, 0, length, size - length);
  } finally {
    closeSync(fd);
  }
  return buffer.toString("utf8").split("\n").slice(-lines).join("\n");
}

/** A TCP port on 127.0.0.1 that is free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** Process IDs for which `read(pid)` gives text that `matches` (Linux: /proc; elsewhere none). */
function findProcesses(file: "cmdline" | "stat", matches: (text: string) => boolean): number[] {
  if (!existsSync("/proc")) return [];
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return matches(readFileSync(`/proc/${pid}/${file}`, "utf8"));
      } catch {
        return false; // the process ended while we looked
      }
    })
    .map(Number);
}

/** Process IDs of every process whose command line contains `marker`. */
export function processesWithMarker(marker: string): number[] {
  return findProcesses("cmdline", (cmdline) => cmdline.includes(marker));
}

/** Process IDs in process group `pgid` (the 5th field of /proc/<pid>/stat). */
export function processGroupMembers(pgid: number): number[] {
  // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
  return findProcesses("stat", (stat) => Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) === pgid);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

function portInUse(port: number): string {
  return (
    `Port ${port} on 127.0.0.1 is in use (KEYCLOAK_PORT=${port}): stop what listens there, ` +
    "or set KEYCLOAK_PORT to another port, or unset it to take a free one."
  );
}

/** Keycloak's HTTP port: KEYCLOAK_PORT when set (it must be free), else a free one. */
export async function httpPort(env: Record<string, string | undefined>): Promise<number> {
  const wanted = env.KEYCLOAK_PORT?.trim();
  if (!wanted) return freePort();
  const port = Number(wanted);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`KEYCLOAK_PORT must be a TCP port number (1-65535), not "${wanted}".`);
  }
  if (!(await portIsFree(port))) throw new Error(portInUse(port));
  return port;
}

export interface GuardedProcess {
  child: ChildProcess;
  /** Stops the server and waits until it and its guardian have exited. */
  stop(): Promise<void>;
}

/**
 * Starts `command` under the guardian, with its output appended to `logFile`. With `container`,
 * the command is a `docker run --name <container>`, and the guardian removes that container too.
 */
export function startGuarded(
  command: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd: string; logFile: string; container?: string },
): GuardedProcess {
  const containerArgs = options.container ? [`--container=${options.container}`] : [];
  const child = spawn(process.execPath, [guardian, options.logFile, ...containerArgs, command, ...args], {
    cwd: options.cwd,
    env: options.env,
    stdio: "ignore",
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    child.on("exit", () => resolve());
  });
  return {
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Polls `url` until it answers 200, the process exits, or the timeout passes. */
export async function waitUntilReady(
  url: string,
  options: { timeoutMs: number; exited: () => boolean; describe: () => string },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (options.exited()) throw new Error(`Keycloak exited before it was ready.\n${options.describe()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(
    `Keycloak was not ready within ${options.timeoutMs / 1000} s (${url} never answered 200). ` +
      `Raise KEYCLOAK_START_TIMEOUT (seconds) on a slow machine.\n${options.describe()}`,
  );
}

/**
 * Waits until a Keycloak started under the guardian is ready, stopping it if it never gets there.
 * Returns how to stop it (which also removes its run folder, unless KEEP_KEYCLOAK_LOG is set) and the
 * seconds it took.
 */
export async function readyOrStopped(
  server: GuardedProcess,
  options: {
    managementPort: number;
    runDir: string;
    logFile: string;
    started: number;
    env: Record<string, string | undefined>;
    log: (line: string) => void;
  },
): Promise<{ stop: () => Promise<void>; startSeconds: number }> {
  const { env, logFile } = options;
  try {
    await waitUntilReady(`http://127.0.0.1:${options.managementPort}/health/ready`, {
      timeoutMs: Number(env.KEYCLOAK_START_TIMEOUT ?? 180) * 1000,
      exited: () => server.child.exitCode !== null,
      describe: () => `Last lines of ${logFile}:\n${logTail(logFile)}`,
    });
  } catch (error) {
    await server.stop();
    throw error;
  }
  const startSeconds = (Date.now() - options.started) / 1000;
  options.log(`Keycloak ready in ${startSeconds.toFixed(1)} s.`);
  return {
    startSeconds,
    stop: async () => {
      await server.stop();
      if (!env.KEEP_KEYCLOAK_LOG) rmSync(options.runDir, { recursive: true, force: true });
    },
  };
}
