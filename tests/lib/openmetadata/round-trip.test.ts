/**
 * Whatever settings validation accepts reach OpenMetadata unchanged, in every form the pages show,
 * as read by the program that really reads that form: Docker Compose's own env-file parser, the
 * server's substitution of the values into its YAML, PyYAML (YAML 1.1, as SnakeYAML, Helm and
 * kubectl read it; not the `yaml` package the renderers write with) for conf/openmetadata.yaml, the
 * Helm values (then the chart's values.schema.json) and the Secret manifest, and a real `sh` for
 * the kubectl command.
 *
 * 500 cases per property, 2,000 under CI=true: each case of the readers' properties is a round trip
 * to a process. fast-check prints the seed of a failure; FC_SEED=<seed> replays it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parseDocument } from "yaml";
import {
  HELM_SECRET,
  helmValuesData,
  NAMESPACE,
  renderHelmValues,
  renderKubectlSecret,
  renderSecretManifest,
  secretManifestData,
} from "../../../src/lib/openmetadata/kubernetes";
import {
  bareMetalData,
  environmentVariables,
  renderBareMetalYaml,
  renderDockerEnv,
  serverSettings,
} from "../../../src/lib/openmetadata/render";
import { renderSecurityConfigJson } from "../../../src/lib/openmetadata/security-config";
import type { ServerConfiguration } from "../../../src/lib/openmetadata/server";
import { documentedSettings, type KeycloakSsoSettings, validateSettings } from "../../../src/lib/openmetadata/settings";
import { OPENMETADATA_RELEASES } from "../../../src/versions";
import { acceptedAdversarialSecrets, acceptedSettings, anySettings } from "../../support/openmetadata/arbitraries";
import {
  deepMerge,
  expectKeycloakSignIn,
  helmChartDir,
  helmValuesSchema,
  releaseValidators,
} from "../../support/openmetadata/config";
import { definitionsFor } from "../../support/openmetadata/definitions";
import { startYamlReader, type YamlReader } from "../../support/openmetadata/yaml-reader";
import { type ComposeReader, type ShellReader, startComposeReader, startShellReader } from "../../support/readers";

const NUM_RUNS = process.env.CI === "true" ? 2_000 : 500;
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const runs = { numRuns: NUM_RUNS, ...(seed === undefined ? {} : { seed }) };
// Each adversarial case checks every format, so a tenth of the cases costs about what one format does.
const adversarialRuns = { ...runs, numRuns: NUM_RUNS / 10 };

let compose: ComposeReader;
let sh: ShellReader;
let pyyaml: YamlReader;

beforeAll(() => {
  compose = startComposeReader();
  sh = startShellReader();
  pyyaml = startYamlReader();
});

afterAll(() => {
  compose?.close();
  sh?.close();
  pyyaml?.close();
});

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

async function expectComposeReadsEnvFile(s: KeycloakSsoSettings): Promise<void> {
  const reading = await compose.readEnvFile(renderDockerEnv(s));
  expectReadBack("docker compose --env-file", reading, { values: Object.fromEntries(environmentVariables(s)) });
}

/**
 * The server's conf/openmetadata.yaml says, e.g., `secret: ${OIDC_CLIENT_SECRET:-""}`: each value
 * replaces its placeholder as raw text, then the file is parsed as YAML 1.1. What each variable says
 * is the setting it carries, as conf/openmetadata.yaml's blocks (the bare-metal data) hold it.
 */
function expectOpenMetadataReadsEnvValues(s: KeycloakSsoSettings): void {
  const meanings = serverSettings(s).flatMap((group) => group.values.map(({ value }) => value));
  for (const [index, [name, text]] of environmentVariables(s).entries()) {
    let read: unknown;
    try {
      read = (yaml11(`value: ${text}`) as { value: unknown }).value;
    } catch (error) {
      read = `YAML error: ${(error as Error).message.split("\n")[0]}`;
    }
    expectReadBack(`OpenMetadata reading ${name}=${text}`, read, meanings[index]);
  }
}

async function expectBareMetalYamlReadBack(s: KeycloakSsoSettings): Promise<void> {
  expectReadBack("conf/openmetadata.yaml", await pyyaml.read(renderBareMetalYaml(s)), { value: bareMetalData(s) });
}

const chartDir = helmChartDir();
const chartDefaults = yaml11(readFileSync(join(chartDir, "values.yaml"), "utf8"));
const validateHelmValues = helmValuesSchema(chartDir);

/** The values as read, then over the chart's own (as `helm install -f` merges them), against its schema. */
async function expectHelmValuesReadBack(s: KeycloakSsoSettings): Promise<void> {
  const read = await pyyaml.read(renderHelmValues(s));
  expectReadBack("values.yaml", read, { value: helmValuesData(s) });
  const errors = validateHelmValues(deepMerge(chartDefaults, "value" in read ? read.value : undefined));
  if (errors.length > 0) expect(errors, "values.yaml against the chart's values.schema.json").toEqual([]);
}

async function expectSecretManifestReadBack(s: KeycloakSsoSettings): Promise<void> {
  expectReadBack(`${HELM_SECRET.name}.yaml`, await pyyaml.read(renderSecretManifest(s)), {
    value: secretManifestData(s),
  });
}

