/**
 * scripts/setup.sh checks what the Vitest projects being run need, and nothing more: run here with
 * CI=true (every missing prerequisite a failure) on a PATH that holds Node.js and the few programs
 * the script itself uses, so without Java, Maven, Go, Python, Chromium, curl or Docker.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../tooling/paths";
import vitestConfig from "../../vitest.config";

const setupScript = join(projectRoot, "scripts/setup.sh");
const home = mkdtempSync(join(tmpdir(), "setup-node-only-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** A bin folder with node and what the script runs besides its checks; nothing else. */
const bin = join(home, "bin");
mkdirSync(bin);
symlinkSync(process.execPath, join(bin, "node"));
for (const tool of ["bash", "dirname", "id", "sed", "grep", "head"]) {
  symlinkSync(execFileSync("sh", ["-c", `command -v ${tool}`], { encoding: "utf8" }).trim(), join(bin, tool));
}

function setup(...args: string[]) {
  const result = spawnSync(join(bin, "bash"), [setupScript, ...args], {
    encoding: "utf8",
    env: { PATH: bin, HOME: home, CI: "true", CHROMIUM_PATH: join(home, "no-chromium") },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr.trim() };
}

describe("scripts/setup.sh", () => {
  it("knows Vitest's projects", () => {
    const projects = (vitestConfig.test?.projects ?? []) as { test: { name: string } }[];
    const names = projects.map((project) => project.test.name);
    expect(names).toContain("unit");
    const listed = /^projects=\((.*)\)$/m.exec(readFileSync(setupScript, "utf8"))?.[1].split(" ");
    expect(listed).toEqual(names);
  });

  it("--project unit needs Node.js alone", () => {
    expect(setup("--project", "unit", "tests/lib")).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("stops on what the projects being run need, and names only that", () => {
    const openmetadata = setup("--project=openmetadata");
    expect(openmetadata.code).toBe(1);
    // Java may be found in /usr/lib/jvm whatever PATH says (see below).
    expect(openmetadata.stderr).toMatch(
      /^Missing for the openmetadata tests: (openjdk-17-jre-headless )?maven golang-go python3-venv python3-pip\. Install them, e\.g\. sudo apt-get install (openjdk-17-jre-headless )?maven golang-go python3-venv python3-pip, then run npm test again\.$/,
    );

    const site = setup("--project", "site", "--project", "unit");
    expect(site.code).toBe(1);
    expect(site.stderr).toContain("Missing for the unit site tests: chromium.");

    // Java may be found in /usr/lib/jvm whatever PATH says; Maven, Chromium and curl are not.
    const keycloak = setup("--project", "k*");
    expect(keycloak.code).toBe(1);
    expect(keycloak.stderr).toMatch(/^Missing for the keycloak tests: .*maven chromium curl\./);

    const allButUnit = setup("--project", "!unit");
    expect(allButUnit.stderr).toMatch(/^Missing for the openmetadata keycloak site tests: /);
  });

  it("refuses a project that does not exist, in one line", () => {
    expect(setup("--project", "units")).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "setup: no Vitest project is called units: the projects are unit openmetadata keycloak site (vitest.config.ts).",
    });
  });
});
