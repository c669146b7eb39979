/**
 * Reads a configuration the way OpenMetadata's server does, and checks it against the release's own
 * definitions: the environment substituted into the blocks of conf/openmetadata.yaml (as
 * src/lib/openmetadata/server.ts records them per line), parsed as YAML 1.1 like SnakeYAML, and the
 * security blocks validated against the release's JSON Schema.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import Ajv, { type ErrorObject } from "ajv";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { expect } from "vitest";
import { parse } from "yaml";
import type { ServerConfiguration } from "../../../src/lib/openmetadata/server";
import { endpoints, type KeycloakSsoSettings } from "../../../src/lib/openmetadata/settings";
import { upstreamPath } from "../../../tooling/openmetadata/upstream";
import type { ReleaseDefinitions } from "./definitions";

/** YAML 1.1, as the server's SnakeYAML and Helm read it. */
export function parseYaml11(text: string): unknown {
  return parse(text, { version: "1.1" });
}

/** What must hold for a Keycloak sign-in, whatever the line: the server knows where everything is. */
export function expectKeycloakSignIn(config: ServerConfiguration, s: KeycloakSsoSettings): void {
  const urls = endpoints(s);
  expect(config.authenticationConfiguration).toMatchObject({
    provider: "custom-oidc",
    providerName: "Keycloak",
    clientType: "confidential",
    clientId: s.clientId,
    authority: urls.authority,
    callbackUrl: urls.callbackUrl,
    publicKeyUrls: [urls.keycloakKeysUrl, urls.openMetadataKeysUrl],
    jwtPrincipalClaims: s.principalClaims,
  });
  expect(config.authenticationConfiguration.oidcConfiguration).toMatchObject({
    id: s.clientId,
    secret: s.clientSecret,
    discoveryUri: urls.discoveryUri,
    callbackUrl: urls.callbackUrl,
    serverUrl: s.openMetadataUrl,
    clientAuthenticationMethod: s.clientAuthMethod,
    scope: s.scope,
    responseType: "code",
  });
  expect(config.authorizerConfiguration).toMatchObject({
    adminPrincipals: s.adminPrincipals,
    principalDomain: s.principalDomain,
    useRolesFromProvider: s.useRolesFromProvider,
  });
}

/** Deep merge: keys of `override` replace those of `base`; nested mappings merge (YAML blocks, Helm -f). */
export function deepMerge<T>(base: T, override: unknown): T {
  if (typeof base !== "object" || base === null || Array.isArray(base)) return override as T;
  if (typeof override !== "object" || override === null || Array.isArray(override)) return override as T;
  const merged: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(override)) merged[key] = deepMerge(merged[key], value);
  return merged as T;
}

/** Jackson reads a null field as absent: drop nulls before schema checks. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, entry]) => entry !== null)
      .map(([key, entry]) => [key, withoutNulls(entry)]),
  );
}

export type SchemaErrors = Pick<ErrorObject, "instancePath" | "message" | "params">[];
type Validate = ((value: unknown) => boolean) & { errors?: ErrorObject[] | null };

function checker(validate: Validate) {
  return (value: unknown): SchemaErrors => {
    const copy = structuredClone(withoutNulls(value)) as Record<string, unknown>;
    return validate(copy)
      ? []
      : (validate.errors ?? []).map(({ instancePath, message, params }) => ({ instancePath, message, params }));
  };
}

/**
 * Ajv reading values as Jackson does when the server reads its YAML: "3600" for an integer, true
 * for "true". With `exact`, each value must have the very JSON type the definitions give, as a JSON
 * body sent to the API should.
 */
function newAjv(exact = false) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes: !exact, logger: false });
  addFormats(ajv);
  return ajv;
}

/** Validators for the two security blocks, from a release's definitions. */
export function releaseValidators(definitions: ReleaseDefinitions, { exact = false } = {}) {
  if (definitions.file.endsWith(".json")) {
    const schemas = JSON.parse(readFileSync(definitions.file, "utf8"));
    const ajv = newAjv(exact);
    return {
      authenticationConfiguration: checker(ajv.compile(schemas.authenticationConfiguration)),
      authorizerConfiguration: checker(ajv.compile(schemas.authorizerConfiguration)),
    };
  }
  return developmentLineValidators(definitions.file, exact);
}

const SCHEMA_BASE = "https://open-metadata.org/schema/";

/**
 * The fallback: OpenMetadata's JSON schemas as its source tree holds them (json/schema/…). Every $ref
 * that no loaded file provides gets a permissive stand-in, so the files that are there compile.
 */
function developmentLineValidators(root: string, exact: boolean) {
  const ajv = newAjv(exact);
  const schemas = new Map<string, unknown>();
  for (const file of readdirSync(root, { recursive: true, encoding: "utf8" }).filter((name) =>
    name.endsWith(".json"),
  )) {
    const { $id: _id, $schema: _schema, ...schema } = JSON.parse(readFileSync(join(root, file), "utf8"));
    schemas.set(`${SCHEMA_BASE}${relative(root, join(root, file))}`, schema);
  }
  for (const [uri, schema] of schemas) ajv.addSchema(schema as object, uri);
  const stubs = new Map<string, Record<string, Record<string, object>>>();
  for (const [uri, schema] of schemas) {
    for (const match of JSON.stringify(schema).matchAll(/"\$ref":"([^"#]+)(?:#\/(\w+)\/([^"/]+))?"/g)) {
      const target = new URL(match[1] ?? "", uri).href;
      if (schemas.has(target)) continue;
      const stub = stubs.get(target) ?? {};
      if (match[2] && match[3]) stub[match[2]] = { ...stub[match[2]], [match[3]]: {} };
      stubs.set(target, stub);
    }
  }
  for (const [target, stub] of stubs) ajv.addSchema(stub, target);
  const validator = (file: string) => {
    const validate = ajv.getSchema(`${SCHEMA_BASE}${file}`);
    if (!validate) throw new Error(`No schema ${file} in ${root}`);
    return checker(validate);
  };
  return {
    authenticationConfiguration: validator("configuration/authenticationConfiguration.json"),
    authorizerConfiguration: validator("configuration/authorizerConfiguration.json"),
  };
}

/** A validator for Helm values, from the chart's values.schema.json. */
export function helmValuesSchema(chartDir: string) {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat("boolean", true);
  const { $schema: _schema, ...schema } = JSON.parse(readFileSync(join(chartDir, "values.schema.json"), "utf8"));
  return checker(ajv.compile(schema));
}

/** The OpenMetadata Helm chart's folder (values.yaml, values.schema.json, Chart.yaml): see ./upstream.ts. */
export function helmChartDir(env = process.env): string {
  return upstreamPath("helmChart", { env });
}

/** OpenMetadata's development-line conf/openmetadata.yaml: see ./upstream.ts. */
export function openMetadataConf(env = process.env): string {
  return upstreamPath("conf", { env });
}
