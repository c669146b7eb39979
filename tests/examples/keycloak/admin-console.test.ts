/**
 * The admin console shows every label the pages name at the step they name it: the Auth Code Flow
 * page's steps, the Sessions and tokens page's lifespans, the Roles and teams page's mappers. A
 * Keycloak that renames one fails here (and npm run test:keycloak-versions lists it).
 */
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { missingLabels, walkAdminConsole } from "../../../tooling/admin-console";
import { describe, expect, test } from "../../support/fixtures";
import { adminClient, keycloak, removeRealm } from "../../support/realm";

describe("Keycloak's admin console", () => {
  test("shows the labels the pages name, at each step", { timeout: 180_000 }, async ({ browser }) => {
    const realm = `console-${randomUUID().slice(0, 8)}`;
    await (await adminClient("master")).realms.create({ realm, enabled: true });
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.setDefaultTimeout(30_000);
    const missing: Record<string, string[]> = {};
    try {
      await walkAdminConsole(
        page,
        {
          url: keycloak().url,
          admin: { username: keycloak().adminUsername, password: keycloak().adminPassword },
          realm,
          openMetadataUrl: "http://localhost:8585",
        },
        async (step) => {
          const labels = await missingLabels(page, step);
          if (labels.length > 0) {
            missing[step.step] = labels;
            await page.screenshot({ path: join(tmpdir(), `admin-console-${step.step.replace(/\W+/g, "-")}.png`) });
          }
        },
      );
    } catch (error) {
      const picture = join(tmpdir(), `admin-console-${realm}.png`);
      await page.screenshot({ path: picture, fullPage: true });
      throw new Error(`The walk through the admin console stopped (the console looked like ${picture}): ${error}`);
    } finally {
      await page.context().close();
      await removeRealm(realm);
    }
    const differs = Object.entries(missing).map(([step, labels]) => `${step}: no ${labels.join(", no ")}`);
    if (differs.length > 0) expect.fail(`Differs: ${differs.join("; ")}`);
  });
});
