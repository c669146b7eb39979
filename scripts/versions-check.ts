/**
 * `npm run versions:check`: asks Maven and PyPI, through mvn and pip, for the newest release of each
 * Keycloak and OpenMetadata line src/versions.ts names and of any newer line, and prints what is
 * newer, saying "released, not served here" for a Keycloak release whose server distribution does
 * not download (scripts/versions-check/registries.ts says how each is asked).
 *
 *   --write                 writes what is newer into src/versions.ts: a served newer patch replaces
 *                           its line's, a served new Keycloak line is added, the pin follows its line,
 *                           OpenMetadata's releases and packages are updated. A new OpenMetadata line
 *                           is only named (its server settings are written by hand).
 *   --versions-file <file>  another file than src/versions.ts
 *   --maven-settings <file>, --maven-repository <dir>, --pip-index-url <url>
 *                           ask other registries than Maven's and pip's configured ones (the tests'
 *                           stand-in): Maven's settings (-s), its local repository, pip's --index-url.
 *
 * Exit status: 0 when nothing newer is served (or it was written), 1 when something newer is served
 * and not written, 2 when the registries could not be asked or answered garbage: then one line says
 * what to do, and nothing is written.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { projectRoot } from "../tooling/paths";
import { checkReleases, defaultRegistryOptions } from "./versions-check/registries";
import {
  describeChanges,
  newOpenMetadataLines,
  updatedVersions,
  type Versions,
  VersionsCheckError,
} from "./versions-check/releases";
import { formatReport } from "./versions-check/report";
import { readVersions, writeVersions } from "./versions-check/versions-file";

/** The project's formatter on the new text, so the file stays as `npm run lint` wants it. */
function formatted(text: string): string {
  const biome = spawnSync(
    join(projectRoot, "node_modules/.bin/biome"),
    ["format", "--stdin-file-path=src/versions.ts"],
    { cwd: projectRoot, input: text, encoding: "utf8" },
  );
  if (biome.error || biome.status !== 0) {
    throw new VersionsCheckError(
      `Biome could not format the new src/versions.ts (${biome.error?.message ?? biome.stderr.trim().split("\n")[0]}): run npm ci, and run again.`,
    );
  }
  return biome.stdout;
}

/** What to run after a write: the pages read the file when built; the compatibility table needs the suites. */
function nextSteps(before: Versions, after: Versions): string[] {
  return [
    "The pages read src/versions.ts when the site is built (the versions each page names, the overview's list of Keycloak lines, the generator's OpenMetadata lines).",
    "The overview's compatibility table (src/data/keycloak-compatibility.json) comes from running the suites on each Keycloak version. Next:",
    "  npm run test:keycloak-versions",
    ...(before.keycloakPin !== after.keycloakPin
      ? ["  npm run screenshots   (the pin changed: the admin console's screenshots)"]
      : []),
    "  npm test",
  ];
}

const flags = {
  write: { type: "boolean" },
  "versions-file": { type: "string" },
  "maven-settings": { type: "string" },
  "maven-repository": { type: "string" },
  "pip-index-url": { type: "string" },
} as const;

function parseOptions() {
  try {
    return parseArgs({ options: flags }).values;
  } catch (error) {
    throw new VersionsCheckError(
      `${(error as Error).message.split("\n")[0]}: versions:check takes --write, --versions-file <file>, --maven-settings <file>, --maven-repository <dir> and --pip-index-url <url>.`,
    );
  }
}

async function main(): Promise<number> {
  const options = parseOptions();
  const file = resolve(options["versions-file"] ?? join(projectRoot, "src/versions.ts"));
  const shown = relative(process.cwd(), file).startsWith("..") ? file : relative(process.cwd(), file);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new VersionsCheckError(
      `${shown} cannot be read (${(error as Error).message}): name the versions file, and run again.`,
    );
  }
  const current = readVersions(text, shown);
  const defaults = defaultRegistryOptions();
  const report = await checkReleases(current, {
    ...defaults,
    mavenSettings: options["maven-settings"] && resolve(options["maven-settings"]),
    mavenRepository: resolve(options["maven-repository"] ?? defaults.mavenRepository),
    pipIndexUrl: options["pip-index-url"],
  });
  console.log(formatReport(current, report));

  const next = updatedVersions(current, report);
  const changes = describeChanges(current, next);
  const newLines = newOpenMetadataLines(report);
  const warning = process.env.GITHUB_ACTIONS === "true" ? "::warning::" : "";
  for (const line of newLines) {
    console.log(
      `${warning}OpenMetadata ${line.line} (${line.version}, openmetadata-ingestion ${line.ingestionPackage}) is a new line: add it to OPENMETADATA_RELEASES by hand, with its server settings in src/lib/openmetadata/server.ts.`,
    );
  }
  if (changes.length === 0 && newLines.length === 0) {
    console.log(`\nNothing newer than ${shown} names is served here.`);
    return 0;
  }
  if (changes.length > 0) console.log(`\nNewer than ${shown}:\n${changes.map((change) => `  ${change}`).join("\n")}`);
  if (!options.write) {
    if (changes.length > 0) console.log("npm run versions:check -- --write writes them.");
    return 1;
  }
  if (changes.length === 0) {
    console.log(`\nNothing to write into ${shown}.`);
    return 0;
  }
  const written = formatted(writeVersions(text, next, shown));
  const temporary = `${file}.versions-check-${process.pid}`;
  try {
    writeFileSync(temporary, written);
    renameSync(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
  console.log(`Wrote ${shown}.`);
  console.log(nextSteps(current, next).join("\n"));
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  const message = error instanceof VersionsCheckError ? error.message : ((error as Error).stack ?? String(error));
  console.error(`versions:check: ${message} Nothing written.`);
  process.exitCode = 2;
}
