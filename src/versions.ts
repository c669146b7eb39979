/**
 * The versions this guide is tested with: the pages print them and the tests run them.
 * Change them here and nowhere else.
 */

/** Keycloak server release the tests download and start (override with KEYCLOAK_VERSION). */
export const KEYCLOAK_VERSION = "26.7.5";

/**
 * The Keycloak releases the guide runs on: the newest patch of each line from 26.4 that Maven
 * serves, the pinned one among them; lines before 26.4 are not run. npm run versions:check says
 * what is newer, and npm run test:keycloak-versions runs the guide on each.
 */
export const KEYCLOAK_VERSIONS = ["26.4.7", "26.5.7", "26.6.4", KEYCLOAK_VERSION] as const;

/**
 * The OpenMetadata lines readers run, each with its newest release and the `openmetadata-ingestion`
 * package of that release, whose generated models are the release's own definitions of the
 * configuration: the tests check what the guide renders for a line against them. No OpenMetadata
 * server runs in the tests.
 */
export const OPENMETADATA_RELEASES = [
  { line: "1.12", version: "1.12.14", ingestionPackage: "1.12.14.2" },
  { line: "1.13", version: "1.13.6", ingestionPackage: "1.13.6.3" },
  { line: "2.0", version: "2.0.7", ingestionPackage: "2.0.7.0" },
] as const;

export type OpenMetadataLine = (typeof OPENMETADATA_RELEASES)[number]["line"];

/**
 * OpenMetadata's Helm chart the Kubernetes page installs (its commands pin `--version`) and whose
 * values.yaml and values.schema.json the Helm values are checked against, with the OpenMetadata
 * server it runs: the chart's image tag defaults to its appVersion. A test pins both to the chart's
 * Chart.yaml. No chart of the 2.0 line has been checked.
 */
export const OPENMETADATA_HELM_CHART = { version: "1.13.1", appVersion: "1.13.1" } as const;

/** The OpenMetadata line that chart runs, e.g. "1.13". */
export const OPENMETADATA_HELM_CHART_LINE = OPENMETADATA_HELM_CHART.appVersion.split(".").slice(0, 2).join(".");

/** The line the pages' examples are written for. */
export const OPENMETADATA_LINE: OpenMetadataLine = "2.0";

/** The release of that line, e.g. "2.0.7". */
export const OPENMETADATA_VERSION = openMetadataRelease(OPENMETADATA_LINE).version;

export function openMetadataRelease(line: OpenMetadataLine) {
  const release = OPENMETADATA_RELEASES.find((candidate) => candidate.line === line);
  if (!release) throw new Error(`No OpenMetadata release listed for line ${line}`);
  return release;
}
