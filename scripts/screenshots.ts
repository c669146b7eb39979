/**
 * `npm run screenshots`: walks the pages' steps in the admin console of the pinned Keycloak (started
 * by the test harness) and saves the Auth Code Flow page's pictures into src/assets/keycloak/, with a
 * manifest naming the Keycloak version they show. A test fails when that version is not the pinned
 * one, so upgrading Keycloak means capturing them again.
 */
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import KcAdminClient from "@keycloak/keycloak-admin-client";
import { walkAdminConsole } from "../tooling/admin-console";
import { launchChromium } from "../tooling/chromium";
import { startKeycloak } from "../tooling/keycloak";
import { projectRoot } from "../tooling/paths";
import { type ScreenshotManifest, screenshotsDir } from "../tooling/screenshots";

const realm = "openmetadata";
const keycloak = await startKeycloak({ env: { ...process.env, KEYCLOAK_URL: "" } });
const browser = await launchChromium();
const shots: ScreenshotManifest["images"] = [];
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
// The console can be slow on a busy 2-core machine.
page.setDefaultTimeout(60_000);

try {
  const admin = new KcAdminClient({ baseUrl: keycloak.url, realmName: "master" });
  await admin.auth({ grantType: "password", clientId: "admin-cli", ...keycloak.admin });
  await admin.realms.create({ realm, enabled: true });

  await walkAdminConsole(
    page,
    { url: keycloak.url, admin: keycloak.admin, realm, openMetadataUrl: "http://localhost:8585" },
    async ({ file, step, alt }) => {
      if (!file || !alt) return;
      // The console's main area, without its header and menu.
      await page.locator("main").screenshot({ path: join(screenshotsDir, file), animations: "disabled" });
      shots.push({ file, step, alt });
      console.log(`  ${file}: ${step}`);
    },
  );

  const manifest: ScreenshotManifest = {
    keycloakVersion: keycloak.version,
    capturedAt: new Date().toISOString().slice(0, 10),
    images: shots,
  };
  writeFileSync(join(screenshotsDir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(
    `Saved ${shots.length} screenshots of Keycloak ${keycloak.version} in ${screenshotsDir.replace(`${projectRoot}/`, "")}`,
  );
} catch (error) {
  // What the console showed when a step failed: selectors change between Keycloak versions.
  const failure = join(tmpdir(), "keycloak-screenshots-failure.png");
  await page.screenshot({ path: failure, fullPage: true });
  console.error(`A step failed; the console looked like ${failure}`);
  throw error;
} finally {
  await browser.close();
  await keycloak.stop();
}
