/**
 * `npm run bench:keycloak`: how long getting and starting the test Keycloak takes, from the server
 * distribution and in a container, and the whole test suite. Prints figures; nothing here passes
 * or fails. The load average is printed before and after: two cores shared with other work give
 * other figures than an idle machine.
 *
 *   --skip-cold    do not time a download into an empty Maven repository (about 180 MB)
 *   --skip-docker  do not time the container image build and container start-up
 *   --skip-suite   do not time a full `vitest run`
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { KEYCLOAK_VERSIONS } from "../src/versions";
import { keycloakVersion, startKeycloak } from "../tooling/keycloak";
import { ensureKeycloakDistribution, keycloakArtifact } from "../tooling/keycloak/distribution";
import { docker, probeDockerEngine } from "../tooling/keycloak/engine";
import { buildKeycloakImage, localImages, NAMESPACE } from "../tooling/keycloak/image";
import { findJava } from "../tooling/keycloak/java";
import { projectRoot } from "../tooling/paths";

const args = new Set(process.argv.slice(2));
const version = keycloakVersion();
const rows: [string, string][] = [];
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const quiet = () => {};

function timed<T>(run: () => T): [T, number] {
  const started = Date.now();
  return [run(), Date.now() - started];
}

const load = () =>
  loadavg()
    .map((average) => average.toFixed(2))
    .join(" ");
const java = findJava();
const engine = probeDockerEngine();
console.log(`Keycloak ${version}, Java ${java.major} (${java.home}), ${process.platform}/${process.arch}`);
console.log(
  engine.state === "answers"
    ? `Docker engine ${engine.info.serverVersion} (${engine.info.operatingSystem})`
    : `No Docker engine (${engine.state}): container figures skipped`,
);
console.log(`Load average (1, 5, 15 min) at the start: ${load()}\n`);

if (!args.has("--skip-cold")) {
  const repository = mkdtempSync(join(tmpdir(), "bench-m2-"));
  const output = mkdtempSync(join(tmpdir(), "bench-zip-"));
  const [result, ms] = timed(() =>
    spawnSync(
      "mvn",
      [
        "--batch-mode",
        "--quiet",
        "dependency:copy",
        `-Dartifact=${keycloakArtifact(version)}`,
        `-DoutputDirectory=${output}`,
        `-Dmaven.repo.local=${repository}`,
      ],
      { stdio: "inherit" },
    ),
  );
  rows.push([
    "Download, cold (empty Maven repository)",
    result.status === 0 ? seconds(ms) : `failed (${result.status})`,
  ]);
  rmSync(repository, { recursive: true, force: true });
  rmSync(output, { recursive: true, force: true });
}

{
  const cache = mkdtempSync(join(tmpdir(), "bench-cache-"));
  const started = Date.now();
  await ensureKeycloakDistribution(version, java.home, cache, quiet);
  rows.push(["Download + unpack, Maven repository warm", seconds(Date.now() - started)]);
  rmSync(cache, { recursive: true, force: true });
  const warm = Date.now();
  await ensureKeycloakDistribution(version, java.home, undefined, quiet);
  rows.push(["Distribution, cache warm (what a test run pays)", seconds(Date.now() - warm)]);
}

const variants: [string, Record<string, string>][] = [
  ["Start to ready: as the tests run it (start-dev, dev-mem, --cache=local)", {}],
  ["Start to ready: same, second start", {}],
  ["Start to ready: + JIT at tier 1 (-XX:TieredStopAtLevel=1)", { JAVA_OPTS_APPEND: "-XX:TieredStopAtLevel=1" }],
  ["Start to ready: + 1 GiB heap (-Xms1g -Xmx1g)", { JAVA_OPTS_APPEND: "-Xms1g -Xmx1g" }],
];
for (const [label, extra] of variants) {
  const keycloak = await startKeycloak({
    env: { ...process.env, KEYCLOAK_URL: "", KEYCLOAK_SOURCE: "distribution", ...extra },
    log: quiet,
  });
  rows.push([label, seconds(keycloak.timings.startSeconds * 1000)]);
  await keycloak.stop();
}

if (engine.state === "answers" && !args.has("--skip-docker")) {
  // A cold build under names of its own, so the images a test run uses stay cached and untouched.
  const prefix = `${NAMESPACE}-bench`;
  const other = KEYCLOAK_VERSIONS.find((candidate) => candidate !== version) ?? version;
  const names = [localImages(version, prefix), localImages(other, prefix)];
  const removeBenchImages = () =>
    docker(["rmi", "--force", ...new Set(names.flatMap((name) => [name.keycloak, name.jre, name.base]))]);
  removeBenchImages();
  try {
    let started = Date.now();
    const how = await buildKeycloakImage(version, { prefix, log: quiet });
    rows.push([
      "Image build, cold: base, JRE and Keycloak layers (Maven repository warm)",
      seconds(Date.now() - started),
    ]);
    console.log(`Image built ${how}`);
    started = Date.now();
    await buildKeycloakImage(other, { prefix, log: quiet });
    rows.push([`Image build, Keycloak ${other} on the cached base and JRE layers`, seconds(Date.now() - started)]);
  } finally {
    removeBenchImages();
  }

  for (const label of [
    "Container start to ready, cached image (as the tests run it)",
    "Container start to ready, same, second start",
  ]) {
    const keycloak = await startKeycloak({
      env: { ...process.env, KEYCLOAK_URL: "", KEYCLOAK_SOURCE: "docker" },
      log: quiet,
    });
    rows.push([`${label}: ${keycloak.container?.image}`, seconds(keycloak.timings.startSeconds * 1000)]);
    await keycloak.stop();
  }
}

if (!args.has("--skip-suite")) {
  const [result, ms] = timed(() => spawnSync("npx", ["vitest", "run"], { cwd: projectRoot, stdio: "ignore" }));
  rows.push([`Whole test suite (vitest run, exit ${result.status})`, seconds(ms)]);
}

const width = Math.max(...rows.map(([label]) => label.length));
for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
console.log(`\nLoad average (1, 5, 15 min) at the end: ${load()}`);
