/**
 * OpenMetadata's own definitions of a valid configuration, found in this order:
 *   1. OPENMETADATA_SPEC_DIR (a folder with json/schema/…, e.g. openmetadata-spec/src/main/resources
 *      of the release's source) and OPENMETADATA_CONF (its conf/openmetadata.yaml);
 *   2. the release's artifact from Maven, org.open-metadata:openmetadata-spec:<version>, cached;
 *   3. ../shared/fixtures/openmetadata: copies beside this repository on the project's CI machines.
 * The Helm chart's values.schema.json: OPENMETADATA_HELM_CHART_DIR, else ../shared/fixtures/openmetadata-helm.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import extractZip from "extract-zip";
import { OPENMETADATA_VERSION } from "../../src/versions";
import { projectRoot } from "./build-site";
import { cacheRoot } from "./keycloak/distribution";

export interface OpenMetadataArtifacts {
  /** Folder holding json/schema/… */
  specDir: string;
  /** The server's conf/openmetadata.yaml template. */
  confFile: string;
  /** Where they came from, said in test output. */
  origin: string;
}

const sharedFixtures = join(projectRoot, "../shared/fixtures");

/** Tries Maven for the release's spec jar; returns the unpacked folder, or undefined when Maven has none. */
async function specFromMaven(version: string): Promise<string | undefined> {
  const target = join(cacheRoot(), `openmetadata-spec-${version}`);
  if (existsSync(join(target, "json/schema"))) return target;
  const work = mkdtempSync(join(cacheRoot(), ".spec-"));
  try {
    const copy = spawnSync(
      "mvn",
      [
        "--batch-mode",
        "--quiet",
        "dependency:copy",
        `-Dartifact=org.open-metadata:openmetadata-spec:${version}`,
        `-DoutputDirectory=${work}`,
      ],
      { encoding: "utf8" },
    );
    const jar = readdirSync(work).find((file) => file.endsWith(".jar"));
    if (copy.status !== 0 || !jar) return undefined;
    await extractZip(join(work, jar), { dir: join(work, "unpacked") });
    mkdirSync(cacheRoot(), { recursive: true });
    renameSync(join(work, "unpacked"), target);
    return target;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export async function openMetadataArtifacts(env = process.env): Promise<OpenMetadataArtifacts> {
  if (env.OPENMETADATA_SPEC_DIR && env.OPENMETADATA_CONF) {
    return { specDir: env.OPENMETADATA_SPEC_DIR, confFile: env.OPENMETADATA_CONF, origin: "OPENMETADATA_SPEC_DIR" };
  }
  const fromMaven = await specFromMaven(OPENMETADATA_VERSION);
  const sharedConf = join(sharedFixtures, "openmetadata/conf/openmetadata.yaml");
  if (fromMaven && existsSync(sharedConf)) {
    return { specDir: fromMaven, confFile: sharedConf, origin: `openmetadata-spec ${OPENMETADATA_VERSION} from Maven` };
  }
  if (existsSync(join(sharedFixtures, "openmetadata/json/schema")) && existsSync(sharedConf)) {
    return {
      specDir: join(sharedFixtures, "openmetadata"),
      confFile: sharedConf,
      origin: "../shared/fixtures/openmetadata (OpenMetadata's development line; see its SOURCES.md)",
    };
  }
  throw new Error(
    `OpenMetadata's JSON schemas for ${OPENMETADATA_VERSION} are not on Maven, and no copy was found. Set ` +
      "OPENMETADATA_SPEC_DIR to openmetadata-spec/src/main/resources and OPENMETADATA_CONF to conf/openmetadata.yaml " +
      `of a checkout of OpenMetadata ${OPENMETADATA_VERSION}.`,
  );
}

/** The OpenMetadata Helm chart folder (values.yaml, values.schema.json). */
export function openMetadataHelmChart(env = process.env): string {
  const candidates = [env.OPENMETADATA_HELM_CHART_DIR, join(sharedFixtures, "openmetadata-helm")];
  const found = candidates.find((dir) => dir && existsSync(join(dir, "values.schema.json")));
  if (!found) {
    throw new Error(
      "The OpenMetadata Helm chart was not found. Download it (helm pull open-metadata/openmetadata --untar) and set " +
        "OPENMETADATA_HELM_CHART_DIR to the unpacked openmetadata folder.",
    );
  }
  return found;
}

export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8"));
}
