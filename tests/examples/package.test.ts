/**
 * examples/ as a reader gets it: the zip the site offers (src/lib/examples-archive.ts), unpacked
 * outside the repository, installed with `npm ci` from its own lockfile, type-checked, and its
 * scripts run from there against the real Keycloak.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll } from "vitest";
import { EXAMPLES_FOLDER, examplesArchive } from "../../src/lib/examples-archive";
import { run } from "../../tooling/process";
import { describe, expect, test } from "../support/fixtures";

let copy: string;
let installOutput: string;
/** The reader's own environment: this machine's, without what `npm test` adds for its own scripts. */
const env = () =>
  Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm_|INIT_CWD$|VITEST|NODE_ENV$)/.test(name)));

beforeAll(async () => {
  const unpacked = mkdtempSync(join(tmpdir(), "reader-"));
  for (const [path, bytes] of Object.entries(unzipSync(examplesArchive()))) {
    mkdirSync(dirname(join(unpacked, path)), { recursive: true });
    writeFileSync(join(unpacked, path), bytes);
  }
  copy = join(unpacked, EXAMPLES_FOLDER);
  // npm ci fails when package-lock.json does not match package.json: the lockfile is checked too.
  const install = await run("npm", ["ci", "--no-audit", "--no-fund"], { cwd: copy, env: env() });
  if (install.code !== 0) throw new Error(`npm ci in the unpacked examples failed:\n${install.stderr}`);
  installOutput = install.stdout + install.stderr;
}, 300_000);

afterAll(() => {
  if (copy) rmSync(join(copy, ".."), { recursive: true, force: true });
});

describe("the examples' zip, unpacked outside the repository", () => {
  test("installs without a warning about install scripts", () => {
    expect(installOutput).not.toMatch(/allowScripts|install-scripts/);
  });

  test("type-checks with only its own package.json and tsconfig", async () => {
    const check = await run("npx", ["tsc", "-p", "."], { cwd: copy, env: env() });
    expect(check.stdout + check.stderr).toBe("");
    expect(check.code).toBe(0);
  });

  test("runs check-realm.ts with npx tsx against the real Keycloak", async ({ realm }) => {
    const check = await run("npx", ["tsx", "keycloak/check-realm.ts"], {
      cwd: copy,
      env: { ...env(), KEYCLOAK_URL: realm.keycloakUrl, KEYCLOAK_REALM: realm.realm },
    });
    expect(check.stderr).toBe("");
    expect(check.stdout).toContain(`Authority (AUTHENTICATION_AUTHORITY): ${realm.keycloakUrl}/realms/${realm.realm}`);
  });
});
