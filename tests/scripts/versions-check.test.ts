/**
 * `npm run versions:check` as a maintainer runs it, against a stand-in registry on 127.0.0.1 instead
 * of Maven's and PyPI's: Maven pointed at it by a settings file's mirror and a fresh local repository,
 * pip by --index-url, and a copy of src/versions.ts as the file to write. The stand-in serves releases
 * newer than the file's, derived from it, so the test holds as the file's versions change.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KEYCLOAK_DISTRIBUTION_ARTIFACT, KEYCLOAK_RELEASES_ARTIFACT } from "../../scripts/versions-check/registries";
import { compareVersions, lineOf, type Versions } from "../../scripts/versions-check/releases";
import { readVersions } from "../../scripts/versions-check/versions-file";
import { projectRoot, tsxBin } from "../../tooling/paths";
import { run } from "../../tooling/process";
import {
  mavenMetadata,
  mavenMetadataPath,
  mavenPath,
  mavenPluginRepository,
  mavenPom,
  mavenSettings,
  type StandInContent,
  type StandInRegistry,
  simpleIndexPage,
  startStandInRegistry,
  unreachableUrl,
} from "../support/registry-stand-in";

const work = mkdtempSync(join(tmpdir(), "versions-check-"));
const original = readFileSync(join(projectRoot, "src/versions.ts"), "utf8");
const current = readVersions(original, "src/versions.ts");
let plugins: string;
beforeAll(() => {
  plugins = mavenPluginRepository();
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const next = (version: string, by = 1) => version.replace(/\d+$/, (last) => String(Number(last) + by));
const [major, minor] = [...current.keycloakVersions].sort(compareVersions).at(-1)?.split(".").map(Number) ?? [];

/** A registry serving `released` Keycloak versions (the distribution of those in `served`) and `packages` of openmetadata-ingestion. */
function registryContent(released: string[], served: string[], packages: string[]): StandInContent {
  const maven: Record<string, string | Buffer> = {
    [mavenMetadataPath(KEYCLOAK_RELEASES_ARTIFACT)]: mavenMetadata(KEYCLOAK_RELEASES_ARTIFACT, released),
    [mavenPath(KEYCLOAK_RELEASES_ARTIFACT, released.at(-1) as string, "pom")]: mavenPom(
      KEYCLOAK_RELEASES_ARTIFACT,
      released.at(-1) as string,
    ),
  };
  for (const version of served) {
    maven[mavenPath(KEYCLOAK_DISTRIBUTION_ARTIFACT, version, "pom")] = mavenPom(
      KEYCLOAK_DISTRIBUTION_ARTIFACT,
      version,
      "pom",
    );
    // An empty zip: what is asked is whether it downloads, not what it holds.
    maven[mavenPath(KEYCLOAK_DISTRIBUTION_ARTIFACT, version, "zip")] = Buffer.from([
      0x50,
      0x4b,
      5,
      6,
      ...Array(18).fill(0),
    ]);
  }
  return {
    maven,
    pypi: { "openmetadata-ingestion": simpleIndexPage("openmetadata-ingestion", packages) },
    mavenPlugins: plugins,
  };
}

/** Runs versions:check on a fresh copy of src/versions.ts against `registry`; returns the output and the file after. */
async function versionsCheck(registry: { mavenUrl: string; pipIndexUrl: string }, ...args: string[]) {
  const directory = mkdtempSync(join(work, "run-"));
  const file = join(directory, "versions.ts");
  copyFileSync(join(projectRoot, "src/versions.ts"), file);
  const env: NodeJS.ProcessEnv = { ...process.env, PIP_CONFIG_FILE: "/dev/null" };
  for (const name of ["PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS", "PIP_NO_INDEX", "GITHUB_ACTIONS"])
    delete env[name];
  const result = await run(
    tsxBin,
    [
      "scripts/versions-check.ts",
      ...args,
      `--versions-file=${file}`,
      `--maven-settings=${mavenSettings(directory, registry.mavenUrl)}`,
      `--maven-repository=${join(work, "maven-repository")}`, // shared, so Maven's plugins download once
      `--pip-index-url=${registry.pipIndexUrl}`,
    ],
    { cwd: projectRoot, env },
  );
  return { ...result, file: readFileSync(file, "utf8") };
}

