import AxeBuilder from "@axe-core/playwright";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, it } from "vitest";
import { launchChromium } from "../support/chromium";
import { distDir } from "../support/pages";
import { codeBlocksSettled, sitemapPaths } from "../support/site-browser";
import { type StaticServer, startStaticServer } from "../support/static-server";

/** The rule sets Starlight's own docs are held to (docs/__a11y__ in withastro/starlight). */
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

/**
 * Findings that are false positives in markup Starlight ships, each matched on the exact element, so the
 * same rule still fails anywhere else. Starlight's own a11y test keeps a list like this (for its asides).
 */
const STARLIGHT_FALSE_POSITIVES: { rule: string; element: RegExp }[] = [
  {
    // <button aria-label="Search" aria-keyshortcuts="Control+K"><span aria-hidden>Search</span><kbd>Ctrl K</kbd>.
    // The button's label, "Search", is its accessible name; "Ctrl K" is the shortcut hint, exposed as
    // aria-keyshortcuts. axe (ACT rule 2ee8b8) takes all visible text for the label, which it is not here.
    rule: "label-content-name-mismatch",
    element: /^<button data-open-modal="" aria-label="Search" aria-keyshortcuts="(Control|Meta)\+K"/,
  },
  {
    // Expressive Code gives a code block that scrolls sideways tabindex="0" and role="region" but no name
    // (expressive-code/expressive-code#343; #348 proposes role="group"). An unnamed region is not exposed as
    // a landmark (Core-AAM, role "region"), so there are no duplicate landmarks for a reader to tell apart.
    rule: "landmark-unique",
    element: /^<pre data-language="[\w-]*" tabindex="0" role="region">$/,
  },
];

type Result = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"][number];

const themes = ["dark", "light"] as const;
const cases = sitemapPaths().flatMap((path) => themes.map((theme) => ({ path, theme })));

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  server = await startStaticServer(distDir);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The violations left once the known false positives' elements are taken out. */
function realViolations(violations: Result[]): Result[] {
  return violations
    .map((violation) => ({
      ...violation,
      nodes: violation.nodes.filter(
        (node) =>
          !STARLIGHT_FALSE_POSITIVES.some(({ rule, element }) => rule === violation.id && element.test(node.html)),
      ),
    }))
    .filter((violation) => violation.nodes.length > 0);
}

/** What a contributor needs to fix each violation: the rule, its impact, its help page and where it is. */
function report(violations: Result[]): string {
  return violations
    .map((violation) => {
      const nodes = violation.nodes
        .slice(0, 5)
        .map((node) => `    ${node.target.join(" ")}\n      ${node.failureSummary?.replace(/\n\s*/g, " ") ?? ""}`)
        .join("\n");
      const more = violation.nodes.length > 5 ? `\n    …and ${violation.nodes.length - 5} more` : "";
      return `${violation.id} (${violation.impact}): ${violation.help}\n  ${violation.helpUrl}\n${nodes}${more}`;
    })
    .join("\n");
}

// Pages are checked a few at a time: most of a check is waiting for the page and its scripts.
describe.concurrent("accessibility (axe)", () => {
  it.for(cases)("$path ($theme)", async ({ path, theme }, { expect }) => {
    // Starlight picks the theme from localStorage, else from the system's colour scheme, as a reader's browser does.
    const context = await browser.newContext({ colorScheme: theme, viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}${path}`, { waitUntil: "load" });
      expect(await page.locator("html").getAttribute("data-theme")).toBe(theme);
      await codeBlocksSettled(page);

      const results = await new AxeBuilder({ page })
        .options({ resultTypes: ["violations"] })
        .withTags(AXE_TAGS)
        // The site has no frames; legacy mode runs axe in the page itself instead of gathering frame
        // results in a second page, which is several times faster on the long code pages.
        .setLegacyMode(true)
        .analyze();

      const violations = realViolations(results.violations);
      expect(
        violations.map(({ id }) => id),
        `axe found on ${path} (${theme}):\n${report(violations)}`,
      ).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
