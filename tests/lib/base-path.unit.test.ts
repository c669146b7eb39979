/** The base path in front of the links a page writes (src/lib/base-path.ts). */
import { markdownToHtml, mdxToJs } from "satteri";
import { describe, expect, it } from "vitest";
import { basePathLinks, withBase } from "../../src/lib/base-path";

const base = "/openmetadata-keycloak-guide/";

describe("withBase", () => {
  it.each([
    ["/keycloak/docker/", "/openmetadata-keycloak-guide/keycloak/docker/"],
    ["/keycloak/#keycloak-versions", "/openmetadata-keycloak-guide/keycloak/#keycloak-versions"],
    ["/", "/openmetadata-keycloak-guide/"],
    ["/openmetadata-keycloak-examples.zip", "/openmetadata-keycloak-guide/openmetadata-keycloak-examples.zip"],
  ])("puts the base in front of %s", (path, expected) => {
    expect(withBase(path, base)).toBe(expected);
  });

  it.each(["#who-signed-in", "https://www.keycloak.org/", "//cdn.example.com/x.js", "../docker/", "mailto:a@b.c"])(
    "leaves %s as it is",
    (url) => {
      expect(withBase(url, base)).toBe(url);
    },
  );

  it("changes nothing at the root of a host", () => {
    expect(withBase("/keycloak/docker/", "/")).toBe("/keycloak/docker/");
  });
});

describe("basePathLinks", () => {
  const hastPlugins = [basePathLinks(base)];

  it("prefixes Markdown links and images written from the site's root, and nothing else", async () => {
    // A Promise only when a plugin is asynchronous; this one is not.
    const { html } = await markdownToHtml(
      "[Docker](/keycloak/docker/) ![A screenshot](/shot.png) [Keycloak](https://www.keycloak.org/) [Who](#who)",
      { hastPlugins },
    );
    expect(html).toContain('href="/openmetadata-keycloak-guide/keycloak/docker/"');
    expect(html).toContain('src="/openmetadata-keycloak-guide/shot.png"');
    expect(html).toContain('href="https://www.keycloak.org/"');
    expect(html).toContain('href="#who"');
  });

  it("prefixes the href of components and HTML tags in MDX, and leaves expressions alone", async () => {
    const { code } = await mdxToJs(
      '<LinkCard title="Docker" href="/keycloak/docker/" />\n\nSee <a href="/keycloak/">the overview</a>.\n\n<LinkCard href={"/as/written/"} />',
      { hastPlugins },
    );
    expect(code).toContain('href: "/openmetadata-keycloak-guide/keycloak/docker/"');
    expect(code).toContain('href: "/openmetadata-keycloak-guide/keycloak/"');
    expect(code).toContain('"/as/written/"');
    expect(code).not.toMatch(/href: "\/keycloak\//);
  });
});
