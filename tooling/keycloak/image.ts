/**
 * Which container image runs Keycloak, in order:
 *   1. the official image quay.io/keycloak/keycloak:<version>, when the engine has it;
 *   2. an image built here earlier by (4), tagged openmetadata-keycloak-guide/keycloak:<version>;
 *   3. the official image, pulled, when a registry answers within KEYCLOAK_DOCKER_PULL_TIMEOUT s;
 *   4. built here from the same official distribution zip the distribution source runs (Maven):
 *      a Debian bookworm base (made with debootstrap, no registry needed), a JRE layer shared by
 *      every Keycloak version, and Keycloak augmented for the options the tests start it with.
 * Building needs only Debian's package mirror and Maven. `docker rmi openmetadata-keycloak-guide/keycloak:<version>`
 * makes the next run try the official image again.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { downloadKeycloakZip, keycloakArtifact, unpackKeycloakZip } from "./distribution";
import { docker, pullImage } from "./engine";
import { commandPath, findJava } from "./java";
import { BUILD_OPTIONS, logTail } from "./server";

type Environment = Record<string, string | undefined>;

/** Prefix of our image names, container names and labels. */
export const NAMESPACE = "openmetadata-keycloak-guide";
/** Label on every container a run starts: `docker ps -a --filter label=openmetadata-keycloak-guide.run` lists them. */
export const RUN_LABEL = `${NAMESPACE}.run`;
const MADE_BY_LABEL = `${NAMESPACE}.made-by`;
const RECIPE_LABEL = `${NAMESPACE}.recipe`;
const BASE_LABEL = `${NAMESPACE}.base-image-id`;

const recipeFiles = fileURLToPath(new URL("./image-recipe/", import.meta.url));
const DEBIAN_SLIM = "debian:bookworm-slim";
const JAVA_PACKAGE = "openjdk-17-jre-headless";

export function officialImage(version: string): string {
  return `quay.io/keycloak/keycloak:${version}`;
}

/** Names of the images built here; `prefix` keeps a benchmark's cold build apart from the cached ones. */
export function localImages(version: string, prefix = NAMESPACE) {
  return {
    base: `${prefix}/base:bookworm`,
    jre: `${prefix}/jre:openjdk-17-bookworm`,
    keycloak: `${prefix}/keycloak:${version}`,
  };
}

export interface KeycloakImage {
  name: string;
  /** How it was made, for the one log line that names the image. */
  how: string;
}

export interface ImageOptions {
  env?: Environment;
  log?: (line: string) => void;
}

function recipeHash(...parts: string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("hex").slice(0, 16);
}

function recipeText(file: string): string {
  return readFileSync(join(recipeFiles, file), "utf8");
}

/** What makes the Keycloak image: a change to any of it builds a new one. */
function keycloakRecipe(version: string): string {
  return recipeHash(
    version,
    recipeText("jre.Dockerfile"),
    recipeText("keycloak.Dockerfile"),
    recipeText("augment-only.sh"),
    BUILD_OPTIONS.join(" "),
  );
}

/** The image's ID and labels, or undefined when the engine does not have it. */
function inspectImage(name: string, env?: Environment): { id: string; labels: Record<string, string> } | undefined {
  const result = docker(["image", "inspect", "--format", "{{json .}}", name], { env });
  if (result.code !== 0) return undefined;
  const image = JSON.parse(result.stdout) as { Id: string; Config?: { Labels?: Record<string, string> | null } };
  return { id: image.Id, labels: image.Config?.Labels ?? {} };
}

/** The image to run Keycloak `version` from, pulled or built when needed (see the top of this file). */
export async function keycloakImage(version: string, options: ImageOptions = {}): Promise<KeycloakImage> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const official = officialImage(version);
  if (inspectImage(official, env)) return { name: official, how: "the official image, found locally" };

  const local = localImages(version).keycloak;
  const built = inspectImage(local, env);
  if (built && built.labels[RECIPE_LABEL] === keycloakRecipe(version)) {
    return { name: local, how: `built here earlier ${built.labels[MADE_BY_LABEL] ?? ""}`.trim() };
  }

  const pull = await pullImage(official, { env, connectSeconds: Number(env.KEYCLOAK_DOCKER_PULL_TIMEOUT ?? 20) });
  if (pull.pulled) return { name: official, how: "the official image, pulled now" };

  log(`The official image ${official} cannot be pulled (${pull.detail}); building ${local} here, once…`);
  const how = await buildKeycloakImage(version, { env, log });
  return { name: local, how: `built now ${how}` };
}

