import type { Reporter, TestCase, TestModule } from "vitest/node";

/** Set when a test fails, so the keycloak project's teardown shows Keycloak's log. */
export const FAILURE_FLAG = "OPENMETADATA_KEYCLOAK_GUIDE_TESTS_FAILED";

/** How many of the slowest test files the summary names. */
const SLOWEST = 8;

/**
 * Ends the run with one plain line, "Vitest: N passed, N failed, N skipped",
 * which CI systems and people can read without knowing Vitest's own summary, after the slowest
 * files (their tests, hooks and import), where a run's time goes.
 */
export default class SummaryReporter implements Reporter {
  onTestCaseResult(testCase: TestCase): void {
    if (testCase.result().state === "failed") process.env[FAILURE_FLAG] = "1";
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const count = (state: "passed" | "failed" | "skipped") =>
      testModules.reduce((sum, module) => sum + [...module.children.allTests(state)].length, 0);
    // A test file that fails before any test runs (a broken import, a failing hook) counts as one failure.
    const brokenFiles = testModules.filter((module) => !module.ok() && module.children.allTests("failed").next().done);
    const failed = count("failed") + brokenFiles.length;
    const seconds = (module: TestModule) => {
      const { duration, collectDuration } = module.diagnostic();
      return (duration + collectDuration) / 1000;
    };
    const slowest = [...testModules].sort((a, b) => seconds(b) - seconds(a)).slice(0, SLOWEST);
    if (slowest.length > 1) {
      console.log("\nSlowest test files:");
      for (const module of slowest) {
        console.log(
          `  ${seconds(module).toFixed(1).padStart(6)} s  ${module.project.name}  ${module.relativeModuleId}`,
        );
      }
    }
    console.log(`\nVitest: ${count("passed")} passed, ${failed} failed, ${count("skipped")} skipped`);
  }
}
