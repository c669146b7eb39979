/**
 * `npm run bench:keycloak`: how long getting and starting the test Keycloak takes, and the whole
 * test suite. Prints figures; nothing here passes or fails.
 *
 *   --skip-cold   do not time a download into an empty Maven repository (about 180 MB)
 *   --skip-suite  do not time a full `vitest run`
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../support/build-site";
import { keycloakVersion, startKeycloak } from "../support/keycloak";
import { ensureKeycloakDistribution, keycloakArtifact } from "../support/keycloak/distribution";
import { findJava } from "../support/keycloak/java";

const args = new Set(process.argv.slice(2));
const version = keycloakVersion();
const rows: [string, string][] = [];
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const quiet = () => {};

function timed<T>(run: () => T): [T, number] {
  const started = Date.now();
  return [run(), Date.now() - started];
}

const java = findJava();
console.log(`Keycloak ${version}, Java ${java.major} (${java.home}), ${process.platform}/${process.arch}\n`);

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

if (!args.has("--skip-suite")) {
  const [result, ms] = timed(() => spawnSync("npx", ["vitest", "run"], { cwd: projectRoot, stdio: "ignore" }));
  rows.push([`Whole test suite (vitest run, exit ${result.status})`, seconds(ms)]);
}

const width = Math.max(...rows.map(([label]) => label.length));
for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
