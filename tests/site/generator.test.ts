/** The configuration generator page in a real browser, as a reader types their values into it. */
import AxeBuilder from "@axe-core/playwright";
import { parse } from "node-html-parser";
import type { Page } from "playwright-core";
import { CONFIGURATION_FILES, fileName } from "../../src/lib/openmetadata/files";
import { keycloakClientSettings } from "../../src/lib/openmetadata/render";
import { ssoScreenRows } from "../../src/lib/openmetadata/security-config";
import {
  documentedSettings,
  type KeycloakSsoSettings,
  RENEWS_KEYCLOAK_TOKENS,
  settingNotes,
  validateSettings,
} from "../../src/lib/openmetadata/settings";
import { OPENMETADATA_RELEASES } from "../../src/versions";
import { describe, expect, test } from "../support/fixtures";
import { readBuiltPage } from "../support/site/pages";

/** What a reader types in the tests below, and the settings the page must render from it. */
const acme: KeycloakSsoSettings = {
  ...documentedSettings,
  keycloakUrl: "https://sso.acme.test",
  realm: "acme",
  clientSecret: "s3cr3tValue",
};

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
const output = (page: Page, id: string) => page.locator(`#generator-${id}`);
/** A file as every code block of the site shows and copies it: without its final newline. */
const asShown = (text: string) => text.replace(/\n+$/, "");

/** What the page shows of a file, line by line, and what its copy button copies. */
function shown(page: Page, id: string): Promise<{ lines: string; copied: string }> {
  return output(page, id).evaluate((block) => ({
    lines: [...block.querySelectorAll(".ec-line")].map((line) => line.textContent?.replace(/\n$/, "")).join("\n"),
    copied: ((block.querySelector(".copy button") as HTMLElement | null)?.dataset.code ?? "").replaceAll(
      "\u007f",
      "\n",
    ),
  }));
}
const clipboard = { permissions: ["clipboard-read", "clipboard-write"] };

async function typeAcme(page: Page): Promise<void> {
  await field(page, "Keycloak URL").fill(acme.keycloakUrl);
  await field(page, "Realm").fill(acme.realm);
  await field(page, "Client secret").fill(acme.clientSecret);
}

/** Waits until every file on the page is what its renderer writes for `settings`. */
async function expectFiles(page: Page, settings: KeycloakSsoSettings): Promise<void> {
  for (const file of CONFIGURATION_FILES) {
    const text = asShown(file.render(settings));
    await expect.poll(() => shown(page, file.id), { message: file.example }).toEqual({ lines: text, copied: text });
  }
}

