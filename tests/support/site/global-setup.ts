import { buildSite, projectSiteBuild, rootBuild } from "./build";

/**
 * Once per run of the site project: builds the site for production, as `npm run build` does, into
 * dist/, and again under a base path, as the deploy workflow builds it for a GitHub project site.
 */
export default async function setup(): Promise<void> {
  for (const build of [rootBuild, projectSiteBuild]) {
    const started = Date.now();
    await buildSite(build);
    console.log(`Site built under ${build.base} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
