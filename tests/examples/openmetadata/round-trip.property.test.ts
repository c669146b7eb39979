/**
 * Any settings validateSettings accepts reach OpenMetadata unchanged, in every form the pages show,
 * as read by the program that really reads that form: Docker Compose's own env-file parser (Go),
 * OpenMetadata's YAML 1.1 reading of the values it substitutes, YAML 1.1 for conf/openmetadata.yaml,
 * the Helm values and the Secret manifest, and a real `sh` for the kubectl command.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import {
  HELM_SECRET,
  NAMESPACE,
  renderBareMetalYaml,
  renderDockerEnv,
  renderHelmValues,
  renderKubectlSecret,
  renderSecretManifest,
} from "../../../examples/openmetadata/render.js";
import {
  documentedSettings,
  endpoints,
  type KeycloakSsoSettings,
  validateSettings,
} from "../../../examples/openmetadata/settings.js";

const NUM_RUNS = 10_000;
// An adversarial-secret case checks all five formats, so 1,000 of them cost about what 10,000 of one format do.
const ADVERSARIAL_RUNS = 1_000;
// One seed for the whole file, so the env files and scripts read in batches up front are the very
// ones the properties then check. fast-check prints it with a counterexample; FC_SEED=<seed> replays it.
const SEED = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));

// ---------------------------------------------------------------------------------------------
// Settings a reader might type or paste: mostly well-formed, now and then one of YAML's special
// words or anything at all, so the properties see what validation accepts next to what it rejects.

const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS = "0123456789";
/** What YAML 1.1 reads as a boolean, null, number or date, and near misses of those. */
const YAML_SPECIAL_WORDS = [
  ...["yes", "Yes", "YES", "no", "No", "on", "On", "off", "OFF", "y", "Y", "n", "N", "true", "False"],
  ...["null", "Null", "NULL", "~", "0", "0777", "0x1F", "0o17", "0b101", "1e5", "1E5", "1.5", "1.0", "10.0.0.1"],
  ...["1_000", "12:30", "1:20:30", ".inf", "-.Inf", ".NaN", "2001-01-01", "+1", "-1", "=", "<<", "-", "---"],
  ...["...", "@", "&a", "*a", "!a", "|", ">", "%"],
];
const ADVERSARIAL_CHARS = [
  ..."$#'\"` \t\\:,[]{}!&*|>%@?;()<",
  ...["ä", "é", "€", "😀", "\u00a0", "\u2028", "\u0085", "\u0001", "\n", "\r"],
];

const stringOf = (chars: string, minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...chars), minLength, maxLength });

/** Half safe characters, half characters that quote, comment, interpolate or break lines. */
const adversarialString = fc.string({
  unit: fc.oneof(fc.constantFrom(...LETTERS, ...DIGITS, ..."._-"), fc.constantFrom(...ADVERSARIAL_CHARS)),
  maxLength: 12,
});

/** A value as a reader might type or paste it. */
const pasted = (wellFormed: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 60, arbitrary: wellFormed },
    { weight: 3, arbitrary: fc.constantFrom(...YAML_SPECIAL_WORDS) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...YAML_SPECIAL_WORDS), wellFormed).map(([a, b]) => a + b) },
    { weight: 1, arbitrary: adversarialString },
  );

const name = fc
  .tuple(stringOf(LETTERS + DIGITS, 1, 1), stringOf(`${LETTERS}${DIGITS}._-`, 0, 15))
  .map(([first, rest]) => first + rest);

/** Characters a URL may hold in its path, including ones env files, YAML and shells treat specially. */
const URL_PATH_CHARS = `abcdef012._-~!$&'()*+,;=:@%[]{}"\`|^\\<>äé`;

