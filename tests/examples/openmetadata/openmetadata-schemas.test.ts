/**
 * The configuration the deployment pages show, read the way OpenMetadata's server and Helm read
 * it, and checked against OpenMetadata's own definitions: the JSON schemas of the security blocks,
 * the server's conf/openmetadata.yaml template, and the Helm chart's values.schema.json.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  HELM_SECRET,
  renderBareMetalYaml,
  renderDockerEnv,
  renderHelmValues,
  renderKubectlSecret,
  renderSecretManifest,
} from "../../../examples/openmetadata/render";
import { documentedSettings, endpoints } from "../../../examples/openmetadata/settings";
import { openMetadataArtifacts, openMetadataHelmChart } from "../../support/openmetadata-artifacts";
import {
  deepMerge,
  helmValuesSchema,
  openMetadataSchemas,
  serverConfiguration,
} from "../../support/openmetadata-config";

const artifacts = await openMetadataArtifacts();
const template = readFileSync(artifacts.confFile, "utf8");
const schemas = openMetadataSchemas(artifacts.specDir);
const chartDir = openMetadataHelmChart();
const validateHelmValues = helmValuesSchema(chartDir);
const urls = endpoints(documentedSettings);

type Block = Record<string, unknown> & { oidcConfiguration?: Record<string, unknown> };

/** What must hold for a Keycloak login, beyond the schema: nothing left at a default that breaks it. */
function expectKeycloakLogin(authentication: Block, authorizer: Block): void {
  expect(authentication).toMatchObject({
    provider: "custom-oidc",
    clientType: "confidential",
    clientId: "open-metadata",
    authority: urls.authority,
    callbackUrl: urls.callbackUrl,
    publicKeyUrls: [urls.keycloakKeysUrl, urls.openMetadataKeysUrl],
    jwtPrincipalClaims: ["preferred_username", "email", "sub"],
  });
  expect(authentication.oidcConfiguration).toMatchObject({
    id: "open-metadata",
    secret: documentedSettings.clientSecret,
    discoveryUri: urls.discoveryUri,
    callbackUrl: urls.callbackUrl,
    serverUrl: documentedSettings.openMetadataUrl,
    clientAuthenticationMethod: "client_secret_post",
    responseType: "code",
  });
  expect(authorizer).toMatchObject({ adminPrincipals: ["admin-user"], principalDomain: "example.com" });
}

describe(`the configuration, against OpenMetadata's own definitions (${artifacts.origin})`, () => {
  it("the server's template with only the provider switched passes its schemas, so a failure below is ours", () => {
    const stock = serverConfiguration(template, { AUTHENTICATION_PROVIDER: "custom-oidc" });
    expect(schemas.authenticationConfiguration(stock.authenticationConfiguration)).toEqual([]);
    expect(schemas.authorizerConfiguration(stock.authorizerConfiguration)).toEqual([]);
  });

  it("Docker: the env file, as Compose passes it and the server substitutes it into its YAML, is valid and complete", () => {
    const config = serverConfiguration(template, parseEnv(renderDockerEnv(documentedSettings)));
    expect(schemas.authenticationConfiguration(config.authenticationConfiguration)).toEqual([]);
    expect(schemas.authorizerConfiguration(config.authorizerConfiguration)).toEqual([]);
    expectKeycloakLogin(config.authenticationConfiguration as Block, config.authorizerConfiguration as Block);
  });

  it("Bare metal: the blocks, set into the server's conf/openmetadata.yaml, are valid and complete", () => {
    const stock = serverConfiguration(template, {});
    const config = deepMerge(stock, parse(renderBareMetalYaml(documentedSettings), { version: "1.1" }));
    expect(schemas.authenticationConfiguration(config.authenticationConfiguration)).toEqual([]);
    expect(schemas.authorizerConfiguration(config.authorizerConfiguration)).toEqual([]);
    expectKeycloakLogin(config.authenticationConfiguration as Block, config.authorizerConfiguration as Block);
  });

  it("Kubernetes: the Helm values, over the chart's defaults, pass values.schema.json and turn the confidential flow on", () => {
    const defaults = parse(readFileSync(join(chartDir, "values.yaml"), "utf8"));
    const values = deepMerge(defaults, parse(renderHelmValues(documentedSettings), { version: "1.1" }));
    expect(validateHelmValues(values)).toEqual([]);
    const authentication = values.openmetadata.config.authentication;
    expect(authentication).toMatchObject({
      provider: "custom-oidc",
      clientType: "confidential",
      authority: urls.authority,
    });
    expect(authentication.oidcConfiguration).toMatchObject({
      enabled: true,
      clientId: { secretRef: HELM_SECRET.name, secretKey: HELM_SECRET.clientIdKey },
      clientSecret: { secretRef: HELM_SECRET.name, secretKey: HELM_SECRET.clientSecretKey },
      discoveryUri: urls.discoveryUri,
      callbackUrl: urls.callbackUrl,
    });
    expect(renderHelmValues(documentedSettings)).not.toContain(documentedSettings.clientSecret);
  });

  it("Kubernetes: the Secret the pages create holds exactly the name and keys the Helm values point at", () => {
    const command = renderKubectlSecret(documentedSettings);
    expect(command).toContain(`kubectl create secret generic ${HELM_SECRET.name} `);
    expect(command).toContain(`--from-literal=${HELM_SECRET.clientIdKey}=open-metadata`);
    expect(command).toContain(`--from-literal=${HELM_SECRET.clientSecretKey}='${documentedSettings.clientSecret}'`);
    const manifest = parse(renderSecretManifest(documentedSettings));
    expect(manifest.metadata.name).toBe(HELM_SECRET.name);
    expect(manifest.stringData).toEqual({
      [HELM_SECRET.clientIdKey]: "open-metadata",
      [HELM_SECRET.clientSecretKey]: documentedSettings.clientSecret,
    });
  });
});

