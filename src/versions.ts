/**
 * The versions this guide is tested with: the pages print them and the tests run them.
 * Change them here and nowhere else.
 */

/** Keycloak server release the tests download and start (override with KEYCLOAK_VERSION). */
export const KEYCLOAK_VERSION = "26.7.3";

/**
 * One release of each Keycloak 26 line the harness can run, the pinned one among them: the newest
 * patch Maven serves of 26.4 and 26.5 (checked: 26.4.8 and 26.5.8 are not served), and the pin for 26.7.
 */
export const KEYCLOAK_VERSIONS = ["26.4.7", "26.5.7", KEYCLOAK_VERSION] as const;

/** OpenMetadata release whose configuration keys the pages use. */
export const OPENMETADATA_VERSION = "2.0.7";

/** The release line readers see on the pages, e.g. "2.0.x". */
export const OPENMETADATA_SERIES = `${OPENMETADATA_VERSION.split(".").slice(0, 2).join(".")}.x`;
