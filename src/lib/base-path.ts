/**
 * The site under a base path (Astro's `base`, e.g. /openmetadata-keycloak-guide/ on GitHub Pages).
 * Astro and Starlight put the base in front of the links they make (sidebar, search, assets), but not
 * in front of the links a page writes: `[Docker](/keycloak/docker/)`, `<LinkCard href="/keycloak/" />`,
 * a hero action's `link`. Pages keep writing paths from the site's root, and this plugin adds the
 * base when the site is built: in page content through a Markdown (hast) plugin, which runs before
 * starlight-links-validator's and so hands it the links as readers get them (under a base, the
 * validator expects links that include it), and in the hero's actions through a route middleware.
 * Components write `import.meta.env.BASE_URL` themselves.
 */
import type { StarlightPlugin } from "@astrojs/starlight/types";
import type { HastFilteredVisitor, HastPluginDefinition, MdxJsxFlowElementHast, MdxJsxTextElementHast } from "satteri";

/** `url` under `base` when it is a path from the site's root (`/keycloak/`); anything else as it is. */
export function withBase(url: string, base: string): string {
  if (!url.startsWith("/") || url.startsWith("//")) return url;
  return `${base.replace(/\/?$/, "/")}${url.slice(1)}`;
}

/** The attributes whose value is a URL on a page's elements and components (LinkCard's href, an img's src). */
const URL_ATTRIBUTES = ["href", "src"];

/** The Markdown (hast) plugin: the base in front of every root-relative href and src in a page's content. */
export function basePathLinks(base: string): HastPluginDefinition {
  const onComponent: HastFilteredVisitor<MdxJsxFlowElementHast | MdxJsxTextElementHast> = {
    filter: [],
    visit(node, context) {
      for (const attribute of node.attributes) {
        if (attribute.type !== "mdxJsxAttribute" || !URL_ATTRIBUTES.includes(attribute.name)) continue;
        if (typeof attribute.value !== "string") continue;
        const prefixed = withBase(attribute.value, base);
        if (prefixed !== attribute.value) context.setProperty(node, attribute.name, prefixed);
      }
    },
  };
  return {
    name: "base-path-links",
    element: {
      filter: [],
      visit(node, context) {
        for (const name of URL_ATTRIBUTES) {
          const value = node.properties[name];
          if (typeof value !== "string") continue;
          const prefixed = withBase(value, base);
          if (prefixed !== value) context.setProperty(node, name, prefixed);
        }
      },
    },
    mdxJsxFlowElement: onComponent,
    mdxJsxTextElement: onComponent,
  };
}

/** The Starlight plugin: list it before starlight-links-validator, so that the validator checks the prefixed links. */
export function starlightBasePath(): StarlightPlugin {
  return {
    name: "base-path",
    hooks: {
      "config:setup"({ astroConfig, addRouteMiddleware }) {
        const { processor } = astroConfig.markdown;
        if (processor.name !== "satteri") {
          throw new Error(
            `starlightBasePath() works with Astro's default Markdown processor, satteri, not "${processor.name}": ` +
              "remove markdown.processor from astro.config.mjs.",
          );
        }
        (processor.options as { hastPlugins: HastPluginDefinition[] }).hastPlugins.push(
          basePathLinks(astroConfig.base),
        );
        addRouteMiddleware({ entrypoint: "./src/lib/base-path-route-middleware.ts" });
      },
    },
  };
}