const baseUrl: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 40,
    arbitrary: fc
      .tuple(
        fc.constantFrom("http://", "https://"),
        fc.oneof(
          {
            weight: 3,
            arbitrary: fc.constantFrom("localhost", "keycloak.example.com", "127.0.0.1", "kéycloak.example"),
          },
          { weight: 1, arbitrary: fc.constantFrom("[::1]", "[2001:db8::5]", ":password@keycloak.example.com") },
          {
            weight: 3,
            arbitrary: fc
              .array(
                fc.tuple(stringOf("abcxyz", 1, 1), stringOf("abcxyz019-", 0, 5)).map(([first, rest]) => first + rest),
                { minLength: 1, maxLength: 3 },
              )
              .map((labels) => labels.join(".")),
          },
        ),
        fc.oneof(
          { weight: 6, arbitrary: fc.constant("") },
          { weight: 3, arbitrary: fc.integer({ min: 1, max: 65535 }).map((port) => `:${port}`) },
          { weight: 1, arbitrary: fc.constant(":") },
        ),
        fc.oneof(
          { weight: 12, arbitrary: fc.constant("") },
          {
            weight: 4,
            arbitrary: fc
              .array(stringOf("abkc019._-", 1, 8), { minLength: 1, maxLength: 2 })
              .map((path) => `/${path.join("/")}`),
          },
          { weight: 3, arbitrary: stringOf(URL_PATH_CHARS, 1, 8).map((segment) => `/${segment}`) },
          { weight: 1, arbitrary: fc.constantFrom("\\", "/?", "/#", "/a?", "/a#") },
        ),
      )
      .map((parts) => parts.join("")),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "keycloak.example.com",
      "https://keycloak.example.com/",
      "https://keycloak.example.com/auth",
      "https://keycloak.example.com/realms/openmetadata",
      "ftp://keycloak.example.com",
      "https://keycloak.example.com?x=1",
      "https://user@keycloak.example.com",
      "https://keycloak.example.com/a b",
    ),
  },
  { weight: 1, arbitrary: adversarialString.map((rest) => `https://keycloak.example${rest}`) },
);

const scopeName = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom("email", "profile", "offline_access", "roles", "groups", "microprofile-jwt"),
  },
  { weight: 2, arbitrary: stringOf(`${LETTERS.slice(0, 4)}${DIGITS.slice(0, 3)}_.:-`, 1, 8) },
  { weight: 1, arbitrary: fc.constantFrom(...YAML_SPECIAL_WORDS) },
);

const scope: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 40,
    arbitrary: fc
      .tuple(fc.array(scopeName, { maxLength: 4 }), fc.nat())
      .map(([others, at]) => others.toSpliced(at % (others.length + 1), 0, "openid").join(" ")),
  },
  { weight: 1, arbitrary: adversarialString },
);

const anySettings: fc.Arbitrary<KeycloakSsoSettings> = fc.record({
  keycloakUrl: baseUrl,
  realm: fc.oneof({ weight: 1, arbitrary: fc.constant("master") }, { weight: 60, arbitrary: pasted(name) }),
  clientId: pasted(name),
  clientSecret: pasted(
    fc.oneof(
      // What Keycloak generates, and anything else validation lets through.
      stringOf(LETTERS + DIGITS, 32, 32),
      stringOf(`${LETTERS.slice(20, 30)}${DIGITS.slice(0, 4)}._~+/=-`, 1, 40),
    ),
  ),
  openMetadataUrl: baseUrl,
  adminPrincipals: fc.oneof(
    { weight: 60, arbitrary: fc.array(pasted(name), { minLength: 1, maxLength: 2 }) },
    { weight: 1, arbitrary: fc.constant<string[]>([]) },
  ),
  principalDomain: pasted(
    fc.array(stringOf("abcxyzXYZ019-", 1, 8), { minLength: 2, maxLength: 4 }).map((labels) => labels.join(".")),
  ),
  principalClaims: fc.oneof(
    {
      weight: 60,
      arbitrary: fc.array(
        pasted(
          fc.oneof(
            fc.constantFrom("preferred_username", "email", "sub"),
            fc
              .tuple(stringOf(`${LETTERS}_`, 1, 1), stringOf(`${LETTERS.slice(0, 8)}${DIGITS.slice(0, 3)}_.-`, 0, 10))
              .map(([first, rest]) => first + rest),
          ),
        ),
        { minLength: 1, maxLength: 3 },
      ),
    },
    { weight: 1, arbitrary: fc.constant<string[]>([]) },
  ),
  scope,
  clientAuthMethod: fc.constantFrom("client_secret_post", "client_secret_basic"),
  sessionExpirySeconds: fc.oneof(
    { weight: 60, arbitrary: fc.integer({ min: 3600, max: 2 ** 31 - 1 }) },
    { weight: 1, arbitrary: fc.integer({ min: -1, max: 3599 }) },
    { weight: 1, arbitrary: fc.double({ min: 3600, max: 1e7, noNaN: true }) },
    { weight: 1, arbitrary: fc.integer({ min: 2 ** 31, max: Number.MAX_SAFE_INTEGER }) },
  ),
});