describe("versions:check against a stand-in registry", { timeout: 300_000 }, () => {
  // The lines' roles: the first gets a served patch, the pin's gets a served patch and a newer one not
  // served, another gets only a release not served, a new line has one served release and one not,
  // and a new major line none served. OpenMetadata: a newer package of the first line's release, a
  // newer release of the second line, a pre-release, and a new line (named, not written).
  const [first, notServedLine] = current.keycloakVersions.filter((version) => version !== current.keycloakPin);
  const newLine = `${major}.${minor + 1}.0`;
  const newMajor = `${major + 1}.0.0`;
  const releasedKeycloak = [
    ...current.keycloakVersions,
    next(first),
    next(current.keycloakPin),
    next(current.keycloakPin, 2),
    next(notServedLine),
    newLine,
    next(newLine),
    newMajor,
  ].sort(compareVersions);
  const servedKeycloak = [...current.keycloakVersions, next(first), next(current.keycloakPin), newLine];
  const [om1, om2] = current.openMetadataReleases;
  const [omMajor, omMinor] =
    current.openMetadataReleases
      .map((release) => release.line)
      .sort(compareVersions)
      .at(-1)
      ?.split(".")
      .map(Number) ?? [];
  const packages = [
    ...current.openMetadataReleases.map((release) => release.ingestionPackage),
    "0.10.0",
    next(om1.ingestionPackage),
    `${next(om2.version)}.0`,
    `${next(om2.version, 2)}.0rc1`,
    `${omMajor}.${omMinor + 1}.0.0`,
  ];
  const expected: Versions = {
    keycloakPin: next(current.keycloakPin),
    keycloakVersions: [
      ...current.keycloakVersions.map((version) =>
        version === first ? next(first) : version === current.keycloakPin ? next(version) : version,
      ),
      newLine,
    ],
    openMetadataReleases: current.openMetadataReleases.map((release) =>
      release === om1
        ? { ...release, ingestionPackage: next(om1.ingestionPackage) }
        : release === om2
          ? { ...release, version: next(om2.version), ingestionPackage: `${next(om2.version)}.0` }
          : release,
    ),
  };

  let registry: StandInRegistry;
  beforeAll(async () => {
    expect(
      current.keycloakVersions.length,
      "src/versions.ts names a pin and two other Keycloak lines",
    ).toBeGreaterThanOrEqual(3);
    expect(current.openMetadataReleases.length, "src/versions.ts names two OpenMetadata lines").toBeGreaterThanOrEqual(
      2,
    );
    registry = await startStandInRegistry(registryContent(releasedKeycloak, servedKeycloak, packages));
  });
  afterAll(() => registry?.close());

  it("without --write, names what is newer and what is released but not served, exits 1, and writes nothing", async () => {
    const { code, stdout, stderr, file } = await versionsCheck(registry);
    expect(stderr).toBe("");
    expect(file).toBe(original);
    expect(code).toBe(1);
    const row = (line: string) => stdout.split("\n").find((candidate) => candidate.startsWith(`  ${line} `));
    expect(row(lineOf(first))).toMatch(new RegExp(`${next(first)} served$`));
    expect(row(lineOf(current.keycloakPin))).toMatch(
      new RegExp(`${next(current.keycloakPin)} served; ${next(current.keycloakPin, 2)} released, not served here$`),
    );
    expect(row(lineOf(notServedLine))).toMatch(new RegExp(`${next(notServedLine)} released, not served here$`));
    expect(row(lineOf(newLine))).toMatch(
      new RegExp(`${newLine} served, a new line; ${next(newLine)} released, not served here$`),
    );
    expect(row(lineOf(newMajor))).toMatch(new RegExp(`  -  +${newMajor} released, not served here$`));
    expect(stdout).toContain(
      `OpenMetadata ${omMajor}.${omMinor + 1} (${omMajor}.${omMinor + 1}.0, openmetadata-ingestion ${omMajor}.${omMinor + 1}.0.0) is a new line: add it to OPENMETADATA_RELEASES by hand`,
    );
    expect(stdout).toContain("npm run versions:check -- --write writes them.");
  });

  it("with --write, writes the served newer releases and nothing else, keeps the rest of the file, and says what to run next", async () => {
    const { code, stdout, stderr, file } = await versionsCheck(registry, "--write");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(readVersions(file, "versions.ts")).toEqual(expected);
    const changed = [first, current.keycloakPin, om1.ingestionPackage, om2.version, om2.ingestionPackage];
    const untouched = original.split("\n").filter((line) => !changed.some((version) => line.includes(`"${version}"`)));
    expect(
      file.split("\n").filter((line) => untouched.includes(line)),
      "every other line, comments too",
    ).toEqual(untouched);
    expect(stdout).toContain(
      `Keycloak ${lineOf(current.keycloakPin)}: ${current.keycloakPin} → ${next(current.keycloakPin)} (the pin)`,
    );
    expect(stdout).toContain(`Keycloak ${lineOf(newLine)}: ${newLine}, a new line`);
    expect(stdout).toMatch(/Next:\n {2}npm run test:keycloak-versions\n {2}npm run screenshots .*\n {2}npm test$/m);
  });
});

