/**
 * A stand-in for the repositories OpenMetadata's files come from (./upstream.ts): the files laid out
 * as GitHub's raw files are (<owner>/<name>/<commit>/<path>), served on 127.0.0.1. Point
 * OPENMETADATA_UPSTREAM_URL at its url. `change` alters a file's bytes, for a download that must be refused.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { UPSTREAM_FILES, type UpstreamFile } from "../../../tooling/openmetadata/upstream";
import { startStaticServer } from "../../../tooling/static-server";

export interface UpstreamStandIn {
  url: string;
  close(): Promise<void>;
}

/** Serves each file of `files` from `source(file)`, the path of a copy of it. */
export async function startUpstreamStandIn(
  source: (file: UpstreamFile) => string,
  options: { files?: readonly UpstreamFile[]; change?: (file: UpstreamFile, bytes: Buffer) => Buffer | undefined } = {},
): Promise<UpstreamStandIn> {
  const root = mkdtempSync(join(tmpdir(), "openmetadata-upstream-"));
  for (const file of options.files ?? UPSTREAM_FILES) {
    const target = join(root, file.repository, file.commit, file.path);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(source(file), target);
    if (options.change) {
      const changed = options.change(file, readFileSync(target));
      if (changed) writeFileSync(target, changed);
    }
  }
  const server = await startStaticServer(root);
  return {
    url: server.url,
    close: async () => {
      await server.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
