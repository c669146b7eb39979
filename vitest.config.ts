import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Builds the site once into dist/ for every test that reads the output.
    globalSetup: ["tests/support/build-site.ts"],
    testTimeout: 30_000,
    reporters: ["default", "./tests/support/summary-reporter.ts"],
  },
});
