/** Where the site is published, from the build's environment (src/lib/site-address.ts, read by astro.config.mjs). */
import { describe, expect, it } from "vitest";
import { PLACEHOLDER_REPOSITORY_URL, PLACEHOLDER_SITE_URL, siteAddress } from "../../src/lib/site-address";

const published = {
  SITE_URL: "https://example-owner.github.io",
  REPOSITORY_URL: "https://github.com/example-owner/openmetadata-keycloak-guide/",
};

describe("siteAddress", () => {
  it("gives a build that is not published the placeholders, at the root", () => {
    expect(siteAddress({})).toEqual({ site: PLACEHOLDER_SITE_URL, base: "/", repository: PLACEHOLDER_REPOSITORY_URL });
  });

  it("gives a GitHub project site its host, its base path and its repository", () => {
    expect(siteAddress({ ...published, BASE_PATH: "/openmetadata-keycloak-guide/" })).toEqual({
      site: "https://example-owner.github.io",
      base: "/openmetadata-keycloak-guide/",
      repository: "https://github.com/example-owner/openmetadata-keycloak-guide",
    });
  });

  it("counts an empty variable as unset, as a workflow passes an unset repository variable", () => {
    expect(siteAddress({ SITE_URL: "", REPOSITORY_URL: "", BASE_PATH: "" })).toEqual(siteAddress({}));
    expect(siteAddress({ ...published, BASE_PATH: "" }).base).toBe("/");
  });

  it.each(["/openmetadata-keycloak-guide", "openmetadata-keycloak-guide/", "//openmetadata-keycloak-guide/", "/a b/"])(
    "refuses BASE_PATH=%s, naming what to write",
    (basePath) => {
      expect(() => siteAddress({ ...published, BASE_PATH: basePath })).toThrow(
        `BASE_PATH=${basePath} is not a base path: write the path the site is served under with a slash at each end, e.g. BASE_PATH=/openmetadata-keycloak-guide/`,
      );
    },
  );

  it("refuses an address without the other, so that no placeholder reaches a published page", () => {
    expect(() => siteAddress({ SITE_URL: published.SITE_URL })).toThrow(
      "SITE_URL is set but REPOSITORY_URL is not: set it to the repository the site is built from",
    );
    expect(() => siteAddress({ REPOSITORY_URL: published.REPOSITORY_URL })).toThrow(
      "REPOSITORY_URL is set but SITE_URL is not: set it to the address the site is published at",
    );
  });

  it("refuses the placeholders as the published address or repository", () => {
    expect(() => siteAddress({ ...published, SITE_URL: PLACEHOLDER_SITE_URL })).toThrow(
      `SITE_URL=${PLACEHOLDER_SITE_URL} is the placeholder`,
    );
    expect(() => siteAddress({ ...published, REPOSITORY_URL: `${PLACEHOLDER_REPOSITORY_URL}/` })).toThrow(
      `REPOSITORY_URL=${PLACEHOLDER_REPOSITORY_URL}/ is the placeholder`,
    );
  });

  it("refuses a SITE_URL with a path, naming the BASE_PATH to write instead", () => {
    expect(() =>
      siteAddress({ ...published, SITE_URL: "https://example-owner.github.io/openmetadata-keycloak-guide" }),
    ).toThrow(
      "set SITE_URL=https://example-owner.github.io and put the path in BASE_PATH, e.g. BASE_PATH=/openmetadata-keycloak-guide/",
    );
  });

  it.each(["example-owner.github.io", "ftp://example-owner.github.io"])("refuses SITE_URL=%s", (url) => {
    expect(() => siteAddress({ ...published, SITE_URL: url })).toThrow(`SITE_URL=${url} is not an http(s) URL`);
  });

  it("writes every refusal on one line", () => {
    for (const env of [{ BASE_PATH: "x" }, { SITE_URL: "x", REPOSITORY_URL: "y" }, { SITE_URL: "https://a.b" }]) {
      expect(() => siteAddress(env)).toThrow(/^[^\n]+$/);
    }
  });
});
