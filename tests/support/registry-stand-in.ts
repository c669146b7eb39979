/**
 * A stand-in for Maven Central and PyPI on 127.0.0.1, for the tests of `npm run versions:check`:
 * a Maven repository layout (each file with its .sha1, as Maven asks for them) and a PEP 503 simple
 * index. Maven is pointed at it by a settings file whose mirror is the stand-in (`mavenSettings`),
 * pip by --index-url. Maven's own plugins, which a fresh local repository must download too, are
 * served from a local repository where Maven put them (`mavenPluginRepository`).
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join, normalize, sep } from "node:path";
import { MAVEN_DEPENDENCY_PLUGIN } from "../../scripts/versions-check/registries";
import { cacheRoot } from "../../tooling/keycloak/distribution";

export interface StandInContent {
  /** Files of the Maven repository by path, e.g. "org/keycloak/keycloak-core/maven-metadata.xml". */
  maven: Record<string, string | Buffer>;
  /** Each project's simple-index page, e.g. { "openmetadata-ingestion": "<!DOCTYPE html>…" }. */
  pypi: Record<string, string>;
  /** A local Maven repository whose files are served for any other path outside org/keycloak/. */
  mavenPlugins?: string;
}

export interface StandInRegistry {
  /** The Maven repository's URL, for a mirror. */
  mavenUrl: string;
  /** The simple index's URL, for pip's --index-url. */
  pipIndexUrl: string;
  /** Every path asked for, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function startStandInRegistry(content: StandInContent): Promise<StandInRegistry> {
  const requests: string[] = [];
  const maven = new Map<string, string | Buffer>();
  for (const [path, body] of Object.entries(content.maven)) {
    maven.set(path, body);
    maven.set(`${path}.sha1`, createHash("sha1").update(body).digest("hex"));
  }
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://127.0.0.1").pathname);
    requests.push(path);
    const send = (status: number, body: string | Buffer, type = "application/octet-stream") => {
      response.writeHead(status, { "content-type": type });
      response.end(request.method === "HEAD" ? undefined : body);
    };
    if (path.startsWith("/maven2/")) {
      const file = path.slice("/maven2/".length);
      const body = maven.get(file);
      if (body !== undefined) return send(200, body);
      if (content.mavenPlugins && !file.startsWith("org/keycloak/")) {
        const local = normalize(join(content.mavenPlugins, file));
        if (local.startsWith(normalize(content.mavenPlugins + sep))) {
          try {
            return send(200, await readFile(local));
          } catch {}
        }
      }
      return send(404, `Not found: ${path}`, "text/plain");
    }
    const project = /^\/simple\/([^/]+)\/$/.exec(path)?.[1];
    if (project && content.pypi[project] !== undefined) return send(200, content.pypi[project], "text/html");
    send(404, `Not found: ${path}`, "text/plain");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    mavenUrl: `http://127.0.0.1:${port}/maven2`,
    pipIndexUrl: `http://127.0.0.1:${port}/simple`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A URL on 127.0.0.1 where nothing listens: a port just freed. */
export async function unreachableUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** The path of an artifact in a Maven repository. */
export function mavenPath(coordinates: string, version: string, extension: string): string {
  const [group, artifact] = coordinates.split(":");
  return `${group.replaceAll(".", "/")}/${artifact}/${version}/${artifact}-${version}.${extension}`;
}

/** The path of an artifact's maven-metadata.xml in a Maven repository. */
export function mavenMetadataPath(coordinates: string): string {
  const [group, artifact] = coordinates.split(":");
  return `${group.replaceAll(".", "/")}/${artifact}/maven-metadata.xml`;
}

/** A maven-metadata.xml listing `versions`, the last one the release. */
export function mavenMetadata(coordinates: string, versions: string[]): string {
  const [group, artifact] = coordinates.split(":");
  return `<?xml version="1.0" encoding="UTF-8"?>
<metadata>
  <groupId>${group}</groupId>
  <artifactId>${artifact}</artifactId>
  <versioning>
    <latest>${versions.at(-1)}</latest>
    <release>${versions.at(-1)}</release>
    <versions>
${versions.map((version) => `      <version>${version}</version>`).join("\n")}
    </versions>
    <lastUpdated>20261201000000</lastUpdated>
  </versioning>
</metadata>
`;
}

/** A POM with no parent, as small as Maven accepts. */
export function mavenPom(coordinates: string, version: string, packaging = "jar"): string {
  const [group, artifact] = coordinates.split(":");
  return `<project><modelVersion>4.0.0</modelVersion><groupId>${group}</groupId><artifactId>${artifact}</artifactId><version>${version}</version><packaging>${packaging}</packaging></project>\n`;
}

/** A PEP 503 simple-index page listing a wheel of `project` for each version. */
export function simpleIndexPage(project: string, versions: string[]): string {
  const wheel = (version: string) => `${project.replaceAll("-", "_")}-${version}-py3-none-any.whl`;
  return `<!DOCTYPE html>
<html><body>
${versions.map((version) => `<a href="../../packages/${wheel(version)}">${wheel(version)}</a><br>`).join("\n")}
</body></html>
`;
}

/** A Maven settings file in `directory` whose mirror of every repository is `url`. */
export function mavenSettings(directory: string, url: string): string {
  const file = join(directory, "settings.xml");
  writeFileSync(
    file,
    `<settings><mirrors><mirror><id>stand-in</id><mirrorOf>*</mirrorOf><url>${url}</url></mirror></mirrors></settings>\n`,
  );
  return file;
}

/**
 * A local Maven repository holding the plugin versions:check runs (fetched by Maven once, from
 * its registry, like any test download, and kept in the cache), for the stand-in to serve.
 */
export function mavenPluginRepository(root = cacheRoot()): string {
  const repository = join(root, "stand-in-maven-plugins");
  const complete = join(repository, `.complete-${MAVEN_DEPENDENCY_PLUGIN.replaceAll(":", "_")}`);
  if (existsSync(complete)) return repository;
  mkdirSync(repository, { recursive: true });
  const maven = spawnSync(
    "mvn",
    ["--batch-mode", "--quiet", `-Dmaven.repo.local=${repository}`, `${MAVEN_DEPENDENCY_PLUGIN}:help`],
    { encoding: "utf8" },
  );
  if (maven.error || maven.status !== 0) {
    throw new Error(
      `Maven could not fetch ${MAVEN_DEPENDENCY_PLUGIN} into ${repository}: ${maven.error?.message ?? maven.stdout.trim().split("\n").slice(-5).join("\n")}`,
    );
  }
  writeFileSync(complete, "");
  return repository;
}
