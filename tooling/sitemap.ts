import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "node-html-parser";
import { distDir } from "./paths";

/**
 * The pages the built sitemap lists, as URL paths. The sitemap holds absolute URLs under the site URL
 * the build was given (SITE_URL), so that URL is read from the home page's canonical link and cut off.
 */
export function sitemapPaths(dist = distDir): string[] {
  const home = parse(readFileSync(join(dist, "index.html"), "utf8"));
  const siteUrl = home.querySelector('link[rel="canonical"]')?.getAttribute("href");
  if (!siteUrl) throw new Error("dist/index.html has no canonical link: is `site` set in astro.config.mjs?");
  const sitemap = readFileSync(join(dist, "sitemap-0.xml"), "utf8");
  const locations = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map(([, location]) => location ?? "");
  if (locations.length === 0) throw new Error("dist/sitemap-0.xml lists no pages");
  return locations.map((location) => {
    if (!location.startsWith(siteUrl)) throw new Error(`The sitemap lists ${location}, outside the site ${siteUrl}`);
    return `/${location.slice(siteUrl.length).replace(/^\//, "")}`;
  });
}
