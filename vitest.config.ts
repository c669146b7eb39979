import { defineConfig } from "vitest/config";

/**
 * The tests, grouped by what they need; `npm test` runs every project, `npm test -- --project unit`
 * one of them.
 *   unit          Node only: *.unit.test.ts anywhere under tests/
 *   openmetadata  the configuration against OpenMetadata's release definitions (Python) and the
 *                 programs that read it (Docker Compose's parser in Go, sh); and the release check
 *                 (npm run versions:check: Maven and pip) against the registries and a stand-in
 *   keycloak      the examples and the harness against a real Keycloak, started once for the run
 *   site          the built site, in a real browser
 */
const unit = "tests/**/*.unit.test.ts";

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: ["default", "./tests/support/summary-reporter.ts"],
    projects: [
      {
        extends: true,
        // One module graph for all unit files (none mocks or stubs anything): importing the site's
        // modules once instead of once a file takes the project from about 7 s to 2 or 3.
        test: { name: "unit", include: [unit], isolate: false },
      },
      {
        extends: true,
        test: {
          name: "openmetadata",
          include: ["tests/lib/openmetadata/**/*.test.ts", "tests/scripts/versions-check*.test.ts"],
          exclude: [unit],
          globalSetup: ["tests/support/openmetadata/global-setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "keycloak",
          include: ["tests/examples/**/*.test.ts", "tests/harness/**/*.test.ts"],
          exclude: [unit],
          globalSetup: ["tests/support/keycloak/global-setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "site",
          include: ["tests/site/**/*.test.ts"],
          exclude: [unit],
          globalSetup: ["tests/support/site/global-setup.ts"],
        },
      },
    ],
  },
});
