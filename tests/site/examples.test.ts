import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { languageOf, listExamples, readExample } from "../../src/lib/examples";
import { projectRoot } from "../support/build-site";
import { guidePages } from "../support/pages";

describe("examples as the Example component reads them", () => {
  it("finds every file under examples/", () => {
    expect(listExamples()).toEqual(
      expect.arrayContaining(guidePages.flatMap((page) => page.examples.map((e) => e.file))),
    );
  });

  const wholeFiles = guidePages.flatMap((page) => page.examples.filter((embed) => !embed.region).map((e) => e.file));
  it.each(wholeFiles)("shows %s exactly as the file on disk", (file) => {
    const onDisk = readFileSync(join(projectRoot, "examples", file), "utf8");
    expect(readExample(file)).toBe(onDisk.trimEnd());
    expect(languageOf(file)).toMatch(/^(ts|dotenv|yaml|sh|json)$/);
  });

  it("fails loudly on a file that does not exist", () => {
    expect(() => readExample("docker/no-such-file.env")).toThrow(
      'Example file examples/docker/no-such-file.env does not exist. Check the "file" prop of <Example>.',
    );
  });

  it("fails loudly on a region that does not exist", () => {
    expect(() => readExample("keycloak/check-realm.ts", "no-such-region")).toThrow(
      'Region "no-such-region" not found in examples/keycloak/check-realm.ts',
    );
  });
});
