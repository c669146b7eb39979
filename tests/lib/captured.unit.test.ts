/**
 * The captured data under src/data/ against the schemas the site loads it with (src/lib/captured.ts):
 * every file is covered by a kind and loads, and a wrong field is refused by the schema itself.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import {
  CAPTURED,
  type CapturedKind,
  capturedFile,
  keycloakCompatibilityEntries,
  keycloakDefaultsEntries,
  type OneFileKind,
  type PerEntryKind,
  requireEntry,
} from "../../src/lib/captured";
import { dataDir, projectRoot } from "../../tooling/paths";

const files = readdirSync(dataDir, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => relative(projectRoot, join(entry.parentPath, entry.name)));
const read = (path: string) => readFileSync(join(projectRoot, path), "utf8");

/** The kind whose path pattern a file matches, and its entry's name where the kind has one file per entry. */
function kindOf(path: string): { kind: CapturedKind; name?: string } | undefined {
  for (const [kind, { path: pattern }] of Object.entries(CAPTURED) as [CapturedKind, { path: string }][]) {
    const [before, after = ""] = pattern.split("{name}");
    if (!pattern.includes("{name}")) {
      if (path === pattern) return { kind };
    } else if (path.startsWith(before) && path.endsWith(after) && !path.slice(before.length).includes("/")) {
      return { kind, name: path.slice(before.length, path.length - after.length) };
    }
  }
  return undefined;
}

/** The file a capture of `data` would write, as the tests and scripts/keycloak-versions.ts write it. */
const capture = (kind: CapturedKind, name: string | undefined, data: unknown) =>
  name === undefined ? capturedFile(kind as OneFileKind, data) : capturedFile(kind as PerEntryKind, name, data);
const json = (path: string) => JSON.parse(read(path)) as Record<string, unknown>;

describe("the captured data under src/data", () => {
  it("has a file of each kind", () => {
    expect(new Set(files.map((path) => kindOf(path)?.kind))).toEqual(new Set(Object.keys(CAPTURED)));
  });

  it.each(files)("%s: its kind's schema accepts it, and it reads as its writer writes it", (path) => {
    const found = kindOf(path);
    if (!found) throw new Error(`${path}: no kind in src/lib/captured.ts covers it.`);
    const text = read(path);
    const data = path.endsWith(".json") ? JSON.parse(text) : text;
    expect(capture(found.kind, found.name, data)).toEqual({ path, text });
  });

  it("loads the one-file kinds as the collections' entries, by setting and by version", () => {
    expect(Object.keys(keycloakDefaultsEntries(read(CAPTURED.keycloakDefaults.path)))).toEqual(
      Object.keys(json(CAPTURED.keycloakDefaults.path)),
    );
    const runs = JSON.parse(read(CAPTURED.keycloakCompatibility.path)) as { version: string }[];
    expect(Object.keys(keycloakCompatibilityEntries(read(CAPTURED.keycloakCompatibility.path)))).toEqual(
      runs.map((run) => run.version),
    );
  });
});

describe("a wrong field is refused", () => {
  const scope = "src/data/troubleshooting/invalid-scope.json";

  it("a key Keycloak's answer never had", () => {
    expect(() => capturedFile("troubleshooting", "invalid-scope", { ...json(scope), hint: "x" })).toThrow(
      /src\/data\/troubleshooting\/invalid-scope\.json would not load:[\s\S]*Unrecognized key: "hint"/,
    );
  });

  it("a nested key, and a field of the wrong type", () => {
    const { callback, ...rest } = json(scope) as { callback: Record<string, string> };
    expect(() =>
      capturedFile("troubleshooting", "invalid-scope", { ...rest, callback: { ...callback, state: "s" } }),
    ).toThrow(/Unrecognized key: "state"[\s\S]*callback/);
    expect(() => capturedFile("troubleshooting", "auth-prefix", { status: "404" })).toThrow(/status/);
  });

  it("a field the capture lost: an error Keycloak's callback did not carry", () => {
    expect(() =>
      capturedFile("troubleshooting", "invalid-scope", { ...json(scope), callback: { error: null } }),
    ).toThrow(/callback\.error/);
  });

  it("a Keycloak default that is missing, extra, or not whole seconds", () => {
    const defaults = json(CAPTURED.keycloakDefaults.path);
    const { accessTokenLifespan: _gone, ...missing } = defaults;
    expect(() => capturedFile("keycloakDefaults", missing)).toThrow(/accessTokenLifespan/);
    expect(() => capturedFile("keycloakDefaults", { ...defaults, refreshTokenMaxReuse: 0 })).toThrow(
      /Unrecognized key: "refreshTokenMaxReuse"/,
    );
    expect(() => capturedFile("keycloakDefaults", { ...defaults, accessTokenLifespan: 0.5 })).toThrow(
      /accessTokenLifespan/,
    );
    // The collection's loader refuses the same file, so the build does too.
    expect(() => keycloakDefaultsEntries(JSON.stringify({ ...defaults, accessTokenLifespan: "300" }))).toThrow(
      /accessTokenLifespan/,
    );
  });

  it("a compatibility run with a count below zero or a difference with an unknown key", () => {
    const [run] = JSON.parse(read(CAPTURED.keycloakCompatibility.path)) as Record<string, unknown>[];
    expect(() => capturedFile("keycloakCompatibility", [{ ...run, failed: -1 }])).toThrow(/failed/);
    expect(() =>
      capturedFile("keycloakCompatibility", [{ ...run, differences: [{ test: "t", message: "m" }] }]),
    ).toThrow(/Unrecognized key: "message"/);
    expect(() => keycloakCompatibilityEntries(JSON.stringify([{ ...run, tested: "yesterday" }]))).toThrow(/tested/);
  });

  it("a doctor line whose status word the page cannot colour", () => {
    const passing = read("src/data/doctor/passing.txt");
    expect(() => capturedFile("doctor", "passing", passing.replace("PASS  Discovery", "ERROR Discovery"))).toThrow(
      /expected one of "PASS"[\s\S]*at lines\[3\]\.status/,
    );
  });
});

describe("a page part's entry", () => {
  it("is returned when it exists", () => {
    const entry = { id: "client-not-found", data: json("src/data/troubleshooting/client-not-found.json") };
    expect(requireEntry("troubleshooting", "client-not-found", entry)).toBe(entry);
  });

  it("fails the build when missing or misspelt, naming the file and the test that writes it", () => {
    expect(() => requireEntry("troubleshooting", "invalid-redirect-uris", undefined)).toThrow(
      'No captured Keycloak answer "invalid-redirect-uris" in src/data/troubleshooting/*.json: tests/examples/troubleshooting.test.ts writes it.',
    );
    expect(() => requireEntry("keycloakDefaults", "accessTokenLifeSpan", undefined)).toThrow(
      "tests/examples/keycloak/session-lifespans.test.ts",
    );
    expect(() => requireEntry("keycloakCompatibility", "26.8.0", undefined)).toThrow("npm run test:keycloak-versions");
    expect(() => requireEntry("doctor", "healthy", undefined)).toThrow("tests/examples/doctor/command.test.ts");
  });

  it("is written by name only where the kind has one file per entry", () => {
    expect(() => capturedFile("troubleshooting", "../keycloak-defaults", {})).toThrow(/not a file name/);
    expect(() => capturedFile("keycloakDefaults" as PerEntryKind, "defaults", {})).toThrow(/one file holds/);
  });
});
