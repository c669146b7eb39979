/**
 * The versions this guide is tested with: the pages print them and the tests run them.
 * Change them here and nowhere else.
 */

/** Keycloak server release the tests download and start (override with KEYCLOAK_VERSION). */
export const KEYCLOAK_VERSION = "26.7.3";

/** OpenMetadata release whose configuration keys the pages use. */
export const OPENMETADATA_VERSION = "2.0.7";

/** The release line readers see on the pages, e.g. "2.0.x". */
export const OPENMETADATA_SERIES = `${OPENMETADATA_VERSION.split(".").slice(0, 2).join(".")}.x`;
