/**
 * Where the site is published and where its source lives, from the build's environment (read by
 * astro.config.mjs): SITE_URL, the address of the host (`https://<owner>.github.io`); BASE_PATH, the
 * path the site is served under on it (`/<repository>/` for a GitHub project site, `/` by default);
 * REPOSITORY_URL, the repository of the "Edit page" and source links. The deploy workflow
 * (.github/workflows/deploy.yml) sets all three. A build for publishing sets SITE_URL and
 * REPOSITORY_URL together, so no placeholder below reaches a published page.
 */

/** What a build that is not published (development, the tests) names as its address and source. */
export const PLACEHOLDER_SITE_URL = "https://openmetadata-keycloak.example.org";
export const PLACEHOLDER_REPOSITORY_URL = "https://github.com/example/openmetadata-keycloak-guide";

export interface SiteAddress {
  /** Astro's `site`: the origin, without a path. */
  site: string;
  /** Astro's `base`: `/`, or a path with a slash at each end. */
  base: string;
  /** The repository's web address, without a trailing slash. */
  repository: string;
}

const EXAMPLE_BASE = "/openmetadata-keycloak-guide/";
/** `/`, or path segments each followed by a slash: `/a/` or `/a/b/`. */
const BASE_PATH = /^\/(?:[A-Za-z0-9._~-]+\/)*$/;

function httpUrl(name: string, value: string, example: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {}
  if (!url || !/^https?:$/.test(url.protocol)) {
    throw new Error(`${name}=${value} is not an http(s) URL: write it in full, e.g. ${name}=${example}`);
  }
  return url;
}

/** The site's address from `env`; throws a one-line error naming the setting to fix and what to write. */
export function siteAddress(env: Record<string, string | undefined>): SiteAddress {
  // An empty variable (an unset repository variable in a workflow) counts as unset.
  const siteUrl = env.SITE_URL || undefined;
  const repositoryUrl = env.REPOSITORY_URL || undefined;
  const base = env.BASE_PATH || "/";

  if (!BASE_PATH.test(base)) {
    throw new Error(
      `BASE_PATH=${base} is not a base path: write the path the site is served under with a slash at each end, ` +
        `e.g. BASE_PATH=${EXAMPLE_BASE} (or leave it unset for a site at the root of its host).`,
    );
  }
  if (siteUrl && !repositoryUrl) {
    throw new Error(
      "SITE_URL is set but REPOSITORY_URL is not: set it to the repository the site is built from, " +
        "e.g. REPOSITORY_URL=https://github.com/<owner>/openmetadata-keycloak-guide.",
    );
  }
  if (repositoryUrl && !siteUrl) {
    throw new Error(
      "REPOSITORY_URL is set but SITE_URL is not: set it to the address the site is published at, " +
        "e.g. SITE_URL=https://<owner>.github.io.",
    );
  }
  if (!siteUrl || !repositoryUrl) {
    return { site: PLACEHOLDER_SITE_URL, base, repository: PLACEHOLDER_REPOSITORY_URL };
  }

  const site = httpUrl("SITE_URL", siteUrl, "https://<owner>.github.io");
  if (site.pathname !== "/" || site.search || site.hash) {
    throw new Error(
      `SITE_URL=${siteUrl} has a path: set SITE_URL=${site.origin} and put the path in BASE_PATH, ` +
        `e.g. BASE_PATH=${site.pathname.replace(/\/?$/, "/")}`,
    );
  }
  const repository = httpUrl("REPOSITORY_URL", repositoryUrl, "https://github.com/<owner>/<repository>").href.replace(
    /\/$/,
    "",
  );
  if (site.origin === new URL(PLACEHOLDER_SITE_URL).origin) {
    throw new Error(`SITE_URL=${siteUrl} is the placeholder: set the address the site is published at.`);
  }
  if (repository === PLACEHOLDER_REPOSITORY_URL) {
    throw new Error(`REPOSITORY_URL=${repositoryUrl} is the placeholder: set the repository the site is built from.`);
  }
  return { site: site.origin, base, repository };
}
