/**
 * OpenMetadata's own definitions of its security configuration, release by release: the models it
 * generates from its JSON schemas, shipped in PyPI's `openmetadata-ingestion` of the same version.
 * Fetched with `pip download --no-deps`, exported as JSON Schema by pydantic (export-definitions.py)
 * in a virtual environment with the pydantic the package asks for, and cached.
 *
 * Found in this order:
 *   1. OPENMETADATA_DEFINITIONS_DIR/<package version>.json, already exported (e.g. on a machine without PyPI);
 *   2. the wheel from PyPI, through Python 3 with pip and venv;
 *   3. outside CI only, for the newest line: the schemas of OpenMetadata's development line in
 *      ../shared/fixtures, said so in the log. Under CI=true a missing definition is a failure.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { OPENMETADATA_LINE, OPENMETADATA_RELEASES, type OpenMetadataLine } from "../../../src/versions";
import { cacheRoot } from "../../../tooling/keycloak/distribution";
import { sharedFixturesDir } from "../../../tooling/paths";

const exporter = fileURLToPath(new URL("./export-definitions.py", import.meta.url));

export interface ReleaseDefinitions {
  line: OpenMetadataLine;
  /** The file holding { authenticationConfiguration, authorizerConfiguration } as JSON Schema. */
  file: string;
  /** Where they came from, for the test log. */
  origin: string;
}

function python(): string {
  return process.env.PYTHON || "python3";
}

function runOrThrow(command: string, args: string[], what: string): string {
  const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 1 << 26 });
  if (result.error || result.status !== 0) {
    throw new Error(
      `${what} failed (${command} ${args.join(" ")}): ${result.error?.message ?? result.stderr.trim().split("\n").slice(-5).join("\n")}`,
    );
  }
  return result.stdout;
}

/** A virtual environment with exactly these requirements, made once and kept in the cache. */
export function virtualEnvironment(requirements: string[], root: string): string {
  const name = createHash("sha256").update(requirements.sort().join("\n")).digest("hex").slice(0, 12);
  const home = join(root, `python-${name}`);
  const bin = join(home, "bin/python");
  if (existsSync(join(home, ".complete"))) return bin;
  rmSync(home, { recursive: true, force: true });
  runOrThrow(python(), ["-m", "venv", home], "Creating a Python virtual environment (needs python3-venv)");
  runOrThrow(bin, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", ...requirements], "pip install");
  writeFileSync(join(home, ".complete"), requirements.join("\n"));
  return bin;
}

/**
 * The definitions of one release from its openmetadata-ingestion wheel, exported once and kept in
 * `root` (made if missing).
 */
export function fromPyPI(packageVersion: string, root = cacheRoot()): string {
  const home = join(root, `openmetadata-ingestion-${packageVersion}`);
  const definitions = join(home, "definitions.json");
  if (existsSync(definitions)) return definitions;
  mkdirSync(root, { recursive: true });
  const work = mkdtempSync(join(root, ".openmetadata-ingestion-"));
  try {
    runOrThrow(
      python(),
      [
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--quiet",
        "--disable-pip-version-check",
        "-d",
        work,
        `openmetadata-ingestion==${packageVersion}`,
      ],
      `Downloading openmetadata-ingestion ${packageVersion}`,
    );
    const wheel = readdirSync(work).find((file) => file.endsWith(".whl"));
    if (!wheel) throw new Error(`pip left no wheel of openmetadata-ingestion ${packageVersion} in ${work}`);
    const requirements = runOrThrow(
      python(),
      [exporter, "--requirements", join(work, wheel)],
      "Reading the wheel's requirements",
    )
      .split("\n")
      .filter(Boolean);
    const venvPython = virtualEnvironment(requirements, root);
    runOrThrow(venvPython, [exporter, join(work, wheel), join(work, "definitions.json")], "Exporting the definitions");
    mkdirSync(home, { recursive: true });
    renameSync(join(work, "definitions.json"), definitions);
    return definitions;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Every release's definitions, or an error saying what to install. */
export function openMetadataDefinitions(env = process.env): ReleaseDefinitions[] {
  return OPENMETADATA_RELEASES.map(({ line, version, ingestionPackage }) => {
    const given =
      env.OPENMETADATA_DEFINITIONS_DIR && join(env.OPENMETADATA_DEFINITIONS_DIR, `${ingestionPackage}.json`);
    if (given && existsSync(given)) return { line, file: given, origin: `${given} (OPENMETADATA_DEFINITIONS_DIR)` };
    try {
      return {
        line,
        file: fromPyPI(ingestionPackage),
        origin: `OpenMetadata ${version}: openmetadata-ingestion ${ingestionPackage} from PyPI`,
      };
    } catch (error) {
      const developmentLine = join(sharedFixturesDir, "openmetadata/json/schema");
      if (env.CI !== "true" && line === OPENMETADATA_LINE && existsSync(developmentLine)) {
        return {
          line,
          file: developmentLine,
          origin: `OpenMetadata's development line (${developmentLine}), NOT ${version}`,
        };
      }
      throw new Error(
        `OpenMetadata ${version}'s definitions could not be had: ${(error as Error).message}\n` +
          "They come from PyPI's openmetadata-ingestion through Python 3 with pip and venv " +
          "(Debian: apt-get install python3-pip python3-venv), or from OPENMETADATA_DEFINITIONS_DIR.",
      );
    }
  });
}

/** The definitions of `line` from a list the global setup provided. */
export function definitionsFor(all: readonly ReleaseDefinitions[], line: OpenMetadataLine): ReleaseDefinitions {
  const found = all.find((definitions) => definitions.line === line);
  if (!found) throw new Error(`No definitions for OpenMetadata ${line}`);
  return found;
}

export function readDefinitions(
  definitions: ReleaseDefinitions,
): { authenticationConfiguration: object; authorizerConfiguration: object } | undefined {
  if (!definitions.file.endsWith(".json")) return undefined;
  return JSON.parse(readFileSync(definitions.file, "utf8"));
}
