/**
 * Who OpenMetadata takes a signed-in user for: the user name and email its server derives from the
 * claims of Keycloak's ID token, with jwtPrincipalClaims and the principal domain of its
 * configuration. OpenMetadata finds users by that name, and admin principals are such names.
 *
 * The rules are those of OpenMetadata's server (SecurityUtil.findUserNameFromClaims and
 * SecurityUtil.findEmailFromClaims, used by AuthenticationCodeFlowHandler at the callback).
 *
 * Use: import { openMetadataUser } from "./principal.js", then
 *   openMetadataUser({ preferred_username: "jdoe", email: "jane@corp.com" }, "example.com")
 *   // { name: "jane", email: "jane@corp.com" }
 */
import { DEFAULT_PRINCIPAL_CLAIMS } from "../shared/openmetadata.js";

export type Claims = Record<string, unknown>;

export interface OpenMetadataUser {
  /** The user's name in OpenMetadata: what admin principals list. */
  name: string;
  email: string;
}

// #region principal
// Without principalClaims, OpenMetadata's default jwtPrincipalClaims (../shared/openmetadata.ts).
export function openMetadataUser(
  claims: Claims,
  principalDomain: string,
  principalClaims: readonly string[] = DEFAULT_PRINCIPAL_CLAIMS,
): OpenMetadataUser {
  // Claim names are compared ignoring case; the first claim of the list the token has wins.
  const byName = new Map(Object.entries(claims).map(([name, value]) => [name.toLowerCase(), value]));
  const value = principalClaims.map((name) => byName.get(name.toLowerCase())).find((v) => typeof v === "string");
  if (typeof value !== "string") {
    throw new Error(`Invalid JWT token, none of the following claims are present [${principalClaims.join(", ")}]`);
  }
  // The name is the value up to its "@"; the email is the value itself only if it has one.
  const name = (value.split("@")[0] ?? value).toLowerCase();
  const email = (value.includes("@") ? value : `${value}@${principalDomain}`).toLowerCase();
  return { name, email };
}
// #endregion principal
