import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const projectRoot = fileURLToPath(new URL("../..", import.meta.url));

/** Builds the site into dist/ exactly as `npm run build` does; resolves with everything it printed. */
export function buildSite(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["astro", "build"], { cwd: projectRoot, env: process.env });
    let log = "";
    child.stdout.on("data", (chunk) => {
      log += chunk;
    });
    child.stderr.on("data", (chunk) => {
      log += chunk;
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(log) : reject(new Error(`astro build failed (exit ${code}):\n${log.slice(-4000)}`)),
    );
  });
}
