/**
 * examples/auth-code-flow/principal.ts follows OpenMetadata's rules for who signed in
 * (SecurityUtil.findUserNameFromClaims and findEmailFromClaims), case by case.
 */
import { describe, expect, it } from "vitest";
import { openMetadataUser } from "../../../examples/auth-code-flow/principal";
import { OPENMETADATA_DEFAULTS } from "../../../src/lib/openmetadata/server";

/** A Keycloak user whose username is not the local part of their email. */
const jdoe = { sub: "5c3e…", preferred_username: "jdoe", email: "jane@corp.com" };

describe("the OpenMetadata user derived from an ID token's claims", () => {
  it("by default, names the user after the first claim of the server's jwtPrincipalClaims that the token has", () => {
    const order = OPENMETADATA_DEFAULTS.principalClaims;
    // Every token with one or more of those claims, each claim's value naming the claim.
    const subsets = Array.from({ length: 2 ** order.length - 1 }, (_, n) => order.filter((_, i) => (n + 1) & (1 << i)));
    for (const present of subsets) {
      const claims = Object.fromEntries(present.map((claim) => [claim, `${claim}-value`]));
      const first = order.find((claim) => present.includes(claim));
      expect(openMetadataUser(claims, "example.com").name, present.join(",")).toBe(`${first}-value`);
    }
  });

  it("takes the name from the email when the token has one, by default", () => {
    expect(openMetadataUser(jdoe, "example.com")).toEqual({ name: "jane", email: "jane@corp.com" });
  });

  it("with preferred_username first, ignores the token's email and makes one in the principal domain", () => {
    expect(openMetadataUser(jdoe, "example.com", ["preferred_username", "email", "sub"])).toEqual({
      name: "jdoe",
      email: "jdoe@example.com",
    });
  });

  it("gives a user without an email one in the principal domain", () => {
    expect(openMetadataUser({ sub: "5c3e…", preferred_username: "no-email-user" }, "example.com")).toEqual({
      name: "no-email-user",
      email: "no-email-user@example.com",
    });
  });

  it("lower-cases the name and the email", () => {
    expect(openMetadataUser({ email: "Jane.Doe@Corp.COM" }, "example.com")).toEqual({
      name: "jane.doe",
      email: "jane.doe@corp.com",
    });
    expect(openMetadataUser({ preferred_username: "JDoe" }, "Example.com")).toEqual({
      name: "jdoe",
      email: "jdoe@example.com",
    });
  });

  it("finds claims whatever their case, as the server compares them", () => {
    expect(openMetadataUser({ Email: "jane@corp.com" }, "example.com")).toEqual({
      name: "jane",
      email: "jane@corp.com",
    });
  });

  it("fails as the server does when the token has none of the claims", () => {
    expect(() => openMetadataUser({ name: "Jane" }, "example.com")).toThrow(
      "Invalid JWT token, none of the following claims are present [email, preferred_username, sub]",
    );
  });
});
