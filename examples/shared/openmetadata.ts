/**
 * OpenMetadata's defaults, as its server's conf/openmetadata.yaml sets them when the variable named
 * beside each is not set: what the scripts assume when you do not tell them otherwise. They are the
 * same on OpenMetadata 1.12, 1.13 and 2.0.
 */

/** AUTHENTICATION_JWT_PRINCIPAL_CLAIMS: the first of these claims the token has names the user. */
export const DEFAULT_PRINCIPAL_CLAIMS: readonly string[] = ["email", "preferred_username", "sub"];

/** AUTHORIZER_PRINCIPAL_DOMAIN: the email domain given to a user whose claim has no "@". */
export const DEFAULT_PRINCIPAL_DOMAIN = "open-metadata.org";

/** OIDC_SCOPE: the scopes OpenMetadata asks Keycloak for at sign-in. */
export const DEFAULT_SCOPE = "openid email profile";

/** OIDC_CLIENT_AUTH_METHOD: how OpenMetadata sends the client secret to Keycloak. */
export const DEFAULT_CLIENT_AUTH_METHOD = "client_secret_post";

/**
 * How long a sign-in to OpenMetadata lasts, in seconds (7 days): OIDC_SESSION_EXPIRY, on 2.0
 * AUTHENTICATION_SESSION_EXPIRY.
 */
export const DEFAULT_SESSION_EXPIRY_SECONDS = 604800;
