import { buildSite } from "./build";

/** Once per run of the site project: builds the site into dist/ for production, as `npm run build` does. */
export default async function setup(): Promise<void> {
  const started = Date.now();
  await buildSite();
  console.log(`Site built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
