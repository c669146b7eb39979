/**
 * versions:check against the registries Maven and pip are configured for (read-only: nothing is
 * written). What they serve changes every week, so the assertions are about the mechanism, and the
 * facts of the day are printed: every line src/versions.ts names is answered, at least at its listed
 * version; the newest Keycloak release keycloak-core's metadata lists is named, either served or
 * "released, not served here" (on this project's machines in December 2026: Keycloak 26.8.0 to
 * 26.8.2, whose distribution the registry here does not serve; on GitHub's runners, Maven Central
 * serves them); and the newest openmetadata-ingestion pip's index lists is some line's newest.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  checkReleases,
  defaultRegistryOptions,
  keycloakReleases,
  openMetadataPackages,
} from "../../scripts/versions-check/registries";
import { compareVersions, lineOf, type Report } from "../../scripts/versions-check/releases";
import { formatReport } from "../../scripts/versions-check/report";
import { readVersions } from "../../scripts/versions-check/versions-file";
import { projectRoot } from "../../tooling/paths";

const current = readVersions(readFileSync(join(projectRoot, "src/versions.ts"), "utf8"), "src/versions.ts");
const options = defaultRegistryOptions();
const newest = (versions: string[]) => versions.sort(compareVersions).at(-1) as string;

describe("versions:check against the registries reachable here", { timeout: 600_000 }, () => {
  let report: Report;
  let newestKeycloak: string;
  let newestPackage: string;
  beforeAll(async () => {
    report = await checkReleases(current, options);
    console.log(formatReport(current, report));
    newestKeycloak = newest((await keycloakReleases(options)).versions.filter((v) => /^\d+\.\d+\.\d+$/.test(v)));
    newestPackage = newest((await openMetadataPackages(options)).versions.filter((v) => /^\d+(\.\d+){3,}$/.test(v)));
    console.log(`Newest Keycloak release listed: ${newestKeycloak}; newest openmetadata-ingestion: ${newestPackage}`);
  }, 600_000);

  it("answers every Keycloak line src/versions.ts runs, served at least at its listed version", () => {
    for (const listed of current.keycloakVersions) {
      const line = report.keycloak.find((candidate) => candidate.listed === listed);
      expect(line, `Keycloak ${lineOf(listed)}`).toBeDefined();
      expect(
        compareVersions(line?.newestServed ?? "0", listed),
        `Keycloak ${listed} or newer is served`,
      ).toBeGreaterThanOrEqual(0);
    }
  });

  it("names the newest Keycloak release, served or released but not served here, and only newer ones as not served", () => {
    const line = report.keycloak.find((candidate) => candidate.line === lineOf(newestKeycloak));
    expect(line, `the Keycloak ${lineOf(newestKeycloak)} line`).toBeDefined();
    expect([line?.newestServed, ...(line?.notServed ?? [])]).toContain(newestKeycloak);
    for (const { line: name, listed, newestServed, notServed } of report.keycloak) {
      for (const version of notServed) {
        expect(lineOf(version), version).toBe(name);
        expect(compareVersions(version, newestServed ?? listed ?? "0"), `${version} is newer`).toBeGreaterThan(0);
      }
    }
  });

  it("answers every OpenMetadata line src/versions.ts names, and names pip's newest openmetadata-ingestion", () => {
    for (const listed of current.openMetadataReleases) {
      const line = report.openMetadata.find((candidate) => candidate.line === listed.line);
      expect(line, `OpenMetadata ${listed.line}`).toBeDefined();
      expect(compareVersions(line?.newest.ingestionPackage ?? "0", listed.ingestionPackage)).toBeGreaterThanOrEqual(0);
      expect(line?.newest.version).toBe(line?.newest.ingestionPackage.split(".").slice(0, 3).join("."));
    }
    expect(report.openMetadata.map((line) => line.newest.ingestionPackage)).toContain(newestPackage);
  });
});
