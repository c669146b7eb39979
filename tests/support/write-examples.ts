/** `npm run examples:write`: regenerates the configuration examples from examples/openmetadata. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "./build-site";
import { renderedExamples } from "./rendered-examples";

for (const [file, content] of Object.entries(renderedExamples)) {
  const path = join(projectRoot, "examples", file);
  const before = readFileSync(path, "utf8");
  writeFileSync(path, content);
  console.log(`${before === content ? "unchanged" : "written  "} examples/${file}`);
}
