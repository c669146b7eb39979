/**
 * The site as GitHub Pages publishes it for a project: built under a base path (/<repository>/) with
 * the address and repository the deploy workflow gives it, and served under that path only, so a link
 * that misses the base is not found. The rest of the site project tests the build at the root (dist/).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "node-html-parser";
import { EXAMPLES_ARCHIVE, examplesArchive } from "../../src/lib/examples-archive";
import { PLACEHOLDER_REPOSITORY_URL, PLACEHOLDER_SITE_URL, siteAddress } from "../../src/lib/site-address";
import { projectRoot } from "../../tooling/paths";
import { run } from "../../tooling/process";
import { describe, expect, test } from "../support/fixtures";
import { openSearch, searchResults, sitemapPaths } from "../support/site/browser";
import { projectSiteBuild } from "../support/site/build";
import { guidePages } from "../support/site/pages";

const { dir, base, env } = projectSiteBuild;
const siteUrl = env.SITE_URL ?? "";

/** Every file of the build, as paths relative to its folder. */
const builtFiles = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((file) =>
  statSync(join(dir, file)).isFile(),
);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The published address of a built file: a page's index.html is its folder. */
const addressOf = (file: string) => `${siteUrl}${base}${file.replace(/(^|\/)index\.html$/, "$1")}`;

/**
 * What is wrong with a URL a built file names, or undefined when it is another site's or it leads,
 * under the base path, to a file of the build.
 */
function brokenReason(value: string, from: string): string | undefined {
  if (value.startsWith("//")) return "is protocol-relative: it leads to another host";
  const url = new URL(value, addressOf(from));
  if (url.origin !== siteUrl) return undefined;
  // The not-found page names itself by its route, /404/; a host serves 404.html for any path it lacks.
  if (from === "404.html" && url.pathname === `${base}404/`) return undefined;
  if (!url.pathname.startsWith(base)) return `is outside the base path ${base}`;
  let target = join(dir, decodeURIComponent(url.pathname.slice(base.length)));
  try {
    if (statSync(target).isDirectory()) target = join(target, "index.html");
    statSync(target);
  } catch {
    return "leads to no file of the site";
  }
  return undefined;
}

// Every test of this file gets the site built under the base path, served under it.
test.override("build", { scope: "file" }, projectSiteBuild);

