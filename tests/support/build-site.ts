import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Everything `astro build` printed, for tests that check what ran during the build. */
    siteBuildLog: string;
  }
}

export const projectRoot = fileURLToPath(new URL("../..", import.meta.url));

/** Builds the site into dist/ exactly as `npm run build` does, once per test run. */
export default function buildSite(project: TestProject): void {
  const started = Date.now();
  const result = spawnSync("npx", ["astro", "build"], { cwd: projectRoot, encoding: "utf8", env: process.env });
  const log = `${result.stdout}\n${result.stderr}`;
  if (result.status !== 0) {
    throw new Error(`astro build failed (exit ${result.status}):\n${log.slice(-4000)}`);
  }
  console.log(`Site built into dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  project.provide("siteBuildLog", log);
}
