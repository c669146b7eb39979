/**
 * OpenMetadata's files that no package registry serves, which the openmetadata project reads: its
 * Helm chart's values.yaml, values.schema.json and Chart.yaml, and the development line's
 * conf/openmetadata.yaml. UPSTREAM_FILES below is the one place that says which files, from which
 * repository and commit, with which SHA-256.
 *
 * Each group (the chart, the conf) is found in this order:
 *   1. the variable: OPENMETADATA_HELM_CHART_DIR (a folder with the chart's three files, e.g. what
 *      `helm pull open-metadata/openmetadata --untar` makes) or OPENMETADATA_CONF (the file); taken
 *      as given, any version;
 *   2. ../shared/fixtures beside the repository (the project's machines), checked against the sums;
 *   3. the download cache (KEYCLOAK_CACHE_DIR, default ~/.cache/openmetadata-keycloak-guide), under
 *      openmetadata-upstream/<repository>/<commit>/<path>, checked against the sums;
 *   4. downloaded from the repository at the pinned commit (GitHub's raw files, or the server
 *      OPENMETADATA_UPSTREAM_URL names, in the same layout), checked against the sums, and written to
 *      the cache only when every file of the group matches.
 * scripts/setup.sh (through scripts/openmetadata-files.ts) and the openmetadata project's global
 * setup obtain them; the tests then read them with upstreamPath().
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { cacheRoot } from "../keycloak/distribution";
import { projectRoot, sharedFixturesDir } from "../paths";

type Environment = Record<string, string | undefined>;

export type UpstreamGroup = "helmChart" | "conf";

export interface UpstreamFile {
  group: UpstreamGroup;
  /** owner/name on GitHub. */
  repository: string;
  commit: string;
  /** The file's path in the repository. */
  path: string;
  /** Its copy under ../shared/fixtures. */
  shared: string;
  sha256: string;
}

const HELM_CHARTS = {
  repository: "open-metadata/openmetadata-helm-charts",
  commit: "039a208f0b9f2c40f6ce68d87e1e39b1d0819a57",
};
const OPENMETADATA = { repository: "open-metadata/OpenMetadata", commit: "8c54ce3198356604328331f9423130098b534ba8" };

/**
 * The files, as ../shared/fixtures/SOURCES.md records them (chart 1.13.1; the conf of OpenMetadata's
 * development line). The sums are of those copies: byte-for-byte copies for the chart; for the conf,
 * SOURCES.md says character-for-character: its 53,472 characters (UTF-8, LF line ends) are as many as
 * a code index holds of the file at that commit, but that the bytes are the same is not proven (GitHub
 * is not reachable from the project's machines). If they differ, the download is refused naming both
 * sums, and the sum here is to be replaced by the one received from GitHub.
 */
export const UPSTREAM_FILES: readonly UpstreamFile[] = [
  {
    group: "helmChart",
    ...HELM_CHARTS,
    path: "charts/openmetadata/values.yaml",
    shared: "openmetadata-helm/values.yaml",
    sha256: "1b598daa548f57441fffc60bdeabf5dfddf74ddfeeb88567b7f8883afcbddcbb",
  },
  {
    group: "helmChart",
    ...HELM_CHARTS,
    path: "charts/openmetadata/values.schema.json",
    shared: "openmetadata-helm/values.schema.json",
    sha256: "e44489fcfb997e992c0d6911a99abbd59cbc5db15ecfba56103301825c5efb80",
  },
  {
    group: "helmChart",
    ...HELM_CHARTS,
    path: "charts/openmetadata/Chart.yaml",
    shared: "openmetadata-helm/Chart.yaml",
    sha256: "8cab38906a8e9dde204134b483a75114e8ed2b4a73566cfaf1022ff41fa0f44e",
  },
  {
    group: "conf",
    ...OPENMETADATA,
    path: "conf/openmetadata.yaml",
    shared: "openmetadata/conf/openmetadata.yaml",
    sha256: "fd59be596bbdf994b0a5b7993041a1cc7b79b23fd7f50876e1a2a9482dc72e13",
  },
];

/** Per group: the variable that names it, and whether that names a folder (the chart) or the file. */
export const UPSTREAM_GROUPS: Record<UpstreamGroup, { variable: string; what: string; folder: boolean }> = {
  helmChart: { variable: "OPENMETADATA_HELM_CHART_DIR", what: "OpenMetadata's Helm chart", folder: true },
  conf: { variable: "OPENMETADATA_CONF", what: "OpenMetadata's conf/openmetadata.yaml", folder: false },
};

/** GitHub's raw files: <base>/<owner>/<name>/<commit>/<path>. */
const DEFAULT_BASE_URL = "https://raw.githubusercontent.com";
const DOWNLOAD_TIMEOUT_MS = 60_000;

export interface UpstreamOptions {
  env?: Environment;
  /** Where ../shared/fixtures is (tests point it at a folder that does not exist). */
  sharedDir?: string;
  files?: readonly UpstreamFile[];
}

/** Where a group is: the chart's folder, or the conf file; and where it came from, for the log. */
export interface LocatedUpstream {
  path: string;
  origin: string;
}

