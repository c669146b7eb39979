/**
 * PyYAML, a YAML 1.1 reader that is not the `yaml` package the renderers write with: what
 * conf/openmetadata.yaml, the Helm values and the Secret manifest say as a reader of YAML 1.1 (like
 * OpenMetadata's SnakeYAML, and the go-yaml of Helm and kubectl) reads them. One Python process
 * answers every case of a test file (tests/support/openmetadata/read-yaml.py), one line each.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { cacheRoot } from "../../../tooling/keycloak/distribution";
import { LineReader } from "../readers";
import { virtualEnvironment } from "./definitions";

/** The PyYAML the tests read with, pinned, in a virtual environment of its own in the cache. */
const PYYAML = "PyYAML==6.0.3";

export type YamlAnswer = { value: unknown } | { error: string };

export interface YamlReader {
  read(text: string): Promise<YamlAnswer>;
  close(): void;
}

export function startYamlReader(): YamlReader {
  const python = virtualEnvironment([PYYAML], cacheRoot());
  const script = fileURLToPath(new URL("./read-yaml.py", import.meta.url));
  const reader = new LineReader(spawn(python, [script], { stdio: "pipe" }), "\n", "PyYAML");
  return {
    read: async (text) => JSON.parse(await reader.ask(JSON.stringify(text))) as YamlAnswer,
    close: () => reader.close(),
  };
}
