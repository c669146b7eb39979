import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import extractZip from "extract-zip";
import { KEYCLOAK_VERSION } from "../../src/versions";
import { commandPath } from "./java";

/** Where downloaded servers are kept between runs: KEYCLOAK_CACHE_DIR, else ~/.cache/openmetadata-keycloak-guide. */
export function cacheRoot(env: Record<string, string | undefined> = process.env): string {
  if (env.KEYCLOAK_CACHE_DIR) return env.KEYCLOAK_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(base, "openmetadata-keycloak-guide");
}

/** Maven coordinates of the official Keycloak server distribution. */
export function keycloakArtifact(version: string): string {
  return `org.keycloak:keycloak-quarkus-dist:${version}:zip`;
}

/** Maven runs on the machine's own Java when it has one on PATH or in JAVA_HOME, else on Keycloak's. */
function mavenEnvironment(javaHome: string): NodeJS.ProcessEnv {
  return process.env.JAVA_HOME || commandPath("java") ? process.env : { ...process.env, JAVA_HOME: javaHome };
}

function requireMaven(javaHome: string): void {
  const probe = spawnSync("mvn", ["--version"], { encoding: "utf8", env: mavenEnvironment(javaHome) });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      "Maven (mvn) is needed to download the Keycloak server distribution and was not found or does not run. " +
        "Install it, e.g. `apt-get install maven`, or point KEYCLOAK_URL at a running Keycloak instead.",
    );
  }
}

/** Runs Maven with its output on our stderr (its download progress), keeping the end for error messages. */
function runMaven(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; tail: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("mvn", args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let tail = "";
    const keep = (chunk: Buffer) => {
      process.stderr.write(chunk);
      tail = (tail + chunk.toString("utf8")).slice(-16 * 1024);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, tail }));
  });
}

/**
 * Copies the official Keycloak server zip for `version` into `directory` with `mvn dependency:copy`
 * (from Maven's local repository when it is there, else downloaded into it) and returns its path.
 */
export async function downloadKeycloakZip(
  version: string,
  javaHome: string,
  directory: string,
  log: (line: string) => void,
): Promise<string> {
  requireMaven(javaHome);
  log(`Fetching ${keycloakArtifact(version)} with Maven (about 180 MB the first time)…`);
  const { code, tail } = await runMaven(
    // At a terminal Maven prints its download progress; in a log (CI's, or any output that is not a
    // terminal), progress bars are only noise.
    [
      ...(process.env.CI === "true" || !process.stderr.isTTY ? ["--batch-mode", "--no-transfer-progress"] : []),
      "dependency:copy",
      `-Dartifact=${keycloakArtifact(version)}`,
      `-DoutputDirectory=${directory}`,
    ],
    mavenEnvironment(javaHome),
  );
  if (code !== 0) {
    if (/Could not find artifact|was not found in/.test(tail)) {
      throw new Error(
        `Keycloak ${version} is not a version Maven serves (${keycloakArtifact(version)} was not found): ` +
          `set KEYCLOAK_VERSION to a released version, or unset it to use the pinned ${KEYCLOAK_VERSION} from src/versions.ts.`,
      );
    }
    throw new Error(
      `Maven could not fetch ${keycloakArtifact(version)} (exit ${code}); check its output above, or point KEYCLOAK_URL at a running Keycloak.\n` +
        tail.split("\n").slice(-15).join("\n"),
    );
  }
  const zip = readdirSync(directory).find((file) => file.endsWith(".zip"));
  if (!zip) throw new Error(`Maven finished, but no Keycloak zip is in ${directory}.`);
  return join(directory, zip);
}

/** Unpacks a Keycloak server zip into `directory`; returns the keycloak-<version> directory it holds. */
export async function unpackKeycloakZip(zip: string, directory: string): Promise<string> {
  await extractZip(zip, { dir: directory });
  const unpacked = readdirSync(directory).find((entry) => entry.startsWith("keycloak-") && !entry.endsWith(".zip"));
  if (!unpacked) throw new Error(`The Keycloak zip ${zip} did not contain a keycloak-* directory.`);
  return join(directory, unpacked);
}

/**
 * The unpacked Keycloak server for `version`, downloaded with `mvn dependency:copy` on first use
 * and kept in the cache afterwards. Returns the directory holding bin/kc.sh.
 */
export async function ensureKeycloakDistribution(
  version: string,
  javaHome: string,
  root: string = cacheRoot(),
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<string> {
  const home = join(root, `keycloak-${version}`);
  if (existsSync(join(home, "bin/kc.sh"))) return home;

  mkdirSync(root, { recursive: true });
  const work = mkdtempSync(join(root, `.download-${version}-`));
  try {
    const started = Date.now();
    const zip = await downloadKeycloakZip(version, javaHome, work, log);
    log(`Fetched in ${((Date.now() - started) / 1000).toFixed(1)} s; unpacking into ${home}`);
    const unpacked = await unpackKeycloakZip(zip, work);
    // Renaming last means a cache entry is either complete or absent, also after an interrupted run.
    renameSync(unpacked, home);
    return home;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
