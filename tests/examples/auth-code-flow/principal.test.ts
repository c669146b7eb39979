import { describe, expect, it } from "vitest";
import { openMetadataUser } from "../../../examples/auth-code-flow/principal";

describe("the OpenMetadata user derived from token claims", () => {
  it("takes preferred_username first, as jwtPrincipalClaims lists it", () => {
    const claims = { preferred_username: "admin-user", email: "someone.else@example.org", sub: "f1e2" };
    expect(openMetadataUser(claims, "example.com")).toEqual({
      principal: "admin-user",
      email: "someone.else@example.org",
    });
  });

  it("cuts an email-shaped claim at the @", () => {
    expect(openMetadataUser({ email: "jane.doe@example.com" }, "example.com", ["email", "sub"])).toEqual({
      principal: "jane.doe",
      email: "jane.doe@example.com",
    });
  });

  it("falls back to the next claim, and to the principal domain for the email", () => {
    expect(openMetadataUser({ sub: "8d1c" }, "example.com")).toEqual({ principal: "8d1c", email: "8d1c@example.com" });
  });

  it("says which scopes to add when no claim is there", () => {
    expect(() => openMetadataUser({}, "example.com")).toThrow(
      "The token has none of the claims preferred_username, email, sub: add the profile and email scopes.",
    );
  });
});
