// @ts-check
import starlight from "@astrojs/starlight";
import { defineConfig } from "astro/config";
import starlightImageZoom from "starlight-image-zoom";
import starlightLinksValidator from "starlight-links-validator";
import starlightLlmsTxt from "starlight-llms-txt";

// Where the site is published and where its source lives; both can be set at build time. A build
// for publishing (SITE_URL set) must name its repository too, or "Edit page" would lead nowhere.
if (process.env.SITE_URL && !process.env.REPOSITORY_URL) {
  throw new Error("SITE_URL is set but REPOSITORY_URL is not: set it to the repository the site is built from.");
}
const site = process.env.SITE_URL ?? "https://openmetadata-keycloak.example.org";
const repository = (process.env.REPOSITORY_URL ?? "https://github.com/example/openmetadata-keycloak-guide").replace(
  /\/$/,
  "",
);

export default defineConfig({
  site,
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
      components: { MarkdownContent: "./src/components/MarkdownContent.astro" },
      customCss: ["./src/styles/custom.css"],
      // A long command or env line wraps on screen (its copy stays one line), so the part to edit is not hidden.
      expressiveCode: { defaultProps: { overridesByLang: { "bash,sh,shell,dotenv,ini": { wrap: true } } } },
      plugins: [starlightLinksValidator(), starlightLlmsTxt(), starlightImageZoom()],
    }),
  ],
});
