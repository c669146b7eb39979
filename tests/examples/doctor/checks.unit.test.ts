/**
 * The doctor's rules (examples/doctor/checks.ts), --fix's plan (fix.ts) and its verdict (report.ts),
 * as pure functions; that Keycloak's answers reach them as these tests assume is in run.test.ts,
 * against a real realm.
 */

import type ClientRepresentation from "@keycloak/keycloak-admin-client/lib/defs/clientRepresentation.js";
import { describe, expect, it } from "vitest";
import {
  checkClientSettings,
  checkDefaultScopes,
  checkLifespans,
  checkSigningKeys,
  duration,
  type Finding,
  openMetadataAddress,
  secretRefused,
  tokenLifespan,
} from "../../../examples/doctor/checks";
import { planFix } from "../../../examples/doctor/fix";
import { findingLines, verdict } from "../../../examples/doctor/report";

const sevenDays = 604800;
const sessions = (realm: {
  accessTokenLifespan?: number;
  ssoSessionIdleTimeout?: number;
  ssoSessionMaxLifespan?: number;
}) => checkLifespans(realm, undefined, sevenDays).find((finding) => finding.check === "SSO sessions");

describe("SSO sessions: a warning only for an SSO Session Idle that is too short", () => {
  it("passes Keycloak's defaults, saying when users of 1.12 and 1.13 sign in again", () => {
    expect(sessions({})).toEqual({
      status: "PASS",
      check: "SSO sessions",
      text: "idle 30 minutes, at most 10 hours; OpenMetadata's own session lasts 7 days. OpenMetadata 1.12 and 1.13 renew tokens through Keycloak, so their users sign in again after 30 minutes without use, or 10 hours at most.",
    });
  });

  it("passes the Sessions and tokens page's working day, 8 hours for Idle and Max, though Max is below Keycloak's 10 hours", () => {
    expect(sessions({ ssoSessionIdleTimeout: 28800, ssoSessionMaxLifespan: 28800 })).toMatchObject({
      status: "PASS",
      text: expect.stringContaining("sign in again after 8 hours without use, or 8 hours at most."),
    });
  });

  it("passes a short Max with a long Idle, and says so", () => {
    expect(sessions({ ssoSessionIdleTimeout: 3600, ssoSessionMaxLifespan: 3600 })).toMatchObject({
      status: "PASS",
      text: expect.stringContaining("after 1 hour without use, or 1 hour at most."),
    });
  });

  it("warns about an Idle shorter than Keycloak's 30 minutes, naming Idle only", () => {
    const finding = sessions({ ssoSessionIdleTimeout: 600, ssoSessionMaxLifespan: 36000 });
    expect(finding).toEqual({
      status: "WARN",
      check: "SSO sessions",
      text: "idle 10 minutes, at most 10 hours; OpenMetadata's own session lasts 7 days. SSO Session Idle is shorter than Keycloak's default (30 minutes): on OpenMetadata 1.12 and 1.13, which renew tokens through Keycloak, users who leave OpenMetadata unused for 10 minutes sign in again. Raise SSO Session Idle in Realm settings, Sessions tab, to at least the time users leave OpenMetadata open without using it.",
    });
    expect(finding?.text).not.toContain("SSO Session Max");
  });

  it("warns about an Idle shorter than the access token lifespan first", () => {
    expect(sessions({ accessTokenLifespan: 900, ssoSessionIdleTimeout: 600 })).toMatchObject({
      status: "WARN",
      text: expect.stringContaining(
        "SSO Session Idle is shorter than the access token lifespan (15 minutes): the session ends before its first token does",
      ),
    });
  });
});

describe("the token lifespans the doctor reports after --sign-in", () => {
  it("reads an expires_in a second short of a whole minute as that minute, and any other value as it is", () => {
    expect(duration(tokenLifespan(299))).toBe("5 minutes");
    expect(duration(tokenLifespan(300))).toBe("5 minutes");
    expect(duration(tokenLifespan(1799))).toBe("30 minutes");
    expect(duration(tokenLifespan(3601))).toBe("1 hour");
    expect(duration(tokenLifespan(90))).toBe("90 seconds");
    expect(duration(tokenLifespan(59))).toBe("1 minute");
    expect(duration(tokenLifespan(58))).toBe("58 seconds");
    expect(duration(tokenLifespan(0))).toBe("0 seconds");
  });
});

