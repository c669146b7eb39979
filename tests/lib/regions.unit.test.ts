import { describe, expect, it } from "vitest";
import { dedent, listRegions, selectCode } from "../../src/lib/regions";

const typescript = [
  "const a = 1;",
  "// #region setup",
  "  const b = 2;",
  "    const c = 3;",
  "// #endregion setup",
  "// #region tail",
  "console.log(a);",
  "// #endregion tail",
  "",
].join("\n");

const yaml = ["root:", "  #region child", "  child: true", "  #endregion child", "other: 1"].join("\n");

describe("selectCode", () => {
  it("returns the whole file without region markers when no region is asked for", () => {
    expect(selectCode(typescript)).toBe(
      ["const a = 1;", "  const b = 2;", "    const c = 3;", "console.log(a);"].join("\n"),
    );
  });

  it("returns a region's lines, dedented", () => {
    expect(selectCode(typescript, "setup")).toBe(["const b = 2;", "  const c = 3;"].join("\n"));
  });

  it("reads regions marked with # comments, as in YAML, env and shell files", () => {
    expect(selectCode(yaml, "child")).toBe("child: true");
  });

  it("fails with the known regions when a region is missing", () => {
    expect(() => selectCode(typescript, "missing", "examples/a.ts")).toThrow(
      'Region "missing" not found in examples/a.ts. Regions there: setup, tail.',
    );
  });

  it("fails when a region is never closed", () => {
    expect(() => selectCode("// #region open\nx", "open", "examples/b.ts")).toThrow(
      'Region "open" in examples/b.ts has no matching "#endregion open".',
    );
  });

  it("leaves a file without markers exactly as it is, less surrounding blank lines", () => {
    const env = "A=1\n\n# comment\nB=two words\n";
    expect(selectCode(env)).toBe("A=1\n\n# comment\nB=two words");
  });
});

describe("listRegions and dedent", () => {
  it("lists region names in order", () => {
    expect(listRegions(typescript)).toEqual(["setup", "tail"]);
  });

  it("dedents by the smallest indentation of non-blank lines", () => {
    expect(dedent(["    a", "", "      b"])).toEqual(["a", "", "  b"]);
  });
});