// validateSettings parses YAML and is slow; every property draws the same settings from the same
// seed, so each verdict is worked out once.
const verdicts = new Map<string, boolean>();
function isAccepted(settings: KeycloakSsoSettings): boolean {
  const key = JSON.stringify(settings);
  let accepted = verdicts.get(key);
  if (accepted === undefined) {
    accepted = validateSettings(settings).length === 0;
    verdicts.set(key, accepted);
  }
  return accepted;
}

const acceptedSettings = anySettings.filter(isAccepted);

/** The documented settings with a secret a reader might paste instead of Keycloak's generated one. */
const acceptedAdversarialSecrets = fc
  .oneof(
    fc.constantFrom(...YAML_SPECIAL_WORDS),
    fc.tuple(fc.constantFrom(...YAML_SPECIAL_WORDS), stringOf(`ab01._~+/=-`, 0, 6)).map(([word, rest]) => word + rest),
    fc.string({
      unit: fc.oneof(fc.constantFrom(..."._~+/=-"), fc.constantFrom(...DIGITS), fc.constantFrom(...ADVERSARIAL_CHARS)),
      minLength: 1,
      maxLength: 12,
    }),
  )
  .map((clientSecret): KeycloakSsoSettings => ({ ...documentedSettings, clientSecret }))
  .filter(isAccepted);

// ---------------------------------------------------------------------------------------------
// The readers: Compose's own Go parser and a real sh, each started once for a batch of many cases.
// The properties' cases are read ahead (fast-check draws the same ones again from the same seed),
// and a case met first while shrinking is read on its own.

interface ComposeReading {
  values?: Record<string, string>;
  error?: string;
}

const composeDotenvModule = fileURLToPath(new URL("../../support/compose-dotenv", import.meta.url));
let workDir = "";
let composeDotenv = "";

/** What `docker compose --env-file` makes of each env file, with no variables set in the shell. */
function readAsDockerCompose(envFiles: readonly string[]): ComposeReading[] {
  const run = spawnSync(composeDotenv, [], { input: JSON.stringify(envFiles), encoding: "utf8", maxBuffer: 1 << 30 });
  if (run.status !== 0) throw new Error(`compose-dotenv failed (${run.status}): ${run.error ?? run.stderr}`);
  return JSON.parse(run.stdout) as ComposeReading[];
}

interface ShellRun {
  /** The arguments kubectl was called with, one list per call. */
  kubectlCalls: string[][];
  stderr: string;
  status: number | null;
}

// A stand-in for kubectl that prints how sh split the command into arguments. Each argument ends
// in NUL, the one byte no argument can hold.
const FAKE_KUBECTL = `kubectl() { printf '%s\\0' kubectl "$@"; printf 'end of kubectl call\\0'; }\n`;
const END_OF_CALL = "end of kubectl call";
const END_OF_SCRIPT = "end of script: no argument has spaces";

function kubectlCalls(stdout: string): string[][] {
  const calls: string[][] = [];
  let call: string[] = [];
  for (const token of stdout.split("\0").slice(0, -1)) {
    if (token === END_OF_CALL) {
      calls.push(call);
      call = [];
    } else {
      call.push(token);
    }
  }
  return calls;
}

function runScript(body: string): ShellRun & { stdout: string } {
  const file = join(workDir, "script.sh");
  writeFileSync(file, FAKE_KUBECTL + body);
  const run = spawnSync("/bin/sh", [file], { encoding: "utf8", maxBuffer: 1 << 30 });
  return { stdout: run.stdout, kubectlCalls: kubectlCalls(run.stdout), stderr: run.stderr, status: run.status };
}

