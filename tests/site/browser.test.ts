import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../support/chromium";
import { distDir, embeddedCode, type GuidePage, guidePages } from "../support/pages";
import { codeBlocksSettled, openPage, SITE_TITLE, sitemapPaths } from "../support/site-browser";
import { type StaticServer, startStaticServer } from "../support/static-server";

const pagesInSitemap = sitemapPaths();

let server: StaticServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startStaticServer(distDir);
  browser = await launchChromium();
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const desktop = { viewport: { width: 1280, height: 800 } };

/** A fresh browser profile for one test, closed after it: no theme, tab choice or clipboard left over. */
async function newContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ ...desktop, ...options });
  contexts.push(context);
  return context;
}

const urlOf = (path: string) => `${server.url}${path}`;
const pathOf = (href: string) => new URL(href, server.url).pathname;

function guidePage(path: string): GuidePage {
  const page = guidePages.find((candidate) => candidate.path === path);
  if (!page) throw new Error(`${path} is in the sitemap but not in guidePages (tests/support/pages.ts)`);
  return page;
}

// A few pages at a time: most of each check is waiting for the page to go quiet.
describe.concurrent("every page in the sitemap", () => {
  it("is a page of the guide, and every page of the guide is in it", ({ expect }) => {
    expect([...pagesInSitemap].sort()).toEqual(guidePages.map((page) => page.path).sort());
  });

  it.for(pagesInSitemap)("%s", async (path, { expect }) => {
    const { title } = guidePage(path);
    const context = await browser.newContext(desktop);
    try {
      const { page, problems } = await openPage(context, urlOf(path));

      expect(problems).toEqual([]);
      expect(await page.title()).toBe(`${title} | ${SITE_TITLE}`);
      expect((await page.locator("h1").allTextContents()).map((text) => text.trim())).toEqual([title]);
      const h2s = await page
        .locator("h2")
        .evaluateAll((headings) => headings.map((heading) => ({ id: heading.id, text: heading.textContent?.trim() })));
      expect(h2s.filter(({ id }) => !id)).toEqual([]);
      expect(new Set(h2s.map(({ id }) => id)).size).toBe(h2s.length);
    } finally {
      await context.close();
    }
  });
});

describe("the sidebar", () => {
  it("reaches every page of the guide from the home page, each answering 200", async () => {
    const context = await newContext();
    const { page, problems } = await openPage(context, urlOf("/"), "load");
    // The home page is a splash page without a sidebar; its link to the overview leads into the docs.
    await page.getByRole("link", { name: "Read the overview" }).click();
    await page.waitForURL(urlOf("/keycloak/"));

    const sidebar = page.locator('nav[aria-label="Main"]');
    const links = sidebar.locator('a[href^="/"]');
    const hrefs = await links.evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href") ?? ""));
    expect(hrefs.map(pathOf).sort()).toEqual(
      guidePages
        .map((guide) => guide.path)
        .filter((path) => path !== "/")
        .sort(),
    );
    for (const link of await links.all()) expect(await link.isVisible()).toBe(true);

    for (const href of hrefs) {
      const response = await context.request.get(urlOf(href));
      expect(response.status(), href).toBe(200);
    }
    expect(problems).toEqual([]);
  });
});

describe("search", () => {
  const searches = [
    { query: "client secret", expected: "/keycloak/auth-code-flow/" },
    { query: "redirect URI", expected: "/keycloak/auth-code-flow/" },
    { query: "kubectl", expected: "/keycloak/kubernetes/" },
  ];

  it("finds the page that explains what a reader types", async () => {
    const { page, problems } = await openPage(await newContext(), urlOf("/keycloak/"), "load");
    const dialog = page.getByRole("dialog", { name: "Search", includeHidden: true });
    expect(
      await dialog.textContent(),
      "dist/ was built in development mode, where Starlight leaves search out: `astro build` under Vitest " +
        "inherits NODE_ENV=test; the build needs NODE_ENV=production",
    ).not.toContain("only available in production builds");
    // Starlight sets Pagefind's search box up when the browser is next idle. Headless Chromium can put that
    // off for good once the dialog is open, so open it when the box is there, as a reader would.
    const input = dialog.locator("input.pagefind-ui__search-input");
    await input.waitFor({ state: "attached" });
    await page.keyboard.press("Control+k");
    await dialog.waitFor();
    expect(await input.evaluate((element) => element === document.activeElement)).toBe(true);

    for (const { query, expected } of searches) {
      await input.fill(query);
      // The results on show are this query's once its message names the query, and each result has
      // loaded its page's title and link.
      const results = await page.waitForFunction((query) => {
        const area = document.querySelector("#starlight__search .pagefind-ui__results-area");
        const list = area?.querySelector(".pagefind-ui__results");
        const message = area?.querySelector(".pagefind-ui__message")?.textContent ?? "";
        if (!list || !message.includes(query) || list.querySelector(".pagefind-ui__loading")) return undefined;
        return [...list.querySelectorAll("a.pagefind-ui__result-link")].map((link) => link.getAttribute("href") ?? "");
      }, query);
      const paths = ((await results.jsonValue()) ?? []).map(pathOf);
      expect(paths, `results for "${query}"`).toContain(expected);
    }
    expect(problems).toEqual([]);
  });
});

