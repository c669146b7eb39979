/** The configuration files the pages embed are what src/lib/openmetadata renders for the documented settings. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIGURATION_FILES } from "../../../src/lib/openmetadata/files";
import { documentedSettings } from "../../../src/lib/openmetadata/settings";
import { examplesDir } from "../../../tooling/paths";

describe("the configuration files under examples/", () => {
  it.each(CONFIGURATION_FILES.map((file) => [file.example, file] as const))(
    "%s is what its renderer writes",
    (_, file) => {
      const committed = readFileSync(join(examplesDir, file.example), "utf8");
      expect(committed, "run npm run examples:write and commit the result").toBe(file.render(documentedSettings));
    },
  );
});
