/**
 * Every page through axe, in both themes, one test per page and theme: the rules Starlight's own docs
 * are held to (docs/__a11y__ in withastro/starlight).
 */
import AxeBuilder from "@axe-core/playwright";
import { describe, expect, test } from "../support/fixtures";
import { codeBlocksSettled, sitemapPaths } from "../support/site/browser";

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

type Violation = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"][number];
type ViolationNode = Violation["nodes"][number];

/**
 * Findings ignored on markup that Starlight and Expressive Code ship, each only on the element it is
 * about, so the same rule still fails anywhere else.
 */
const IGNORED: { id: string; nodeMatcher: (node: ViolationNode) => boolean; why: string }[] = [
  {
    id: "label-content-name-mismatch",
    nodeMatcher: (node) =>
      /^<button data-open-modal="" aria-label="Search" aria-keyshortcuts="(Control|Meta)\+K"/.test(node.html),
    why:
      'Starlight\'s search button is named "Search"; its visible "Ctrl K" is the shortcut, exposed as aria-keyshortcuts. ' +
      "axe (ACT rule 2ee8b8) counts all visible text as the label, which it is not here.",
  },
  {
    id: "landmark-unique",
    nodeMatcher: (node) => /^<pre data-language="[\w-]*" tabindex="0" role="region">$/.test(node.html),
    why:
      'Expressive Code gives a code block that scrolls sideways role="region" without a name ' +
      "(expressive-code/expressive-code#343); an unnamed region is no landmark (Core-AAM), so none need telling apart.",
  },
];

/** The violations left once the ignored findings' elements are taken out. */
function realViolations(violations: Violation[]): Violation[] {
  return violations
    .map((violation) => ({
      ...violation,
      nodes: violation.nodes.filter(
        (node) => !IGNORED.some((ignored) => ignored.id === violation.id && ignored.nodeMatcher(node)),
      ),
    }))
    .filter((violation) => violation.nodes.length > 0);
}

/** What a contributor needs to fix each violation: the rule, its impact, its help page and where it is. */
function report(violations: Violation[]): string {
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

const cases = sitemapPaths().flatMap((path) => (["dark", "light"] as const).map((theme) => ({ path, theme })));

// Pages are checked a few at a time: most of a check is waiting for the page and its scripts.
describe.concurrent("accessibility (axe)", () => {
  test.for(cases)("$path ($theme)", async ({ path, theme }, { openPage }) => {
    // Starlight picks the theme from the system's colour scheme, as a reader's browser does.
    const { page } = await openPage(path, { colorScheme: theme, waitUntil: "load" });
    expect(await page.locator("html").getAttribute("data-theme")).toBe(theme);
    // Folded examples are checked opened, as a reader who opens them sees them.
    await page.locator("details").evaluateAll((folded) => {
      for (const details of folded) (details as HTMLDetailsElement).open = true;
    });
    await codeBlocksSettled(page);
    const results = await new AxeBuilder({ page })
      .options({ resultTypes: ["violations"] })
      .withTags(AXE_TAGS)
      // The site has no frames; legacy mode runs axe in the page itself, several times faster on long pages.
      .setLegacyMode(true)
      .analyze();
    const violations = realViolations(results.violations);
    expect(
      violations.map(({ id }) => id),
      `axe found on ${path} (${theme}):\n${report(violations)}`,
    ).toEqual([]);
  });
});