/**
 * What a real sh passes to kubectl for each script. Scripts run 500 to one sh, each followed by a
 * marker; a batch that errs or loses a marker runs again one script per sh, so each reading is exact.
 */
function runWithSh(scripts: readonly string[]): ShellRun[] {
  const runs: ShellRun[] = [];
  for (let start = 0; start < scripts.length; start += 500) {
    const batch = scripts.slice(start, start + 500);
    const run = runScript(
      batch.map((script) => `${script.replace(/^#!.*\n/, "")}printf '%s\\0' '${END_OF_SCRIPT}'\n`).join(""),
    );
    const perScript = run.stdout.split(`${END_OF_SCRIPT}\0`);
    if (run.status === 0 && run.stderr === "" && perScript.length === batch.length + 1) {
      runs.push(...batch.map((_, i) => ({ kubectlCalls: kubectlCalls(perScript[i] ?? ""), stderr: "", status: 0 })));
    } else {
      runs.push(...batch.map((script) => runScript(script)).map(({ stdout, ...run }) => run));
    }
  }
  return runs;
}

/** Renders each settings once and has a reader read the results in batches, remembering each reading. */
function batchedReader<Reading>(
  render: (settings: KeycloakSsoSettings) => string,
  readAll: (rendered: readonly string[]) => Reading[],
) {
  const readings = new Map<string, { rendered: string; reading: Reading }>();
  const readAhead = (all: readonly KeycloakSsoSettings[]): void => {
    const unread = new Map<string, string>();
    for (const settings of all) {
      const key = JSON.stringify(settings);
      if (!readings.has(key) && !unread.has(key)) unread.set(key, render(settings));
    }
    const rendered = [...unread.values()];
    const read = rendered.length > 0 ? readAll(rendered) : [];
    [...unread.keys()].forEach((key, i) => {
      const reading = read[i];
      if (reading === undefined) throw new Error(`the reader returned ${read.length} readings for ${rendered.length}`);
      readings.set(key, { rendered: rendered[i] ?? "", reading });
    });
  };
  const read = (settings: KeycloakSsoSettings): { rendered: string; reading: Reading } => {
    readAhead([settings]);
    const found = readings.get(JSON.stringify(settings));
    if (!found) throw new Error("unreachable: settings read ahead but not found");
    return found;
  };
  return { readAhead, read };
}

const dockerCompose = batchedReader(renderDockerEnv, readAsDockerCompose);
const sh = batchedReader(renderKubectlSecret, runWithSh);

// ---------------------------------------------------------------------------------------------
// What each reader must get back.

/**
 * YAML 1.1, as OpenMetadata's SnakeYAML and Helm read it. A warning (an unknown tag, say) counts as
 * an error: SnakeYAML refuses a tag it cannot construct.
 */
function yaml11(text: string): unknown {
  const document = parseDocument(text, { version: "1.1", logLevel: "silent" });
  const problem = document.errors[0] ?? document.warnings[0];
  if (problem) throw problem;
  return document.toJS();
}

/** expect(actual, what).toEqual(expected), comparing cheaply first: vitest's matcher costs more than a parse. */
function expectReadBack(what: string, actual: unknown, expected: unknown): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual, what).toEqual(expected);
}

const AUTHORIZER = {
  className: "org.openmetadata.service.security.DefaultAuthorizer",
  containerRequestFilter: "org.openmetadata.service.security.JwtFilter",
};

