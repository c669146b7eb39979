/** examples/README.md, the first file a reader of the examples' zip opens, names what is there. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIGURATION_FILES } from "../../src/lib/openmetadata/files";
import { examplesDir } from "../../tooling/paths";

const readme = readFileSync(join(examplesDir, "README.md"), "utf8");
const named = [...readme.matchAll(/`([\w-]+\/[\w./-]*)`/g)].map((match) => match[1] ?? "");

describe("examples/README.md", () => {
  it("names only files and folders that exist", () => {
    expect(named.length).toBeGreaterThan(5);
    for (const path of named) expect(existsSync(join(examplesDir, path)), path).toBe(true);
  });

  it("names every script and file of the examples, or its folder", () => {
    const generated = new Set(CONFIGURATION_FILES.map((file) => file.example));
    // dist/ holds the doctor while `npm pack` runs (scripts/bundle-doctor.ts), a test's pack included.
    const files = readdirSync(examplesDir, { recursive: true, encoding: "utf8" }).filter(
      (path) =>
        path.includes("/") &&
        !path.includes("node_modules") &&
        !path.startsWith("dist/") &&
        !generated.has(path) &&
        /\.\w+$/.test(path),
    );
    for (const file of files) {
      const folder = `${file.slice(0, file.indexOf("/"))}/`;
      expect(named.includes(file) || named.includes(folder), file).toBe(true);
    }
  });
});
