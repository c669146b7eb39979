/**
 * The configuration files the deployment pages embed, as examples/openmetadata renders them for
 * the documented settings. `npm run examples:write` writes them; a test fails when a committed
 * file differs.
 */
import {
  renderBareMetalYaml,
  renderDockerEnv,
  renderHelmValues,
  renderKubectlSecret,
  renderSecretManifest,
} from "../../examples/openmetadata/render";
import { documentedSettings } from "../../examples/openmetadata/settings";

export const renderedExamples: Record<string, string> = {
  "docker/openmetadata_keycloak.env": renderDockerEnv(documentedSettings),
  "bare-metal/openmetadata.yaml": renderBareMetalYaml(documentedSettings),
  "kubernetes/values.yaml": renderHelmValues(documentedSettings),
  "kubernetes/create-oidc-secret.sh": renderKubectlSecret(documentedSettings),
  "kubernetes/oidc-secrets.yaml": renderSecretManifest(documentedSettings),
};
