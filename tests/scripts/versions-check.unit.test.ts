/**
 * What versions:check makes of the registries' answers, and how it rewrites src/versions.ts, without
 * asking a registry (versions-check.test.ts runs the command against a stand-in registry,
 * versions-check.registries.test.ts against the real ones).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  compareVersions,
  describeChanges,
  keycloakLines,
  openMetadataLines,
  parseMavenMetadata,
  parsePipIndexVersions,
  updatedVersions,
  type Versions,
} from "../../scripts/versions-check/releases";
import { formatReport } from "../../scripts/versions-check/report";
import { readVersions, writeVersions } from "../../scripts/versions-check/versions-file";
import { KEYCLOAK_VERSION, KEYCLOAK_VERSIONS, OPENMETADATA_RELEASES } from "../../src/versions";
import { projectRoot } from "../../tooling/paths";

const versionsFile = readFileSync(join(projectRoot, "src/versions.ts"), "utf8");

describe("versions", () => {
  it("compare part by part, numerically", () => {
    const sorted = ["26.10.0", "26.9.1", "26.9.0", "2.0.7.1", "2.0.7", "1.12.14.2"].sort(compareVersions);
    expect(sorted).toEqual(["1.12.14.2", "2.0.7", "2.0.7.1", "26.9.0", "26.9.1", "26.10.0"]);
  });
});

describe("the registries' answers", () => {
  it("Maven metadata gives its versions", () => {
    const xml = `<?xml version="1.0"?><metadata><groupId>g</groupId><artifactId>a</artifactId><versioning>
      <release>26.8.2</release><versions><version>26.7.5</version><version> 26.8.2 </version></versions></versioning></metadata>`;
    expect(parseMavenMetadata(xml, "a's metadata")).toEqual(["26.7.5", "26.8.2"]);
  });

  it.each([
    ["an HTML error page", "<html><body>Service Unavailable</body></html>"],
    ["metadata listing no version", "<metadata><versioning><versions></versions></versioning></metadata>"],
    ["a truncated answer", "<metadata><versioning><versions><version>26.7.5</version>"],
  ])("%s is an error that says to check Maven's settings", (_, xml) => {
    expect(() => parseMavenMetadata(xml, "keycloak-core's metadata")).toThrow(
      /^keycloak-core's metadata is not Maven metadata \(it starts ".*"\): the registry or a mirror answered something else; check the network and the mirror in Maven's settings \(~\/\.m2\/settings\.xml\), and run again\.$/,
    );
  });

  it("pip index versions gives its versions, and anything else is an error", () => {
    const output = "openmetadata-ingestion (2.0.7.0)\nAvailable versions: 2.0.7.0, 1.13.6.3, 1.9.11.8.1, 0.10.0\n";
    expect(parsePipIndexVersions(output, "openmetadata-ingestion")).toEqual([
      "2.0.7.0",
      "1.13.6.3",
      "1.9.11.8.1",
      "0.10.0",
    ]);
    expect(() => parsePipIndexVersions("<html>garbage</html>", "openmetadata-ingestion")).toThrow(
      /^pip's answer for openmetadata-ingestion lists no versions \("<html>garbage<\/html>"\): check pip's index \(pip config list, PIP_INDEX_URL\), and run again\.$/,
    );
  });
});

describe("Keycloak's lines", () => {
  const listed = ["26.4.7", "26.5.7", "26.7.5"];
  const released = [
    ...["26.3.9", "26.4.7", "26.4.8", "26.5.7", "26.6.4", "26.7.5", "26.7.6", "26.7.7", "26.8.0", "26.8.1"],
    ...["27.0.0", "26.9.0-rc1", "1.0.0.Final"],
  ];
  const served = new Set(["26.4.8", "26.7.6", "26.8.0"]);
  const asked: string[] = [];
  const lines = keycloakLines(
    listed,
    "26.7.5",
    released,
    async (version) => {
      asked.push(version);
      return served.has(version);
    },
    "the metadata",
  );

  it("are the listed lines, then the newer ones, each with its newest served release and the newer ones not served", async () => {
    expect(await lines).toEqual([
      { line: "26.4", listed: "26.4.7", pinned: false, newestServed: "26.4.8", notServed: [] },
      { line: "26.5", listed: "26.5.7", pinned: false, newestServed: "26.5.7", notServed: [] },
      { line: "26.7", listed: "26.7.5", pinned: true, newestServed: "26.7.6", notServed: ["26.7.7"] },
      { line: "26.8", listed: undefined, pinned: false, newestServed: "26.8.0", notServed: ["26.8.1"] },
      { line: "27.0", listed: undefined, pinned: false, newestServed: undefined, notServed: ["27.0.0"] },
    ]);
  });

  it("ask for a distribution only down to the newest served one, and never for a line between the listed ones", async () => {
    await lines;
    expect(asked).toEqual(["26.4.8", "26.7.7", "26.7.6", "26.8.1", "26.8.0", "27.0.0"]);
  });

  it("stop at metadata that lists no release of a listed line: an incomplete answer", async () => {
    await expect(
      keycloakLines(listed, "26.7.5", ["26.4.7", "26.7.5"], async () => true, "keycloak-core's Maven metadata"),
    ).rejects.toThrow(
      /^keycloak-core's Maven metadata lists no Keycloak 26\.5 release, though src\/versions\.ts runs 26\.5\.7: the registry's answer is incomplete; check the mirror in Maven's settings, and run again\.$/,
    );
  });
});

describe("OpenMetadata's lines", () => {
  const listed = [
    { line: "1.12", version: "1.12.14", ingestionPackage: "1.12.14.2" },
    { line: "2.0", version: "2.0.7", ingestionPackage: "2.0.7.0" },
  ];

  it("take each line's newest package, its first three parts the server release, and name newer lines", () => {
    const packages = ["2.1.0.0", "2.0.8.1", "2.0.8.0", "2.0.7.0", "1.13.6.3", "1.12.14.2", "1.12.14.10", "0.10.0"];
    expect(openMetadataLines(listed, packages, "the index")).toEqual([
      { line: "1.12", listed: listed[0], newest: { line: "1.12", version: "1.12.14", ingestionPackage: "1.12.14.10" } },
      { line: "2.0", listed: listed[1], newest: { line: "2.0", version: "2.0.8", ingestionPackage: "2.0.8.1" } },
      { line: "2.1", listed: undefined, newest: { line: "2.1", version: "2.1.0", ingestionPackage: "2.1.0.0" } },
    ]);
  });

  it("stop at an index that lists no release of a listed line", () => {
    expect(() => openMetadataLines(listed, ["2.0.7.0"], "pip's index of openmetadata-ingestion")).toThrow(
      /^pip's index of openmetadata-ingestion lists no OpenMetadata 1\.12 release, though src\/versions\.ts names 1\.12\.14\.2: the index's answer is incomplete; check pip's index \(pip config list, PIP_INDEX_URL\), and run again\.$/,
    );
  });
});

describe("src/versions.ts", () => {
  const current = readVersions(versionsFile, "src/versions.ts");

  it("is read as the module says it", () => {
    expect(current).toEqual({
      keycloakPin: KEYCLOAK_VERSION,
      keycloakVersions: [...KEYCLOAK_VERSIONS],
      openMetadataReleases: OPENMETADATA_RELEASES.map((release) => ({ ...release })),
    });
  });

  it("is written back unchanged when nothing is newer", () => {
    expect(writeVersions(versionsFile, current, "src/versions.ts")).toBe(versionsFile);
  });

  it("gets newer patches, the pin's, new lines in order and OpenMetadata's packages, and keeps every other line of text", () => {
    const bump = (version: string) => version.replace(/\d+$/, (last) => String(Number(last) + 1));
    const [major, minor] = [...current.keycloakVersions].sort(compareVersions).at(-1)?.split(".").map(Number) ?? [];
    const newLines = [`${major}.${minor + 1}.0`, `${major}.${minor + 2}.3`];
    const next: Versions = {
      keycloakPin: bump(current.keycloakPin),
      keycloakVersions: [
        ...current.keycloakVersions.map((version) => (version === current.keycloakPin ? bump(version) : version)),
        ...newLines,
      ].map((version, index) => (index === 0 ? bump(version) : version)),
      openMetadataReleases: current.openMetadataReleases.map((release, index) =>
        index === 0 ? { ...release, ingestionPackage: bump(release.ingestionPackage) } : release,
      ),
    };
    const written = writeVersions(versionsFile, next, "src/versions.ts");
    expect(readVersions(written, "src/versions.ts")).toEqual(next);
    expect(written, "the new lines last, in order").toContain(`, "${newLines[0]}", "${newLines[1]}"]`);
    const changed = [
      current.keycloakVersions[0],
      current.keycloakPin,
      current.openMetadataReleases[0].ingestionPackage,
    ];
    const untouched = versionsFile
      .split("\n")
      .filter((line) => !changed.some((version) => line.includes(`"${version}"`)));
    expect(written.split("\n").filter((line) => untouched.includes(line))).toEqual(untouched);
    expect(describeChanges(current, next)).toEqual([
      `Keycloak ${current.keycloakVersions[0].split(".").slice(0, 2).join(".")}: ${current.keycloakVersions[0]} → ${bump(current.keycloakVersions[0])}`,
      `Keycloak ${current.keycloakPin.split(".").slice(0, 2).join(".")}: ${current.keycloakPin} → ${bump(current.keycloakPin)} (the pin)`,
      `Keycloak ${major}.${minor + 1}: ${newLines[0]}, a new line`,
      `Keycloak ${major}.${minor + 2}: ${newLines[1]}, a new line`,
      `OpenMetadata ${current.openMetadataReleases[0].line}: ${current.openMetadataReleases[0].version} (openmetadata-ingestion ${current.openMetadataReleases[0].ingestionPackage}) → ${current.openMetadataReleases[0].version} (${bump(current.openMetadataReleases[0].ingestionPackage)})`,
    ]);
  });
});

describe("the answer", () => {
  const current: Versions = {
    keycloakPin: "26.7.5",
    keycloakVersions: ["26.4.7", "26.7.5"],
    openMetadataReleases: [{ line: "2.0", version: "2.0.7", ingestionPackage: "2.0.7.0" }],
  };
  const report = {
    keycloak: [
      { line: "26.4", listed: "26.4.7", pinned: false, newestServed: "26.4.7", notServed: [] },
      { line: "26.7", listed: "26.7.5", pinned: true, newestServed: "26.7.6", notServed: ["26.7.7"] },
      { line: "26.8", pinned: false, notServed: ["26.8.1", "26.8.0"] },
    ],
    openMetadata: [
      {
        line: "2.0",
        listed: current.openMetadataReleases[0],
        newest: { line: "2.0", version: "2.0.7", ingestionPackage: "2.0.7.0" },
      },
      { line: "2.1", newest: { line: "2.1", version: "2.1.0", ingestionPackage: "2.1.0.0" } },
    ],
  };

  it("is a table saying, line by line, what is newer and what is released but not served here", () => {
    expect(formatReport(current, report)).toBe(
      [
        "Keycloak (src/versions.ts pins 26.7.5). Released: keycloak-core's Maven metadata; served: the server distribution downloads.",
        "  Line  src/versions.ts   Newest served  Newer",
        "  26.4  26.4.7            26.4.7         nothing newer",
        "  26.7  26.7.5 (the pin)  26.7.6         26.7.6 served; 26.7.7 released, not served here",
        "  26.8  -                 -              26.8.1, 26.8.0 released, not served here",
        "OpenMetadata (server release, openmetadata-ingestion package). Released and served: pip's index.",
        "  Line  src/versions.ts  Newest served    Newer",
        "  2.0   2.0.7 (2.0.7.0)  2.0.7 (2.0.7.0)  nothing newer",
        "  2.1   -                2.1.0 (2.1.0.0)  a new line, added by hand",
      ].join("\n"),
    );
  });

  it("writes the served newer pin and no line whose releases are not served", () => {
    expect(updatedVersions(current, report)).toEqual({
      ...current,
      keycloakPin: "26.7.6",
      keycloakVersions: ["26.4.7", "26.7.6"],
    });
  });
});
