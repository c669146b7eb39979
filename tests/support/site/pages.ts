import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parse } from "yaml";
import { HELM_COMMANDS } from "../../../src/lib/openmetadata/kubernetes";
import { COMPOSE_COMMANDS } from "../../../src/lib/openmetadata/render";
import { OPENMETADATA_DEFAULTS, SESSION_EXPIRY_KEY } from "../../../src/lib/openmetadata/server";
import { selectCode } from "../../../src/lib/regions";
import { KEYCLOAK_VERSIONS } from "../../../src/versions";
import { componentsDir, distDir, docsDir, examplesDir, projectRoot } from "../../../tooling/paths";

/** A file under examples/, or one #region of it. */
export interface Embed {
  file: string;
  region?: string;
}

/** A page of the guide, as its source declares it. */
export interface GuidePage {
  /** URL path on the site. */
  path: string;
  /** Source file under src/content/docs. */
  source: string;
  /** Its frontmatter's title: the page's <h1>. */
  title: string;
  /** Whether the page lays its procedure out with Starlight's <Steps>: every page but those below. */
  hasSteps: boolean;
  /** What the page must state that the guide's code owns: see PAGE_FACTS. */
  facts: string[];
}

/** The pages that are no procedure: the home page, the overview, a tool and references. */
const WITHOUT_STEPS = new Set([
  "/",
  "/keycloak/",
  "/keycloak/generator/",
  "/keycloak/troubleshooting/",
  "/keycloak/production-checklist/",
]);

/**
 * What a page must state whose one source is the guide's code, so that a change there reaches the
 * page: versions, commands, where settings live, OpenMetadata's defaults. The page's prose, its
 * headings and its examples are read from the page itself. A list ends with the sentence's mark,
 * so that a list the code shortened is not found inside the page's longer one.
 */
const PAGE_FACTS: Record<string, string[]> = {
  "/keycloak/": [...KEYCLOAK_VERSIONS],
  "/keycloak/auth-code-flow/": [
    `the scopes ${OPENMETADATA_DEFAULTS.scope}.`,
    `its default order is ${OPENMETADATA_DEFAULTS.principalClaims.join(", ")}.`,
  ],
  "/keycloak/doctor/": [
    `the scopes ${OPENMETADATA_DEFAULTS.scope},`,
    `${OPENMETADATA_DEFAULTS.principalClaims.join(",")} and ${OPENMETADATA_DEFAULTS.principalDomain}.`,
  ],
  "/keycloak/docker/": [COMPOSE_COMMANDS.start, COMPOSE_COMMANDS.apply],
  "/keycloak/kubernetes/": [HELM_COMMANDS.install, HELM_COMMANDS.upgrade],
  "/keycloak/sessions-and-tokens/": [
    ...Object.values(SESSION_EXPIRY_KEY),
    `(${OPENMETADATA_DEFAULTS.sessionExpirySeconds} s)`,
  ],
  "/keycloak/troubleshooting/": [`the scopes ${OPENMETADATA_DEFAULTS.scope},`],
};

/** The URL path of a page's source: keycloak/docker.mdx is /keycloak/docker/, an index.mdx its folder. */
function pathOf(source: string): string {
  const route = source.replace(/\.mdx?$/, "").replace(/(^|\/)index$/, "");
  return route === "" ? "/" : `/${route}/`;
}

/** Every page of the guide: each .md/.mdx file under src/content/docs. */
export const guidePages: GuidePage[] = readdirSync(docsDir, { recursive: true, encoding: "utf8" })
  .filter((file) => /\.mdx?$/.test(file))
  .sort()
  .map((source) => {
    const frontmatter = /^---\n([\s\S]*?)\n---\n/.exec(readFileSync(join(docsDir, source), "utf8"))?.[1];
    const title = parse(frontmatter ?? "")?.title;
    if (typeof title !== "string") throw new Error(`src/content/docs/${source} has no title in its frontmatter`);
    const path = pathOf(source);
    return { path, source, title, hasSteps: !WITHOUT_STEPS.has(path), facts: PAGE_FACTS[path] ?? [] };
  });

for (const path of [...WITHOUT_STEPS, ...Object.keys(PAGE_FACTS)]) {
  if (!guidePages.some((page) => page.path === path)) throw new Error(`${path} in pages.ts is no page of the guide`);
}

/** Every .md/.mdx file a page is made of: the pages and the partials they import. */
export function listContentFiles(): string[] {
  const roots = [docsDir, componentsDir];
  return roots.flatMap((root) =>
    readdirSync(root, { recursive: true, encoding: "utf8" })
      .filter((file) => /\.mdx?$/.test(file))
      .map((file) => relative(projectRoot, join(root, file))),
  );
}

export function readBuiltPage(path: string): string {
  return readFileSync(join(distDir, path, "index.html"), "utf8");
}

/** The code a reader copies for an embed: the file, or its region, as the Example component shows it. */
export function embeddedCode(embed: Embed): string {
  return selectCode(readFileSync(join(examplesDir, embed.file), "utf8"), embed.region);
}
