/**
 * The doctor's command (examples/doctor/doctor.ts) as a reader runs it, against the real Keycloak:
 * what it prints, its exit codes, one-line failures, the secret never printed, --fix and --sign-in.
 * The runs the doctor page shows are written to src/data/doctor/ (Vitest file snapshots; under
 * CI=true a difference fails instead). What each check finds is in run.test.ts.
 */
import { duration } from "../../../examples/doctor/checks";
import { freePort } from "../../../tooling/keycloak/server";
import { keepCaptured } from "../../support/captured";
import {
  changeClient,
  changeDefaultScope,
  changeRealm,
  type DoctorResult,
  doctorEnv,
  forThePage,
  misconfigure,
  runDoctorCommand,
  startDoctor,
} from "../../support/doctor";
import { runExample } from "../../support/examples";
import { describe, expect, test } from "../../support/fixtures";
import { HttpBrowser, signInAtKeycloak } from "../../support/http-browser";
import { ADMIN_USER_PASSWORD, type ProvisionedRealm } from "../../support/realm";

describe("what the doctor prints, and its exit code", () => {
  test("ensure a realm set up as the Auth Code Flow page says passes, exit code 0", async ({ realm }) => {
    const result = await runDoctorCommand(realm);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Checking client open-metadata of realm \S+ at http:\/\/127\.0\.0\.1:\d+, for/);
    expect(result.stdout).toContain(
      "\nVerdict: ready for OpenMetadata in what it checked (16 passed, 1 skipped). Not checked: Sign-in; its SKIP line says how.\n",
    );
    await keepCaptured("doctor", "passing", forThePage(result, realm));
  });

  test("ensure KEYCLOAK_URL, KEYCLOAK_REALM and OPENMETADATA_URL do what the flags do", async ({ realm }) => {
    const result = await runExample("doctor/doctor.ts", {
      ...doctorEnv(realm),
      KEYCLOAK_URL: realm.keycloakUrl,
      KEYCLOAK_REALM: realm.realm,
      OPENMETADATA_URL: realm.openMetadataUrl,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `Checking client open-metadata of realm ${realm.realm} at ${realm.keycloakUrl}, for OpenMetadata at ${realm.openMetadataUrl}.\n`,
    );
  });

  test("ensure a failed check gives exit code 1, and the verdict says what --fix would do", async ({ realm }) => {
    await misconfigure(realm);
    const result = await runDoctorCommand(realm);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "\nVerdict: not ready (4 failed, 2 warnings, 10 passed, 1 skipped). Do what each FAIL line says (--fix does it for all of them), then run the doctor again. Not checked: Sign-in; its SKIP line says how.\n",
    );
    await keepCaptured("doctor", "failing", forThePage(result, realm));
  });

  test("ensure --fix prints a FIXED line for each change, and a second run passes", async ({ realm }) => {
    await misconfigure(realm);
    const fixed = await runDoctorCommand(realm, { args: ["--fix"] });
    expect(fixed.code).toBe(0);
    expect(fixed.stdout.split("\n").filter((line) => line.startsWith("FIXED"))).toEqual([
      "FIXED Authorization: turned Off.",
      "FIXED Implicit flow: turned Off.",
      "FIXED Direct access grants: turned Off.",
      `FIXED Valid redirect URIs: set to exactly ${realm.callbackUrl}.`,
      `FIXED Web origins: ${realm.openMetadataUrl} added, * removed.`,
      "FIXED Client scope email: added as Default.",
    ]);
    await keepCaptured("doctor", "fixed", forThePage(fixed, realm));
    const again = await runDoctorCommand(realm);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toMatch(/^(FAIL|WARN|FIXED)/m);
  });

  test.for([
    ["a realm URL without a scheme", ["--realm-url", "keycloak.example.com/realms/openmetadata"], "which is not a URL"],
    ["a realm that does not exist", ["--realm-url", "REALM/realms/OpenMetadata"], 'has no realm "OpenMetadata"'],
    ["--fix without an admin", ["--fix"], "--fix changes the client through Keycloak's admin API"],
    ["an unknown option", ["--realm"], "Option '--realm <value>' argument missing. See the options with --help."],
  ])("ensure %s stops with one line on stderr and exit code 2", async ([, args, sentence], { realm }) => {
    const given = (args as string[]).map((arg) => arg.replace("REALM", realm.keycloakUrl));
    const result = await runDoctorCommand(realm, { admin: !given.includes("--fix"), args: given });
    expect(result.code).toBe(2);
    expect(result.stdout).not.toContain("Verdict");
    expect(result.stderr.split("\n")).toEqual([expect.stringContaining(sentence as string), ""]);
  });

  test("ensure the secret never appears in what the doctor prints, even typed into another setting", async ({
    realm,
  }) => {
    const runs = [
      await runDoctorCommand(realm),
      await runDoctorCommand(realm, { args: ["--client-id", realm.secret] }),
      await runDoctorCommand(realm, { args: ["--realm-url", realm.secret] }),
    ];
    for (const run of runs) expect(`${run.stdout}${run.stderr}`).not.toContain(realm.secret);
    expect(runs[1]?.stdout).toContain("Checking client ******** of realm");
    expect(runs[2]?.stderr).toContain('--realm-url is "********", which is not a URL');
  });

  test("ensure --help lists every option with what it does, and the exit codes", async () => {
    const result = await runExample("doctor/doctor.ts", {}, ["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^npx tsx doctor\/doctor\.ts --realm-url <URL> --openmetadata-url <URL> \[options\]\n/,
    );
    expect(result.stdout).toContain("  --fix                        correct the client's switches");
    expect(result.stdout).toContain(
      "Exit code: 0 when no check failed, 1 when one did, 2 when the doctor could not check.",
    );
  });
});