describe("versions:check on a bad answer: one line naming what to do, exit 2, nothing written", {
  timeout: 300_000,
}, () => {
  const released = current.keycloakVersions;
  const packages = current.openMetadataReleases.map((release) => release.ingestionPackage);
  const expectRefused = (result: { code: number | null; stderr: string; file: string }, message: RegExp) => {
    expect(result.file).toBe(original);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(result.stderr.trimEnd()).toMatch(message);
  };

  it("Maven metadata that is not Maven metadata", async () => {
    const content = registryContent(released, [], packages);
    for (const path of Object.keys(content.maven)) {
      if (path.endsWith("maven-metadata.xml")) content.maven[path] = "<html><body>502 Bad Gateway</body></html>";
    }
    const registry = await startStandInRegistry(content);
    try {
      expectRefused(
        await versionsCheck(registry, "--write"),
        /^versions:check: org\.keycloak:keycloak-core's Maven metadata \(.*maven-metadata-stand-in\.xml\) is not Maven metadata \(it starts "<html><body>502 Bad Gateway[^"]*"\): the registry or a mirror answered something else; check the network and the mirror in Maven's settings \(~\/\.m2\/settings\.xml\), and run again\. Nothing written\.$/,
      );
    } finally {
      await registry.close();
    }
  });

  it("a simple index that lists no release", async () => {
    const content = registryContent(released, [], packages);
    content.pypi["openmetadata-ingestion"] = "<html><body>Service Unavailable</body></html>";
    const registry = await startStandInRegistry(content);
    try {
      expectRefused(
        await versionsCheck(registry, "--write"),
        /^versions:check: pip's index answered nothing pip reads as openmetadata-ingestion's releases \(ERROR: .*No matching distribution found for openmetadata-ingestion\): check pip's index \(pip config list, PIP_INDEX_URL\), and run again\. Nothing written\.$/,
      );
    } finally {
      await registry.close();
    }
  });

  it("an index that lists none of a line's releases", async () => {
    const registry = await startStandInRegistry(registryContent(released, [], packages.slice(1)));
    try {
      expectRefused(
        await versionsCheck(registry, "--write"),
        /^versions:check: pip's index of openmetadata-ingestion lists no OpenMetadata \S+ release, though src\/versions\.ts names \S+: the index's answer is incomplete; .* Nothing written\.$/,
      );
    } finally {
      await registry.close();
    }
  });

  it("a Maven registry that does not answer", async () => {
    const registry = await startStandInRegistry(registryContent(released, [], packages));
    const nowhere = `${await unreachableUrl()}/maven2`;
    try {
      expectRefused(
        await versionsCheck({ ...registry, mavenUrl: nowhere }, "--write"),
        new RegExp(
          `^versions:check: Maven could not fetch org\\.keycloak:keycloak-core's metadata \\(${nowhere}: transfer failed for ${nowhere}/\\S+(: Connect to .* failed: Connection refused)?\\): check the network and Maven's settings \\(a mirror in ~/\\.m2/settings\\.xml\\), and run again\\. Nothing written\\.$`,
        ),
      );
    } finally {
      await registry.close();
    }
  });

  it("a package index that does not answer", async () => {
    const registry = await startStandInRegistry(registryContent(released, [], packages));
    try {
      expectRefused(
        await versionsCheck({ ...registry, pipIndexUrl: `${await unreachableUrl()}/simple` }, "--write"),
        /^versions:check: pip could not reach its index for openmetadata-ingestion \(.*\): check the network and pip's index \(pip config list, PIP_INDEX_URL\), and run again\. Nothing written\.$/,
      );
    } finally {
      await registry.close();
    }
  });
});
