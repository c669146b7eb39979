import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../support/build-site";
import { renderedExamples } from "../../support/rendered-examples";

describe("the configuration files the pages embed", () => {
  it.each(Object.keys(renderedExamples))("examples/%s is what examples/openmetadata renders", (file) => {
    const committed = readFileSync(join(projectRoot, "examples", file), "utf8");
    expect(committed, "run npm run examples:write and commit the result").toBe(renderedExamples[file]);
  });
});