describe("the configuration generator page", () => {
  test("shows the documented files before anything is typed, without a script error", async ({ openPage }) => {
    const { page, problems } = await openPage("/keycloak/generator/");
    await expectFiles(page, documentedSettings);
    expect(problems).toEqual([]);
  });

  test("renders every file, and the client's values, from what the reader types", async ({ openPage }) => {
    const { page, problems } = await openPage("/keycloak/generator/");
    await typeAcme(page);
    await expectFiles(page, acme);
    expect(await page.locator("[data-keycloak]").allTextContents()).toEqual(
      Object.values(keycloakClientSettings(acme)),
    );
    expect(problems).toEqual([]);
  });

  test("fills in OpenMetadata's SSO screen from what the reader types, each field the settings use and no other", async ({
    openPage,
  }) => {
    const { page, problems } = await openPage("/keycloak/generator/");
    await page.getByRole("tab", { name: "OpenMetadata UI" }).first().click();
    // What a reader sees: the fields to fill in, and what the screen sets itself.
    const screen = async () =>
      (
        await page
          .locator("[data-sso-row]:visible")
          .evaluateAll((rows) =>
            rows.map((row) => [row.getAttribute("data-sso-row"), row.querySelector("[data-sso-value]")?.textContent]),
          )
      ).sort();
    const expected = (settings: KeycloakSsoSettings) =>
      ssoScreenRows(settings)
        .map((row) => [row.key, row.value])
        .sort();
    expect(await screen()).toEqual(expected(documentedSettings));
    await typeAcme(page);
    await field(page, "Session expiry (seconds)").fill("86400");
    const typed = { ...acme, sessionExpirySeconds: 86400 };
    await expect.poll(screen).toEqual(expected(typed));
    expect(problems).toEqual([]);
  });

  test("names the client the reader typed above its settings, and keeps the default expiry when that field is emptied", async ({
    openPage,
  }) => {
    const { page, problems } = await openPage("/keycloak/generator/");
    await field(page, "Client ID").fill("om-prod");
    await expect.poll(() => page.locator("[data-client-id]").textContent()).toBe("om-prod");
    await field(page, "Session expiry (seconds)").fill("");
    await expectFiles(page, { ...documentedSettings, clientId: "om-prod" });
    expect(await page.locator('[data-error-for="sessionExpirySeconds"]').textContent()).toBe("");
    expect(problems).toEqual([]);
  });

  test("puts the session expiry where the chosen OpenMetadata version reads it, and roles from Keycloak", async ({
    openPage,
  }) => {
    const { page } = await openPage("/keycloak/generator/");
    await field(page, "Session expiry (seconds)").fill("86400");
    await page.getByRole("radio", { name: "1.12.x" }).check();
    await expectFiles(page, { ...documentedSettings, openMetadataLine: "1.12", sessionExpirySeconds: 86400 });
    expect((await shown(page, "docker-env")).lines).toMatch(/^OIDC_SESSION_EXPIRY=86400$/m);
    await page.getByRole("radio", { name: "2.0.x" }).check();
    await expect
      .poll(async () => (await shown(page, "docker-env")).lines)
      .toMatch(/^AUTHENTICATION_SESSION_EXPIRY=86400$/m);
    await page.getByRole("checkbox", { name: "Take users' roles from Keycloak" }).check();
    await expectFiles(page, {
      ...documentedSettings,
      sessionExpirySeconds: 86400,
      useRolesFromProvider: true,
    });
  });

  test.for<[string, string, "keycloakUrl" | "openMetadataUrl"]>([
    ["Keycloak URL", "https://sso.acme.test/auth/", "keycloakUrl"],
    ["OpenMetadata URL", "https://metadata.acme.test/callback", "openMetadataUrl"],
  ])(
    "shows the %s's message next to the field for %s, and no file to copy",
    async ([label, value, name], { openPage }) => {
      const { page } = await openPage("/keycloak/generator/");
      const input = field(page, label);
      await input.fill(value);

      const [expected] = validateSettings({ ...documentedSettings, [name]: value });
      expect(expected?.field).toBe(name);
      await expect.poll(() => page.locator(`#generator-${name}-error`).textContent()).toBe(expected?.message);
      expect(await input.getAttribute("aria-invalid")).toBe("true");
      expect(await input.getAttribute("aria-describedby")).toContain(`generator-${name}-error`);
      expect(await output(page, "docker-env").locator(".expressive-code").isVisible()).toBe(false);
      expect(await output(page, "docker-env").locator(".stale").textContent()).toBe(
        "Fix the marked fields above to see openmetadata_keycloak.env.",
      );
      expect(await output(page, "docker-env").locator(".stale").isVisible()).toBe(true);
      // The files keep what they showed; none of them holds the rejected value.
      for (const file of CONFIGURATION_FILES) expect(JSON.stringify(await shown(page, file.id))).not.toContain(value);

      await input.fill(acme[name]);
      await expect.poll(() => input.getAttribute("aria-invalid")).toBeNull();
      expect(await page.locator(`#generator-${name}-error`).textContent()).toBe("");
    },
  );

  test("copies exactly the rendered file, with the copy button of every code block", async ({ openPage }) => {
    const { page } = await openPage("/keycloak/generator/", clipboard);
    await typeAcme(page);
    const env = asShown(CONFIGURATION_FILES.find((file) => file.id === "docker-env")?.render(acme) ?? "");
    await expect.poll(async () => (await shown(page, "docker-env")).lines).toBe(env);
    await output(page, "docker-env").getByRole("button", { name: "Copy to clipboard" }).click();
    await expect.poll(() => output(page, "docker-env").locator(".copy .feedback").textContent()).toBe("Copied!");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(env);
  });

  test.for(["light", "dark"] as const)(
    "colours what the reader typed as the site colours code, in the %s theme",
    async (colorScheme, { openPage }) => {
      const { page } = await openPage("/keycloak/generator/", { colorScheme });
      const colour = (text: string) =>
        output(page, "docker-env")
          .locator(".ec-line span", { hasText: new RegExp(`^${text}$`) })
          .first()
          .evaluate((span) => getComputedStyle(span).color);
      // As Expressive Code coloured them at build time.
      const key = await colour("OIDC_CLIENT_SECRET");
      const comment = await colour("# Who administers OpenMetadata, and your users' email domain.");
      const plain = await output(page, "docker-env")
        .locator("pre > code")
        .evaluate((code) => getComputedStyle(code).color);
      expect(new Set([key, comment, plain]).size).toBe(3);

      await typeAcme(page);
      await expect.poll(async () => (await shown(page, "docker-env")).lines).toContain(acme.clientSecret);
      expect(await colour("OIDC_CLIENT_SECRET")).toBe(key);
      expect(await colour("# Who administers OpenMetadata, and your users' email domain.")).toBe(comment);
    },
  );

  test("writes exactly the secret the reader types into an empty field, and the placeholder while it is empty", async ({
    openPage,
  }) => {
    const { page } = await openPage("/keycloak/generator/");
    const secret = field(page, "Client secret");
    expect(await secret.inputValue()).toBe("");
    expect(await secret.getAttribute("placeholder")).toBe(documentedSettings.clientSecret);
    // Shown as typed, like the files below that hold it; not a password, so no password manager offers to keep it.
    expect(await secret.getAttribute("type")).toBe("text");
    expect(await secret.getAttribute("autocomplete")).toBe("off");
    expect(await secret.getAttribute("spellcheck")).toBe("false");

    await secret.click();
    await secret.pressSequentially("MySecret-XYZ");
    await expectFiles(page, { ...documentedSettings, clientSecret: "MySecret-XYZ" });

    await secret.fill("");
    await expectFiles(page, documentedSettings);
    expect(await page.locator("#generator-clientSecret-error").textContent()).toBe("");

    await secret.fill(acme.clientSecret);
    await page.reload();
    expect(await field(page, "Client secret").inputValue()).toBe("");
  });

  test("sends nothing the reader types anywhere, and stores none of it", async ({ openPage, site }) => {
    const { page } = await openPage("/keycloak/generator/", clipboard);
    const requests: { url: string; method: string; body: string | null }[] = [];
    page.on("request", (request) =>
      requests.push({ url: request.url(), method: request.method(), body: request.postData() }),
    );
    await typeAcme(page);
    await field(page, "OpenMetadata URL").fill("https://metadata.acme.test");
    await field(page, "Admin principals").fill("alice, bob");
    await page.getByRole("radio", { name: "1.12.x" }).check();
    await page.getByRole("checkbox", { name: /offline_access/ }).check();
    await page.getByRole("radio", { name: "client_secret_basic" }).check();
    await output(page, "docker-env").getByRole("button", { name: "Copy to clipboard" }).click();
    await page.waitForLoadState("networkidle");

    // The one request allowed is the generator's own code, fetched from this site when first needed.
    for (const request of requests) {
      expect(request).toMatchObject({ method: "GET", body: null });
      expect(request.url.startsWith(`${site.url}/_astro/`), request.url).toBe(true);
    }
    // Starlight keeps the theme and the picked tab; none of what the reader typed may be kept anywhere.
    const stored = await page.evaluate(() =>
      JSON.stringify([document.cookie, { ...localStorage }, { ...sessionStorage }]),
    );
    for (const typed of [acme.clientSecret, "sso.acme.test", "metadata.acme.test", "alice"]) {
      expect(stored).not.toContain(typed);
      for (const request of requests) expect(request.url).not.toContain(typed);
    }
  });

  test("advises, and still writes the files, when Keycloak's URL is localhost", async ({ openPage }) => {
    const { page, problems } = await openPage("/keycloak/generator/");
    const local = { ...documentedSettings, keycloakUrl: "http://localhost:8080" };
    await field(page, "Keycloak URL").fill(local.keycloakUrl);
    const note = page.locator("#generator-keycloakUrl-note");
    await expect
      .poll(() => note.textContent())
      .toMatch(/^Inside OpenMetadata's container, localhost is the container itself/);
    expect(await field(page, "Keycloak URL").getAttribute("aria-describedby")).toContain("generator-keycloakUrl-note");
    expect(await field(page, "Keycloak URL").getAttribute("aria-invalid")).toBeNull();
    await expect.poll(() => page.locator("[data-status]").textContent()).toBe("The files below match these values.");
    await expectFiles(page, local);
    const contrast = await new AxeBuilder({ page })
      .include("#generator-keycloakUrl-note")
      .withRules(["color-contrast"])
      .analyze();
    expect(contrast.violations).toEqual([]);
    await field(page, "Keycloak URL").fill("https://keycloak.example.com");
    await expect.poll(() => note.isVisible()).toBe(false);
    expect(problems).toEqual([]);
  });

  test("adds and removes offline_access in the scope with its checkbox", async ({ openPage }) => {
    const { page } = await openPage("/keycloak/generator/");
    await page.getByRole("radio", { name: "1.12.x" }).check();
    await page.getByRole("checkbox", { name: /offline_access/ }).check();
    expect(await field(page, "Scope").inputValue()).toBe(`${documentedSettings.scope} offline_access`);
    await expect
      .poll(async () => (await shown(page, "docker-env")).lines)
      .toMatch(new RegExp(`^OIDC_SCOPE=${documentedSettings.scope} offline_access$`, "m"));
    await page.getByRole("checkbox", { name: /offline_access/ }).uncheck();
    expect(await field(page, "Scope").inputValue()).toBe(documentedSettings.scope);
  });

  test("offers offline_access only for the OpenMetadata versions that renew Keycloak's tokens, and notes it typed for another", async ({
    openPage,
  }) => {
    const { page, problems } = await openPage("/keycloak/generator/");
    const box = page.getByRole("checkbox", { name: /offline_access/ });
    // As built, for the documented version, before the page's script has run.
    expect(await box.isVisible()).toBe(RENEWS_KEYCLOAK_TOKENS[documentedSettings.openMetadataLine]);
    expect(new Set(Object.values(RENEWS_KEYCLOAK_TOKENS)).size, "a version with it and one without").toBe(2);
    for (const { line } of OPENMETADATA_RELEASES) {
      await page.getByRole("radio", { name: `${line}.x` }).check();
      await expect.poll(() => box.isVisible(), { message: line }).toBe(RENEWS_KEYCLOAK_TOKENS[line]);
    }

    const without = OPENMETADATA_RELEASES.find(({ line }) => !RENEWS_KEYCLOAK_TOKENS[line])?.line ?? "2.0";
    const typed = {
      ...documentedSettings,
      openMetadataLine: without,
      scope: `${documentedSettings.scope} offline_access`,
    };
    await page.getByRole("radio", { name: `${without}.x` }).check();
    await field(page, "Scope").fill(typed.scope);
    const [note] = settingNotes(typed);
    expect(note?.field).toBe("scope");
    await expect.poll(() => page.locator("#generator-scope-note").textContent()).toBe(note?.message);
    expect(await field(page, "Scope").getAttribute("aria-describedby")).toContain("generator-scope-note");
    expect(await field(page, "Scope").getAttribute("aria-invalid")).toBeNull();
    // Advice, not an error: the files follow what the reader typed.
    await expectFiles(page, typed);
    expect(problems).toEqual([]);
  });
});

describe("the generator page's text", () => {
  const parsePage = (path: string) => parse(readBuiltPage(path), { blockTextElements: { script: true, style: true } });
  const text = (element: { text: string } | null | undefined) => element?.text.replace(/\s+/g, " ").trim() ?? "";

  test("lists, under The client in Keycloak, every login setting the Auth Code Flow page sets, with its value", () => {
    const table = parsePage("/keycloak/auth-code-flow/")
      .querySelectorAll("table")
      .find((candidate) => text(candidate).includes("Valid redirect URIs"));
    const documented = Object.fromEntries(
      (table?.querySelectorAll("tbody tr") ?? []).map((row) => row.querySelectorAll("td").slice(0, 2).map(text)),
    );
    expect(Object.keys(documented)).toContain("Home URL");
    const generator = parsePage("/keycloak/generator/");
    const shown = Object.fromEntries(
      generator
        .querySelectorAll("dl.keycloak > div")
        .map((row) => [text(row.querySelector("dt")), text(row.querySelector("code"))]),
    );
    expect(shown).toMatchObject(documented);
  });

  test("sends Docker readers to the Docker page's steps that save each file and start OpenMetadata", () => {
    const steps = parsePage("/keycloak/docker/")
      .querySelectorAll("ol.sl-steps > li")
      .map((step) => text(step));
    const stepOf = (needle: RegExp) => steps.findIndex((step) => needle.test(step)) + 1;
    const generator = parsePage("/keycloak/generator/");
    // The first tab after the heading Use the files: Docker's.
    const heading = generator.querySelector("#use-the-files")?.range[0] ?? Number.POSITIVE_INFINITY;
    const panel = generator.querySelectorAll("[role=tabpanel]").find((candidate) => candidate.range[0] > heading);
    const docker = text(panel);
    for (const file of CONFIGURATION_FILES.filter((candidate) => candidate.deployment === "Docker")) {
      const name = fileName(file);
      const step = stepOf(new RegExp(`Save (this|it) as ${name.replaceAll(".", "\\.")}`));
      expect(step, name).toBeGreaterThan(0);
      expect(docker).toMatch(new RegExp(`${name.replaceAll(".", "\\.")} \\(step ${step}\\b`));
    }
    expect(docker).toContain(`as in step ${stepOf(/^Start OpenMetadata/)}.`);
  });
});
