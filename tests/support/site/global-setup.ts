import type { TestProject } from "vitest/node";
import { buildSite, projectSiteBuild, rootBuild } from "./build";

/** What the site project's tests can `inject()`. */
declare module "vitest" {
  export interface ProvidedContext {
    /** What each build printed, by its base path. */
    siteBuildLogs: Record<string, string>;
  }
}

/**
 * Once per run of the site project: builds the site for production, as `npm run build` does, into
 * dist/, and again under a base path, as the deploy workflow builds it for a GitHub project site.
 */
export default async function setup(project: TestProject): Promise<void> {
  const logs: Record<string, string> = {};
  for (const build of [rootBuild, projectSiteBuild]) {
    const started = Date.now();
    logs[build.base] = await buildSite(build);
    console.log(`Site built under ${build.base} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  project.provide("siteBuildLogs", logs);
}
