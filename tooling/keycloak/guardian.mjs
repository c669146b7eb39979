// Runs one server process and makes sure it never outlives the test run that started it.
// Usage: node guardian.mjs <log file> [--container=<name>] <command> [args...]
// The server gets a process group of its own; the guardian stops that whole group when
// it is told to (SIGTERM, SIGINT, SIGHUP) and when its parent, the test run, disappears,
// even if that parent was killed without a chance to clean up.
// With --container, the command is `docker run --name <name> …`: the container lives in the
// Docker engine, not in that process group, so the guardian removes it with `docker rm -f`.
// Stopping or killing the docker CLI alone would leave the container running.

import { spawn, spawnSync } from "node:child_process";
import { openSync } from "node:fs";

const [logFile, ...rest] = process.argv.slice(2);
const container = rest[0]?.startsWith("--container=") ? rest.shift().slice("--container=".length) : undefined;
const [command, ...args] = rest;
const log = openSync(logFile, "a");
const server = spawn(command, args, { detached: true, stdio: ["ignore", log, log] });
const parent = process.ppid;
let stopping = false;

function removeContainer() {
  // Gone already (docker run --rm) or never created: docker says so and exits non-zero; nothing to do.
  if (container) spawnSync("docker", ["rm", "--force", container], { stdio: "ignore", timeout: 60_000 });
}

function stop() {
  if (stopping) return;
  stopping = true;
  removeContainer();
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch {
    removeContainer(); // in case `docker run` was still creating it when the first removal ran
    process.exit(0);
  }
  setTimeout(() => {
    try {
      process.kill(-server.pid, "SIGKILL");
    } catch {}
    removeContainer();
    process.exit(0);
  }, 15_000).unref();
}

for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(signal, stop);
setInterval(() => {
  if (process.ppid !== parent) stop();
}, 250);
server.on("exit", (code, signal) => {
  // Reap the rest of the group (kc.sh's children), then leave with the server's status.
  try {
    process.kill(-server.pid, "SIGKILL");
  } catch {}
  removeContainer();
  process.exit(stopping ? 0 : (code ?? (signal ? 1 : 0)));
});
