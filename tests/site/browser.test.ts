/** The built site in a real browser, as a reader finds their way around it. */
import type { Page } from "playwright-core";
import { describe, expect, test } from "../support/fixtures";
import { openSearch, searchResults, sitemapPaths } from "../support/site/browser";
import { guidePages, readBuiltPage } from "../support/site/pages";

// A few pages at a time: most of each check is waiting for the page to go quiet.
describe.concurrent("every page in the sitemap", () => {
  test.for(sitemapPaths())("%s loads without a script error or a failed request", async (path, { openPage }) => {
    const { problems } = await openPage(path);
    expect(problems).toEqual([]);
  });
});

test("the sidebar reaches every page of the guide from the home page", async ({ openPage, site }) => {
  const { page, problems } = await openPage("/", { waitUntil: "load" });
  // The home page is a splash page without a sidebar; its link to the overview leads into the docs.
  await page.getByRole("link", { name: "Read the overview" }).click();
  await page.waitForURL(`${site.url}/keycloak/`);

  const links = page.locator('nav[aria-label="Main"] a[href^="/"]');
  const hrefs = await links.evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href") ?? ""));
  expect(hrefs.sort()).toEqual(
    guidePages
      .map((guide) => guide.path)
      .filter((path) => path !== "/")
      .sort(),
  );
  for (const link of await links.all()) expect(await link.isVisible()).toBe(true);
  for (const href of hrefs) expect((await page.request.get(`${site.url}${href}`)).status(), href).toBe(200);
  expect(problems).toEqual([]);
});

test("search finds the page that explains what a reader types", async ({ openPage }) => {
  const searches = [
    { query: "client secret", expected: "/keycloak/auth-code-flow/" },
    { query: "redirect URI", expected: "/keycloak/auth-code-flow/" },
    { query: "kubectl", expected: "/keycloak/kubernetes/" },
  ];
  const { page, problems } = await openPage("/keycloak/", { waitUntil: "load" });
  const dialog = page.getByRole("dialog", { name: "Search", includeHidden: true });
  expect(
    await dialog.textContent(),
    "dist/ was built in development mode, where Starlight leaves search out: the build needs NODE_ENV=production",
  ).not.toContain("only available in production builds");
  await openSearch(page);

  for (const { query, expected } of searches) {
    const paths = await searchResults(page, query);
    expect(paths, `results for "${query}"`).toContain(expected);
  }
  expect(problems).toEqual([]);
});

test("the deployment a reader picks on one page is the one the other pages open on", async ({ openPage, site }) => {
  /** The label of the selected tab of each deployment tab group on the page. */
  const selectedDeployments = (page: Page) =>
    page
      .locator('starlight-tabs[data-sync-key="deployment"] [role="tab"][aria-selected="true"]')
      .allTextContents()
      .then((labels) => labels.map((label) => label.trim()));

  const { page } = await openPage("/keycloak/", { waitUntil: "load" });
  expect(await selectedDeployments(page)).toEqual(["Docker"]);
  await page.getByRole("tab", { name: "Kubernetes" }).click();

  const withTabs = guidePages
    .map((guide) => guide.path)
    .filter((path) => path !== "/keycloak/" && readBuiltPage(path).includes('data-sync-key="deployment"'));
  expect(withTabs).toContain("/keycloak/networks/");
  for (const path of withTabs) {
    await page.goto(`${site.url}${path}`, { waitUntil: "load" });
    const selected = await selectedDeployments(page);
    expect(selected.length, path).toBeGreaterThan(0);
    expect(selected, path).toEqual(selected.map(() => "Kubernetes"));
  }
});

test("on a phone, a table fits the screen, each cell under its column's name", async ({ openPage }) => {
  const { page, problems } = await openPage("/keycloak/sessions-and-tokens/", {
    viewport: { width: 390, height: 844 },
  });
  const table = page.locator(".sl-markdown-content table").first();
  const fits = await table.evaluate((element) => element.scrollWidth <= element.clientWidth);
  expect(fits).toBe(true);
  const firstCell = table.locator("td").first();
  const label = await firstCell.evaluate((cell) => getComputedStyle(cell, "::before").content);
  expect(label).toBe('"Setting, and where it is"');
  expect(problems).toEqual([]);
});

test("wraps a long line of an env file inside its code block, as it wraps a long command", async ({ openPage }) => {
  const { page, problems } = await openPage("/keycloak/docker/");
  const block = page.locator('[data-example="docker/openmetadata_keycloak.env"] pre').first();
  const line = block.locator(".ec-line", { hasText: "AUTHENTICATION_PUBLIC_KEYS=" });
  // Nothing hidden to the right, and the line takes more than one row of text.
  expect(await block.evaluate((pre) => pre.scrollWidth <= pre.clientWidth)).toBe(true);
  const rows = await line.evaluate((element) => {
    const height = element.getBoundingClientRect().height;
    return height / Number.parseFloat(getComputedStyle(element).lineHeight);
  });
  expect(rows).toBeGreaterThan(1.5);
  expect(problems).toEqual([]);
});
