// @ts-check
import starlight from "@astrojs/starlight";
import { defineConfig } from "astro/config";
import starlightImageZoom from "starlight-image-zoom";
import starlightLinksValidator from "starlight-links-validator";
import starlightLlmsTxt from "starlight-llms-txt";
import { starlightBasePath } from "./src/lib/base-path";
import { siteAddress } from "./src/lib/site-address";

// Where the site is published (SITE_URL, BASE_PATH) and where its source lives (REPOSITORY_URL), set
// at build time by the deploy workflow (src/lib/site-address.ts). A wrong or placeholder value stops
// the build before it writes anything, with one line naming the setting and what to write.
/** @type {import("./src/lib/site-address").SiteAddress} */
let address;
try {
  address = siteAddress(process.env);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
const { site, base, repository } = address;

export default defineConfig({
  site,
  base,
  integrations: [
    starlight({
      title: "OpenMetadata + Keycloak SSO",
      description: "A tested guide to single sign-on for OpenMetadata with Keycloak.",
      editLink: { baseUrl: `${repository}/edit/main/` },
      lastUpdated: true,
      social: [{ icon: "github", label: "Source", href: repository }],
      sidebar: [
        {
          label: "Keycloak SSO",
          items: [
            { label: "Overview", slug: "keycloak" },
            { label: "Auth Code Flow", slug: "keycloak/auth-code-flow" },
            { label: "Check your Keycloak", slug: "keycloak/doctor" },
            { label: "Troubleshooting", slug: "keycloak/troubleshooting" },
          ],
        },
        {
          label: "Configure OpenMetadata",
          items: [
            { label: "Docker", slug: "keycloak/docker" },
            { label: "Bare metal", slug: "keycloak/bare-metal" },
            { label: "Kubernetes", slug: "keycloak/kubernetes" },
            { label: "In OpenMetadata's UI", slug: "keycloak/openmetadata-ui" },
            { label: "Generator", slug: "keycloak/generator" },
          ],
        },
        {
          label: "Going further",
          items: [
            { label: "Sessions and tokens", slug: "keycloak/sessions-and-tokens" },
            { label: "Roles and teams", slug: "keycloak/roles-and-teams" },
            { label: "Networks", slug: "keycloak/networks" },
            { label: "Production checklist", slug: "keycloak/production-checklist" },
          ],
        },
      ],
      // The not-found page is src/pages/404.astro: Starlight's own looks for a docs entry named 404 and
      // warns at every build when there is none.
      disable404Route: true,
      components: { MarkdownContent: "./src/components/MarkdownContent.astro" },
      customCss: ["./src/styles/custom.css"],
      // A long command, env line or value wraps on screen (its copy stays one line), so the part to edit is not hidden.
      expressiveCode: { defaultProps: { overridesByLang: { "bash,sh,shell,dotenv,ini,json,yaml": { wrap: true } } } },
      // The base path in front of the links pages write, before the links validator checks them (src/lib/base-path.ts).
      plugins: [starlightBasePath(), starlightLinksValidator(), starlightLlmsTxt(), starlightImageZoom()],
    }),
  ],
  vite: {
    build: {
      rolldownOptions: {
        // Astro marks each page's asset module with the directive "use astro:head-inject", which
        // Rolldown warns it may not keep when bundling, once per MDX page (Astro issue 18087, open in
        // Astro 7.3.5). Nothing reads the directive after bundling; Astro turns Rolldown's
        // pluginTimings check off the same way. The site bundles no other directive.
        checks: { moduleLevelDirective: false },
      },
    },
  },
});