describe("the site under a base path", () => {
  test("is served under its base path only, as GitHub Pages serves a project site", async ({ site }) => {
    expect(site.url.endsWith(base.replace(/\/$/, ""))).toBe(true);
    expect((await fetch(`${site.url}/keycloak/`)).status).toBe(200);
    expect((await fetch(new URL("/keycloak/", site.url))).status).toBe(404);
  });

  test("lists every page of the guide in its sitemap, under its address and base path", () => {
    expect(sitemapPaths(dir).sort()).toEqual(guidePages.map((page) => page.path).sort());
    expect(readFileSync(join(dir, "sitemap-0.xml"), "utf8")).toContain(`<loc>${siteUrl}${base}keycloak/</loc>`);
  });

  describe.concurrent("every page in the sitemap", () => {
    test.for(sitemapPaths(dir))("%s loads without a script error or a failed request", async (path, { openPage }) => {
      const { problems } = await openPage(path);
      expect(problems).toEqual([]);
    });
  });

  test("every link, image, script and style of every built file leads under the base path to a file of the site", () => {
    const broken: string[] = [];
    let checked = 0;
    for (const file of builtFiles) {
      const text = /\.(html|xml|txt)$/.test(file) ? readFileSync(join(dir, file), "utf8") : "";
      const attributes = file.endsWith(".html")
        ? parse(text)
            .querySelectorAll("[href], [src], [srcset]")
            .flatMap((element) => [
              element.getAttribute("href") ?? "",
              element.getAttribute("src") ?? "",
              ...(element.getAttribute("srcset") ?? "").split(",").map((entry) => entry.trim().split(/\s+/)[0] ?? ""),
            ])
        : [];
      // The site's own address, written in full: canonical links, the sitemap, llms.txt.
      const addresses = text.match(new RegExp(`${escapeRegExp(siteUrl)}[^\\s"'<>)\\]]*`, "g")) ?? [];
      for (const url of [...attributes, ...addresses].filter((url) => url !== "")) {
        checked++;
        const reason = brokenReason(url, file);
        if (reason) broken.push(`${file}: ${url} ${reason}`);
      }
    }
    expect(checked).toBeGreaterThan(500);
    expect(broken).toEqual([]);
  });

  test("names its own address and repository, and no placeholder, in every file", () => {
    const placeholders = [new URL(PLACEHOLDER_SITE_URL).host, PLACEHOLDER_REPOSITORY_URL];
    const naming = (text: string) => builtFiles.filter((file) => readFileSync(join(dir, file)).includes(text));
    for (const placeholder of placeholders) expect(naming(placeholder), placeholder).toEqual([]);
    expect(naming(`${siteUrl}${base}`)).toContain("index.html");
    expect(naming(`${env.REPOSITORY_URL}/edit/main/`)).toContain("keycloak/docker/index.html");
  });

  test("loads the generator's code and writes a file from what the reader types", async ({ openPage }) => {
    const { page, problems } = await openPage("/keycloak/generator/");
    await page.getByLabel("Keycloak URL", { exact: true }).fill("https://sso.acme.test");
    await expect
      .poll(() => page.locator("#generator-docker-env pre").textContent())
      .toContain("https://sso.acme.test/realms/openmetadata/.well-known/openid-configuration");
    expect(problems).toEqual([]);
  });

  test("downloads the examples zip from its link", async ({ openPage }) => {
    const { page, problems } = await openPage("/keycloak/auth-code-flow/", { waitUntil: "load" });
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "download them as a zip" }).click(),
    ]);
    expect(new URL(download.url()).pathname).toBe(`${base}${EXAMPLES_ARCHIVE}`);
    const downloaded = readFileSync(await download.path());
    expect(Buffer.compare(downloaded, Buffer.from(examplesArchive()))).toBe(0);
    expect(problems).toEqual([]);
  });

  test("search finds a page, and its result opens it", async ({ openPage }) => {
    const { page, problems } = await openPage("/keycloak/", { waitUntil: "load" });
    await openSearch(page);
    const expected = `${base}keycloak/kubernetes/`;
    expect(await searchResults(page, "kubectl")).toContain(expected);
    await page.locator(`#starlight__search a.pagefind-ui__result-link[href="${expected}"]`).first().click();
    await page.waitForURL((url) => url.pathname === expected);
    expect(await page.locator("h1").textContent()).toBe("Keycloak SSO for Kubernetes");
    expect(problems).toEqual([]);
  });
});

test("a base path without its trailing slash stops the build with one line naming what to write, and writes nothing", async () => {
  const parent = mkdtempSync(join(tmpdir(), "site-bad-base-"));
  const outDir = join(parent, "dist");
  const badEnv = { ...env, BASE_PATH: base.replace(/\/$/, "") };
  try {
    const result = await run("npx", ["astro", "build", "--outDir", outDir], {
      cwd: projectRoot,
      env: { ...process.env, ...badEnv, NODE_ENV: "production" },
    });
    const printed = `${result.stdout}${result.stderr}`.trim();
    expect(result.code).toBe(1);
    expect(printed).toMatch(/^BASE_PATH=[^\n]* e\.g\. BASE_PATH=\/openmetadata-keycloak-guide\/ [^\n]*$/);
    // The message is the config's own, whole: src/lib/site-address.ts owns its wording.
    expect(() => siteAddress(badEnv)).toThrow(new Error(printed));
    expect(existsSync(outDir)).toBe(false);
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});
