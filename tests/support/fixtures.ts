/**
 * What tests share, as Vitest fixtures: each test asks for what it needs by name and gets it set up
 * (and taken down) for it.
 *   browser   a headless Chromium, once per worker
 *   build     which build of the site the file tests: dist/ at the root by default; a file that tests the
 *             site under a base path overrides it (test.override("build", …, projectSiteBuild))
 *   site      that build served on a free loopback port, under its base path only, once per file
 *   openPage  opens a page of the site in a fresh browser profile, recording what went wrong
 *   realm     a realm set up by examples/keycloak/provision.ts in the run's Keycloak, once per file
 */
import { randomUUID } from "node:crypto";
import type { BrowserContextOptions } from "playwright-core";
import { test as base } from "vitest";
import { launchChromium } from "../../tooling/chromium";
import { startStaticServer } from "../../tooling/static-server";
import { type ProvisionedRealm, provisionRealm, removeRealm } from "./realm";
import { type OpenedPage, openPage } from "./site/browser";
import { rootBuild } from "./site/build";

export { describe, expect } from "vitest";

// Vitest reads what a fixture needs from the pattern of its first argument, so fixtures that need
// nothing take an empty one.
/* biome-ignore-start lint/correctness/noEmptyPattern: see above */
export const test = base
  .extend("browser", { scope: "worker" }, async ({}, { onCleanup }) => {
    const browser = await launchChromium();
    onCleanup(() => browser.close());
    return browser;
  })
  .extend("build", { scope: "file" }, rootBuild)
  .extend("site", { scope: "file" }, async ({ build }, { onCleanup }) => {
    const server = await startStaticServer(build.dir, { base: build.base });
    onCleanup(() => server.close());
    return server;
  })
  .extend("openPage", async ({ browser, site }, { onCleanup }) => {
    return async (
      path: string,
      options: BrowserContextOptions & { waitUntil?: "load" | "networkidle" } = {},
    ): Promise<OpenedPage> => {
      const { waitUntil, ...contextOptions } = options;
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...contextOptions });
      onCleanup(() => context.close());
      return openPage(context, `${site.url}${path}`, waitUntil);
    };
  })
  .extend("realm", { scope: "file" }, async ({}, { onCleanup }): Promise<ProvisionedRealm> => {
    const realm = await provisionRealm(`guide-${randomUUID().slice(0, 8)}`);
    onCleanup(() => removeRealm(realm.realm));
    return realm;
  });
/* biome-ignore-end lint/correctness/noEmptyPattern: see above */
