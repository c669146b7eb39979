/**
 * The doctor compares a realm's lifespans with Keycloak's defaults, and takes a default for a
 * lifespan the realm leaves unset: examples/doctor/checks.ts writes them, and they are what a new
 * realm of the real Keycloak has.
 */
import { afterAll, describe, expect, it } from "vitest";
import { KEYCLOAK_DEFAULTS } from "../../../examples/doctor/checks";
import { adminClient, removeRealm } from "../../support/realm";

const realm = "keycloak-defaults";

describe("the doctor's Keycloak defaults", () => {
  afterAll(() => removeRealm(realm));

  it("are those of a new realm, created with nothing but its name", async () => {
    await removeRealm(realm);
    const admin = await adminClient("master");
    await admin.realms.create({ realm, enabled: true });
    const created = await admin.realms.findOne({ realm });
    const names = Object.keys(KEYCLOAK_DEFAULTS) as (keyof typeof KEYCLOAK_DEFAULTS)[];
    expect(Object.fromEntries(names.map((name) => [name, created?.[name]]))).toEqual(KEYCLOAK_DEFAULTS);
  });
});