/** Each variable of the env file and what OpenMetadata must read from it. */
function envFileMeaning(s: KeycloakSsoSettings): Record<string, string | number | string[]> {
  const urls = endpoints(s);
  return {
    AUTHORIZER_CLASS_NAME: AUTHORIZER.className,
    AUTHORIZER_REQUEST_FILTER: AUTHORIZER.containerRequestFilter,
    AUTHORIZER_ADMIN_PRINCIPALS: s.adminPrincipals,
    AUTHORIZER_PRINCIPAL_DOMAIN: s.principalDomain,
    AUTHENTICATION_PROVIDER: "custom-oidc",
    CUSTOM_OIDC_AUTHENTICATION_PROVIDER_NAME: "Keycloak",
    AUTHENTICATION_CLIENT_TYPE: "confidential",
    AUTHENTICATION_CLIENT_ID: s.clientId,
    AUTHENTICATION_AUTHORITY: urls.authority,
    AUTHENTICATION_CALLBACK_URL: urls.callbackUrl,
    AUTHENTICATION_PUBLIC_KEYS: [urls.keycloakKeysUrl, urls.openMetadataKeysUrl],
    AUTHENTICATION_JWT_PRINCIPAL_CLAIMS: s.principalClaims,
    AUTHENTICATION_SESSION_EXPIRY: s.sessionExpirySeconds,
    OIDC_TYPE: "keycloak",
    OIDC_CLIENT_ID: s.clientId,
    OIDC_CLIENT_SECRET: s.clientSecret,
    OIDC_SCOPE: s.scope,
    OIDC_DISCOVERY_URI: urls.discoveryUri,
    OIDC_CALLBACK: urls.callbackUrl,
    OIDC_SERVER_URL: s.openMetadataUrl,
    OIDC_CLIENT_AUTH_METHOD: s.clientAuthMethod,
  };
}

function expectComposeReadsEnvFile(s: KeycloakSsoSettings, compose: ComposeReading): void {
  const asWritten = Object.entries(envFileMeaning(s)).map(([key, value]) => [
    key,
    Array.isArray(value) ? `[${value.join(",")}]` : String(value),
  ]);
  expectReadBack("docker compose --env-file", compose, { values: Object.fromEntries(asWritten) });
}

/**
 * OpenMetadata's conf/openmetadata.yaml says, for example, `secret: ${OIDC_CLIENT_SECRET:-""}`: each
 * value replaces its placeholder as raw text, then the file is parsed as YAML 1.1 (SnakeYAML). The
 * values are taken as the env file writes them, which is what Compose passes on (the property above).
 */
function expectOpenMetadataReadsEnvValues(s: KeycloakSsoSettings, envFile: string): void {
  const assignments = envFile
    .split("\n")
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)] as const);
  const meaning = envFileMeaning(s);
  let read: unknown;
  try {
    // One file, as OpenMetadata has; each value on its own line under its variable's name.
    read = yaml11(assignments.map(([key, value]) => `${key}: ${value}`).join("\n"));
  } catch {
    read = undefined;
  }
  if (isDeepStrictEqual(read, meaning)) return;
  // Name the first variable OpenMetadata misreads, alone, so the failure points at it.
  for (const [key, value] of assignments) {
    let alone: unknown;
    try {
      alone = (yaml11(`value: ${value}`) as { value: unknown }).value;
    } catch (error) {
      alone = `YAML error: ${(error as Error).message.split("\n")[0]}`;
    }
    expectReadBack(`OpenMetadata reading ${key}=${value}`, alone, meaning[key]);
  }
  expectReadBack("OpenMetadata reading the env file's values", read, meaning);
}

function expectBareMetalYamlReadBack(s: KeycloakSsoSettings): void {
  const urls = endpoints(s);
  expectReadBack("conf/openmetadata.yaml", yaml11(renderBareMetalYaml(s)), {
    authorizerConfiguration: { ...AUTHORIZER, adminPrincipals: s.adminPrincipals, principalDomain: s.principalDomain },
    authenticationConfiguration: {
      provider: "custom-oidc",
      providerName: "Keycloak",
      clientType: "confidential",
      clientId: s.clientId,
      authority: urls.authority,
      callbackUrl: urls.callbackUrl,
      publicKeyUrls: [urls.keycloakKeysUrl, urls.openMetadataKeysUrl],
      jwtPrincipalClaims: s.principalClaims,
      sessionExpiry: s.sessionExpirySeconds,
      oidcConfiguration: {
        type: "keycloak",
        id: s.clientId,
        secret: s.clientSecret,
        scope: s.scope,
        discoveryUri: urls.discoveryUri,
        callbackUrl: urls.callbackUrl,
        serverUrl: s.openMetadataUrl,
        clientAuthenticationMethod: s.clientAuthMethod,
      },
    },
  });
}

