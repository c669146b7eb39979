import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import extractZip from "extract-zip";
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

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    // Maven's own progress lines go to the terminal, so a first, long download shows it is moving.
    const child = spawn(command, args, { env, stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}`))));
  });
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

  requireMaven(javaHome);
  mkdirSync(root, { recursive: true });
  const work = mkdtempSync(join(root, `.download-${version}-`));
  try {
    log(`Downloading Keycloak ${version} (${keycloakArtifact(version)}, about 180 MB) with Maven, once…`);
    const started = Date.now();
    await run(
      "mvn",
      // Not --batch-mode: Maven then prints its download progress.
      ["dependency:copy", `-Dartifact=${keycloakArtifact(version)}`, `-DoutputDirectory=${work}`],
      mavenEnvironment(javaHome),
    );
    const zip = readdirSync(work).find((file) => file.endsWith(".zip"));
    if (!zip) throw new Error(`Maven finished, but no Keycloak zip is in ${work}.`);
    log(`Downloaded in ${((Date.now() - started) / 1000).toFixed(1)} s; unpacking into ${home}`);
    await extractZip(join(work, zip), { dir: work });
    const unpacked = readdirSync(work).find((entry) => entry.startsWith("keycloak-") && !entry.endsWith(".zip"));
    if (!unpacked) throw new Error(`The Keycloak zip in ${work} did not contain a keycloak-* directory.`);
    // Renaming last means a cache entry is either complete or absent, also after an interrupted run.
    renameSync(join(work, unpacked), home);
    return home;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
