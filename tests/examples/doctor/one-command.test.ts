/**
 * The doctor one command away, run outside the repository against the real Keycloak: the single
 * file the site serves (bundled by src/lib/doctor-bundle.ts, the site's own function), downloaded
 * over HTTP with the page's curl command into a folder without node_modules and run with plain
 * Node.js through the doctor page's commands; and the command `npm pack` in examples/ ships,
 * installed from the tarball. Both print what `npx tsx doctor/doctor.ts` prints.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { bundleDoctor, DOCTOR_COMMAND, DOCTOR_FILE, doctorDownloadCommand } from "../../../src/lib/doctor-bundle";
import { examplesDir, projectRoot } from "../../../tooling/paths";
import { type CommandResult, run } from "../../../tooling/process";
import { startStaticServer } from "../../../tooling/static-server";
import { doctorArgs, doctorEnv } from "../../support/doctor";
import { runExample } from "../../support/examples";
import { describe, expect, test } from "../../support/fixtures";
import { keycloak, type ProvisionedRealm } from "../../support/realm";
import { pageCommands } from "../../support/site/commands";

const PAGE = "keycloak/doctor.mdx";
/** The doctor page's commands: the first run, the secret, the admin's login (in that order). */
const [firstRun = "", readSecret = "", readAdmin = ""] = pageCommands(PAGE, "Run it");
const READY = /^Verdict: ready for OpenMetadata/m;
const folders: string[] = [];

/** A reader's environment: PATH and HOME only, no npm or Vitest settings. */
const readerEnv = (env: Record<string, string> = {}) => ({ PATH: process.env.PATH, HOME: process.env.HOME, ...env });

/** Runs `script` in bash, as a reader pastes the page's commands, typing `input` at its prompts. */
function shell(script: string, cwd: string, input = ""): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", script], { cwd, env: readerEnv() });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** A page command with the guide's example values replaced by this realm's and this Keycloak's. */
function forThisRealm(command: string, realm: ProvisionedRealm): string {
  return command
    .replace("https://keycloak.example.com/realms/openmetadata", `${realm.keycloakUrl}/realms/${realm.realm}`)
    .replace("http://localhost:8585", realm.openMetadataUrl)
    .replace("KEYCLOAK_ADMIN_USERNAME=admin ", `KEYCLOAK_ADMIN_USERNAME=${keycloak().adminUsername} `);
}

function tempFolder(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  folders.push(folder);
  return folder;
}

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** What `npx tsx doctor/doctor.ts` prints for the realm with the secret and the admin, once per file. */
let fromSource: Promise<CommandResult> | undefined;
const sourceRun = (realm: ProvisionedRealm) => {
  fromSource ??= runExample("doctor/doctor.ts", doctorEnv(realm), doctorArgs(realm));
  return fromSource;
};

