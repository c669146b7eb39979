/**
 * Reads a configuration the way OpenMetadata's server does: substitutes ${VAR:-default} from the
 * environment into conf/openmetadata.yaml, parses the result as YAML 1.1, and checks the security
 * blocks against OpenMetadata's JSON schemas.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import Ajv, { type ErrorObject } from "ajv";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";

const SCHEMA_BASE = "https://open-metadata.org/schema/";

/**
 * ${NAME} and ${NAME:-default} as the server substitutes them (Apache Commons Text, non-strict):
 * a set variable wins, even when empty; an unset one takes the default, or stays as written.
 */
export function substituteEnv(template: string, env: Record<string, string | undefined>): string {
  return template.replace(/\$(\$)?\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (whole, escaped, name, fallback) => {
    if (escaped) return whole.slice(1);
    const value = env[name];
    if (value !== undefined) return value;
    return fallback ?? whole;
  });
}

/** conf/openmetadata.yaml with the environment substituted, parsed as YAML 1.1 (SnakeYAML's rules). */
export function serverConfiguration(
  template: string,
  env: Record<string, string | undefined>,
): Record<string, unknown> {
  return parse(substituteEnv(template, env), { version: "1.1" }) as Record<string, unknown>;
}

/** Deep merge: keys of `override` replace those of `base`; nested mappings merge. */
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

function schemaFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".json"));
}

/**
 * Every $ref target that no loaded schema provides gets a permissive stand-in holding the referenced
 * definitions, so the schemas that are there compile.
 */
function stubMissingRefs(ajv: Ajv | Ajv2020, schemas: Map<string, unknown>): void {
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
}

export type SchemaErrors = Pick<ErrorObject, "instancePath" | "message" | "params">[];

/** Validators for the blocks of conf/openmetadata.yaml, from OpenMetadata's JSON schemas in specDir. */
export function openMetadataSchemas(specDir: string) {
  // Coercion as Jackson does when the server reads the YAML: "3600" for an integer, true for "true".
  const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes: true });
  addFormats(ajv);
  const root = join(specDir, "json/schema");
  const schemas = new Map<string, unknown>();
  for (const file of schemaFiles(root)) {
    const schema = JSON.parse(readFileSync(join(root, file), "utf8")) as Record<string, unknown>;
    // Register by file path: the relative $refs between these files follow the folder layout.
    const { $id: _id, $schema: _schema, ...rest } = schema;
    schemas.set(`${SCHEMA_BASE}${relative(root, join(root, file))}`, rest);
  }
  for (const [uri, schema] of schemas) ajv.addSchema(schema as object, uri);
  stubMissingRefs(ajv, schemas);

  const validator = (file: string) => {
    const validate = ajv.getSchema(`${SCHEMA_BASE}${file}`);
    if (!validate) throw new Error(`No schema ${file} in ${root}`);
    return (value: unknown): SchemaErrors => {
      const copy = structuredClone(withoutNulls(value)) as Record<string, unknown>;
      // The LDAP and SAML blocks belong to other providers: with custom-oidc the server reads neither.
      if (copy?.provider === "custom-oidc") {
        delete copy.ldapConfiguration;
        delete copy.samlConfiguration;
      }
      return validate(copy)
        ? []
        : (validate.errors ?? []).map(({ instancePath, message, params }) => ({ instancePath, message, params }));
    };
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
  const { $schema: _schema, ...schema } = JSON.parse(readFileSync(join(chartDir, "values.schema.json"), "utf8"));
  const validate = ajv.compile(schema);
  return (values: unknown): SchemaErrors =>
    validate(values)
      ? []
      : (validate.errors ?? []).map(({ instancePath, message, params }) => ({ instancePath, message, params }));
}
