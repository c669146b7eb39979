import { baseBuildDir, distDir, projectRoot } from "../../../tooling/paths";
import { run } from "../../../tooling/process";

/** A build of the site the tests serve and read. */
export interface SiteBuild {
  /** The folder it is written to. */
  dir: string;
  /** Astro's `base`: the path the site is served under, with a slash at each end. */
  base: string;
  /** What the build is given, on top of the environment: where it is published (src/lib/site-address.ts). */
  env: Record<string, string>;
}

/** The site as `npm run build` makes it: dist/, at the root of its host, at the placeholder address. */
export const rootBuild: SiteBuild = { dir: distDir, base: "/", env: { BASE_PATH: "" } };

/** The site as the deploy workflow builds it for a GitHub project site: published under /<repository>/. */
export const projectSiteBuild: SiteBuild = {
  dir: baseBuildDir,
  base: "/openmetadata-keycloak-guide/",
  env: {
    SITE_URL: "https://example-owner.github.io",
    BASE_PATH: "/openmetadata-keycloak-guide/",
    REPOSITORY_URL: "https://github.com/example-owner/openmetadata-keycloak-guide",
  },
};

/** Builds the site as `npm run build` does, into `build.dir`; resolves with everything it printed. */
export async function buildSite(build: SiteBuild = rootBuild): Promise<string> {
  // Vitest sets NODE_ENV=test, which would make a development build (no search index, for one).
  const result = await run("npx", ["astro", "build", "--outDir", build.dir], {
    cwd: projectRoot,
    env: { ...process.env, NODE_ENV: "production", ...build.env },
  });
  const log = `${result.stdout}\n${result.stderr}`;
  if (result.code !== 0) throw new Error(`astro build failed (exit ${result.code}):\n${log.slice(-4000)}`);
  return log;
}
