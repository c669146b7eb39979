/** Where things are, for tests and scripts: one place, so a moved folder is changed once. */
import { fileURLToPath } from "node:url";

export const projectRoot = fileURLToPath(new URL("..", import.meta.url));
export const examplesDir = fileURLToPath(new URL("../examples", import.meta.url));
export const docsDir = fileURLToPath(new URL("../src/content/docs", import.meta.url));
export const componentsDir = fileURLToPath(new URL("../src/components", import.meta.url));
export const distDir = fileURLToPath(new URL("../dist", import.meta.url));
/** The site built under a base path, as for a GitHub project site (tests/support/site/build.ts). */
export const baseBuildDir = fileURLToPath(new URL("../.cache/site-under-base", import.meta.url));
/** Files the site renders from test runs (captured messages, the Keycloak compatibility table). */
export const dataDir = fileURLToPath(new URL("../src/data", import.meta.url));
/** The repository's neighbour on the project's machines; elsewhere, see tooling/openmetadata/upstream.ts. */
export const sharedFixturesDir = fileURLToPath(new URL("../../shared/fixtures", import.meta.url));
/** The tsx binary that runs examples exactly as a reader's `npx tsx` does. */
export const tsxBin = fileURLToPath(new URL("../node_modules/.bin/tsx", import.meta.url));