function expectHelmValuesReadBack(s: KeycloakSsoSettings): void {
  const urls = endpoints(s);
  const fromTheSecret = (secretKey: string) => ({ secretRef: HELM_SECRET.name, secretKey });
  expectReadBack("values.yaml", yaml11(renderHelmValues(s)), {
    openmetadata: {
      config: {
        authorizer: { ...AUTHORIZER, initialAdmins: s.adminPrincipals, principalDomain: s.principalDomain },
        authentication: {
          provider: "custom-oidc",
          clientType: "confidential",
          clientId: s.clientId,
          authority: urls.authority,
          callbackUrl: urls.callbackUrl,
          publicKeys: [urls.keycloakKeysUrl, urls.openMetadataKeysUrl],
          jwtPrincipalClaims: s.principalClaims,
          oidcConfiguration: {
            enabled: true,
            oidcType: "keycloak",
            clientId: fromTheSecret(HELM_SECRET.clientIdKey),
            clientSecret: fromTheSecret(HELM_SECRET.clientSecretKey),
            scope: s.scope,
            discoveryUri: urls.discoveryUri,
            callbackUrl: urls.callbackUrl,
            serverUrl: s.openMetadataUrl,
            clientAuthenticationMethod: s.clientAuthMethod,
            sessionExpiry: String(s.sessionExpirySeconds),
          },
        },
      },
    },
  });
}

function expectKubectlArguments(s: KeycloakSsoSettings, run: ShellRun): void {
  expectReadBack("kubectl as sh calls it", run, {
    kubectlCalls: [
      [
        "kubectl",
        "create",
        "secret",
        "generic",
        HELM_SECRET.name,
        "--namespace",
        NAMESPACE,
        `--from-literal=${HELM_SECRET.clientIdKey}=${s.clientId}`,
        `--from-literal=${HELM_SECRET.clientSecretKey}=${s.clientSecret}`,
      ],
    ],
    stderr: "",
    status: 0,
  });
}

function expectSecretManifestReadBack(s: KeycloakSsoSettings): void {
  expectReadBack(`${HELM_SECRET.name}.yaml`, yaml11(renderSecretManifest(s)), {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: HELM_SECRET.name, namespace: NAMESPACE },
    type: "Opaque",
    stringData: { [HELM_SECRET.clientIdKey]: s.clientId, [HELM_SECRET.clientSecretKey]: s.clientSecret },
  });
}

function expectEveryFormatReadBack(s: KeycloakSsoSettings): void {
  const envFile = dockerCompose.read(s);
  expectComposeReadsEnvFile(s, envFile.reading);
  expectOpenMetadataReadsEnvValues(s, envFile.rendered);
  expectBareMetalYamlReadBack(s);
  expectHelmValuesReadBack(s);
  expectKubectlArguments(s, sh.read(s).reading);
  expectSecretManifestReadBack(s);
}

/**
 * Secrets a reader might paste, and the smallest cases the properties found that did not survive
 * (each is a bug in render.ts or settings.ts until validation rejects it or the format keeps it).
 */
const HAND_PICKED: [string, Partial<KeycloakSsoSettings>][] = [
  ...["Yes", "no", "on", "null", "~", "0777", "0x1F", "1e5", "1_000", "12:30", ".inf", "2001-01-01", "=", "-"].map(
    (clientSecret): [string, Partial<KeycloakSsoSettings>] => [
      "a secret YAML reads as something else",
      { clientSecret },
    ],
  ),
  ...["abc$def", "a#b", "x y", "it's", '"quoted"', "-----BEGIN", "s3cr3t="].map(
    (clientSecret): [string, Partial<KeycloakSsoSettings>] => [
      "a secret with a shell or env-file character",
      { clientSecret },
    ],
  ),
  // Found by the properties: the env file's values as Compose interpolates them...
  ["$ in Keycloak's URL, which Compose interpolates", { keycloakUrl: "https://keycloak.example.com/$sso" }],
  ["$$ in OpenMetadata's URL, which Compose reads as $", { openMetadataUrl: "http://localhost:8585/$$x" }],
  ["${ in Keycloak's URL, which Compose refuses", { keycloakUrl: "https://keycloak.example.com/${sso" }],
  // ...and as OpenMetadata's YAML reads them.
  ["a client ID YAML reads as a boolean", { clientId: "yes" }],
  ["a client ID YAML reads as a number", { clientId: "0777" }],
  ["a principal domain YAML reads as a number", { principalDomain: "1.5" }],
  ["a principal claim YAML reads as a boolean", { principalClaims: ["email", "no"] }],
  ["a scope ending in a colon, which YAML reads as a mapping", { scope: "openid roles:" }],
  ["OpenMetadata's URL with an empty port, which YAML reads as a mapping", { openMetadataUrl: "http://localhost:" }],
  ["an IPv6 Keycloak URL, whose brackets break the flow list of key URLs", { keycloakUrl: "http://[::1]:8080" }],
  [
    "a comma in Keycloak's URL, which splits the flow list of key URLs",
    { keycloakUrl: "https://keycloak.example.com/a,b" },
  ],
];

