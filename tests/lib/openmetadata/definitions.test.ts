/**
 * What each deployment's files give OpenMetadata's server, read the way the server reads them, and
 * checked against each OpenMetadata line's own definitions (its release's generated models).
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { describe, expect, inject, it } from "vitest";
import { parse } from "yaml";
import {
  HELM_CHART_SIGN_IN,
  HELM_COMMANDS,
  HELM_SECRET,
  helmValuesData,
  renderHelmValues,
  renderSecretManifest,
} from "../../../src/lib/openmetadata/kubernetes";
import { renderBareMetalYaml, renderDockerEnv } from "../../../src/lib/openmetadata/render";
import { renderSecurityConfigJson } from "../../../src/lib/openmetadata/security-config";
import {
  SERVER_SETTINGS,
  SESSION_EXPIRY_KEY,
  type ServerConfiguration,
  serverConfiguration,
} from "../../../src/lib/openmetadata/server";
import { documentedSettings, type KeycloakSsoSettings } from "../../../src/lib/openmetadata/settings";
import { OPENMETADATA_HELM_CHART, OPENMETADATA_RELEASES, type OpenMetadataLine } from "../../../src/versions";
import { examplesDir } from "../../../tooling/paths";
import { everyOptionalSetting } from "../../support/openmetadata/arbitraries";
import {
  deepMerge,
  expectKeycloakSignIn,
  helmChartDir,
  helmValuesSchema,
  openMetadataConf,
  parseYaml11,
  releaseValidators,
} from "../../support/openmetadata/config";
import { definitionsFor } from "../../support/openmetadata/definitions";

const definitions = inject("openMetadataDefinitions");
const chartDir = helmChartDir();
const chartDefaults = parse(readFileSync(join(chartDir, "values.yaml"), "utf8"));

/**
 * The environment variables the OpenMetadata chart gives the server from its values, for the keys the
 * guide sets and those it has values of its own for (chart 1.13.1: charts/openmetadata/templates/
 * secrets.yaml, its authentication and authorizer Secrets, the OIDC variables only for a confidential
 * client with oidcConfiguration.enabled; templates/_helpers.tpl, the client ID and secret from the
 * Secret they name). Lists go in as [a,b]; prompt and max_age as the chart writes them, through
 * Helm's quote ("consent", "").
 */
function chartEnvironment(values: typeof chartDefaults, secret: Record<string, string>): Record<string, string> {
  const { authorizer, authentication } = values.openmetadata.config;
  const oidc = authentication.oidcConfiguration;
  const text = (value: unknown) => (Array.isArray(value) ? `[${value.join(",")}]` : String(value));
  const env: Record<string, string> = {
    AUTHORIZER_CLASS_NAME: authorizer.className,
    AUTHORIZER_REQUEST_FILTER: authorizer.containerRequestFilter,
    AUTHORIZER_ADMIN_PRINCIPALS: text(authorizer.initialAdmins),
    AUTHORIZER_PRINCIPAL_DOMAIN: authorizer.principalDomain,
    AUTHORIZER_USE_ROLES_FROM_PROVIDER: String(authorizer.useRolesFromProvider),
    AUTHENTICATION_PROVIDER: authentication.provider,
    AUTHENTICATION_CLIENT_TYPE: authentication.clientType,
    AUTHENTICATION_CLIENT_ID: authentication.clientId,
    AUTHENTICATION_AUTHORITY: authentication.authority,
    AUTHENTICATION_CALLBACK_URL: authentication.callbackUrl,
    AUTHENTICATION_PUBLIC_KEYS: text(authentication.publicKeys),
    AUTHENTICATION_JWT_PRINCIPAL_CLAIMS: text(authentication.jwtPrincipalClaims),
  };
  if (authentication.clientType === "confidential" && oidc.enabled) {
    Object.assign(env, {
      OIDC_CLIENT_ID: secret[oidc.clientId.secretKey],
      OIDC_CLIENT_SECRET: secret[oidc.clientSecret.secretKey],
      OIDC_SCOPE: oidc.scope,
      OIDC_DISCOVERY_URI: oidc.discoveryUri,
      OIDC_CALLBACK: oidc.callbackUrl,
      OIDC_SERVER_URL: oidc.serverUrl,
      OIDC_CLIENT_AUTH_METHOD: oidc.clientAuthenticationMethod,
      OIDC_PROMPT_TYPE: JSON.stringify(oidc.promptType),
      OIDC_MAX_AGE: JSON.stringify(oidc.maxAge),
      ...(oidc.sessionExpiry ? { OIDC_SESSION_EXPIRY: String(oidc.sessionExpiry) } : {}),
    });
  }
  for (const { name, value } of values.extraEnvs ?? []) env[name] = value;
  return env;
}

