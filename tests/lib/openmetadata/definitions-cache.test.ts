/** Fetching a release's definitions on a fresh machine: nothing cached, not even the cache folder. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { OPENMETADATA_RELEASES } from "../../../src/versions";
import { fromPyPI } from "../../support/openmetadata/definitions";

const parent = mkdtempSync(join(tmpdir(), "fresh-machine-"));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe("OpenMetadata's definitions on a fresh machine", () => {
  it("are fetched into a cache folder that does not exist yet, then read from it", { timeout: 180_000 }, () => {
    const root = join(parent, "not/made/yet");
    const { ingestionPackage } = OPENMETADATA_RELEASES[0];
    const file = fromPyPI(ingestionPackage, root);
    expect(file).toBe(join(root, `openmetadata-ingestion-${ingestionPackage}`, "definitions.json"));
    expect(Object.keys(JSON.parse(readFileSync(file, "utf8")))).toEqual([
      "authenticationConfiguration",
      "authorizerConfiguration",
    ]);
    expect(
      readdirSync(root).filter((name) => name.startsWith(".")),
      "no download left half done",
    ).toEqual([]);
    expect(fromPyPI(ingestionPackage, root)).toBe(file);
  });
});
