/**
 * examples/package-lock.json pins what a reader installs: the same versions the repository's own
 * lockfile installs for the tests, so the reader runs what the tests ran.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { examplesDir, projectRoot } from "../../tooling/paths";

const json = (file: string) => JSON.parse(readFileSync(file, "utf8"));
const examplesPackage = json(join(examplesDir, "package.json"));
const examplesLock = json(join(examplesDir, "package-lock.json"));
const rootLock = json(join(projectRoot, "package-lock.json"));

describe("examples/package-lock.json", () => {
  const direct = Object.keys({ ...examplesPackage.dependencies, ...examplesPackage.devDependencies });

  it("lists exactly the dependencies of examples/package.json", () => {
    const locked = examplesLock.packages[""];
    expect({ ...locked.dependencies, ...locked.devDependencies }).toEqual({
      ...examplesPackage.dependencies,
      ...examplesPackage.devDependencies,
    });
  });

  it.each(direct)("pins %s at the version the tests install", (name) => {
    const tested = rootLock.packages[`examples/node_modules/${name}`] ?? rootLock.packages[`node_modules/${name}`];
    expect(examplesLock.packages[`node_modules/${name}`]?.version).toBe(tested?.version);
  });

  it("allows, in its own .npmrc, the same install scripts as the repository, and none in package.json", () => {
    // npm reads allowScripts from the project root only, and warns about one in a workspace package.
    const npmrc = readFileSync(join(examplesDir, ".npmrc"), "utf8");
    const allowed = /^allow-scripts=(.*)$/m
      .exec(npmrc)?.[1]
      ?.split(",")
      .map((name) => name.trim());
    const root = json(join(projectRoot, "package.json")).allowScripts as Record<string, boolean>;
    expect(allowed).toEqual(Object.keys(root).filter((name) => root[name] === true));
    expect(examplesPackage.allowScripts).toBeUndefined();
  });
});
