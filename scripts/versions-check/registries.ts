/**
 * Asks the registries through their own clients, so the registry is whatever Maven's settings and
 * pip's configuration name (a mirror, a company proxy, a stand-in on 127.0.0.1 in the tests):
 *
 *   Keycloak's releases      Maven resolves org.keycloak:keycloak-core:RELEASE, which fetches the
 *                            artifact's maven-metadata.xml into the local repository; its <versions>
 *                            are the releases. keycloak-core's, because the server distribution's own
 *                            metadata can be partial where its zips are served.
 *   served here              Maven downloads org.keycloak:keycloak-quarkus-dist:<version>:zip, as the
 *                            tests do: "not found" means released, not served here.
 *   OpenMetadata's releases  pip index versions openmetadata-ingestion.
 *
 * Maven works in a local repository of its own (metadata cleared before each question, a probed zip
 * deleted after), so the answers are the registry's of now and the reader's own repository is untouched.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { cacheRoot } from "../../tooling/keycloak/distribution";
import {
  keycloakLines,
  openMetadataLines,
  parseMavenMetadata,
  parsePipIndexVersions,
  type Report,
  type Versions,
  VersionsCheckError,
} from "./releases";

/** Pinned, so every Maven resolves the same plugin (Maven 3.8's default, 2.8, resolves no RELEASE for a pom). */
export const MAVEN_DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1";
export const KEYCLOAK_RELEASES_ARTIFACT = "org.keycloak:keycloak-core";
export const KEYCLOAK_DISTRIBUTION_ARTIFACT = "org.keycloak:keycloak-quarkus-dist";
export const OPENMETADATA_PACKAGE = "openmetadata-ingestion";

export interface RegistryOptions {
  /** Maven's settings file (-s), e.g. one whose mirror is a stand-in registry; default: Maven's own. */
  mavenSettings?: string;
  /** The local repository Maven works in (-Dmaven.repo.local). */
  mavenRepository: string;
  /** pip's index (--index-url); default: pip's own configuration. */
  pipIndexUrl?: string;
  /** The Python whose pip asks PyPI (PYTHON, else python3). */
  python: string;
  env: NodeJS.ProcessEnv;
}

export function defaultRegistryOptions(env: NodeJS.ProcessEnv = process.env): RegistryOptions {
  return {
    mavenRepository: join(cacheRoot(env), "versions-check", "maven-repository"),
    python: env.PYTHON || "python3",
    env,
  };
}

interface Output {
  code: number | null;
  output: string;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, missing: string): Promise<Output> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "ENOENT" ? new VersionsCheckError(missing) : error),
    );
    child.on("close", (code) => resolve({ code, output }));
  });
}

const oneLine = (text: string) =>
  text
    .replace(/\s+/g, " ")
    .replace(/ -> \[Help \d+\]$/, "")
    .trim()
    .slice(0, 400);

/**
 * Why Maven failed, in one line: where a transfer failed, the registry's address and the reason
 * (Maven's error then only says the metadata is missing); else its first error line, without the
 * "Failed to execute goal …:" preamble.
 */
function mavenError(output: string): string {
  const transfer = /Could not transfer \S+ \S+ from\/to \S+ \(([^)]+)\): (.*)$/m.exec(output);
  if (transfer) return oneLine(`${transfer[1]}: ${transfer[2]}`);
  const line =
    output.split("\n").find((candidate) => candidate.startsWith("[ERROR]")) ?? output.trim().split("\n").at(-1) ?? "";
  return oneLine(
    line
      .replace(/^\[ERROR\]\s*/, "")
      .replace(/^Failed to execute goal [^:]+:[^:]+:[^:]+:get \([^)]*\) on project [^:]+: /, ""),
  );
}

function maven(args: string[], options: RegistryOptions): Promise<Output> {
  // A JVM that lives for seconds: a quick start matters more than peak speed (about twice as fast).
  const env = {
    ...options.env,
    MAVEN_OPTS: `${options.env.MAVEN_OPTS ?? ""} -XX:TieredStopAtLevel=1 -XX:+UseSerialGC`.trim(),
  };
  return run(
    "mvn",
    [
      "--batch-mode",
      "--no-transfer-progress",
      "--update-snapshots", // -U: ask the registry again, also for what it did not have last time
      ...(options.mavenSettings ? ["--settings", options.mavenSettings] : []),
      `-Dmaven.repo.local=${options.mavenRepository}`,
      `${MAVEN_DEPENDENCY_PLUGIN}:get`,
      "-Dtransitive=false",
      ...args,
    ],
    env,
    "Maven (mvn) is needed to ask for Keycloak's releases and was not found: install it (apt-get install maven), and run again.",
  );
}

/** Where Maven keeps `group:artifact` in the local repository. */
function artifactDirectory(coordinates: string, options: RegistryOptions): string {
  const [group, artifact] = coordinates.split(":");
  return join(options.mavenRepository, ...group.split("."), artifact);
}

