/** `doctor.ts --help`: every option of the table the page shows, one line each, and the exit codes. */
import { describe, expect, it } from "vitest";
import { readExample } from "../../../src/lib/examples";
import { runExample } from "../../support/examples";

describe("doctor.ts --help", () => {
  it("lists every option of its options table, with what it does, and the exit codes", async () => {
    const table = readExample("doctor/doctor.ts", "options");
    const options = [...table.matchAll(/^ {2}"?([a-z-]+)"?: \{ type: "(?:string|boolean)", about: "([^"]+)" \},$/gm)];
    expect(options.map(([, name]) => name)).toEqual(expect.arrayContaining(["realm-url", "fix", "sign-in", "help"]));

    const help = await runExample("doctor/doctor.ts", {}, ["--help"]);
    expect(help.code).toBe(0);
    expect(help.stderr).toBe("");
    const lines = help.stdout.split("\n");
    for (const [, name, about] of options) {
      const found = lines.filter((line) => line.startsWith(`  --${name} `));
      expect(found).toHaveLength(1);
      expect(found[0]?.endsWith(` ${about}`), found[0]).toBe(true);
    }
    expect(lines.filter((line) => line.startsWith("  --"))).toHaveLength(options.length);
    expect(help.stdout).toContain(
      "Exit code: 0 when no check failed, 1 when one did, 2 when the doctor could not check.",
    );
  });
});
