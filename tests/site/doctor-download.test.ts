/**
 * The doctor as one file, in both builds of the site (at the root, and under a base path as a
 * GitHub project site): the site serves it, the doctor page shows the command that downloads it from
 * the site's own address, and that command, run against the served site, gets the served file,
 * which runs with plain Node.js in a folder without node_modules. tests/examples/doctor/one-command.test.ts
 * runs the same file against the real Keycloak.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "node-html-parser";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DOCTOR_FILE, DOCTOR_SOURCE, doctorDownloadCommand } from "../../src/lib/doctor-bundle";
import { siteAddress } from "../../src/lib/site-address";
import { projectRoot } from "../../tooling/paths";
import { run } from "../../tooling/process";
import { type StaticServer, startStaticServer } from "../../tooling/static-server";
import { projectSiteBuild, rootBuild } from "../support/site/build";

const { version } = JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8"));
/** A reader's environment: PATH and HOME only. */
const readerEnv = { PATH: process.env.PATH, HOME: process.env.HOME };

describe.each([rootBuild, projectSiteBuild])("the site built under $base", (build) => {
  const { site, base } = siteAddress(build.env);
  const published = `${site}${base}${DOCTOR_FILE}`;
  let server: StaticServer;
  let reader: string;

  beforeAll(async () => {
    server = await startStaticServer(build.dir, { base });
    reader = mkdtempSync(join(tmpdir(), "doctor-download-"));
  });
  afterAll(async () => {
    await server.close();
    rmSync(reader, { recursive: true, force: true });
  });

  test("serves the doctor as one file that says what it is, where it comes from and which guide", async () => {
    const response = await fetch(`${server.url}/${DOCTOR_FILE}`);
    expect(response.status).toBe(200);
    const header = (await response.text()).split("\n").slice(0, 8).join("\n");
    expect(header).toMatch(new RegExp(`^#!/usr/bin/env node\\n// ${DOCTOR_FILE}: the Keycloak doctor `));
    expect(header).toContain(`// Source: ${DOCTOR_SOURCE} `);
    expect(header).toContain(`// Guide version ${version}`);
  });

  test("shows the command that downloads it from the site's address, which gets a file that runs with plain Node.js", async () => {
    const page = parse(readFileSync(join(build.dir, "keycloak/doctor/index.html"), "utf8"));
    const downloads = page
      .querySelectorAll("button[data-code]")
      .map((button) => button.getAttribute("data-code") ?? "")
      .filter((command) => command.startsWith("curl "));
    expect(downloads).toEqual([doctorDownloadCommand(published)]);

    // The page's command, with the published address replaced by where this test serves the build.
    const command = (downloads[0] ?? "").replace(published, `${server.url}/${DOCTOR_FILE}`);
    const download = await run("bash", ["-c", command], { cwd: reader, env: readerEnv });
    expect(download.stderr).toBe("");
    expect(download.code).toBe(0);
    expect(readdirSync(reader)).toEqual([DOCTOR_FILE]);
    expect(readFileSync(join(reader, DOCTOR_FILE))).toEqual(readFileSync(join(build.dir, DOCTOR_FILE)));

    const help = await run("node", [DOCTOR_FILE, "--help"], { cwd: reader, env: readerEnv });
    expect(help.stderr).toBe("");
    expect(help.stdout.split("\n")[0]).toBe(`node ${DOCTOR_FILE} --realm-url <URL> --openmetadata-url <URL> [options]`);
    expect(help.code).toBe(0);
  });
});
