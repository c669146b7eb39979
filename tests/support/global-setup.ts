import type { TestProject } from "vitest/node";
import { buildSite } from "./build-site";
import { logTail, startKeycloak } from "./keycloak";

/** What every test file can `inject()`. */
declare module "vitest" {
  export interface ProvidedContext {
    /** Everything `astro build` printed, for tests that check what ran during the build. */
    siteBuildLog: string;
    /** The Keycloak of this run. */
    keycloak: {
      url: string;
      adminUsername: string;
      adminPassword: string;
      version: string;
      source: string;
      processMarker: string;
    };
  }
}

/** Set by the summary reporter when a test fails, so teardown shows Keycloak's log. */
export const FAILURE_FLAG = "OPENMETADATA_KEYCLOAK_GUIDE_TESTS_FAILED";

/**
 * Once per test run: starts Keycloak and builds the site into dist/ side by side,
 * then stops Keycloak at the end, also when tests failed.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  // A shortcut for running a few unit tests while working; CI always builds.
  const skipBuild = process.env.GUIDE_SKIP_SITE_BUILD === "1" && process.env.CI !== "true";
  const [keycloakResult, buildResult] = await Promise.allSettled([
    startKeycloak(),
    skipBuild ? Promise.resolve("(site build skipped: GUIDE_SKIP_SITE_BUILD=1)") : buildSite(),
  ]);
  if (buildResult.status === "rejected") {
    if (keycloakResult.status === "fulfilled") await keycloakResult.value.stop();
    throw buildResult.reason;
  }
  if (keycloakResult.status === "rejected") throw keycloakResult.reason;
  const keycloak = keycloakResult.value;
  console.log(`Keycloak (${keycloak.source}) and site build ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  project.provide("siteBuildLog", buildResult.value);
  project.provide("keycloak", {
    url: keycloak.url,
    adminUsername: keycloak.admin.username,
    adminPassword: keycloak.admin.password,
    version: keycloak.version,
    source: keycloak.source,
    processMarker: keycloak.processMarker ?? "",
  });

  return async () => {
    if (process.env[FAILURE_FLAG] && keycloak.logFile) {
      console.error(
        `\nTests failed; last lines of Keycloak's log (${keycloak.logFile}):\n${logTail(keycloak.logFile)}`,
      );
    }
    await keycloak.stop();
  };
}
