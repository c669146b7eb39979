/**
 * What the registries' answers mean for src/versions.ts, without asking anything: the newest release
 * of each line, which lines are new, and the versions the file should name. The registries are
 * asked in registries.ts; the file is read and written in versions-file.ts.
 */

/** A registry's answer that cannot be right, or a registry that cannot be asked: said in one sentence. */
export class VersionsCheckError extends Error {}

/** Compares dotted numeric versions part by part ("26.10.0" after "26.9.1"); a missing part counts as 0. */
export function compareVersions(a: string, b: string): number {
  const left = a.split(".").map(Number);
  const right = b.split(".").map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** "26.7" for "26.7.5", "2.0" for "2.0.7.1". */
export function lineOf(version: string): string {
  return version.split(".").slice(0, 2).join(".");
}

const newestFirst = (versions: Iterable<string>) => [...versions].sort((a, b) => compareVersions(b, a));

/**
 * The versions listed by a maven-metadata.xml, or an error when the text is not Maven metadata (an
 * HTML error page, a truncated answer). `what` names the artifact and the file, for the message.
 */
export function parseMavenMetadata(xml: string, what: string): string[] {
  const versions = /<metadata[\s>][\s\S]*<versioning>[\s\S]*<versions>([\s\S]*?)<\/versions>/.exec(xml)?.[1];
  const listed = versions ? [...versions.matchAll(/<version>\s*([^<\s]+)\s*<\/version>/g)].map((m) => m[1]) : [];
  if (listed.length === 0) {
    const start = xml.trim().slice(0, 40).replace(/\s+/g, " ");
    throw new VersionsCheckError(
      `${what} is not Maven metadata (it starts "${start}"): the registry or a mirror answered something else; check the network and the mirror in Maven's settings (~/.m2/settings.xml), and run again.`,
    );
  }
  return listed;
}

/** The versions `pip index versions` printed ("Available versions: 2.0.7.0, 2.0.6.0, …"), or an error. */
export function parsePipIndexVersions(output: string, project: string): string[] {
  const line = /^Available versions: (.*)$/m.exec(output)?.[1];
  const versions = line?.split(", ").map((version) => version.trim()) ?? [];
  if (versions.length === 0 || versions.some((version) => !/^\d[\w.!+-]*$/.test(version))) {
    throw new VersionsCheckError(
      `pip's answer for ${project} lists no versions ("${output.trim().slice(0, 60)}"): check pip's index (pip config list, PIP_INDEX_URL), and run again.`,
    );
  }
  return versions;
}

/** One Keycloak line: what src/versions.ts names, the newest release whose distribution downloads, the newer ones that do not. */
export interface KeycloakLine {
  line: string;
  /** The version src/versions.ts runs on this line; none for a line newer than the file's. */
  listed?: string;
  pinned: boolean;
  /** The newest release of the line whose server distribution downloads (the listed one when nothing newer does). */
  newestServed?: string;
  /** Releases newer than newestServed whose distribution is not served, newest first. */
  notServed: string[];
}

/**
 * Each line of `listed` and each newer line `released` has: its newest release whose distribution
 * `served` says downloads, trying the released versions newer than the listed one, newest first.
 * Only plain releases (26.7.5, not 26.7.5-rc1 or 1.0.0.Final) count.
 */
export async function keycloakLines(
  listed: readonly string[],
  pin: string,
  released: readonly string[],
  served: (version: string) => Promise<boolean>,
  source: string,
): Promise<KeycloakLine[]> {
  const releases = released.filter((version) => /^\d+\.\d+\.\d+$/.test(version));
  const newestListedLine = newestFirst(listed.map(lineOf))[0];
  const newerLines = new Set(releases.map(lineOf).filter((line) => compareVersions(line, newestListedLine) > 0));
  const lines: KeycloakLine[] = [];
  for (const line of [...new Set(listed.map(lineOf)), ...newestFirst(newerLines).reverse()]) {
    const current = listed.find((version) => lineOf(version) === line);
    const ofLine = releases.filter((version) => lineOf(version) === line);
    if (current && ofLine.length === 0) {
      throw new VersionsCheckError(
        `${source} lists no Keycloak ${line} release, though src/versions.ts runs ${current}: the registry's answer is incomplete; check the mirror in Maven's settings, and run again.`,
      );
    }
    const candidates = newestFirst(ofLine.filter((version) => !current || compareVersions(version, current) > 0));
    const notServed: string[] = [];
    let newestServed = current;
    for (const candidate of candidates) {
      if (await served(candidate)) {
        newestServed = candidate;
        break;
      }
      notServed.push(candidate);
    }
    lines.push({ line, listed: current, pinned: current === pin, newestServed, notServed });
  }
  return lines;
}

export interface OpenMetadataRelease {
  line: string;
  /** The server release, e.g. "2.0.7". */
  version: string;
  /** The openmetadata-ingestion package of that release, e.g. "2.0.7.1". */
  ingestionPackage: string;
}

/** One OpenMetadata line: what src/versions.ts names and the newest openmetadata-ingestion package of the line. */
export interface OpenMetadataLine {
  line: string;
  listed?: OpenMetadataRelease;
  newest: OpenMetadataRelease;
}

/**
 * The newest openmetadata-ingestion package of each listed line and of each newer line. A package
 * version has four or more parts, the first three being the server release (2.0.7.1 is 2.0.7's).
 */
export function openMetadataLines(
  listed: readonly OpenMetadataRelease[],
  packages: readonly string[],
  source: string,
): OpenMetadataLine[] {
  const releases = packages.filter((version) => /^\d+(\.\d+){3,}$/.test(version));
  const newestListedLine = newestFirst(listed.map((release) => release.line))[0];
  const newerLines = newestFirst(
    new Set(releases.map(lineOf).filter((line) => compareVersions(line, newestListedLine) > 0)),
  ).reverse();
  return [...listed.map((release) => release.line), ...newerLines].map((line) => {
    const current = listed.find((release) => release.line === line);
    const newestPackage = newestFirst(releases.filter((version) => lineOf(version) === line))[0];
    if (!newestPackage) {
      throw new VersionsCheckError(
        `${source} lists no OpenMetadata ${line} release, though src/versions.ts names ${current?.ingestionPackage}: the index's answer is incomplete; check pip's index (pip config list, PIP_INDEX_URL), and run again.`,
      );
    }
    const newest = { line, version: newestPackage.split(".").slice(0, 3).join("."), ingestionPackage: newestPackage };
    if (current && compareVersions(current.ingestionPackage, newestPackage) > 0)
      return { line, listed: current, newest: current };
    return { line, listed: current, newest };
  });
}

/** What src/versions.ts names, as versions-file.ts reads it. */
export interface Versions {
  /** KEYCLOAK_VERSION. */
  keycloakPin: string;
  /** KEYCLOAK_VERSIONS, with KEYCLOAK_VERSION resolved. */
  keycloakVersions: string[];
  openMetadataReleases: OpenMetadataRelease[];
}

export interface Report {
  keycloak: KeycloakLine[];
  openMetadata: OpenMetadataLine[];
}

/**
 * The versions src/versions.ts should name after the report: a served newer patch replaces its
 * line's, a served new Keycloak line is added, the pin follows its line. A new OpenMetadata line is
 * not: it needs its server settings (src/lib/openmetadata/server.ts) written by hand.
 */
export function updatedVersions(current: Versions, report: Report): Versions {
  const keycloak = report.keycloak.filter((line) => line.newestServed).map((line) => line.newestServed as string);
  const pinned = report.keycloak.find((line) => line.pinned);
  return {
    keycloakPin: pinned?.newestServed ?? current.keycloakPin,
    keycloakVersions: keycloak,
    openMetadataReleases: current.openMetadataReleases.map(
      (release) => report.openMetadata.find((line) => line.line === release.line)?.newest ?? release,
    ),
  };
}

/** One sentence per change from `before` to `after`, e.g. "Keycloak 26.7: 26.7.5 → 26.7.6 (the pin)". */
export function describeChanges(before: Versions, after: Versions): string[] {
  const changes: string[] = [];
  for (const version of after.keycloakVersions) {
    const old = before.keycloakVersions.find((listed) => lineOf(listed) === lineOf(version));
    const pin = version === after.keycloakPin ? " (the pin)" : "";
    if (!old) changes.push(`Keycloak ${lineOf(version)}: ${version}, a new line`);
    else if (old !== version) changes.push(`Keycloak ${lineOf(version)}: ${old} → ${version}${pin}`);
  }
  for (const release of after.openMetadataReleases) {
    const old = before.openMetadataReleases.find((listed) => listed.line === release.line);
    if (old && old.ingestionPackage !== release.ingestionPackage) {
      changes.push(
        `OpenMetadata ${release.line}: ${old.version} (openmetadata-ingestion ${old.ingestionPackage}) → ${release.version} (${release.ingestionPackage})`,
      );
    }
  }
  return changes;
}

/** The new OpenMetadata lines, which --write leaves to a person. */
export function newOpenMetadataLines(report: Report): OpenMetadataRelease[] {
  return report.openMetadata.filter((line) => !line.listed).map((line) => line.newest);
}
