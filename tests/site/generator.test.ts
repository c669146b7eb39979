import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  keycloakClientSettings,
  renderBareMetalYaml,
  renderDockerEnv,
  renderHelmValues,
  renderKubectlSecret,
  renderSecretManifest,
} from "../../examples/openmetadata/render";
import { documentedSettings, type KeycloakSsoSettings, validateSettings } from "../../examples/openmetadata/settings";
import { launchChromium } from "../support/chromium";
import { distDir } from "../support/pages";
import { type StaticServer, startStaticServer } from "../support/static-server";

/** What a reader types in the tests below, and the settings the page must render from it. */
const acme: KeycloakSsoSettings = {
  ...documentedSettings,
  keycloakUrl: "https://sso.acme.test",
  realm: "acme",
  clientSecret: "s3cr3tValue",
};

let server: StaticServer;
let browser: Browser;
let context: BrowserContext | undefined;

beforeAll(async () => {
  server = await startStaticServer(distDir);
  browser = await launchChromium();
});

afterEach(async () => {
  await context?.close();
  context = undefined;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a page of the built site in a fresh browser profile that may use the clipboard; collects its errors. */
async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  context ??= await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${server.url}${path}`, { waitUntil: "networkidle" });
  return { page, errors };
}

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
const output = (page: Page, id: string) => page.locator(`#generator-${id}`);

async function typeAcme(page: Page): Promise<void> {
  await field(page, "Keycloak URL").fill(acme.keycloakUrl);
  await field(page, "Realm").fill(acme.realm);
  await field(page, "Client secret").fill(acme.clientSecret);
}

describe("the configuration generator page", () => {
  it("loads without errors and shows the documented files before anything is typed", async () => {
    const { page, errors } = await open("/keycloak/generator/");
    expect(await output(page, "docker").textContent()).toBe(renderDockerEnv(documentedSettings));
    expect(errors).toEqual([]);
  });

  it("shows the Keycloak URL's message next to the field when it ends in /auth", async () => {
    const { page } = await open("/keycloak/generator/");
    const keycloakUrl = field(page, "Keycloak URL");
    await keycloakUrl.fill("https://sso.acme.test/auth");

    const [expected] = validateSettings({ ...documentedSettings, keycloakUrl: "https://sso.acme.test/auth" });
    expect(expected?.field).toBe("keycloakUrl");
    await expect.poll(() => page.locator("#generator-keycloakUrl-error").textContent()).toBe(expected?.message);
    expect(await keycloakUrl.getAttribute("aria-invalid")).toBe("true");
    expect(await keycloakUrl.getAttribute("aria-describedby")).toContain("generator-keycloakUrl-error");
    // No stale file to copy while a field is wrong.
    expect(await output(page, "docker").isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Copy openmetadata_keycloak.env" }).isVisible()).toBe(false);

    await keycloakUrl.fill(acme.keycloakUrl);
    await expect.poll(() => keycloakUrl.getAttribute("aria-invalid")).toBeNull();
    expect(await page.locator("#generator-keycloakUrl-error").textContent()).toBe("");
  });

  it("renders every file from the reader's values with examples/openmetadata", async () => {
    const { page, errors } = await open("/keycloak/generator/");
    await typeAcme(page);

    const docker = await output(page, "docker").textContent();
    expect(docker).toContain("OIDC_DISCOVERY_URI=https://sso.acme.test/realms/acme/.well-known/openid-configuration");
    expect(docker).toBe(renderDockerEnv(acme));
    expect(await output(page, "bare-metal").textContent()).toBe(renderBareMetalYaml(acme));
    expect(await output(page, "helm").textContent()).toBe(renderHelmValues(acme));
    expect(await output(page, "kubectl").textContent()).toBe(renderKubectlSecret(acme));
    expect(await output(page, "manifest").textContent()).toBe(renderSecretManifest(acme));
    expect(await page.locator("[data-keycloak]").allTextContents()).toEqual(
      Object.values(keycloakClientSettings(acme)),
    );
    expect(errors).toEqual([]);
  });

  it("copies exactly the rendered file to the clipboard", async () => {
    const { page } = await open("/keycloak/generator/");
    await typeAcme(page);
    const copy = page.getByRole("button", { name: "Copy openmetadata_keycloak.env" });
    await copy.click();

    await expect.poll(() => copy.textContent()).toBe("Copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(renderDockerEnv(acme));
  });

  it("keeps the secret hidden until the reader shows it", async () => {
    const { page } = await open("/keycloak/generator/");
    const secret = field(page, "Client secret");
    expect(await secret.getAttribute("type")).toBe("password");
    expect(await secret.getAttribute("autocomplete")).toBe("off");

    const show = page.getByRole("button", { name: "Show", exact: true });
    await show.click();
    expect(await secret.getAttribute("type")).toBe("text");
    expect(await show.getAttribute("aria-pressed")).toBe("true");
    await show.click();
    expect(await secret.getAttribute("type")).toBe("password");
  });

  it("sends no request while the reader types, and stores nothing", async () => {
    const { page } = await open("/keycloak/generator/");
    const requests: string[] = [];
    page.on("request", (request) => requests.push(request.url()));

    await typeAcme(page);
    await field(page, "OpenMetadata URL").fill("https://metadata.acme.test");
    await field(page, "Admin principals").fill("alice, bob");
    await page.getByRole("checkbox", { name: /offline_access/ }).check();
    await page.getByRole("radio", { name: /client_secret_basic/ }).check();
    await page.getByRole("button", { name: "Show", exact: true }).click();
    await page.getByRole("button", { name: "Copy openmetadata_keycloak.env" }).click();
    await page.waitForTimeout(500);

    expect(requests).toEqual([]);
    // Starlight keeps the theme and the picked tab; none of what the reader typed may be kept anywhere.
    const stored = await page.evaluate(() =>
      JSON.stringify([document.cookie, { ...localStorage }, { ...sessionStorage }]),
    );
    for (const typed of [acme.clientSecret, "sso.acme.test", "metadata.acme.test", "alice"]) {
      expect(stored).not.toContain(typed);
    }
  });

  it("adds and removes offline_access in the scope with its checkbox", async () => {
    const { page } = await open("/keycloak/generator/");
    await page.getByRole("checkbox", { name: /offline_access/ }).check();
    expect(await field(page, "Scope").inputValue()).toBe(`${documentedSettings.scope} offline_access`);
    expect(await output(page, "docker").textContent()).toContain(
      `OIDC_SCOPE=${documentedSettings.scope} offline_access`,
    );
    await page.getByRole("checkbox", { name: /offline_access/ }).uncheck();
    expect(await field(page, "Scope").inputValue()).toBe(documentedSettings.scope);
  });

  it("keeps the deployment tab the reader picks on the other pages", async () => {
    const { page } = await open("/keycloak/generator/");
    await page.getByRole("tab", { name: "Kubernetes" }).first().click();
    expect(await output(page, "helm").isVisible()).toBe(true);

    await page.goto(`${server.url}/keycloak/docker/`, { waitUntil: "load" });
    expect(await page.getByRole("tab", { name: "Kubernetes" }).getAttribute("aria-selected")).toBe("true");
  });
});
