/**
 * OpenMetadata's Helm chart and conf/openmetadata.yaml where ../shared/fixtures is not beside the
 * repository (a contributor's clone, GitHub): downloaded from a stand-in for their repositories on
 * 127.0.0.1 (tests/support/openmetadata/upstream-stand-in.ts) and checked against the pinned sums.
 * The stand-in serves copies of the pinned files, taken from where this run found them.
 */
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  cachedPath,
  locateUpstream,
  obtainOpenMetadataUpstream,
  obtainUpstream,
  UPSTREAM_FILES,
  type UpstreamFile,
  upstreamPath,
  upstreamUrl,
} from "../../../tooling/openmetadata/upstream";
import { startUpstreamStandIn } from "../../support/openmetadata/upstream-stand-in";

const work = mkdtempSync(join(tmpdir(), "openmetadata-upstream-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** This run's environment without the two variables, which name files of any version. */
const { OPENMETADATA_HELM_CHART_DIR: _chart, OPENMETADATA_CONF: _conf, ...baseEnv } = process.env;

/** A copy of each pinned file, wherever this run has it (../shared/fixtures, the cache, a download). */
const pinned = await obtainOpenMetadataUpstream({ env: baseEnv });
function pinnedCopy(file: UpstreamFile): string {
  return file.group === "helmChart" ? join(pinned.helmChart.path, basename(file.path)) : pinned.conf.path;
}

let machines = 0;
/** A machine without ../shared/fixtures and with an empty cache, downloading from `url`. */
function freshMachine(url: string) {
  const root = join(work, `machine-${++machines}`);
  const cache = join(root, "cache");
  return {
    cache,
    options: {
      env: { ...baseEnv, KEYCLOAK_CACHE_DIR: cache, OPENMETADATA_UPSTREAM_URL: url },
      sharedDir: join(root, "no-shared"),
    },
  };
}

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
  } catch {
    return [];
  }
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

describe("OpenMetadata's files without ../shared/fixtures", () => {
  it("are downloaded at the pinned commits, checked, cached, and then read from the cache", async () => {
    const standIn = await startUpstreamStandIn(pinnedCopy);
    const { cache, options } = freshMachine(standIn.url);
    let found: Awaited<ReturnType<typeof obtainOpenMetadataUpstream>>;
    try {
      found = await obtainOpenMetadataUpstream(options);
    } finally {
      await standIn.close();
    }
    const [values] = UPSTREAM_FILES;
    expect(found.helmChart.path).toBe(dirname(cachedPath(values, options.env)));
    expect(found.helmChart.origin).toContain("downloaded from open-metadata/openmetadata-helm-charts at 039a208f0b9f");
    expect(found.conf.path).toBe(cachedPath(UPSTREAM_FILES[3], options.env));
    for (const file of UPSTREAM_FILES) {
      expect(readFileSync(cachedPath(file, options.env)), file.path).toEqual(readFileSync(pinnedCopy(file)));
    }
    expect(filesUnder(cache).filter((path) => path.endsWith(".partial"))).toEqual([]);

    // The stand-in is gone: the next run finds them in the cache, and the tests read them from there.
    expect(locateUpstream("conf", options)?.origin).toContain("(cached, open-metadata/OpenMetadata at 8c54ce319835)");
    expect(await obtainUpstream("helmChart", options)).toEqual(locateUpstream("helmChart", options));
    expect(upstreamPath("helmChart", options)).toBe(found.helmChart.path);
  });

  it("a file whose sum is not the pinned one: refused in one line with both sums and what to do, nothing cached", async () => {
    const schema = UPSTREAM_FILES.find((file) => file.path.endsWith("values.schema.json")) as UpstreamFile;
    const changed = Buffer.concat([readFileSync(pinnedCopy(schema)), Buffer.from("\n")]);
    const standIn = await startUpstreamStandIn(pinnedCopy, {
      change: (file) => (file === schema ? changed : undefined),
    });
    const { cache, options } = freshMachine(standIn.url);
    try {
      const error = await obtainUpstream("helmChart", options).then(
        () => undefined,
        (thrown: Error) => thrown,
      );
      expect(error?.message).toBe(
        `${upstreamUrl(schema, options.env)} is not open-metadata/openmetadata-helm-charts's charts/openmetadata/values.schema.json ` +
          `at 039a208f0b9f: received sha256 ${sha256(changed)}, expected ${schema.sha256}; nothing was cached. ` +
          "Check OPENMETADATA_UPSTREAM_URL or a proxy in between, or set OPENMETADATA_HELM_CHART_DIR to a folder with the " +
          "chart's values.yaml, values.schema.json and Chart.yaml, or put ../shared/fixtures beside the repository " +
          "(CONTRIBUTING.md lists both).",
      );
      // values.yaml and Chart.yaml were right, and are not cached either: the chart is one group.
      expect(filesUnder(cache)).toEqual([]);
      expect(locateUpstream("helmChart", options)).toBeUndefined();
    } finally {
      await standIn.close();
    }
  });

  it("an upstream that does not answer: one line naming the URL and the other places the file can come from", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { cache, options } = freshMachine(`http://127.0.0.1:${port}/`);

    const conf = UPSTREAM_FILES[3];
    await expect(obtainUpstream("conf", options)).rejects.toThrow(
      new Error(
        `Could not download http://127.0.0.1:${port}/open-metadata/OpenMetadata/${conf.commit}/conf/openmetadata.yaml ` +
          "(ECONNREFUSED): set OPENMETADATA_CONF to the file, or put ../shared/fixtures beside the repository " +
          "(CONTRIBUTING.md lists both).",
      ),
    );
    expect(filesUnder(cache)).toEqual([]);
    expect(() => upstreamPath("conf", options)).toThrow(
      "OpenMetadata's conf/openmetadata.yaml is not there: run npm run setup -- --project openmetadata, which downloads it",
    );
  });
});