describe("the doctor as one file, downloaded from the site", () => {
  let reader: string;

  beforeAll(async () => {
    const site = tempFolder("doctor-site-");
    writeFileSync(join(site, DOCTOR_FILE), await bundleDoctor(projectRoot));
    const server = await startStaticServer(site);
    try {
      reader = tempFolder("doctor-reader-");
      const download = await shell(doctorDownloadCommand(`${server.url}/${DOCTOR_FILE}`), reader);
      if (download.code !== 0) throw new Error(`The download failed (${download.code}): ${download.stderr}`);
    } finally {
      await server.close();
    }
  }, 120_000);

  test("ensure the folder holds the one file, and no node_modules is there or above it", () => {
    expect(readdirSync(reader)).toEqual([DOCTOR_FILE]);
    for (let folder = reader; folder !== dirname(folder); folder = dirname(folder)) {
      expect(existsSync(join(folder, "node_modules")), folder).toBe(false);
    }
  });

  test("ensure the page's first command passes a realm set up as the Auth Code Flow page says", async ({ realm }) => {
    expect(firstRun).toMatch(new RegExp(`^node ${DOCTOR_FILE} --realm-url `));
    const result = await shell(forThisRealm(firstRun, realm), reader);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(READY);
    expect(result.code).toBe(0);
  });

  test("ensure the page's commands with the secret and the admin typed in print what the source prints", async ({
    realm,
  }) => {
    expect(readSecret).toContain("read -rs OIDC_CLIENT_SECRET");
    expect(readAdmin).toContain("read -rs KEYCLOAK_ADMIN_PASSWORD");
    const typed = `${realm.secret}\n${keycloak().adminPassword}\n`;
    const script = [readSecret, forThisRealm(readAdmin, realm), forThisRealm(firstRun, realm)].join("\n");
    const result = await shell(script, reader, typed);
    const source = await sourceRun(realm);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(`Client secret: \nAdmin password: \n${source.stdout}`);
    expect(result.stdout).toMatch(READY);
    expect(result.code).toBe(0);
  });

  test("ensure a wrong secret typed in fails with exit code 1", async ({ realm }) => {
    const script = [readSecret, forThisRealm(firstRun, realm)].join("\n");
    const result = await shell(script, reader, "not-the-secret\n");
    expect(result.stdout).toMatch(/^FAIL {2}Client secret: Keycloak rejects it\./m);
    expect(result.stdout).toMatch(/^Verdict: not ready/m);
    expect(result.code).toBe(1);
  });

  test("ensure a realm URL that is not one stops it with one line and exit code 2", async () => {
    const result = await shell(`node ${DOCTOR_FILE} --realm-url keycloak.example.com`, reader);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^--realm-url is "keycloak\.example\.com", which is not a URL: [^\n]+\n$/);
    expect(result.code).toBe(2);
  });
});

describe("the doctor as the examples package's command, packed and installed", () => {
  let command: string;

  beforeAll(async () => {
    const packed = tempFolder("doctor-pack-");
    const env = readerEnv();
    const pack = await run("npm", ["pack", "--pack-destination", packed], { cwd: examplesDir, env });
    if (pack.code !== 0) throw new Error(`npm pack in examples/ failed (${pack.code}):\n${pack.stderr}`);
    const [tarball, ...more] = readdirSync(packed);
    if (!tarball || more.length > 0) throw new Error(`npm pack wrote ${readdirSync(packed).join(", ")}`);
    // The page's `npm install --global`, into a prefix of its own; the registry only for what the cache lacks.
    const prefix = join(packed, "prefix");
    mkdirSync(prefix);
    const install = await run(
      "npm",
      ["install", "--global", "--prefix", prefix, "--prefer-offline", "--no-audit", "--no-fund", join(packed, tarball)],
      { cwd: packed, env },
    );
    if (install.code !== 0) throw new Error(`npm install --global failed (${install.code}):\n${install.stderr}`);
    command = join(prefix, "bin", DOCTOR_COMMAND);
  }, 300_000);

  test("ensure npm pack leaves nothing behind in examples/", () => {
    expect(existsSync(join(examplesDir, "dist"))).toBe(false);
  });

  test("ensure the command prints what the source prints for a realm that passes", async ({ realm }) => {
    const result = await runCommand(command, doctorArgs(realm), doctorEnv(realm));
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe((await sourceRun(realm)).stdout);
    expect(result.stdout).toMatch(READY);
    expect(result.code).toBe(0);
  });

  test("ensure a wrong secret fails with exit code 1", async ({ realm }) => {
    const result = await runCommand(command, doctorArgs(realm), doctorEnv(realm, { env: { OIDC_CLIENT_SECRET: "x" } }));
    expect(result.stdout).toMatch(/^Verdict: not ready/m);
    expect(result.code).toBe(1);
  });

  test("ensure a realm URL that is not one stops it with one line and exit code 2", async () => {
    const result = await runCommand(command, ["--realm-url", "keycloak.example.com"], {});
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^--realm-url is "keycloak\.example\.com", which is not a URL: [^\n]+\n$/);
    expect(result.code).toBe(2);
  });
});

function runCommand(command: string, args: string[], env: Record<string, string>): Promise<CommandResult> {
  return run(command, args, { cwd: tmpdir(), env: readerEnv(env) });
}
