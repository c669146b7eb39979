/**
 * `npm run screenshots`: walks the Auth Code Flow page's steps in the admin console of the pinned
 * Keycloak (started by the test harness) and saves one image per step into src/assets/keycloak/,
 * with a manifest naming the Keycloak version they show. A test fails when that version is not
 * the pinned one, so upgrading Keycloak means capturing them again.
 */
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import KcAdminClient from "@keycloak/keycloak-admin-client";
import type { Page } from "playwright-core";

import { launchChromium } from "../tests/support/chromium";
import { startKeycloak } from "../tests/support/keycloak";
import { projectRoot } from "../tests/support/paths";
import { type ScreenshotManifest, screenshotsDir } from "../tests/support/screenshots";

const realm = "openmetadata";
const openMetadataUrl = "http://localhost:8585";
const keycloak = await startKeycloak({ env: { ...process.env, KEYCLOAK_URL: "" } });
const browser = await launchChromium();
const shots: ScreenshotManifest["images"] = [];
const page: Page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
// The console can be slow on a busy 2-core machine.
page.setDefaultTimeout(60_000);

try {
  const admin = new KcAdminClient({ baseUrl: keycloak.url, realmName: "master" });
  await admin.auth({ grantType: "password", clientId: "admin-cli", ...keycloak.admin });
  await admin.realms.create({ realm, enabled: true });

  /** Saves the console's main area (not its header or menu) as the image of one step. */
  const capture = async (file: string, step: string, alt: string) => {
    await page.waitForLoadState("networkidle");
    // Let notifications such as "Client created successfully" fade out of the picture.
    await page
      .locator('[class*="alert-group"] li')
      .first()
      .waitFor({ state: "detached", timeout: 15_000 })
      .catch(() => {});
    await page.locator("main").screenshot({ path: join(screenshotsDir, file), animations: "disabled" });
    shots.push({ file, step, alt });
    console.log(`  ${file}: ${step}`);
  };
  const next = (name: string) => page.getByRole("button", { name, exact: true }).click();

  await page.goto(`${keycloak.url}/admin/master/console/#/${realm}/clients/add-client`);
  await page.fill("#username", keycloak.admin.username);
  await page.fill("#password", keycloak.admin.password);
  await page.click("#kc-login");

  // Step 1: General settings.
  await page.locator("#clientId").fill("open-metadata");
  await page.locator("#name").fill("OpenMetadata");
  await capture(
    "create-client.png",
    "Create OpenMetadata as a new client",
    "Keycloak's Create client page, General settings: client type OpenID Connect, client ID open-metadata, name OpenMetadata.",
  );
  await next("Next");

  // Step 2: Capability config.
  await page.locator("#kc-authentication").check({ force: true });
  await capture(
    "capability-config.png",
    "Turn on client authentication",
    "Capability config: Client authentication switched on, Authorization off, Standard flow ticked, Implicit flow and Direct access grants unticked.",
  );
  await next("Next");

  // Step 3: Login settings.
  await page.locator("#rootUrl").fill(openMetadataUrl);
  await page.locator("#baseUrl").fill(openMetadataUrl);
  await page.getByTestId("redirectUris0").fill(`${openMetadataUrl}/callback`);
  await page.getByLabel("Valid post logout redirect URIs").first().fill(`${openMetadataUrl}/*`);
  await page.getByTestId("webOrigins0").fill(openMetadataUrl);
  await capture(
    "login-settings.png",
    "Tell Keycloak where OpenMetadata lives",
    "Login settings: root and home URL http://localhost:8585, valid redirect URI http://localhost:8585/callback, post logout redirect URI http://localhost:8585/*, web origin http://localhost:8585.",
  );
  await next("Save");

  // Step 4: the client's scopes.
  await page.getByRole("tab", { name: "Client scopes" }).click();
  await page.getByText("OpenID Connect built-in scope: email").waitFor();
  await capture(
    "client-scopes.png",
    "Check the client scopes",
    "The client's Client scopes tab, listing email and profile with the assigned type Default.",
  );

  // Step 5: the secret, masked as the console shows it.
  await page.getByRole("tab", { name: "Credentials" }).click();
  await page.getByText("Client Secret").first().waitFor();
  await capture(
    "credentials.png",
    "Copy the client secret",
    "The client's Credentials tab: Client Authenticator set to Client Id and Secret, and the client secret, masked, with a copy button.",
  );

  // Step 6: a first user.
  await page.goto(`${keycloak.url}/admin/master/console/#/${realm}/users/add-user`);
  await page.locator("#username").fill("admin-user");
  await page.locator("#email").fill("admin-user@example.com");
  await page.getByLabel("Email verified").check({ force: true });
  await page.locator("#firstName").fill("Admin");
  await page.locator("#lastName").fill("User");
  await capture(
    "create-user.png",
    "Create a first user",
    "Keycloak's Create user page: username admin-user, email admin-user@example.com with Email verified on, first name Admin, last name User.",
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
