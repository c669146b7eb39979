/** `npm run examples:write`: writes the configuration examples the pages embed, from src/lib/openmetadata. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CONFIGURATION_FILES } from "../src/lib/openmetadata/files";
import { documentedSettings } from "../src/lib/openmetadata/settings";
import { examplesDir } from "../tooling/paths";

for (const file of CONFIGURATION_FILES) {
  const path = join(examplesDir, file.example);
  const content = file.render(documentedSettings);
  const before = existsSync(path) ? readFileSync(path, "utf8") : "";
  writeFileSync(path, content);
  console.log(`${before === content ? "unchanged" : "written  "} examples/${file.example}`);
}