/** Each deployment's files, as the server ends up reading them. */
const deployments: Record<string, (s: KeycloakSsoSettings) => ServerConfiguration> = {
  // Compose hands the server the env file's variables (the compose test proves it, override included).
  Docker: (s) => serverConfiguration(s.openMetadataLine, parseEnv(renderDockerEnv(s))),
  // The keys, set in the server's own blocks; every other key keeps its value.
  "Bare metal": (s) => deepMerge(serverConfiguration(s.openMetadataLine, {}), parseYaml11(renderBareMetalYaml(s))),
  // The values over the chart's own, rendered into the server's variables by the chart.
  Kubernetes: (s) => {
    const values = deepMerge(chartDefaults, parseYaml11(renderHelmValues(s)));
    const secret = (parseYaml11(renderSecretManifest(s)) as { stringData: Record<string, string> }).stringData;
    return serverConfiguration(s.openMetadataLine, chartEnvironment(values, secret));
  },
};

/** What the server makes of the settings; with `exact`, as a JSON body whose every value has its definition's type. */
function validate(line: OpenMetadataLine, config: ServerConfiguration, { exact = false } = {}) {
  const validators = releaseValidators(definitionsFor(definitions, line), { exact });
  return [
    ...validators.authenticationConfiguration(config.authenticationConfiguration),
    ...validators.authorizerConfiguration(config.authorizerConfiguration),
  ];
}

describe.each(OPENMETADATA_RELEASES)("OpenMetadata $version", ({ line }) => {
  const { origin } = definitionsFor(definitions, line);

  it(`its server's own blocks, with no variable set, pass its definitions (${origin})`, () => {
    expect(validate(line, serverConfiguration(line, {}))).toEqual([]);
  });

  describe.each(Object.entries(deployments))("%s", (_deployment, read) => {
    it("the documented files pass its definitions and give the server everything a Keycloak sign-in needs", () => {
      const settings = { ...documentedSettings, openMetadataLine: line };
      const config = read(settings);
      expect(validate(line, config)).toEqual([]);
      expectKeycloakSignIn(config, settings);
    });

    it("every optional setting changed still passes, and lands where this line reads it", () => {
      const settings = everyOptionalSetting(line);
      const config = read(settings);
      expect(validate(line, config)).toEqual([]);
      expectKeycloakSignIn(config, settings);
      const [block, ...rest] = SESSION_EXPIRY_KEY[line].split(".").slice(1);
      const holder =
        rest.length > 0
          ? (config.authenticationConfiguration[block ?? ""] as Record<string, unknown>)
          : config.authenticationConfiguration;
      expect(Number(holder[rest[0] ?? block ?? ""])).toBe(86400);
    });
  });

  describe("the API body the SSO screen saves (PUT /api/v1/system/security/config)", () => {
    const body = (s: KeycloakSsoSettings) => JSON.parse(renderSecurityConfigJson(s)) as ServerConfiguration;

    it.each([
      ["documented", { ...documentedSettings, openMetadataLine: line }],
      ["with every optional setting changed", everyOptionalSetting(line)],
    ])(
      "%s: passes its definitions, every value of the exact JSON type, and holds a Keycloak sign-in",
      (_, settings) => {
        const config = body(settings);
        expect(validate(line, config, { exact: true })).toEqual([]);
        expectKeycloakSignIn(config, settings);
      },
    );
  });
});

