/**
 * examples/shared/openmetadata.ts writes OpenMetadata's defaults for the scripts, which cannot import
 * the site's src/: every value it exports is the server's, as src/lib/openmetadata/server.ts records
 * it from each line's conf/openmetadata.yaml.
 */
import { describe, expect, it } from "vitest";
import * as examples from "../../../examples/shared/openmetadata";
import { openMetadataDefaults } from "../../../src/lib/openmetadata/server";
import { OPENMETADATA_RELEASES } from "../../../src/versions";

describe("the examples' OpenMetadata defaults", () => {
  it.each(OPENMETADATA_RELEASES)("are OpenMetadata $version's, every one of them", ({ line }) => {
    const server = openMetadataDefaults(line);
    // The whole module: an export added without a counterpart here fails too.
    expect({ ...examples }).toEqual({
      DEFAULT_PRINCIPAL_CLAIMS: server.principalClaims,
      DEFAULT_PRINCIPAL_DOMAIN: server.principalDomain,
      DEFAULT_SCOPE: server.scope,
      DEFAULT_CLIENT_AUTH_METHOD: server.clientAuthMethod,
      DEFAULT_SESSION_EXPIRY_SECONDS: server.sessionExpirySeconds,
    });
  });
});
