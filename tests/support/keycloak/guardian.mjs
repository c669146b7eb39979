// Runs one server process and makes sure it never outlives the test run that started it.
// Usage: node guardian.mjs <log file> <command> [args...]
// The server gets a process group of its own; the guardian stops that whole group when
// it is told to (SIGTERM, SIGINT, SIGHUP) and when its parent, the test run, disappears,
// even if that parent was killed without a chance to clean up.

import { spawn } from "node:child_process";
import { openSync } from "node:fs";

const [logFile, command, ...args] = process.argv.slice(2);
const log = openSync(logFile, "a");
const server = spawn(command, args, { detached: true, stdio: ["ignore", log, log] });
const parent = process.ppid;
let stopping = false;

function stop() {
  if (stopping) return;
  stopping = true;
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch {
    process.exit(0);
  }
  setTimeout(() => {
    try {
      process.kill(-server.pid, "SIGKILL");
    } catch {}
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
  process.exit(stopping ? 0 : (code ?? (signal ? 1 : 0)));
});