describe("the definitions bite", () => {
  it.each(OPENMETADATA_RELEASES)(
    "OpenMetadata $version's server types from YAML are not all the JSON types its API takes",
    ({ line }) => {
      expect(validate(line, serverConfiguration(line, {}), { exact: true })).toContainEqual(
        expect.objectContaining({ instancePath: "/oidcConfiguration/useNonce", message: "must be string" }),
      );
    },
  );

  it.each(OPENMETADATA_RELEASES)("a misspelt key is rejected by OpenMetadata $version's", ({ line }) => {
    const misspelt = serverConfiguration(line, {});
    misspelt.authenticationConfiguration.oidcConfiguration.discoveryUrl = "https://keycloak.example.com";
    expect(validate(line, misspelt)).toContainEqual(
      expect.objectContaining({ instancePath: "/oidcConfiguration", message: "must NOT have additional properties" }),
    );
  });

  it("sessionExpiry at the top of authenticationConfiguration is rejected by 1.12's and 1.13's, taken by 2.0's", () => {
    const topLevel = (line: OpenMetadataLine) =>
      deepMerge(serverConfiguration(line, {}), { authenticationConfiguration: { sessionExpiry: 86400 } });
    for (const line of ["1.12", "1.13"] as const) {
      expect(validate(line, topLevel(line)), line).toContainEqual(
        expect.objectContaining({ params: { additionalProperty: "sessionExpiry" } }),
      );
    }
    expect(validate("2.0", topLevel("2.0"))).toEqual([]);
  });

  it("literal braces around the authority, as upstream's env example has them, make YAML read a mapping", () => {
    const env = parseEnv(renderDockerEnv(documentedSettings));
    const braced = serverConfiguration("2.0", {
      ...env,
      AUTHENTICATION_AUTHORITY: `{${env.AUTHENTICATION_AUTHORITY}}`,
    });
    expect(validate("2.0", braced)).toContainEqual(
      expect.objectContaining({ instancePath: "/authority", message: "must be string" }),
    );
  });

  it("a capitalised client type is not one OpenMetadata knows", () => {
    const env = parseEnv(renderDockerEnv(documentedSettings));
    const capitalised = serverConfiguration("2.0", { ...env, AUTHENTICATION_CLIENT_TYPE: "Confidential" });
    expect(validate("2.0", capitalised)).toContainEqual(
      expect.objectContaining({ instancePath: "/clientType", message: "must be equal to one of the allowed values" }),
    );
  });
});

