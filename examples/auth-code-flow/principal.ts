/**
 * Who OpenMetadata thinks signed in, derived from the ID token's claims the way its server does:
 * the first claim of jwtPrincipalClaims the token has, cut at "@"; the email from the `email`
 * claim, or, when the token has none, the principal in the principal domain.
 */

export interface OpenMetadataUser {
  principal: string;
  email: string;
}

export type Claims = Record<string, unknown>;

// #region principal
export const DEFAULT_PRINCIPAL_CLAIMS = ["preferred_username", "email", "sub"] as const;

export function openMetadataUser(
  claims: Claims,
  principalDomain: string,
  principalClaims: readonly string[] = DEFAULT_PRINCIPAL_CLAIMS,
): OpenMetadataUser {
  const claim = principalClaims.find((name) => typeof claims[name] === "string" && claims[name] !== "");
  if (!claim) {
    throw new Error(
      `The token has none of the claims ${principalClaims.join(", ")}: add the profile and email scopes.`,
    );
  }
  const principal = (claims[claim] as string).split("@")[0] ?? "";
  const email =
    typeof claims.email === "string" && claims.email !== "" ? claims.email : `${principal}@${principalDomain}`;
  return { principal, email };
}
// #endregion principal
