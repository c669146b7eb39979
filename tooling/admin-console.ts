/**
 * The Keycloak admin console, walked in Chromium through the steps the pages describe. The walk
 * stops at each step, so a test can check the labels a page names there and `npm run screenshots`
 * can take the step's picture: one walk, two uses.
 */
import type { Page } from "playwright-core";

export interface ConsoleStep {
  /** The screenshot's file name in src/assets/keycloak, for the steps the Auth Code Flow page pictures. */
  file?: string;
  /** The page's step, as its caption. */
  step: string;
  /** The picture's alt text. */
  alt?: string;
  /** Labels the pages name at this step, which the console must show. */
  labels: string[];
}

export interface ConsoleTarget {
  url: string;
  admin: { username: string; password: string };
  /** A realm that exists and has no client open-metadata yet. */
  realm: string;
  openMetadataUrl: string;
}

/** Walks the pages' steps in the admin console, calling `atStep` with the console showing each. */
export async function walkAdminConsole(
  page: Page,
  target: ConsoleTarget,
  atStep: (step: ConsoleStep) => Promise<void>,
): Promise<void> {
  const { url, realm, openMetadataUrl } = target;
  const next = (name: string) => page.getByRole("button", { name, exact: true }).click();
  const settled = async () => {
    await page.waitForLoadState("networkidle");
    // Let notifications such as "Client created successfully" fade away.
    await page
      .locator('[class*="alert-group"] li')
      .first()
      .waitFor({ state: "detached", timeout: 15_000 })
      .catch(() => {});
  };
  const at = async (step: ConsoleStep, options = { settle: true }) => {
    if (options.settle) await settled();
    await atStep(step);
  };

  await page.goto(`${url}/admin/master/console/`);
  await page.fill("#username", target.admin.username);
  await page.fill("#password", target.admin.password);
  await page.click("#kc-login");

  // Auth Code Flow, before you start: the realm list, where realms are created and chosen.
  await page.getByRole("link", { name: "Manage realms" }).click();
  await page.getByRole("link", { name: realm, exact: true }).waitFor();
  await at({ step: "Before you start: the realm list", labels: ["Manage realms", "Create realm", realm] });
  await page.getByText("Create realm", { exact: true }).first().click();
  await page.getByText("Realm name").first().waitFor();
  await at({ step: "Before you start: create the realm", labels: ["Create realm", "Realm name", "Create"] });
  // Choose the realm: an address alone leaves the console in the realm it shows (master).
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await page.getByRole("link", { name: realm, exact: true }).click();
  await page.getByText(realm, { exact: true }).first().waitFor();
  await page.goto(`${url}/admin/master/console/#/${realm}/clients/add-client`);

  // Auth Code Flow, step 1: General settings.
  await page.locator("#clientId").fill("open-metadata");
  await page.locator("#name").fill("OpenMetadata");
  await at({
    file: "create-client.png",
    step: "Create OpenMetadata as a new client",
    alt: "Keycloak's Create client page, General settings: client type OpenID Connect, client ID open-metadata, name OpenMetadata.",
    labels: ["Create client", "General settings", "Client type", "OpenID Connect", "Client ID", "Name", "Description"],
  });
  await next("Next");

  // Step 2: Capability config.
  await page.locator("#kc-authentication").check({ force: true });
  await at({
    file: "capability-config.png",
    step: "Turn on client authentication",
    alt: "Capability config: Client authentication switched on, Authorization off, Standard flow ticked, Implicit flow and Direct access grants unticked.",
    labels: [
      "Capability config",
      "Client authentication",
      "Authorization",
      "Standard flow",
      "Implicit flow",
      "Direct access grants",
    ],
  });
  await next("Next");

  // Step 3: Login settings.
  await page.locator("#rootUrl").fill(openMetadataUrl);
  await page.locator("#baseUrl").fill(openMetadataUrl);
  await page.getByTestId("redirectUris0").fill(`${openMetadataUrl}/callback`);
  await page.getByLabel("Valid post logout redirect URIs").first().fill(`${openMetadataUrl}/*`);
  await page.getByTestId("webOrigins0").fill(openMetadataUrl);
  await at({
    file: "login-settings.png",
    step: "Tell Keycloak where OpenMetadata lives",
    alt: `Login settings: root and home URL ${openMetadataUrl}, valid redirect URI ${openMetadataUrl}/callback, post logout redirect URI ${openMetadataUrl}/*, web origin ${openMetadataUrl}.`,
    labels: [
      "Login settings",
      "Root URL",
      "Home URL",
      "Valid redirect URIs",
      "Valid post logout redirect URIs",
      "Web origins",
    ],
  });
  await next("Save");

  // Step 4: the client's scopes.
  await page.getByRole("tab", { name: "Client scopes" }).click();
  await page.getByText("OpenID Connect built-in scope: email").waitFor();
  await at({
    file: "client-scopes.png",
    step: "Check the client scopes",
    alt: "The client's Client scopes tab, listing email and profile with the assigned type Default.",
    labels: ["Client scopes", "Add client scope", "email", "profile", "Default"],
  });

  // Roles and teams: the mappers of the client's dedicated scope.
  await page.getByRole("link", { name: "open-metadata-dedicated" }).click();
  await page.getByRole("button", { name: "Configure a new mapper" }).click();
  await page.getByRole("dialog").getByText("User Client Role", { exact: true }).waitFor();
  // Checked while the dialog is open: nothing here is loading or fading.
  await at(
    {
      step: "Roles and teams: configure a new mapper",
      labels: ["open-metadata-dedicated", "Configure a new mapper", "User Client Role", "Group Membership"],
    },
    { settle: false },
  );
  // Each mapper's form, with the fields the page names.
  const mappers = [
    { type: "User Client Role", labels: ["Client ID", "Multivalued"] },
    { type: "Group Membership", labels: ["Full group path"] },
  ];
  for (const [index, mapper] of mappers.entries()) {
    if (index > 0) {
      await page.goBack();
      await page.getByRole("button", { name: "Configure a new mapper" }).click();
    }
    await page.getByRole("dialog").getByText(mapper.type, { exact: true }).click();
    await page.getByText("Token Claim Name").first().waitFor();
    await at(
      {
        step: `Roles and teams: the ${mapper.type} mapper`,
        labels: ["Mapper type", "Name", "Token Claim Name", "Add to ID token", ...mapper.labels],
      },
      { settle: false },
    );
  }

  // Roles and teams: a role of the client.
  await page.goto(`${url}/admin/master/console/#/${realm}/clients`);
  await page.getByRole("link", { name: "open-metadata", exact: true }).click();
  await page.getByRole("tab", { name: "Roles" }).click();
  await page.getByText("Create role").first().waitFor();
  await at({ step: "Roles and teams: the client's roles", labels: ["Clients", "Roles", "Create role"] });
  await page.getByText("Create role").first().click();
  await page.getByText("Role name").first().waitFor();
  await at({ step: "Roles and teams: create a client role", labels: ["Create role", "Role name"] });
  await page.goto(`${url}/admin/master/console/#/${realm}/groups`);
  await page.getByText("Create group").first().waitFor();
  await at({ step: "Roles and teams: create a group", labels: ["Groups", "Create group"] });

  // Step 5: the secret, masked as the console shows it.
  await page.goto(`${url}/admin/master/console/#/${realm}/clients`);
  await page.getByRole("link", { name: "open-metadata", exact: true }).click();
  await page.getByRole("tab", { name: "Credentials" }).click();
  await page.getByText("Client Secret").first().waitFor();
  await at({
    file: "credentials.png",
    step: "Copy the client secret",
    alt: "The client's Credentials tab: Client Authenticator set to Client Id and Secret, and the client secret, masked, with a copy button.",
    labels: [
      "Credentials",
      "Client Authenticator",
      "Client Id and Secret",
      "Allowed authentication method",
      "Client Secret",
      "Regenerate",
    ],
  });

  // Step 6: a first user.
  await page.goto(`${url}/admin/master/console/#/${realm}/users/add-user`);
  await page.locator("#username").fill("admin-user");
  await page.locator("#email").fill("admin-user@example.com");
  await page.getByLabel("Email verified").check({ force: true });
  await page.locator("#firstName").fill("Admin");
  await page.locator("#lastName").fill("User");
  await at({
    file: "create-user.png",
    step: "Create a first user",
    alt: "Keycloak's Create user page: username admin-user, email admin-user@example.com with Email verified on, first name Admin, last name User.",
    labels: ["Create user", "Username", "Email", "Email verified", "First name", "Last name"],
  });

  // Roles and teams: a user's roles and groups.
  await next("Create");
  await page.getByRole("tab", { name: "Role mapping" }).click();
  await page.getByText("Assign role").first().click();
  await at({ step: "Roles and teams: a user's role mapping", labels: ["Role mapping", "Assign role", "Client roles"] });
  await page.keyboard.press("Escape");
  await page.getByRole("tab", { name: "Groups" }).click();
  await page.getByText("Join Group").first().waitFor();
  await at({ step: "Roles and teams: a user's groups", labels: ["Groups", "Join Group"] });

  // Sessions and tokens: the realm's lifespans.
  await page.getByRole("link", { name: "Realm settings" }).click();
  await page.getByRole("tab", { name: "Tokens" }).click();
  await page.getByText("Access Token Lifespan").first().waitFor();
  await at({ step: "Sessions and tokens: Tokens tab", labels: ["Realm settings", "Tokens", "Access Token Lifespan"] });
  await page.getByRole("tab", { name: "Sessions" }).click();
  await page.getByText("SSO Session Idle").first().waitFor();
  await at({
    step: "Sessions and tokens: Sessions tab",
    labels: ["Sessions", "SSO Session Idle", "SSO Session Max", "Offline Session Idle"],
  });
}

/**
 * The labels of `step` that the console does not show on `page`, after giving it a few seconds: a busy
 * machine renders a tab's fields a while after the tab.
 */
export async function missingLabels(page: Page, step: ConsoleStep, waitMs = 10_000): Promise<string[]> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    // biome-ignore lint/performance/useDomNodeTextContent: what a reader sees, not the text of hidden elements
    const text = await page.locator("body").innerText();
    const missing = step.labels.filter((label) => !text.includes(label));
    if (missing.length === 0 || Date.now() > deadline) return missing;
    await page.waitForTimeout(500);
  }
}