/** Every version org.keycloak:keycloak-core's Maven metadata lists. */
export async function keycloakReleases(options: RegistryOptions): Promise<{ versions: string[]; source: string }> {
  const directory = artifactDirectory(KEYCLOAK_RELEASES_ARTIFACT, options);
  // What is there is from an earlier question: the answer read below must be this one's.
  for (const file of existsSync(directory) ? readdirSync(directory) : []) {
    if (file.startsWith("maven-metadata-") || file === "resolver-status.properties") rmSync(join(directory, file));
  }
  mkdirSync(options.mavenRepository, { recursive: true });
  const { output } = await maven([`-Dartifact=${KEYCLOAK_RELEASES_ARTIFACT}:RELEASE:pom`], options);
  const files = existsSync(directory)
    ? readdirSync(directory).filter((file) => /^maven-metadata-.+\.xml$/.test(file))
    : [];
  if (files.length === 0) {
    throw new VersionsCheckError(
      `Maven could not fetch ${KEYCLOAK_RELEASES_ARTIFACT}'s metadata (${mavenError(output)}): check the network and Maven's settings (a mirror in ~/.m2/settings.xml), and run again.`,
    );
  }
  const source = `${KEYCLOAK_RELEASES_ARTIFACT}'s Maven metadata`;
  const versions = files.flatMap((file) =>
    parseMavenMetadata(readFileSync(join(directory, file), "utf8"), `${source} (${join(directory, file)})`),
  );
  return { versions: [...new Set(versions)], source };
}

/** Whether Keycloak `version`'s server distribution downloads: Maven fetches it (then it is deleted again). */
export async function keycloakDistributionServed(version: string, options: RegistryOptions): Promise<boolean> {
  const directory = join(artifactDirectory(KEYCLOAK_DISTRIBUTION_ARTIFACT, options), version);
  rmSync(directory, { recursive: true, force: true });
  try {
    const { code, output } = await maven([`-Dartifact=${KEYCLOAK_DISTRIBUTION_ARTIFACT}:${version}:zip`], options);
    if (code === 0) return true;
    if (/Could not find artifact|was not found in/.test(output)) return false;
    throw new VersionsCheckError(
      `Maven could not ask for ${KEYCLOAK_DISTRIBUTION_ARTIFACT}:${version}:zip (${mavenError(output)}): check the network and Maven's settings (a mirror in ~/.m2/settings.xml), and run again.`,
    );
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Every release of openmetadata-ingestion pip's index lists (pre-releases not). */
export async function openMetadataPackages(options: RegistryOptions): Promise<{ versions: string[]; source: string }> {
  const { code, output } = await run(
    options.python,
    [
      "-m",
      "pip",
      "index",
      "versions",
      "--no-cache-dir",
      "--disable-pip-version-check",
      "--ignore-requires-python", // every release, whichever Python runs the check
      ...(options.pipIndexUrl ? ["--index-url", options.pipIndexUrl] : []),
      OPENMETADATA_PACKAGE,
    ],
    options.env,
    `${options.python} was not found: install Python 3 with pip (apt-get install python3-pip), or set PYTHON, and run again.`,
  );
  const pipError = oneLine(
    output
      .split("\n")
      .filter((line) => line.startsWith("ERROR:"))
      .join(" ") || output,
  );
  if (/No module named pip/.test(output)) {
    throw new VersionsCheckError(
      `${options.python} has no pip: install it (apt-get install python3-pip), and run again.`,
    );
  }
  if (
    /NewConnectionError|Connection refused|Failed to establish|Max retries exceeded|timed out|Name or service not known|Temporary failure in name resolution/.test(
      output,
    )
  ) {
    throw new VersionsCheckError(
      `pip could not reach its index for ${OPENMETADATA_PACKAGE} (${pipError}): check the network and pip's index (pip config list, PIP_INDEX_URL), and run again.`,
    );
  }
  if (code !== 0) {
    throw new VersionsCheckError(
      `pip's index answered nothing pip reads as ${OPENMETADATA_PACKAGE}'s releases (${pipError}): check pip's index (pip config list, PIP_INDEX_URL), and run again.`,
    );
  }
  return {
    versions: parsePipIndexVersions(output, OPENMETADATA_PACKAGE),
    source: `pip's index of ${OPENMETADATA_PACKAGE}`,
  };
}

/**
 * What the registries serve for each line src/versions.ts names (`current`) and each newer line.
 * Asks PyPI first (one quick question), then Maven.
 */
export async function checkReleases(current: Versions, options: RegistryOptions): Promise<Report> {
  const packages = await openMetadataPackages(options);
  const openMetadata = openMetadataLines(current.openMetadataReleases, packages.versions, packages.source);
  const releases = await keycloakReleases(options);
  const keycloak = await keycloakLines(
    current.keycloakVersions,
    current.keycloakPin,
    releases.versions,
    (version) => keycloakDistributionServed(version, options),
    releases.source,
  );
  return { keycloak, openMetadata };
}