describe("the Helm values", () => {
  const validateValues = helmValuesSchema(chartDir);

  it.each(OPENMETADATA_RELEASES)("for OpenMetadata $version pass the chart's values.schema.json", ({ line }) => {
    for (const settings of [{ ...documentedSettings, openMetadataLine: line }, everyOptionalSetting(line)]) {
      expect(validateValues(deepMerge(chartDefaults, parseYaml11(renderHelmValues(settings))))).toEqual([]);
    }
  });

  it("leave the client ID and secret to the Secret the chart reads by default, and hold neither", () => {
    const oidc = chartDefaults.openmetadata.config.authentication.oidcConfiguration;
    expect(oidc.clientId).toEqual({ secretRef: HELM_SECRET.name, secretKey: HELM_SECRET.clientIdKey });
    expect(oidc.clientSecret).toEqual({ secretRef: HELM_SECRET.name, secretKey: HELM_SECRET.clientSecretKey });
    expect(renderHelmValues(documentedSettings)).not.toContain(documentedSettings.clientSecret);
  });

  it("are checked against the chart the Kubernetes page installs, which runs the server of its appVersion", () => {
    const chart = parse(readFileSync(join(chartDir, "Chart.yaml"), "utf8"));
    expect({ version: chart.version, appVersion: chart.appVersion }).toEqual(OPENMETADATA_HELM_CHART);
    expect(chartDefaults.image.tag, "an image tag of its own would replace the appVersion").toBe("");
    expect(HELM_COMMANDS.install).toContain(`--version ${chart.version} `);
    expect(HELM_COMMANDS.upgrade).toContain(`--version ${chart.version} `);
  });

  it("know the chart's own prompt and max_age, which ask for the password at every sign-in", () => {
    const { promptType, maxAge } = chartDefaults.openmetadata.config.authentication.oidcConfiguration;
    expect({ promptType, maxAge }).toEqual(HELM_CHART_SIGN_IN);
  });

  it.each(OPENMETADATA_RELEASES)(
    "for OpenMetadata $version make the server ask Keycloak with the prompt and max_age Docker and bare metal give",
    ({ line }) => {
      const settings = { ...documentedSettings, openMetadataLine: line };
      const signInRequest = (config: ServerConfiguration) => {
        const { prompt, maxAge } = config.authenticationConfiguration.oidcConfiguration;
        return { prompt, maxAge };
      };
      const docker = signInRequest(deployments.Docker(settings));
      expect(signInRequest(deployments["Bare metal"](settings))).toEqual(docker);
      expect(signInRequest(deployments.Kubernetes(settings))).toEqual(docker);
    },
  );

  it("give the server the client ID of the values and of the Secret, both the reader's", () => {
    const config = deployments.Kubernetes({ ...documentedSettings, clientId: "another-client" });
    expect(config.authenticationConfiguration.clientId).toBe("another-client");
    expect(config.authenticationConfiguration.oidcConfiguration.id).toBe("another-client");
  });

  it.each(OPENMETADATA_RELEASES)(
    "for OpenMetadata $version take the secure-cookie entry of the Kubernetes page at the end of extraEnvs",
    ({ line }) => {
      const settings = { ...documentedSettings, openMetadataLine: line };
      const page = parseYaml11(readFileSync(join(examplesDir, "kubernetes/secure-cookie.yaml"), "utf8")) as {
        extraEnvs: { name: string; value: unknown }[];
      };
      // The list as values.yaml ends it, and the two lines the page adds.
      const generated = helmValuesData(settings).extraEnvs;
      expect(page.extraEnvs.slice(0, -1)).toEqual(generated);
      const values = deepMerge(chartDefaults, parseYaml11(renderHelmValues(settings)));
      values.extraEnvs = [...values.extraEnvs, ...page.extraEnvs.slice(-1)];
      expect(validateValues(values)).toEqual([]);
      // A Kubernetes EnvVar's value is a string: an unquoted true would not install.
      for (const { value } of values.extraEnvs) expect(typeof value).toBe("string");
      const secret = (parseYaml11(renderSecretManifest(settings)) as { stringData: Record<string, string> }).stringData;
      const config = serverConfiguration(line, chartEnvironment(values, secret));
      expect(config.authenticationConfiguration.forceSecureSessionCookie).toBe(true);
      expect(validate(line, config)).toEqual([]);
      expectKeycloakSignIn(config, settings);
    },
  );

  it("without oidcConfiguration.enabled, leave the confidential flow off, as upstream's example does", () => {
    const withoutEnabled = parseYaml11(renderHelmValues(documentedSettings).replace(/ *enabled: true\n/, ""));
    const secret = (parseYaml11(renderSecretManifest(documentedSettings)) as { stringData: Record<string, string> })
      .stringData;
    const config = serverConfiguration("2.0", chartEnvironment(deepMerge(chartDefaults, withoutEnabled), secret));
    expect(config.authenticationConfiguration.oidcConfiguration.secret).toBe("");
  });
});

describe("the server's settings as this guide records them", () => {
  it("for 2.0, name the variables and defaults of OpenMetadata's development-line conf/openmetadata.yaml", () => {
    const developmentLine = readFileSync(openMetadataConf(), "utf8");
    const differences = SERVER_SETTINGS["2.0"].filter(
      ({ key, env, default: fallback }) =>
        !developmentLine.includes(`${key.split(".").at(-1)}: \${${env}:-${fallback}}`) &&
        !developmentLine.includes(`${key.split(".").at(-1)} : \${${env}:-${fallback}}`),
    );
    expect(differences).toEqual([]);
  });
});
