import type { TestProject } from "vitest/node";
import { obtainOpenMetadataUpstream, UPSTREAM_GROUPS } from "../../../tooling/openmetadata/upstream";
import { openMetadataDefinitions, type ReleaseDefinitions } from "./definitions";

declare module "vitest" {
  export interface ProvidedContext {
    /** Each OpenMetadata line's definitions of its security configuration. */
    openMetadataDefinitions: ReleaseDefinitions[];
  }
}

/**
 * Once per run of the openmetadata project: OpenMetadata's Helm chart and conf/openmetadata.yaml
 * (./upstream.ts; already there when scripts/setup.sh ran), and each release's definitions, fetched
 * and exported (cached).
 */
export default async function setup(project: TestProject): Promise<void> {
  const upstream = await obtainOpenMetadataUpstream();
  for (const group of ["helmChart", "conf"] as const)
    console.log(`${UPSTREAM_GROUPS[group].what}: ${upstream[group].origin}`);
  const definitions = openMetadataDefinitions();
  for (const { origin } of definitions) console.log(`OpenMetadata definitions: ${origin}`);
  project.provide("openMetadataDefinitions", definitions);
}
