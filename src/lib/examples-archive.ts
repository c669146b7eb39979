/**
 * The examples/ folder as one zip, the download the pages offer: every file a reader runs, with
 * its package.json and package-lock.json, and nothing installed (no node_modules). The site serves
 * these bytes, and tests/examples/package.test.ts unpacks the same bytes outside the repository,
 * installs and runs them.
 */
import { strToU8, type Zippable, zipSync } from "fflate";
import { exampleSources } from "./examples";

/** The archive's name on the site, and the folder it unpacks to. */
export const EXAMPLES_ARCHIVE = "openmetadata-keycloak-examples.zip";
export const EXAMPLES_FOLDER = "openmetadata-keycloak-examples";

// A fixed date, so the same files always give the same bytes.
const MTIME = new Date("2026-01-01T00:00:00Z");

/** The zip's bytes: every example file under EXAMPLES_FOLDER. */
export function examplesArchive(): Uint8Array {
  const sources = exampleSources();
  const files = Object.keys(sources).sort();
  const entries: Zippable = {};
  for (const file of files) {
    // Unix permissions, so the shell scripts stay executable once unpacked.
    const attrs = (file.endsWith(".sh") ? 0o100755 : 0o100644) * 0x10000;
    entries[`${EXAMPLES_FOLDER}/${file}`] = [strToU8(sources[file] ?? ""), { mtime: MTIME, os: 3, attrs }];
  }
  return zipSync(entries, { level: 9 });
}