function sha256(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

function filesOf(group: UpstreamGroup, files: readonly UpstreamFile[]): UpstreamFile[] {
  return files.filter((file) => file.group === group);
}

/** The group's path given the path of each of its files (the chart's files share one folder). */
function groupPath(group: UpstreamGroup, paths: string[]): string {
  return UPSTREAM_GROUPS[group].folder ? dirname(paths[0]) : paths[0];
}

export function cachedPath(file: UpstreamFile, env: Environment = process.env): string {
  return join(cacheRoot(env), "openmetadata-upstream", file.repository, file.commit, file.path);
}

export function upstreamUrl(file: UpstreamFile, env: Environment = process.env): string {
  const base = (env.OPENMETADATA_UPSTREAM_URL || DEFAULT_BASE_URL).replace(/\/+$/, "");
  return `${base}/${file.repository}/${file.commit}/${file.path}`;
}

/** What a contributor can do instead of the download, in one sentence. */
function alternatives(group: UpstreamGroup): string {
  const { variable, folder } = UPSTREAM_GROUPS[group];
  const given = folder ? "a folder with the chart's values.yaml, values.schema.json and Chart.yaml" : "the file";
  return `set ${variable} to ${given}, or put ../shared/fixtures beside the repository (CONTRIBUTING.md lists both)`;
}

/** Steps 1 to 3 (see the top of this file), without downloading; undefined when none has the group. */
export function locateUpstream(group: UpstreamGroup, options: UpstreamOptions = {}): LocatedUpstream | undefined {
  const env = options.env ?? process.env;
  const files = filesOf(group, options.files ?? UPSTREAM_FILES);
  const { variable, folder } = UPSTREAM_GROUPS[group];

  const given = env[variable]?.trim();
  if (given) {
    const missing = folder
      ? files.map((file) => basename(file.path)).filter((name) => !existsSync(join(given, name)))
      : existsSync(given)
        ? []
        : [given];
    if (missing.length > 0) {
      throw new Error(
        `${variable}=${given}, but ${folder ? `that folder has no ${missing.join(", ")}` : "there is no such file"}: ` +
          `point it at ${folder ? "the unpacked chart (helm pull open-metadata/openmetadata --untar)" : "conf/openmetadata.yaml"}, or unset it.`,
      );
    }
    return { path: given, origin: `${given} (${variable})` };
  }

  const sharedDir = options.sharedDir ?? sharedFixturesDir;
  const shared = files.map((file) => join(sharedDir, file.shared));
  if (shared.every((path) => existsSync(path))) {
    files.forEach((file, index) => {
      const actual = sha256(shared[index]);
      if (actual !== file.sha256) {
        throw new Error(
          `${shared[index]} is not ${file.repository}'s ${file.path} at ${file.commit.slice(0, 12)}: found sha256 ${actual}, ` +
            `expected ${file.sha256}; copy that file again, or pin the commit it comes from in tooling/openmetadata/upstream.ts.`,
        );
      }
    });
    return { path: groupPath(group, shared), origin: relative(projectRoot, groupPath(group, shared)) };
  }

  const cached = files.map((file) => cachedPath(file, env));
  if (cached.every((path, index) => existsSync(path) && sha256(path) === files[index].sha256)) {
    const { repository, commit } = files[0];
    return {
      path: groupPath(group, cached),
      origin: `${groupPath(group, cached)} (cached, ${repository} at ${commit.slice(0, 12)})`,
    };
  }
  return undefined;
}

async function download(file: UpstreamFile, env: Environment): Promise<Buffer> {
  const url = upstreamUrl(file, env);
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS), redirect: "follow" });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new Error(`Could not download ${url} (${reason}): ${alternatives(file.group)}.`);
  }
  if (!response.ok) {
    throw new Error(`Could not download ${url} (HTTP ${response.status}): ${alternatives(file.group)}.`);
  }
  const body = Buffer.from(await response.arrayBuffer());
  const actual = createHash("sha256").update(body).digest("hex");
  if (actual !== file.sha256) {
    throw new Error(
      `${url} is not ${file.repository}'s ${file.path} at ${file.commit.slice(0, 12)}: received sha256 ${actual}, ` +
        `expected ${file.sha256}; nothing was cached. Check OPENMETADATA_UPSTREAM_URL or a proxy in between, or ${alternatives(file.group)}.`,
    );
  }
  return body;
}

/** The group, found (steps 1 to 3) or downloaded into the cache (step 4). */
export async function obtainUpstream(group: UpstreamGroup, options: UpstreamOptions = {}): Promise<LocatedUpstream> {
  const found = locateUpstream(group, options);
  if (found) return found;
  const env = options.env ?? process.env;
  const files = filesOf(group, options.files ?? UPSTREAM_FILES);
  // Every file is downloaded and checked before any is written: a wrong one leaves the cache as it was.
  const bodies = await Promise.all(files.map((file) => download(file, env)));
  const paths = files.map((file, index) => {
    const target = cachedPath(file, env);
    mkdirSync(dirname(target), { recursive: true });
    const partial = `${target}.${randomBytes(4).toString("hex")}.partial`;
    try {
      writeFileSync(partial, bodies[index]);
      renameSync(partial, target);
    } finally {
      rmSync(partial, { force: true });
    }
    return target;
  });
  const { repository, commit } = files[0];
  return {
    path: groupPath(group, paths),
    origin: `${groupPath(group, paths)} (downloaded from ${repository} at ${commit.slice(0, 12)})`,
  };
}

/** Both groups, for the setup steps. */
export async function obtainOpenMetadataUpstream(
  options: UpstreamOptions = {},
): Promise<Record<UpstreamGroup, LocatedUpstream>> {
  return { helmChart: await obtainUpstream("helmChart", options), conf: await obtainUpstream("conf", options) };
}

/** Where a test reads the group from; setup obtained it before (npm run setup -- --project openmetadata). */
export function upstreamPath(group: UpstreamGroup, options: UpstreamOptions = {}): string {
  const found = locateUpstream(group, options);
  if (!found) {
    throw new Error(
      `${UPSTREAM_GROUPS[group].what} is not there: run npm run setup -- --project openmetadata, which downloads it, or ${alternatives(group)}.`,
    );
  }
  return found.path;
}