describe("where OpenMetadata's files are looked for", () => {
  const nowhere = "http://127.0.0.1:9/";

  it("the variables first, then ../shared/fixtures, checked against the pinned sums", () => {
    const { options } = freshMachine(nowhere);
    const shared = options.sharedDir;
    for (const file of UPSTREAM_FILES) {
      mkdirSync(dirname(join(shared, file.shared)), { recursive: true });
      copyFileSync(pinnedCopy(file), join(shared, file.shared));
    }
    expect(locateUpstream("helmChart", options)?.path).toBe(join(shared, "openmetadata-helm"));
    const conf = pinnedCopy(UPSTREAM_FILES[3]);
    expect(locateUpstream("conf", { ...options, env: { ...options.env, OPENMETADATA_CONF: conf } })).toEqual({
      path: conf,
      origin: `${conf} (OPENMETADATA_CONF)`,
    });

    const copy = join(shared, UPSTREAM_FILES[0].shared);
    rmSync(copy);
    copyFileSync(pinnedCopy(UPSTREAM_FILES[2]), copy);
    expect(() => locateUpstream("helmChart", options)).toThrow(
      `${copy} is not open-metadata/openmetadata-helm-charts's charts/openmetadata/values.yaml at 039a208f0b9f: found sha256 ${UPSTREAM_FILES[2].sha256}`,
    );
  });

  it("a variable that names nothing is an error, not a reason to look elsewhere", () => {
    const { options } = freshMachine(nowhere);
    const empty = join(work, "empty-chart");
    mkdirSync(empty, { recursive: true });
    expect(() =>
      locateUpstream("helmChart", { ...options, env: { ...options.env, OPENMETADATA_HELM_CHART_DIR: empty } }),
    ).toThrow(
      `OPENMETADATA_HELM_CHART_DIR=${empty}, but that folder has no values.yaml, values.schema.json, Chart.yaml: ` +
        "point it at the unpacked chart (helm pull open-metadata/openmetadata --untar), or unset it.",
    );
    expect(() =>
      locateUpstream("conf", {
        ...options,
        env: { ...options.env, OPENMETADATA_CONF: join(empty, "openmetadata.yaml") },
      }),
    ).toThrow(`OPENMETADATA_CONF=${join(empty, "openmetadata.yaml")}, but there is no such file`);
  });
});
