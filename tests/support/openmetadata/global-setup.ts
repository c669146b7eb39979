import type { TestProject } from "vitest/node";
import { openMetadataDefinitions, type ReleaseDefinitions } from "./definitions";

declare module "vitest" {
  export interface ProvidedContext {
    /** Each OpenMetadata line's definitions of its security configuration. */
    openMetadataDefinitions: ReleaseDefinitions[];
  }
}

/** Once per run of the openmetadata project: fetches and exports each release's definitions (cached). */
export default function setup(project: TestProject): void {
  const definitions = openMetadataDefinitions();
  for (const { origin } of definitions) console.log(`OpenMetadata definitions: ${origin}`);
  project.provide("openMetadataDefinitions", definitions);
}
