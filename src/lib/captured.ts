/**
 * What the tests capture for the pages (src/data/): one strict schema per kind, the file each kind
 * lives in and the test that writes it. src/content.config.ts loads them as content collections with
 * these schemas; the tests validate against the same ones before they write (tests/support/captured.ts,
 * and scripts/keycloak-versions.ts); the page parts read entries by name and fail the build on a
 * missing one. Plain zod (astro/zod re-exports it), so Node and Vitest import this without Astro.
 */
import { z } from "astro/zod";

const seconds = z.number().int().positive();
const oauthError = z.strictObject({ error: z.string().min(1), error_description: z.string().min(1) });

/** What Keycloak shows, answers or logs for one problem of the Troubleshooting page. */
export const troubleshootingSchema = z
  .strictObject({
    /** The text of Keycloak's error page. */
    page: z.string().min(1).optional(),
    /** The error Keycloak sends the browser back to OpenMetadata's callback with. */
    callback: oauthError.optional(),
    /** The token endpoint's answer to OpenMetadata's server. */
    answer: oauthError.optional(),
    /** The event Keycloak logs, as its log writes it. */
    event: z.strictObject({ type: z.string().min(1), error: z.string().min(1) }).optional(),
    /** An HTTP status Keycloak answers with. */
    status: z.number().int().min(100).max(599).optional(),
    idTokenSeconds: seconds.optional(),
    accessTokenSeconds: seconds.optional(),
    /** Discovery's authorization_response_iss_parameter_supported. */
    issParameterSupported: z.boolean().optional(),
    /** The iss Keycloak sends to the callback, with the address and realm as placeholders. */
    callbackIssuer: z.string().min(1).optional(),
  })
  .refine((seen) => Object.keys(seen).length > 0, "Keycloak said nothing: the test recorded no field.");

/** A new realm's default lifespans, in seconds, by the realm setting's name. */
export const keycloakDefaultsSchema = z.strictObject({
  accessTokenLifespan: seconds,
  ssoSessionIdleTimeout: seconds,
  ssoSessionMaxLifespan: seconds,
  offlineSessionIdleTimeout: seconds,
});
/** One entry of the keycloakDefaults collection: one setting's seconds. */
export const keycloakDefaultSchema = z.strictObject({ seconds });
export type KeycloakDefaultSetting = keyof z.infer<typeof keycloakDefaultsSchema>;

/** keycloak-defaults.json as the collection's entries, by setting; throws for a file its schema refuses. */
export function keycloakDefaultsEntries(text: string): Record<string, z.infer<typeof keycloakDefaultSchema>> {
  const defaults = keycloakDefaultsSchema.parse(JSON.parse(text));
  return Object.fromEntries(Object.entries(defaults).map(([setting, seconds]) => [setting, { seconds }]));
}

/** What the Keycloak-facing suites found on one Keycloak version (npm run test:keycloak-versions). */
export const keycloakVersionResultSchema = z.strictObject({
  version: z.string().regex(/^\d+\.\d+\.\d+$/, "a Keycloak release, e.g. 26.7.5"),
  /** The day the suites last ran on this version. */
  tested: z.iso.date(),
  passed: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  /**
   * What failed on this version: the test's name, and what differs where the test says it in words
   * that do not change from run to run (a failure message starting "Differs: ", as the admin
   * console's labels test words a label the console does not show).
   */
  differences: z.array(z.strictObject({ test: z.string().min(1), differs: z.string().min(1).optional() })),
});
export const keycloakCompatibilitySchema = z.array(keycloakVersionResultSchema);
export type VersionResult = z.infer<typeof keycloakVersionResultSchema>;

/** keycloak-compatibility.json as the collection's entries, by version; throws for a file its schema refuses. */
export function keycloakCompatibilityEntries(text: string): Record<string, VersionResult> {
  return Object.fromEntries(keycloakCompatibilitySchema.parse(JSON.parse(text)).map((run) => [run.version, run]));
}

/** The status words a command's output line may start with; the page colours each. */
export const STATUSES = ["PASS", "WARN", "FAIL", "FIXED", "SKIP"] as const;
/** A command's output as the page shows it: each line, with the status word it starts with apart. */
export const commandOutputSchema = z.strictObject({
  lines: z
    .array(z.strictObject({ status: z.enum(STATUSES).optional(), text: z.string() }))
    .min(2, "a command line and what it printed"),
});
export type CommandOutput = z.infer<typeof commandOutputSchema>;