describe("upstream defects: what goes wrong with each, and that our output avoids it", () => {
  const ours = parseEnv(renderDockerEnv(documentedSettings));

  it("a discovery URI that repeats its own variable name is not a URL", () => {
    const defective = parseEnv(`OIDC_DISCOVERY_URI= OIDC_DISCOVERY_URI=${urls.discoveryUri}`);
    expect(defective.OIDC_DISCOVERY_URI).toBe(`OIDC_DISCOVERY_URI=${urls.discoveryUri}`);
    expect(() => new URL(defective.OIDC_DISCOVERY_URI ?? "")).toThrow(TypeError);
    expect(new URL(ours.OIDC_DISCOVERY_URI ?? "").href).toBe(urls.discoveryUri);
  });

  it("literal braces around the authority make YAML read a mapping, which the schema rejects", () => {
    const config = serverConfiguration(template, { ...ours, AUTHENTICATION_AUTHORITY: `{${urls.authority}}` });
    expect(typeof config.authenticationConfiguration).toBe("object");
    expect(schemas.authenticationConfiguration(config.authenticationConfiguration)).toContainEqual(
      expect.objectContaining({ instancePath: "/authority", message: "must be string" }),
    );
    expect(serverConfiguration(template, ours).authenticationConfiguration).toMatchObject({
      authority: urls.authority,
    });
  });

  it("a missing space after a YAML colon loses the key", () => {
    const defective = renderBareMetalYaml(documentedSettings).replace(
      `discoveryUri: ${urls.discoveryUri}`,
      `discoveryUri:"${urls.discoveryUri}"`,
    );
    expect(() => parse(defective, { version: "1.1" })).toThrow();
    expect(
      parse(renderBareMetalYaml(documentedSettings)).authenticationConfiguration.oidcConfiguration.discoveryUri,
    ).toBe(urls.discoveryUri);
  });

  it("a stray quote breaks the whole file", () => {
    const defective = renderBareMetalYaml(documentedSettings).replace(
      `secret: ${documentedSettings.clientSecret}`,
      `secret: "${documentedSettings.clientSecret}`,
    );
    expect(() => parse(defective, { version: "1.1" })).toThrow();
  });

  it("a capitalised client type is not one OpenMetadata knows", () => {
    const config = serverConfiguration(template, { ...ours, AUTHENTICATION_CLIENT_TYPE: "Confidential" });
    expect(schemas.authenticationConfiguration(config.authenticationConfiguration)).toContainEqual(
      expect.objectContaining({ instancePath: "/clientType", message: "must be equal to one of the allowed values" }),
    );
  });

  it("Helm values without oidcConfiguration.enabled leave the confidential flow off", () => {
    const defaults = parse(readFileSync(join(chartDir, "values.yaml"), "utf8"));
    const withoutEnabled = parse(renderHelmValues(documentedSettings).replace("        enabled: true\n", ""));
    expect(deepMerge(defaults, withoutEnabled).openmetadata.config.authentication.oidcConfiguration.enabled).toBe(
      false,
    );
  });
});
