/**
 * Where the deploy workflow publishes the site (scripts/pages-address.sh, run by
 * .github/workflows/deploy.yml with the GitHub context), and that the build takes what it writes:
 * the workflow itself runs on GitHub only.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { siteAddress } from "../../src/lib/site-address";
import { projectRoot } from "../../tooling/paths";

const script = "scripts/pages-address.sh";

/** Runs the script as the workflow's step does, on the GitHub context of `repository` (owner/name). */
function pagesAddress(repository: string, siteDomain = "") {
  const result = spawnSync("bash", [script], {
    cwd: projectRoot,
    encoding: "utf8",
    env: {
      PATH: process.env.PATH,
      GITHUB_REPOSITORY_OWNER: repository.split("/")[0],
      GITHUB_REPOSITORY: repository,
      GITHUB_SERVER_URL: "https://github.com",
      SITE_DOMAIN: siteDomain,
    },
  });
  const written = Object.fromEntries(
    result.stdout
      .split("\n")
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
  return { code: result.status, written, stderr: result.stderr.trim() };
}

describe("scripts/pages-address.sh", () => {
  it("is what the deploy workflow writes into the build's environment, with the SITE_DOMAIN variable", () => {
    const workflow = parse(readFileSync(join(projectRoot, ".github/workflows/deploy.yml"), "utf8"));
    const steps: { run?: string; env?: Record<string, string> }[] = workflow.jobs.build.steps;
    const step = steps.find((candidate) => candidate.run?.includes(script));
    expect(step?.run).toBe(`bash ${script} >> "$GITHUB_ENV"`);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, as the workflow writes it
    expect(step?.env).toEqual({ SITE_DOMAIN: "${{ vars.SITE_DOMAIN }}" });
  });

  it("publishes a project site under /<repository>/ on the owner's github.io host, in lower case", () => {
    const { code, written, stderr } = pagesAddress("Example-Owner/openmetadata-keycloak-guide");
    expect(code).toBe(0);
    expect(written).toEqual({
      SITE_URL: "https://example-owner.github.io",
      BASE_PATH: "/openmetadata-keycloak-guide/",
      REPOSITORY_URL: "https://github.com/Example-Owner/openmetadata-keycloak-guide",
    });
    expect(stderr).toBe(
      "The site is published at https://example-owner.github.io/openmetadata-keycloak-guide/, from https://github.com/Example-Owner/openmetadata-keycloak-guide",
    );
    expect(siteAddress(written)).toEqual({
      site: "https://example-owner.github.io",
      base: "/openmetadata-keycloak-guide/",
      repository: "https://github.com/Example-Owner/openmetadata-keycloak-guide",
    });
  });

  it("publishes the <owner>.github.io repository at the root of its host", () => {
    const { written } = pagesAddress("example-owner/example-owner.github.io");
    expect(written).toMatchObject({ SITE_URL: "https://example-owner.github.io", BASE_PATH: "/" });
    expect(siteAddress(written).base).toBe("/");
  });

  it("publishes at the root of the custom domain SITE_DOMAIN names", () => {
    const { written } = pagesAddress("example-owner/openmetadata-keycloak-guide", "Docs.Example.com");
    expect(written).toEqual({
      SITE_URL: "https://docs.example.com",
      BASE_PATH: "/",
      REPOSITORY_URL: "https://github.com/example-owner/openmetadata-keycloak-guide",
    });
    expect(siteAddress(written).site).toBe("https://docs.example.com");
  });

  it.each(["https://docs.example.com", "docs.example.com/guide"])(
    "refuses SITE_DOMAIN=%s with one line naming what to write, and writes nothing",
    (domain) => {
      const { code, written, stderr } = pagesAddress("example-owner/openmetadata-keycloak-guide", domain);
      expect(code).toBe(1);
      expect(written).toEqual({});
      expect(stderr).toBe(
        `SITE_DOMAIN=${domain} is not a host name: set the repository variable to the domain alone, e.g. docs.example.com`,
      );
    },
  );
});