/**
 * Splits captured terminal output into lines. A line that starts with a word in capitals and a space
 * starts with a status word (the schema says which are known); the rest keeps its spaces, which align
 * the text under the status column.
 */
export function parseCommandOutput(text: string): { lines: { status?: string; text: string }[] } {
  return {
    lines: text
      .replace(/\n+$/, "")
      .split("\n")
      .map((line) => {
        const status = /^([A-Z]{2,}) +(?=\S)/.exec(line)?.[1];
        return status ? { status, text: line.slice(status.length) } : { text: line };
      }),
  };
}

/** Each kind of captured data: its file (`{name}` for one file per entry), schema and writer. */
export const CAPTURED = {
  troubleshooting: {
    what: "captured Keycloak answer",
    path: "src/data/troubleshooting/{name}.json",
    schema: troubleshootingSchema,
    writtenBy: "tests/examples/troubleshooting.test.ts",
  },
  doctor: {
    what: "captured doctor output",
    path: "src/data/doctor/{name}.txt",
    schema: commandOutputSchema,
    writtenBy: "tests/examples/doctor/command.test.ts",
  },
  keycloakDefaults: {
    what: "Keycloak default",
    path: "src/data/keycloak-defaults.json",
    schema: keycloakDefaultsSchema,
    writtenBy: "tests/examples/keycloak/session-lifespans.test.ts",
  },
  keycloakCompatibility: {
    what: "Keycloak compatibility result",
    path: "src/data/keycloak-compatibility.json",
    schema: keycloakCompatibilitySchema,
    writtenBy: "npm run test:keycloak-versions",
  },
} as const;
export type CapturedKind = keyof typeof CAPTURED;
/** Kinds with one file per entry, written by name. */
export type PerEntryKind = {
  [K in CapturedKind]: (typeof CAPTURED)[K]["path"] extends `${string}{name}${string}` ? K : never;
}[CapturedKind];
/** Kinds whose one file holds every entry. */
export type OneFileKind = Exclude<CapturedKind, PerEntryKind>;

/** Where a captured file lives, relative to the repository's root. */
export function capturedPath(kind: CapturedKind, name?: string): string {
  const { path } = CAPTURED[kind];
  const perEntry = path.includes("{name}");
  if (perEntry !== (name !== undefined)) {
    throw new Error(`${kind}: ${perEntry ? "name the entry" : "one file holds every entry, so no name"} (${path}).`);
  }
  if (name !== undefined && !/^[a-z0-9][a-z0-9-]*$/.test(name)) {
    throw new Error(`${kind}: "${name}" is not a file name of lowercase words and hyphens.`);
  }
  return path.replace("{name}", name ?? "");
}

/** The file's text, as written, checked against its kind's schema (what Astro will load). */
function checked(kind: CapturedKind, path: string, data: unknown): string {
  const text = kind === "doctor" ? String(data) : `${JSON.stringify(data, null, 2)}\n`;
  const parsed = CAPTURED[kind].schema.safeParse(kind === "doctor" ? parseCommandOutput(text) : JSON.parse(text));
  if (!parsed.success) throw new Error(`${path} would not load:\n${z.prettifyError(parsed.error)}`);
  return text;
}

/**
 * Validates data a test captured and returns the file to write: for one file per entry,
 * capturedFile(kind, name, data); for a kind in one file, capturedFile(kind, data). The doctor's
 * output is its text; the others are JSON.
 */
export function capturedFile(kind: PerEntryKind, name: string, data: unknown): { path: string; text: string };
export function capturedFile(kind: OneFileKind, data: unknown): { path: string; text: string };
export function capturedFile(kind: CapturedKind, ...args: [string, unknown] | [unknown]) {
  const [name, data] = args.length === 2 ? [args[0], args[1]] : [undefined, args[0]];
  const path = capturedPath(kind, name);
  return { path, text: checked(kind, path, data) };
}

/** The entry a page part asked for, or an error that fails the build and says which test writes it. */
export function requireEntry<T>(kind: CapturedKind, id: string, entry: T | undefined): T {
  if (entry !== undefined) return entry;
  const { what, path, writtenBy } = CAPTURED[kind];
  throw new Error(
    `No ${what} "${id}" in ${path.replace("{name}", "*")}: ${writtenBy} writes it. Check the name, or run that test.`,
  );
}