/**
 * Builds `<prefix>/keycloak:<version>` from the official distribution zip; returns how it was made.
 * `base` names a base image to use instead of finding or making one (KEYCLOAK_DOCKER_BASE_IMAGE).
 */
export async function buildKeycloakImage(
  version: string,
  options: ImageOptions & { prefix?: string; base?: string } = {},
): Promise<string> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const names = localImages(version, options.prefix);
  const work = mkdtempSync(join(tmpdir(), "keycloak-image-"));
  const buildLog = join(work, "build.log");
  const context = join(work, "context");
  try {
    // The build context: the unpacked server and the two recipe files, nothing else. The zip comes
    // first, so that a version Maven does not serve stops the build before anything is made.
    const zipDirectory = join(work, "zip");
    mkdirSync(zipDirectory);
    mkdirSync(context);
    const zip = await downloadKeycloakZip(version, findJava(env).home, zipDirectory, log);
    renameSync(await unpackKeycloakZip(zip, zipDirectory), join(context, "keycloak"));
    rmSync(zipDirectory, { recursive: true, force: true });
    for (const file of ["keycloak.Dockerfile", "augment-only.sh"])
      copyFileSync(join(recipeFiles, file), join(context, file));

    const base = await baseImage(names.base, options.base ?? env.KEYCLOAK_DOCKER_BASE_IMAGE?.trim(), env, log, work);
    const baseId = inspectImage(base.name, env)?.id ?? "";
    const jreRecipe = recipeHash(recipeText("jre.Dockerfile"), baseId);
    if (inspectImage(names.jre, env)?.labels[RECIPE_LABEL] !== jreRecipe) {
      await dockerBuild(
        ["-f", join(recipeFiles, "jre.Dockerfile"), "--build-arg", `BASE_IMAGE=${base.name}`],
        { tag: names.jre, labels: { [RECIPE_LABEL]: jreRecipe, [BASE_LABEL]: baseId }, context: recipeFiles },
        buildLog,
        env,
      );
    }

    const how =
      `from ${keycloakArtifact(version)} (Maven) on ${base.how}, Java from Debian's ${JAVA_PACKAGE}, ` +
      `augmented for start-dev ${BUILD_OPTIONS.join(" ")}`;
    await dockerBuild(
      [
        "-f",
        join(context, "keycloak.Dockerfile"),
        "--build-arg",
        `JRE_IMAGE=${names.jre}`,
        "--build-arg",
        `BUILD_OPTIONS=${BUILD_OPTIONS.join(" ")}`,
      ],
      {
        tag: names.keycloak,
        labels: {
          [RECIPE_LABEL]: keycloakRecipe(version),
          [MADE_BY_LABEL]: `on ${new Date().toISOString().slice(0, 10)} ${how}`,
          "org.opencontainers.image.version": version,
        },
        context,
      },
      buildLog,
      env,
    );
    rmSync(work, { recursive: true, force: true });
    return how;
  } catch (error) {
    // Keep the build log a failed `docker build` points to; drop the rest (the server is about 200 MB).
    if (existsSync(buildLog)) {
      for (const entry of ["context", "zip", "rootfs"]) rmSync(join(work, entry), { recursive: true, force: true });
    } else {
      rmSync(work, { recursive: true, force: true });
    }
    throw error;
  }
}

/** Runs `docker build`, its output into `logFile`; on failure, throws with the build's last lines. */
function dockerBuild(
  args: string[],
  target: { tag: string; labels: Record<string, string>; context: string },
  logFile: string,
  env: Environment,
): Promise<void> {
  const labels = Object.entries(target.labels).flatMap(([key, value]) => ["--label", `${key}=${value}`]);
  // Host networking: apt-get in a build step reaches Debian's mirror without a bridge network.
  // --force-rm: a failed step's container is removed too, not left for `docker ps -a` to show.
  const command = ["build", "--network", "host", "--force-rm", ...args, ...labels, "-t", target.tag, target.context];
  return new Promise((resolve, reject) => {
    const out = openSync(logFile, "a");
    writeFileSync(out, `$ docker ${command.join(" ")}\n`);
    const child = spawn("docker", command, { env: env as NodeJS.ProcessEnv, stdio: ["ignore", out, out] });
    closeSync(out);
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) return resolve();
      reject(
        new Error(
          `Building the Keycloak image ${target.tag} failed (docker build exited with ${code}): fix the cause in the ` +
            `build's last lines below (full log: ${logFile}), or set KEYCLOAK_SOURCE=distribution.\n${logTail(logFile, 25)}`,
        ),
      );
    });
  });
}