describe("--sign-in: a real sign-in, and who OpenMetadata takes the user for", () => {
  test("ensure --sign-in shows the claims OpenMetadata reads and the name and email it derives", async ({ realm }) => {
    // The principal domain every deployment page and the generator set.
    const signedIn = await signInWithDoctor(realm, ["--principal-domain", "example.com"]);
    const { callbackUrl } = signedIn;
    const result = steadyRefresh(signedIn.result);
    expect(result.code).toBe(0);
    const sub = /sub "([^"]+)"/.exec(result.stdout)?.[1] ?? "";
    expect(result.stdout).toContain(
      "PASS  Sign-in: admin-user signed in; the code exchange gave an ID token for open-metadata, signed by the realm.\n" +
        `      Claims OpenMetadata reads (principal claims email, preferred_username, sub): email "admin-user@example.com", preferred_username "admin-user", sub "${sub}".\n` +
        "      OpenMetadata's user: name admin-user, email admin-user@example.com (principal domain example.com).\n" +
        // The refresh token lasts as long as SSO Session Idle (30 minutes by default).
        "      Tokens: access token for 5 minutes, refresh token for 30 minutes.\n",
    );
    await keepCaptured(
      "doctor",
      "sign-in",
      forThePage(result, realm, [
        [callbackUrl, "http://localhost:8400/callback"],
        [encodeURIComponent(callbackUrl), encodeURIComponent("http://localhost:8400/callback")],
        [/state=[\w-]+/, "state=…"],
        [/nonce=[\w-]+/, "nonce=…"],
        [sub, "…"],
      ]),
    );
  });

  test("ensure --principal-claims, --principal-domain and client_secret_basic sign in as OpenMetadata would", async ({
    realm,
  }) => {
    const { result } = await signInWithDoctor(realm, [
      "--principal-claims",
      "preferred_username,email,sub",
      "--principal-domain",
      "example.org",
      "--client-auth-method",
      "client_secret_basic",
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "      OpenMetadata's user: name admin-user, email admin-user@example.org (principal domain example.org).\n",
    );
  });

  test("ensure an email scope that is only Optional is a warning, and a sign-in still gets the email", async ({
    realm,
  }) => {
    await changeDefaultScope(realm, "email", "optional");
    const { result } = await signInWithDoctor(realm);
    expect(result.code).toBe(0);
    expect(result.line("Client scope email")).toMatch(/^WARN {2}Client scope email: Optional, not Default\./);
    expect(result.stdout).toContain('email "admin-user@example.com"');
  });

  test("ensure an SSO Session Idle shorter than the access token lifespan shows in the tokens Keycloak issues", async ({
    realm,
  }) => {
    await changeRealm(realm, { accessTokenLifespan: 900, ssoSessionIdleTimeout: 600 });
    const { result } = await signInWithDoctor(realm, ["--session-expiry", "86400"]);
    // What the SSO sessions advice rests on: the refresh token ends with SSO Session Idle, first.
    expect(steadyRefresh(result).stdout).toContain(
      "      Tokens: access token for 15 minutes, refresh token for 10 minutes.\n",
    );
    expect(result.line("SSO sessions")).toMatch(
      /^WARN {2}SSO sessions: .* lasts 1 day\. SSO Session Idle is shorter than the access token lifespan/,
    );
  });

  test("ensure --sign-in with a callback Keycloak refuses says so at once, instead of waiting", async ({ realm }) => {
    const callbackUrl = `http://127.0.0.1:${await freePort()}/callback`;
    const result = await runDoctorCommand(realm, { args: ["--sign-in", "--callback-url", callbackUrl] });
    expect(result.code).toBe(1);
    expect(result.line("Sign-in")).toBe(
      `FAIL  Sign-in: Keycloak answers "Invalid parameter: redirect_uri". Add ${callbackUrl} to the client's Valid redirect URIs while you try this (or choose another with --callback-url), and remove it afterwards.`,
    );
  });
});

/**
 * Keycloak counts a refresh token's lifespan from the sign-in, in whole seconds: a code exchange
 * that falls in the next second gets one second less, "599 seconds" for 10 minutes.
 */
function steadyRefresh(result: DoctorResult): DoctorResult {
  const stdout = result.stdout.replace(/refresh token for (\d+) seconds/, (line, seconds) =>
    Number(seconds) % 60 === 59 ? `refresh token for ${duration(Number(seconds) + 1)}` : line,
  );
  return { ...result, stdout };
}

/** Runs the doctor with --sign-in and signs admin-user in at Keycloak's login page. */
async function signInWithDoctor(realm: ProvisionedRealm, args: string[] = []) {
  const callbackUrl = `http://127.0.0.1:${await freePort()}/callback`;
  await changeClient(realm, { redirectUris: [realm.callbackUrl, callbackUrl] });
  const doctor = startDoctor(realm, { args: ["--sign-in", "--callback-url", callbackUrl, ...args] });
  try {
    const printed = await doctor.waitFor(/Open this URL in a browser and sign in:\n(\S+)\n/);
    const browser = new HttpBrowser();
    const callback = await signInAtKeycloak(browser, new URL(printed[1] ?? ""), "admin-user", ADMIN_USER_PASSWORD);
    await browser.request(callback);
    return { result: await doctor.result, callbackUrl };
  } finally {
    doctor.stop();
  }
}
