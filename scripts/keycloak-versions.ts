/**
 * `npm run test:keycloak-versions`: runs the Keycloak-facing suites (tests/examples: provisioning,
 * the realm file, sign-in over HTTP and in Chromium, the failure modes, the admin console's labels,
 * the configuration against Keycloak) on each version of KEYCLOAK_VERSIONS, and writes what passed
 * and what differs to src/data/keycloak-compatibility.json, the table on the overview page.
 *
 *   --check   compare with the committed file instead of writing it, and fail when they differ
 *             (the results, not the dates), so the table is never older than the code.
 *   --in-ci   run (as --check) only under CI=true: the last step of npm test.
 *   --results <report.json>   the JSON report (Vitest's json reporter) of a run of the keycloak
 *             project that just ran on one version (npm test's, on the pinned version): that
 *             version's results are read from it instead of running its suites a second time.
 *   --version <version>   with --check, only that version of KEYCLOAK_VERSIONS, compared with its
 *             row (CI's job per Keycloak version); repeat it for more.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { capturedFile, type VersionResult } from "../src/lib/captured";
import { KEYCLOAK_VERSION, KEYCLOAK_VERSIONS } from "../src/versions";
import { dataDir, projectRoot } from "../tooling/paths";

const file = join(dataDir, "keycloak-compatibility.json");
const inCi = process.argv.includes("--in-ci");
if (inCi && process.env.CI !== "true") process.exit(0);
const check = inCi || process.argv.includes("--check");
const only = process.argv.flatMap((argument, index) =>
  argument === "--version"
    ? [process.argv[index + 1] ?? ""]
    : argument.startsWith("--version=")
      ? [argument.slice(10)]
      : [],
);
for (const version of only) {
  if (!(KEYCLOAK_VERSIONS as readonly string[]).includes(version)) {
    console.error(
      `--version ${version}: not one of KEYCLOAK_VERSIONS (${KEYCLOAK_VERSIONS.join(", ")}) in src/versions.ts.`,
    );
    process.exit(1);
  }
}
if (only.length > 0 && !check) {
  console.error("--version needs --check: writing src/data/keycloak-compatibility.json runs every version.");
  process.exit(1);
}
const versions = only.length > 0 ? KEYCLOAK_VERSIONS.filter((version) => only.includes(version)) : KEYCLOAK_VERSIONS;
const resultsIndex = process.argv.indexOf("--results");
const givenReport = resultsIndex === -1 ? undefined : process.argv[resultsIndex + 1];
// The version the given report ran on: the one KEYCLOAK_VERSION names, else the pin. A Keycloak of
// the reader's own (KEYCLOAK_URL) is of no known version, so its results stand for none.
const reportedVersion = process.env.KEYCLOAK_URL ? undefined : (process.env.KEYCLOAK_VERSION ?? KEYCLOAK_VERSION);

interface JsonReport {
  testResults: { name: string; assertionResults: { fullName: string; status: string; failureMessages: string[] }[] }[];
}

/** The suites this script runs: the keycloak project's files under tests/examples (vitest.config.ts). */
const SUITES = "tests/examples";

/** What a Vitest JSON report says of the suites, as one version's row. */
function resultsFrom(version: string, report: string): VersionResult {
  const suites = `${join(projectRoot, SUITES)}/`;
  const tests = (JSON.parse(readFileSync(report, "utf8")) as JsonReport).testResults
    .filter((file) => file.name.startsWith(suites) && !file.name.endsWith(".unit.test.ts"))
    .flatMap((file) => file.assertionResults);
  const failed = tests.filter((test) => test.status === "failed");
  return {
    version,
    tested: new Date().toISOString().slice(0, 10),
    passed: tests.filter((test) => test.status === "passed").length,
    failed: failed.length,
    differences: failed.map((test) => {
      const differs = /Differs: ([^\n]*)/.exec(test.failureMessages[0] ?? "")?.[1];
      return differs ? { test: test.fullName, differs } : { test: test.fullName };
    }),
  };
}

/** Runs the suites on `version`, Vitest's progress on the terminal, the results through its JSON reporter. */
async function runOn(version: string): Promise<VersionResult> {
  const dir = mkdtempSync(join(tmpdir(), "keycloak-versions-"));
  const report = join(dir, "report.json");
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const vitest = spawn(
        "npx",
        [
          "vitest",
          "run",
          "--project",
          "keycloak",
          SUITES,
          "--reporter=dot",
          "--reporter=json",
          `--outputFile.json=${report}`,
        ],
        { cwd: projectRoot, env: { ...process.env, KEYCLOAK_VERSION: version }, stdio: "inherit" },
      );
      vitest.on("error", reject);
      vitest.on("exit", resolve);
    });
    if (!existsSync(report)) throw new Error(`Vitest ended (${code}) without results for Keycloak ${version}.`);
    return resultsFrom(version, report);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const results: VersionResult[] = [];
for (const version of versions) {
  if (givenReport && version === reportedVersion) {
    console.log(`\n== Keycloak ${version}: the results of the run that just ended (${givenReport})`);
    results.push(resultsFrom(version, givenReport));
  } else {
    console.log(`\n== Keycloak ${version}`);
    results.push(await runOn(version));
  }
}

for (const { version, passed, failed, differences } of results) {
  const lines = differences.map(({ test, differs }) => `\n  ${test}${differs ? `: ${differs}` : ""}`);
  console.log(`Keycloak ${version}: ${passed} passed, ${failed} failed${lines.join("")}`);
}

const withoutDates = (all: VersionResult[]) => all.map(({ tested: _tested, ...rest }) => rest);
if (check) {
  const committed = (existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as VersionResult[]) : []).filter(
    (row) => only.length === 0 || only.includes(row.version),
  );
  if (JSON.stringify(withoutDates(committed)) !== JSON.stringify(withoutDates(results))) {
    console.error(
      `\nsrc/data/keycloak-compatibility.json does not say what these runs found: run npm run test:keycloak-versions and commit the file.`,
    );
    process.exit(1);
  }
  console.log("\nsrc/data/keycloak-compatibility.json says what these runs found.");
} else {
  // Checked against the overview table's schema (src/lib/captured.ts) before it is written.
  const { path, text } = capturedFile("keycloakCompatibility", results);
  writeFileSync(join(projectRoot, path), text);
  console.log(`\nWrote ${path}.`);
}