describe("the client's switches and addresses (checkClientSettings)", () => {
  const openMetadata = openMetadataAddress("https://openmetadata.example.com");
  const callback = "https://openmetadata.example.com/callback";
  const good = {
    publicClient: false,
    standardFlowEnabled: true,
    redirectUris: [callback],
    webOrigins: ["https://openmetadata.example.com"],
  };
  const status = (client: ClientRepresentation, check: string) =>
    checkClientSettings(client, openMetadata).find((finding) => finding.check === check)?.status;

  it("passes the Auth Code Flow page's client, a switch Keycloak left out of its answer counting as off", () => {
    expect(checkClientSettings(good, openMetadata).map((finding) => finding.status)).toEqual(Array(7).fill("PASS"));
  });

  it.each([
    ["Client authentication", { publicClient: true }],
    ["Standard flow", { standardFlowEnabled: false }],
    ["Implicit flow", { implicitFlowEnabled: true }],
    ["Direct access grants", { directAccessGrantsEnabled: true }],
    ["Authorization", { authorizationServicesEnabled: true }],
    ["Authorization", { serviceAccountsEnabled: true }],
  ])("fails %s for %o, with the change --fix makes", (check, change) => {
    const [finding] = checkClientSettings({ ...good, ...change }, openMetadata).filter((f) => f.status !== "PASS");
    expect(finding?.check).toBe(check);
    expect(finding?.status).toBe("FAIL");
    // What --fix sends turns the rule around: applied to the client, the check passes.
    expect(status({ ...good, ...change, ...finding?.fix?.client }, check)).toBe("PASS");
  });

  it.each([
    [[callback], "PASS"],
    [["/callback"], "FAIL"],
    [["https://openmetadata.example.com/*"], "WARN"],
    [[callback, "http://localhost:8400/callback"], "WARN"],
    [["https://openmetadata.example.com/auth/callback"], "FAIL"],
    [[], "FAIL"],
  ])("reads Valid redirect URIs %o as %s", (redirectUris, expected) => {
    expect(status({ ...good, redirectUris }, "Valid redirect URIs")).toBe(expected);
  });

  it("reads a relative redirect URI after the client's Root URL, as Keycloak does", () => {
    const client = { ...good, rootUrl: "https://openmetadata.example.com/", redirectUris: ["/callback"] };
    expect(status(client, "Valid redirect URIs")).toBe("PASS");
  });

  it.each([
    [["*"], "WARN"],
    [[], "PASS"],
    [["+"], "PASS"],
    [["https://elsewhere.example.com"], "PASS"],
  ])("reads Web origins %o as %s: only * is worth a warning", (webOrigins, expected) => {
    expect(status({ ...good, webOrigins }, "Web origins")).toBe(expected);
  });
});

describe("default scopes, signing keys and the secret's refusal", () => {
  it("fails a scope not assigned, warns about one only optional", () => {
    expect(checkDefaultScopes(["email", "profile"], []).map((finding) => finding.status)).toEqual(["PASS", "PASS"]);
    expect(checkDefaultScopes(["profile"], ["email"]).map((finding) => finding.status)).toEqual(["WARN", "PASS"]);
    expect(checkDefaultScopes([], []).map((finding) => finding.fix?.defaultScope)).toEqual(["email", "profile"]);
  });

  it("wants an RS256 key that is not for encryption", () => {
    const at = "https://keycloak.example.com/realms/openmetadata/protocol/openid-connect/certs";
    expect(
      checkSigningKeys(
        [
          { alg: "RSA-OAEP", use: "enc" },
          { alg: "RS256", use: "enc" },
        ],
        at,
      ).status,
    ).toBe("FAIL");
    expect(checkSigningKeys([{ alg: "RS256", use: "sig" }, { alg: "RS256" }], at).text).toBe(`2 RS256 keys at ${at}.`);
  });

  it("tells a public client, an unknown client and a wrong secret apart", () => {
    const refusal = { status: 401, said: "", clientId: "open-metadata", realm: "openmetadata", known: true };
    expect(secretRefused({ ...refusal, status: 400, said: "Client not allowed." }).text).toContain("a public client");
    expect(secretRefused({ ...refusal, known: false }).text).toContain("knows no enabled client open-metadata");
    expect(secretRefused(refusal).text).toContain("Keycloak rejects it.");
    expect(secretRefused({ ...refusal, status: 500, said: "oops" }).text).toBe('Keycloak answered HTTP 500 ("oops").');
  });
});

describe("--fix's plan and the verdict", () => {
  const failing = checkClientSettings(
    { implicitFlowEnabled: true, standardFlowEnabled: true, redirectUris: [], webOrigins: ["*"] },
    openMetadataAddress("https://openmetadata.example.com"),
  );

  it("plans one change to the client for every finding it can fix, and the scopes the realm has", () => {
    const scopes = checkDefaultScopes(["profile"], []);
    const plan = planFix([...failing, ...scopes], new Map([["email", "id-of-email"]]));
    expect(plan.client).toEqual({
      implicitFlowEnabled: false,
      redirectUris: ["https://openmetadata.example.com/callback"],
      webOrigins: ["https://openmetadata.example.com"],
    });
    expect(plan.defaultScopes).toEqual([{ name: "email", id: "id-of-email" }]);
    expect(planFix(scopes, new Map()).fixes).toEqual([]);
  });

  it("says what was not checked, so that skipped checks do not read as passed", () => {
    const pass: Finding = { status: "PASS", check: "Discovery", text: "" };
    const skip = (check: string): Finding => ({ status: "SKIP", check, text: "" });
    expect(verdict([pass])).toEqual({ line: "Verdict: ready for OpenMetadata (1 passed).", exitCode: 0 });
    expect(verdict([pass, skip("Client secret"), skip("Sign-in")]).line).toBe(
      "Verdict: ready for OpenMetadata in what it checked (1 passed, 2 skipped). Not checked: Client secret and Sign-in; the SKIP lines say how.",
    );
    const failed = verdict([...failing, skip("Sign-in")]);
    expect(failed.exitCode).toBe(1);
    expect(failed.line).toBe(
      "Verdict: not ready (2 failed, 1 warning, 4 passed, 1 skipped). Do what each FAIL line says (--fix does it for all of them), then run the doctor again. Not checked: Sign-in; its SKIP line says how.",
    );
  });

  it("prints a finding's details indented under it", () => {
    expect(findingLines({ status: "PASS", check: "Sign-in", text: "ok.", details: ["a", "b"] })).toEqual([
      "PASS  Sign-in: ok.",
      "      a",
      "      b",
    ]);
  });
});
