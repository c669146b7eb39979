/**
 * The comments of the examples (their headers above all) are shown in the pages' code boxes, which
 * scroll sideways past about 100 characters: comment lines stay within that. The configuration files
 * are the generator's (src/lib/openmetadata/files.ts) and follow its own layout.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIGURATION_FILES } from "../../src/lib/openmetadata/files";
import { examplesDir } from "../../tooling/paths";

const generated = new Set(CONFIGURATION_FILES.map((file) => file.example));
const scripts = readdirSync(examplesDir, { recursive: true, encoding: "utf8" })
  .filter((file) => /\.(ts|sh|java)$/.test(file) && !file.includes("node_modules") && !generated.has(file))
  .sort();

describe("comment lines in examples/", () => {
  it("finds the scripts", () => {
    expect(scripts).toEqual(expect.arrayContaining(["doctor/doctor.ts", "networks/CheckTls.java"]));
  });

  it.each(scripts)("%s: at most 100 characters", (file) => {
    const long = readFileSync(join(examplesDir, file), "utf8")
      .split("\n")
      .map((line, index) => ({ line: index + 1, text: line }))
      .filter(({ text }) => /^\s*(\/\/|\/\*|\*|#)/.test(text) && text.length > 100);
    expect(long).toEqual([]);
  });
});
