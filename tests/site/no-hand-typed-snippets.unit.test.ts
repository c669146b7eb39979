import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../tooling/paths";
import { findHandTypedSnippets } from "../support/site/hand-typed-snippets";
import { listContentFiles } from "../support/site/pages";

describe("no snippet is typed on a page", () => {
  const files = listContentFiles();

  it("finds the pages to check", () => {
    expect(files).toEqual(expect.arrayContaining(["src/content/docs/keycloak/auth-code-flow.mdx"]));
  });

  it.each(files)("%s embeds its code from examples/", (file) => {
    expect(findHandTypedSnippets(readFileSync(join(projectRoot, file), "utf8"))).toEqual([]);
  });
});

describe("the hand-typed snippet check itself", () => {
  it("flags a YAML block", () => {
    const page = "Intro\n\n```yaml\nauthority: https://keycloak.example.com/realms/openmetadata\n```\n";
    expect(findHandTypedSnippets(page)).toEqual([expect.objectContaining({ line: 3, language: "yaml" })]);
  });

  it.each(["ts", "env", "json", "dotenv", ""])("flags a block in %j", (language) => {
    expect(findHandTypedSnippets(`\`\`\`${language}\nA=1\n\`\`\``)).toHaveLength(1);
  });

  it("flags a multi-line shell block", () => {
    expect(findHandTypedSnippets("```sh\nkubectl create secret generic x \\\n  --from-literal=a=b\n```")).toHaveLength(
      1,
    );
  });

  it("flags the <Code> component with inline code", () => {
    expect(findHandTypedSnippets('<Code code="A=1" lang="dotenv" />')).toHaveLength(1);
  });

  it("allows a one-line shell command", () => {
    expect(findHandTypedSnippets("```sh\ndocker compose --env-file openmetadata_keycloak.env up -d\n```")).toEqual([]);
  });

  it("allows indented fences inside components, and checks them", () => {
    expect(findHandTypedSnippets("<Steps>\n1. x\n\n   ```yaml\n   a: 1\n   ```\n</Steps>")).toHaveLength(1);
  });
});
