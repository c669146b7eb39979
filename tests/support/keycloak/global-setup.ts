import type { TestProject } from "vitest/node";
import { logTail, startKeycloak } from "../../../tooling/keycloak";
import { FAILURE_FLAG } from "../summary-reporter";

/** What the keycloak project's tests can `inject()`. */
declare module "vitest" {
  export interface ProvidedContext {
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

/** Once per run of the keycloak project: starts Keycloak, and stops it at the end, also when tests failed. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const keycloak = await startKeycloak();
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