describe("deployment tabs", () => {
  /** The label of the selected tab of each deployment tab group on the page. */
  const selectedDeployments = (page: Page) =>
    page
      .locator('starlight-tabs[data-sync-key="deployment"] [role="tab"][aria-selected="true"]')
      .allTextContents()
      .then((labels) => labels.map((label) => label.trim()));

  it("keep the reader's choice from the overview on the other pages", async () => {
    const context = await newContext();
    const { page } = await openPage(context, urlOf("/keycloak/"), "load");
    expect(await selectedDeployments(page)).toEqual(["Docker"]);
    await page.getByRole("tab", { name: "Kubernetes" }).click();
    expect(await selectedDeployments(page)).toEqual(["Kubernetes"]);

    for (const path of ["/keycloak/docker/", "/keycloak/auth-code-flow/"]) {
      await page.goto(urlOf(path), { waitUntil: "load" });
      const selected = await selectedDeployments(page);
      expect(selected.length, path).toBeGreaterThan(0);
      expect(selected, path).toEqual(selected.map(() => "Kubernetes"));
    }
  });
});

describe("copy buttons", () => {
  const pagesWithExamples = guidePages.filter((page) => page.examples.length > 0);

  it.each(pagesWithExamples)("on $path copy exactly the embedded examples", async (guide) => {
    const context = await newContext({ permissions: ["clipboard-read", "clipboard-write"] });
    const { page, problems } = await openPage(context, urlOf(guide.path), "load");
    await codeBlocksSettled(page);
    const buttons = page.locator(".expressive-code button[data-code]");
    expect(await buttons.count()).toBe(guide.examples.length);

    const copied: string[] = [];
    for (const button of await buttons.all()) {
      // A block in a tab the reader has not opened is hidden: open that tab first.
      const hiddenPanelTab = await button.evaluate(
        (element) => element.closest('[role="tabpanel"][hidden]')?.getAttribute("aria-labelledby") ?? null,
      );
      if (hiddenPanelTab) await page.locator(`[id="${hiddenPanelTab}"]`).click();

      await page.evaluate(() => navigator.clipboard.writeText("(nothing copied)"));
      const block = button.locator("xpath=ancestor::figure[1]");
      await block.scrollIntoViewIfNeeded();
      await block.hover();
      await button.click();
      copied.push(await page.evaluate(() => navigator.clipboard.readText()));
    }

    expect(copied).toEqual(guide.examples.map(embeddedCode));
    expect(problems).toEqual([]);
  });
});

describe("themes", () => {
  it("follow the reader's colour scheme, and both render", async () => {
    const rendered: Record<string, { colour: string; screenshot: Buffer }> = {};
    for (const colorScheme of ["dark", "light"] as const) {
      const { page, problems } = await openPage(await newContext({ colorScheme }), urlOf("/keycloak/docker/"), "load");
      expect(await page.locator("html").getAttribute("data-theme")).toBe(colorScheme);
      const colour = await page.locator("main").evaluate((main) => getComputedStyle(main).color);
      const screenshot = await page.screenshot();
      expect(screenshot.subarray(1, 4).toString()).toBe("PNG");
      expect(screenshot.length).toBeGreaterThan(10_000);
      rendered[colorScheme] = { colour, screenshot };
      expect(problems).toEqual([]);
    }
    expect(rendered.dark?.colour).not.toBe(rendered.light?.colour);
    expect(rendered.dark?.screenshot.equals(rendered.light?.screenshot ?? Buffer.alloc(0))).toBe(false);
  });

  it("keep the theme the reader picked over the system's", async () => {
    const context = await newContext({ colorScheme: "dark" });
    await context.addInitScript(() => localStorage.setItem("starlight-theme", "light"));
    const { page } = await openPage(context, urlOf("/keycloak/"), "load");
    expect(await page.locator("html").getAttribute("data-theme")).toBe("light");

    await page.getByRole("combobox", { name: "Select theme" }).first().selectOption("dark");
    expect(await page.locator("html").getAttribute("data-theme")).toBe("dark");
    expect(await page.evaluate(() => localStorage.getItem("starlight-theme"))).toBe("dark");
  });
});

describe("on a phone", () => {
  it("hides the sidebar behind the menu button, which opens it", async () => {
    const context = await newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const { page, problems } = await openPage(context, urlOf("/keycloak/"), "load");
    const kubernetes = page.locator('#starlight__sidebar a[href="/keycloak/kubernetes/"]');
    expect(await kubernetes.isVisible()).toBe(false);

    const menu = page.getByRole("button", { name: "Menu" });
    expect(await menu.isVisible()).toBe(true);
    await menu.click();
    await kubernetes.waitFor({ state: "visible" });
    await kubernetes.click();

    await page.waitForURL(urlOf("/keycloak/kubernetes/"));
    expect((await page.locator("h1").textContent())?.trim()).toBe(guidePage("/keycloak/kubernetes/").title);
    expect(problems).toEqual([]);
  });
});
