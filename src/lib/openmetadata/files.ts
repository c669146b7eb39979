/**
 * The configuration files the deployment pages show and the generator writes: one table, used by
 * the generator, `npm run examples:write` and the tests.
 */
import { renderHelmValues, renderKubectlSecret, renderSecretManifest } from "./kubernetes";
import { renderBareMetalYaml, renderComposeOverride, renderDockerEnv } from "./render";
import { renderSecurityConfigJson } from "./security-config";
import type { KeycloakSsoSettings } from "./settings";

/** Where the settings go: a deployment's files, or OpenMetadata's own SSO screen and API. */
export type Deployment = "Docker" | "Bare metal" | "Kubernetes" | "OpenMetadata UI";

export interface ConfigurationFile {
  /** Stable name for the generator's markup. */
  id: string;
  deployment: Deployment;
  /** Where the file is kept under examples/, which names it for the reader too. */
  example: string;
  /** What the file is for, where a deployment has more than one. */
  note?: string;
  render(settings: KeycloakSsoSettings): string;
}

export const CONFIGURATION_FILES: readonly ConfigurationFile[] = [
  {
    id: "docker-env",
    deployment: "Docker",
    example: "docker/openmetadata_keycloak.env",
    note: "The values, beside docker-compose.yml:",
    render: renderDockerEnv,
  },
  {
    id: "compose-override",
    deployment: "Docker",
    example: "docker/docker-compose.keycloak.yml",
    note: "and the override that hands every one of them to the server:",
    render: renderComposeOverride,
  },
  { id: "bare-metal", deployment: "Bare metal", example: "bare-metal/openmetadata.yaml", render: renderBareMetalYaml },
  {
    id: "kubectl",
    deployment: "Kubernetes",
    example: "kubernetes/create-oidc-secret.sh",
    note: "First the Secret the chart reads the client ID and secret from: create it with this command,",
    render: renderKubectlSecret,
  },
  {
    id: "manifest",
    deployment: "Kubernetes",
    example: "kubernetes/oidc-secrets.yaml",
    note: "or apply this manifest instead.",
    render: renderSecretManifest,
  },
  {
    id: "helm",
    deployment: "Kubernetes",
    example: "kubernetes/values.yaml",
    note: "Then the Helm values, which point the chart at that Secret:",
    render: renderHelmValues,
  },
  {
    id: "security-config",
    deployment: "OpenMetadata UI",
    example: "openmetadata-ui/security-config.json",
    note: "The same settings for OpenMetadata's API, which the screen saves through:",
    render: renderSecurityConfigJson,
  },
];

export const DEPLOYMENTS: readonly Deployment[] = ["Docker", "Bare metal", "Kubernetes", "OpenMetadata UI"];

/** The file's name, as the reader saves it. */
export function fileName(file: ConfigurationFile): string {
  return file.example.split("/").pop() ?? file.example;
}
