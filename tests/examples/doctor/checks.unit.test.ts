/**
 * The doctor's SSO sessions rule (examples/doctor/checks.ts, checkLifespans), for the values the
 * Sessions and tokens page discusses. The lines as a reader sees them, from a real realm, are in
 * doctor.test.ts.
 */
import { describe, expect, it } from "vitest";
import { checkLifespans, duration, tokenLifespan } from "../../../examples/doctor/checks";

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
