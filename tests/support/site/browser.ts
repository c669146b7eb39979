import type { BrowserContext, Page } from "playwright-core";

/** Read by the site tests from here; it lives in tooling/ because the benchmarks read it too. */
export { sitemapPaths } from "../../../tooling/sitemap";

/** The site's title, which follows each page's own in `<title>`. */
export const SITE_TITLE = "OpenMetadata + Keycloak SSO";

/** A page of the built site, open in a browser, with everything that went wrong while it loaded and ran. */
export interface OpenedPage {
  page: Page;
  /** Console errors, uncaught exceptions, failed requests and responses of 400 or more, one line each. */
  problems: string[];
}

/** Opens `url` in a new tab of `context`, recording its problems from the first request on. */
export async function openPage(
  context: BrowserContext,
  url: string,
  waitUntil: "load" | "networkidle" = "networkidle",
): Promise<OpenedPage> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  page.on("requestfailed", (request) => {
    const reason = request.failure()?.errorText ?? "no reason given";
    // The browser cancels what it was still loading when the reader moves on (the page being left, a
    // prefetch started on hover: Starlight prefetches every link). No failure of the site; those show as
    // an HTTP status or another net:: error.
    if (reason === "net::ERR_ABORTED") return;
    problems.push(`request failed: ${request.url()} (${reason})`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.goto(url, { waitUntil });
  return { page, problems };
}

/**
 * Opens Starlight's search dialog as a reader does (Ctrl+K). Starlight sets Pagefind's search box up
 * when the browser is next idle, and headless Chromium can put that off for good once the dialog is
 * open, so the dialog is opened once the box is there, as a reader would.
 */
export async function openSearch(page: Page): Promise<void> {
  const dialog = page.getByRole("dialog", { name: "Search", includeHidden: true });
  await dialog.locator("input.pagefind-ui__search-input").waitFor({ state: "attached" });
  await page.keyboard.press("Control+k");
  await dialog.waitFor();
}

/** Types `query` into the open search dialog; resolves with the URL paths of its results' links. */
export async function searchResults(page: Page, query: string): Promise<string[]> {
  await page.locator("#starlight__search input.pagefind-ui__search-input").fill(query);
  // The results on show are this query's once its message names the query, and each result has
  // loaded its page's title and link.
  const results = await page.waitForFunction((query) => {
    const area = document.querySelector("#starlight__search .pagefind-ui__results-area");
    const list = area?.querySelector(".pagefind-ui__results");
    const message = area?.querySelector(".pagefind-ui__message")?.textContent ?? "";
    if (!list || !message.includes(query) || list.querySelector(".pagefind-ui__loading")) return undefined;
    return [...list.querySelectorAll("a.pagefind-ui__result-link")].map((link) => link.getAttribute("href") ?? "");
  }, query);
  return ((await results.jsonValue()) ?? []).map((href) => new URL(href, page.url()).pathname);
}

/**
 * Waits until Expressive Code has marked up every code block for its width: a block that scrolls sideways
 * gets tabindex="0" (and a role) from a script that runs a little after load, one that fits gets neither.
 * Checking a page before that would test a state no reader sees.
 */
export async function codeBlocksSettled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    [...document.querySelectorAll(".expressive-code pre")]
      // A block folded away in a closed <details> has no size to measure until it is opened.
      .filter((pre) => pre.getClientRects().length > 0)
      .every((pre) => pre.scrollWidth > pre.clientWidth === pre.hasAttribute("tabindex")),
  );
}
