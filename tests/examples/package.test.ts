/**
 * examples/ as a reader gets it: the folder copied out of the repository, `npm install`, type-checked,
 * and its scripts run from there against the real Keycloak.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { describe, expect, test } from "../support/fixtures";
import { examplesDir } from "../support/paths";
import { run } from "../support/process";

let copy: string;
/** The reader's own environment: this machine's, without what `npm test` adds for its own scripts. */
const env = () =>
  Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm_|INIT_CWD$|VITEST|NODE_ENV$)/.test(name)));

beforeAll(async () => {
  copy = join(mkdtempSync(join(tmpdir(), "reader-")), "examples");
  cpSync(examplesDir, copy, { recursive: true, filter: (source) => !source.includes("node_modules") });
  const install = await run("npm", ["install", "--no-audit", "--no-fund"], { cwd: copy, env: env() });
  if (install.code !== 0) throw new Error(`npm install in a copy of examples/ failed:\n${install.stderr}`);
}, 300_000);

afterAll(() => {
  if (copy) rmSync(join(copy, ".."), { recursive: true, force: true });
});

describe("a copy of examples/ outside the repository", () => {
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
