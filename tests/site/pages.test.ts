/** Every built page, as the HTML a reader's browser gets: what it says, and what its copy buttons copy. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { type HTMLElement, parse } from "node-html-parser";
import { describe, expect, it } from "vitest";
import { EXAMPLES_ARCHIVE, EXAMPLES_FOLDER, examplesArchive } from "../../src/lib/examples-archive";
import { KEYCLOAK_VERSION } from "../../src/versions";
import { distDir } from "../../tooling/paths";
import { sitemapPaths } from "../support/site/browser";
import { embeddedCode, guidePages, readBuiltPage } from "../support/site/pages";

/** Parses a built page; <pre> is parsed too, so code blocks count as text a reader sees. */
function parsePage(html: string): HTMLElement {
  return parse(html, { blockTextElements: { script: true, noscript: true, style: true } });
}

/** What each copy button on a page puts on the clipboard (Expressive Code stores newlines as U+007F). */
function copyButtonTexts(page: HTMLElement): string[] {
  return page
    .querySelectorAll("button[data-code]")
    .map((button) => (button.getAttribute("data-code") ?? "").replace(/\u007f/g, "\n"));
}

describe.each(guidePages)("the built page $path", (page) => {
  const html = readBuiltPage(page.path);
  const dom = parsePage(html);
  const text = dom.querySelector("main")?.text.replace(/\s+/g, " ") ?? "";
  const embeds = dom.querySelectorAll("[data-example]");

  it("has its title as <h1> and in <title>", () => {
    expect(dom.querySelectorAll("h1").map((h1) => h1.text.trim())).toEqual([page.title]);
    expect(dom.querySelector("title")?.text).toBe(`${page.title} | OpenMetadata + Keycloak SSO`);
  });

  if (page.facts.length > 0) {
    it("states what the guide's code says: versions, commands, OpenMetadata's defaults", () => {
      for (const fact of page.facts) expect(text).toContain(fact);
    });
  }

  if (dom.querySelector("starlight-toc")) {
    // Headings of its Markdown have an anchor; those a component draws (the generator's) have none.
    it("lists every heading of its text in its table of contents, each by its anchor", () => {
      const headings = dom.querySelectorAll(".sl-markdown-content :is(h2, h3)[id]").map((heading) => heading.id);
      const listed = dom.querySelectorAll("starlight-toc a").map((link) => link.getAttribute("href"));
      expect(headings.length).toBeGreaterThan(0);
      expect(listed).toEqual(["#_top", ...headings.map((id) => `#${id}`)]);
    });
  }

  it("lays out its procedure as numbered steps", () => {
    expect(dom.querySelectorAll("ol.sl-steps").length > 0).toBe(page.hasSteps);
  });

  if (embeds.length > 0) {
    it("copies exactly the example file, or region of it, that each embed names", () => {
      for (const embed of embeds) {
        const named = { file: embed.getAttribute("data-example") ?? "", region: embed.getAttribute("data-region") };
        expect(copyButtonTexts(embed), `${named.file} ${named.region ?? ""}`).toEqual([embeddedCode(named)]);
      }
    });
  }

  it("copies one single-line command from every other code block", () => {
    const fromExamples = new Set(dom.querySelectorAll("[data-example] button[data-code]"));
    const commands = dom
      .querySelectorAll("button[data-code]")
      .filter((button) => !fromExamples.has(button))
      .map((button) => (button.getAttribute("data-code") ?? "").replace(/\u007f/g, "\n").trim());
    for (const command of commands) expect(command).toMatch(/^[^\n]+$/);
  });

  it("names the Keycloak version it was tested with", () => {
    expect(text).toContain(`Keycloak ${KEYCLOAK_VERSION}`);
  });

  it("links to its source for editing", () => {
    expect(html).toContain(`/edit/main/src/content/docs/${page.source}`);
  });
});

describe("the site as a whole", () => {
  it("lists every page of the guide in its sitemap, and nothing else", () => {
    expect(sitemapPaths().sort()).toEqual(guidePages.map((page) => page.path).sort());
  });

  it("has a Pagefind search index and llms.txt", () => {
    expect(existsSync(join(distDir, "pagefind/pagefind.js"))).toBe(true);
    expect(readFileSync(join(distDir, "llms.txt"), "utf8")).toContain("OpenMetadata + Keycloak SSO");
  });

  it("shows a last-updated date on the guide's pages", () => {
    expect(readBuiltPage("/keycloak/auth-code-flow/")).toMatch(
      /Last updated:[\s\S]*?<time datetime="\d{4}-\d{2}-\d{2}/,
    );
  });

  it("offers the examples as a zip of exactly the examples/ folder, one link away from every page that runs them", () => {
    const served = readFileSync(join(distDir, EXAMPLES_ARCHIVE));
    expect(Buffer.compare(served, Buffer.from(examplesArchive()))).toBe(0);
    expect(Object.keys(unzipSync(served))).toEqual(expect.arrayContaining([`${EXAMPLES_FOLDER}/package-lock.json`]));
    // A page that has the reader run a script from the examples links the zip, or the section of a
    // page that does (up to that page's next <h2>).
    const zipLink = `href="/${EXAMPLES_ARCHIVE}"`;
    const sectionOffersZip = (href: string) => {
      const [path = "", anchor] = href.split("#");
      const html = readBuiltPage(path);
      const start = anchor ? html.indexOf(`id="${anchor}"`) : -1;
      const end = html.indexOf("<h2", start + 1);
      return start !== -1 && html.slice(start, end === -1 ? undefined : end).includes(zipLink);
    };
    const runsScript = (dom: HTMLElement) =>
      dom
        .querySelectorAll("button[data-code]")
        .some(
          (button) => !button.closest("[data-example]") && /(^| )npx tsx /.test(button.getAttribute("data-code") ?? ""),
        );
    const running = guidePages
      .map((page) => ({ page, dom: parsePage(readBuiltPage(page.path)) }))
      .filter(({ dom }) => runsScript(dom));
    expect(running.length).toBeGreaterThan(0);
    for (const { page, dom } of running) {
      const linked = dom.querySelectorAll('main a[href^="/keycloak/"]').map((link) => link.getAttribute("href") ?? "");
      expect(readBuiltPage(page.path).includes(zipLink) || linked.some(sectionOffersZip), page.path).toBe(true);
    }
  });

  it("shows each deployment page its own deployment's commands only", () => {
    const commandsOf = {
      "/keycloak/docker/": /^docker compose /,
      "/keycloak/bare-metal/": /^\.\/(bin|bootstrap)\/|^tail /,
      "/keycloak/kubernetes/": /^(kubectl|helm) /,
    };
    for (const [path, own] of Object.entries(commandsOf)) {
      const commands = copyButtonTexts(parsePage(readBuiltPage(path))).filter((code) => !code.includes("\n"));
      const others = Object.entries(commandsOf).filter(([other]) => other !== path);
      expect(
        commands.some((command) => own.test(command)),
        path,
      ).toBe(true);
      for (const [other, theirs] of others) {
        expect(
          commands.filter((command) => theirs.test(command) && !own.test(command)),
          `${path} shows ${other}'s commands`,
        ).toEqual([]);
      }
    }
  });

  it("keeps the pre-Keycloak-17 /auth path out of every snippet a reader copies", () => {
    for (const page of guidePages) {
      for (const code of copyButtonTexts(parsePage(readBuiltPage(page.path)))) {
        expect(code, page.path).not.toMatch(/\/auth\/realms/);
      }
    }
  });
});
