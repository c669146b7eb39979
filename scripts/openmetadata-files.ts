/**
 * Run by scripts/setup.sh for the openmetadata project: OpenMetadata's Helm chart and
 * conf/openmetadata.yaml, found or downloaded (tooling/openmetadata/upstream.ts says where
 * from). Prints where each comes from; when one cannot be had, one line saying what to do, exit 1.
 */
import { obtainUpstream, UPSTREAM_GROUPS } from "../tooling/openmetadata/upstream";

try {
  for (const group of ["helmChart", "conf"] as const) {
    const { origin } = await obtainUpstream(group);
    console.log(`setup: ${UPSTREAM_GROUPS[group].what}: ${origin}`);
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
