import { describe, expect, it } from "vitest";
import { languageOf, readExample } from "../../src/lib/examples";

describe("the Example component's file reader", () => {
  it("fails loudly on a file that does not exist, so the build fails instead of showing an empty box", () => {
    expect(() => readExample("docker/no-such-file.env")).toThrow(
      'Example file examples/docker/no-such-file.env does not exist. Check the "file" prop of <Example>.',
    );
  });

  it("fails loudly on a region that does not exist", () => {
    expect(() => readExample("keycloak/check-realm.ts", "no-such-region")).toThrow(
      'Region "no-such-region" not found in examples/keycloak/check-realm.ts',
    );
  });

  it("names each example's language for highlighting, .env files included", () => {
    expect(languageOf("docker/openmetadata_keycloak.env")).toBe("dotenv");
    expect(() => languageOf("docker/notes.txt")).toThrow("No code language known for examples/docker/notes.txt");
  });
});