// ---------------------------------------------------------------------------------------------

const runs = { numRuns: NUM_RUNS, seed: SEED };
const adversarialRuns = { numRuns: ADVERSARIAL_RUNS, seed: SEED };

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), "openmetadata-round-trip-"));
  composeDotenv = join(workDir, "compose-dotenv");
  try {
    // Go's build cache makes every build after the first take about a second.
    execFileSync("go", ["build", "-buildvcs=false", "-o", composeDotenv, "."], {
      cwd: composeDotenvModule,
      stdio: ["ignore", "ignore", "pipe"],
    });
  } catch (error) {
    throw new Error(
      `Could not build tests/support/compose-dotenv, Docker Compose's env-file parser (needs Go 1.24 or later on PATH): ${error}`,
    );
  }
  for (const samples of [fc.sample(acceptedSettings, runs), fc.sample(acceptedAdversarialSecrets, adversarialRuns)]) {
    dockerCompose.readAhead(samples);
    sh.readAhead(samples);
  }
});

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe("settings validation accepts reach OpenMetadata unchanged", () => {
  it("the settings drawn include ones validation rejects, for every field a reader types", () => {
    const rejectedFields = new Set(
      fc
        .sample(anySettings, { numRuns: 2000, seed: SEED })
        .flatMap(validateSettings)
        .map((error) => error.field),
    );
    const typedFields = Object.keys(documentedSettings).filter((field) => field !== "clientAuthMethod");
    expect([...rejectedFields].sort()).toEqual(typedFields.sort());
  });

  it("the Docker env file, as docker compose --env-file reads it", () => {
    fc.assert(
      fc.property(acceptedSettings, (s) => expectComposeReadsEnvFile(s, dockerCompose.read(s).reading)),
      runs,
    );
  });

  it("the Docker env file's values, as OpenMetadata substitutes them into its YAML and reads them", () => {
    fc.assert(
      fc.property(acceptedSettings, (s) => expectOpenMetadataReadsEnvValues(s, dockerCompose.read(s).rendered)),
      runs,
    );
  });

  it("conf/openmetadata.yaml, as OpenMetadata's YAML 1.1 parser reads it", () => {
    fc.assert(fc.property(acceptedSettings, expectBareMetalYamlReadBack), runs);
  });

  it("the Helm values, as YAML 1.1", () => {
    fc.assert(fc.property(acceptedSettings, expectHelmValuesReadBack), runs);
  });

  it("the kubectl command, as a real sh passes it to kubectl", () => {
    fc.assert(
      fc.property(acceptedSettings, (s) => expectKubectlArguments(s, sh.read(s).reading)),
      runs,
    );
  });

  it("the Secret manifest, as YAML 1.1", () => {
    fc.assert(fc.property(acceptedSettings, expectSecretManifestReadBack), runs);
  });

  it("a pasted secret full of YAML words and shell characters, once accepted, survives every format", () => {
    fc.assert(fc.property(acceptedAdversarialSecrets, expectEveryFormatReadBack), adversarialRuns);
  });

  it.each(HAND_PICKED)("%s %j: validation rejects it, naming that field, or it survives every format", (_, change) => {
    const settings = { ...documentedSettings, ...change };
    const errors = validateSettings(settings);
    if (errors.length > 0) {
      expect([...new Set(errors.map((error) => error.field))]).toEqual(Object.keys(change));
    } else {
      expectEveryFormatReadBack(settings);
    }
  });
});
