/**
 * The site builds without a warning, at the root and under a base path: a warning Astro, Vite or a
 * Starlight plugin prints (a missing collection or entry, a bundling concern) fails here instead of
 * scrolling past. The builds are the site project's own (tests/support/site/global-setup.ts).
 */
import { stripVTControlCharacters } from "node:util";
import { describe, expect, inject, test } from "vitest";

/** The lines of a build's log that Astro's logger marks as warnings or errors, without colour codes. */
const flagged = (log: string) =>
  stripVTControlCharacters(log)
    .split("\n")
    .filter((line) => /\[(WARN|ERROR)\]|\bwarning\b/i.test(line));

describe("the site's build", () => {
  test.each(Object.entries(inject("siteBuildLogs")))("under %s prints no warning", (_base, log) => {
    expect(log).toContain("Complete!");
    expect(flagged(log)).toEqual([]);
  });
});