async function expectKubectlArguments(s: KeycloakSsoSettings): Promise<void> {
  expectReadBack("kubectl as sh calls it", await sh.run(renderKubectlSecret(s)), {
    kubectlCalls: [
      [
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

/** Each line's definitions, exact about JSON types, compiled once for all the cases. */
const exactValidators = Object.fromEntries(
  OPENMETADATA_RELEASES.map(({ line }) => [
    line,
    releaseValidators(definitionsFor(inject("openMetadataDefinitions"), line), { exact: true }),
  ]),
);

/**
 * The API body, as the server's JSON reader gets it: valid for the line's definitions, every value
 * of its exact type, and saying what the settings say.
 */
function expectApiBodyReadBack(s: KeycloakSsoSettings): void {
  const body = JSON.parse(renderSecurityConfigJson(s)) as ServerConfiguration;
  const validators = exactValidators[s.openMetadataLine];
  const errors = [
    ...(validators?.authenticationConfiguration(body.authenticationConfiguration) ?? ["no validators"]),
    ...(validators?.authorizerConfiguration(body.authorizerConfiguration) ?? []),
  ];
  if (errors.length > 0) expect(errors, "security-config.json against the definitions").toEqual([]);
  expectKeycloakSignIn(body, s);
}

async function expectEveryFormatReadBack(s: KeycloakSsoSettings): Promise<void> {
  await expectComposeReadsEnvFile(s);
  expectOpenMetadataReadsEnvValues(s);
  await expectBareMetalYamlReadBack(s);
  await expectHelmValuesReadBack(s);
  await expectKubectlArguments(s);
  await expectSecretManifestReadBack(s);
  expectApiBodyReadBack(s);
}

/**
 * Secrets a reader might paste, and the smallest cases the properties found that did not survive
 * (each was a bug in render.ts, kubernetes.ts or settings.ts until validation rejected it or the format kept it).
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
  ["$ in Keycloak's URL, which Compose interpolates", { keycloakUrl: "https://keycloak.example.com/$sso" }],
  ["$$ in OpenMetadata's URL, which Compose reads as $", { openMetadataUrl: "http://localhost:8585/$$x" }],
  ["${ in Keycloak's URL, which Compose refuses", { keycloakUrl: "https://keycloak.example.com/${sso" }],
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

describe("settings validation accepts reach OpenMetadata unchanged", () => {
  it("the settings drawn include ones validation rejects, for every field a reader types", () => {
    const rejectedFields = new Set(
      fc
        .sample(anySettings, { numRuns: 2000, ...(seed === undefined ? {} : { seed }) })
        .flatMap(validateSettings)
        .map((error) => error.field),
    );
    const typedFields = Object.keys(documentedSettings).filter(
      (field) => !["clientAuthMethod", "openMetadataLine", "useRolesFromProvider"].includes(field),
    );
    expect([...rejectedFields].sort()).toEqual(typedFields.sort());
  });

  it("the Docker env file, as docker compose --env-file reads it", async () => {
    await fc.assert(fc.asyncProperty(acceptedSettings, expectComposeReadsEnvFile), runs);
  });

  it("the Docker env file's values, as OpenMetadata substitutes them into its YAML and reads them", () => {
    fc.assert(fc.property(acceptedSettings, expectOpenMetadataReadsEnvValues), runs);
  });

  it("conf/openmetadata.yaml, as a YAML 1.1 reader (PyYAML) reads it", async () => {
    await fc.assert(fc.asyncProperty(acceptedSettings, expectBareMetalYamlReadBack), runs);
  });

  it("the Helm values, as a YAML 1.1 reader (PyYAML) reads them, over the chart's, against its schema", async () => {
    await fc.assert(fc.asyncProperty(acceptedSettings, expectHelmValuesReadBack), runs);
  });

  it("the kubectl command, as a real sh passes it to kubectl", async () => {
    await fc.assert(fc.asyncProperty(acceptedSettings, expectKubectlArguments), runs);
  });

  it("the Secret manifest, as a YAML 1.1 reader (PyYAML) reads it", async () => {
    await fc.assert(fc.asyncProperty(acceptedSettings, expectSecretManifestReadBack), runs);
  });

  it("the API body, as JSON, against the line's definitions", () => {
    fc.assert(fc.property(acceptedSettings, expectApiBodyReadBack), runs);
  });

  it("a pasted secret full of YAML words and shell characters, once accepted, survives every format", async () => {
    await fc.assert(fc.asyncProperty(acceptedAdversarialSecrets, expectEveryFormatReadBack), adversarialRuns);
  });

  it.each(HAND_PICKED)(
    "%s %j: validation rejects it, naming that field, or it survives every format",
    async (_, change) => {
      const settings = { ...documentedSettings, ...change };
      const errors = validateSettings(settings);
      if (errors.length > 0) {
        expect([...new Set(errors.map((error) => error.field))]).toEqual(Object.keys(change));
      } else {
        await expectEveryFormatReadBack(settings);
      }
    },
  );
});