/**
 * A Debian bookworm image on the engine, found or made as the Keycloak image's base is (below), for
 * other tests that need a small Linux container without a registry. Resolves with its name.
 */
export async function debianImage(options: ImageOptions = {}): Promise<string> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const work = mkdtempSync(join(tmpdir(), "debian-image-"));
  try {
    // The base's name does not depend on the Keycloak version.
    const base = await baseImage(localImages("").base, env.KEYCLOAK_DOCKER_BASE_IMAGE?.trim(), env, log, work);
    return base.name;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * A Debian bookworm image to build on, in order: the one named (KEYCLOAK_DOCKER_BASE_IMAGE), ours
 * from an earlier run, debian:bookworm-slim if the engine has it, one made now with debootstrap
 * (Linux, root), debian:bookworm-slim pulled.
 */
async function baseImage(
  ours: string,
  named: string | undefined,
  env: Environment,
  log: (line: string) => void,
  work: string,
): Promise<{ name: string; how: string }> {
  if (named) {
    const found = inspectImage(named, env);
    if (!found) {
      throw new Error(
        `KEYCLOAK_DOCKER_BASE_IMAGE=${named}, but the Docker engine has no such image: pull or load it first, or unset KEYCLOAK_DOCKER_BASE_IMAGE.`,
      );
    }
    return { name: named, how: named };
  }
  const existing = inspectImage(ours, env);
  if (existing) return { name: ours, how: existing.labels[MADE_BY_LABEL] ?? ours };
  if (inspectImage(DEBIAN_SLIM, env)) return { name: DEBIAN_SLIM, how: DEBIAN_SLIM };

  if (process.platform === "linux" && process.getuid?.() === 0 && commandPath("debootstrap")) {
    const how = "a Debian bookworm base made with debootstrap (minbase)";
    log(`Making ${ours} with debootstrap from Debian's package mirror…`);
    const root = join(work, "rootfs");
    const debootstrapLog = join(work, "debootstrap.log");
    const code = await new Promise<number | null>((resolve) => {
      const out = openSync(debootstrapLog, "a");
      const child = spawn("debootstrap", ["--variant=minbase", "bookworm", root], { stdio: ["ignore", out, out] });
      closeSync(out);
      child.on("error", () => resolve(null));
      child.on("close", resolve);
    });
    if (code !== 0) {
      rmSync(root, { recursive: true, force: true });
      throw new Error(
        `debootstrap could not make a Debian base image (exit ${code}): fix the cause in its last lines below, ` +
          `or \`docker pull ${DEBIAN_SLIM}\`, or set KEYCLOAK_SOURCE=distribution.\n${logTail(debootstrapLog, 15)}`,
      );
    }
    // Package lists and downloaded .debs are not needed in the image; the JRE step fetches fresh lists.
    rmSync(join(root, "var/cache/apt/archives"), { recursive: true, force: true });
    rmSync(join(root, "var/lib/apt/lists"), { recursive: true, force: true });
    const imported = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const tar = spawn("tar", ["-C", root, "-c", "."], { stdio: ["ignore", "pipe", "inherit"] });
      const load = spawn("docker", ["import", "--change", `LABEL ${MADE_BY_LABEL}="${how}"`, "-", ours], {
        env: env as NodeJS.ProcessEnv,
        stdio: ["pipe", "pipe", "pipe"],
      });
      tar.stdout.pipe(load.stdin);
      let output = "";
      load.stdout.on("data", (chunk) => {
        output += chunk;
      });
      load.stderr.on("data", (chunk) => {
        output += chunk;
      });
      load.on("error", () => resolve({ code: null, output: "the docker command did not run" }));
      load.on("close", (code) => resolve({ code, output }));
    });
    rmSync(root, { recursive: true, force: true });
    if (imported.code !== 0) {
      throw new Error(
        `docker import of the debootstrap base failed (exit ${imported.code}): ${imported.output.trim()}`,
      );
    }
    return { name: ours, how };
  }

  const pull = await pullImage(DEBIAN_SLIM, { env, connectSeconds: Number(env.KEYCLOAK_DOCKER_PULL_TIMEOUT ?? 20) });
  if (pull.pulled) return { name: DEBIAN_SLIM, how: DEBIAN_SLIM };
  throw new Error(
    `No Debian base image to build the Keycloak image on: ${DEBIAN_SLIM} cannot be pulled (${pull.detail}) and ` +
      "debootstrap needs Linux, root and `apt-get install debootstrap`; or set KEYCLOAK_DOCKER_BASE_IMAGE to a local Debian bookworm image.",
  );
}
