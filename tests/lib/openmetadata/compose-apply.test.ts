/**
 * The Docker page's commands, run as a reader runs them, with the real Docker Compose CLI on the
 * Docker engine: OpenMetadata's server is a stand-in container (a Debian image that sleeps) in a
 * docker-compose.yml of OpenMetadata's shape, with the page's override and env file beside it.
 *
 * What it shows: `docker compose restart` keeps the environment the container was created with, and
 * the command of "If OpenMetadata already ran" gives the server the env file's current values, also
 * when the files did not change since the last `up -d`. The commands come from the page's source, so
 * a page that goes back to `restart` fails here.
 *
 * Needs a Docker engine and the Compose CLI plugin (scripts/compose-cli.sh). Under CI=true both are
 * required and their absence fails; elsewhere the tests are skipped, saying which one is missing.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMPOSE_SERVER_SERVICE } from "../../../src/lib/openmetadata/render";
import { docker, engineProblem, probeDockerEngine } from "../../../tooling/keycloak/engine";
import { debianImage } from "../../../tooling/keycloak/image";
import { examplesDir } from "../../../tooling/paths";
import { LISTED_BY_OPENMETADATA, openMetadataCompose } from "../../support/openmetadata/compose-file";
import { pageCommands } from "../../support/site/commands";

const ci = process.env.CI === "true";

/** Compose reads COMPOSE_* variables (COMPOSE_FILE, COMPOSE_PROJECT_NAME…): a reader's shell has none here. */
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("COMPOSE_")));

/** Why these tests cannot run here, or undefined when the engine and `docker compose` answer. */
function missingPrerequisite(): string | undefined {
  const engine = probeDockerEngine(env);
  if (engine.state !== "answers") return `${engineProblem(engine, env)}.`;
  const version = docker(["compose", "version"], { env });
  if (version.code !== 0) {
    return (
      "`docker compose` does not answer (Docker Compose's CLI plugin is missing): run `bash scripts/compose-cli.sh`, " +
      `which npm test's setup runs where a Docker engine answers (${(version.stderr || version.stdout).trim().split("\n")[0]}).`
    );
  }
  return undefined;
}

const missing = missingPrerequisite();
const skip = missing !== undefined && !ci;
if (skip) console.warn(`Skipped: the Docker page's commands with the real Compose CLI. ${missing}`);

/** The page's commands: the start command, and the one after removing the stored settings. */
const PAGE = "keycloak/docker.mdx";
const [startCommand, ...moreStartCommands] = pageCommands(PAGE, "Configure and start");
const shown = pageCommands(PAGE);
const removeAt = shown.findIndex((command) => command.includes("remove-security-config"));
const applyCommand = removeAt === -1 ? undefined : shown[removeAt + 1];
/** What the page said before: the step this file shows to apply nothing. */
const RESTART = `docker compose restart ${COMPOSE_SERVER_SERVICE}`;

const ENV_FILE = "openmetadata_keycloak.env";
const root = mkdtempSync(join(tmpdir(), "compose-apply-"));
let image = "";
let projects = 0;

beforeAll(async () => {
  if (skip) return;
  if (missing) throw new Error(`CI=true: ${missing}`);
  image = await debianImage();
}, 900_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A directory holding the stand-in docker-compose.yml and the page's two files; Compose names the project after it. */
function readerDirectory(): { dir: string; project: string } {
  const project = `omkg-compose-apply-${process.pid}-${++projects}`;
  const dir = join(root, project);
  mkdirSync(dir);
  const server = [
    `image: ${image}`,
    "pull_policy: never",
    "network_mode: host",
    // The server's process ends at once on `docker stop`: no ten-second wait for a sleep that ignores it.
    `command: ["sh", "-c", "trap 'exit 0' TERM; sleep infinity & wait"]`,
  ];
  writeFileSync(join(dir, "docker-compose.yml"), openMetadataCompose(LISTED_BY_OPENMETADATA, server));
  for (const file of ["docker-compose.keycloak.yml", ENV_FILE]) {
    copyFileSync(join(examplesDir, "docker", file), join(dir, file));
  }
  return { dir, project };
}

/** Runs a command of the page as a reader's shell does, in the directory of docker-compose.yml. */
function runAsReader(dir: string, command: string): void {
  const result = spawnSync("sh", ["-c", command], { cwd: dir, env, encoding: "utf8", timeout: 120_000 });
  if (result.status !== 0) {
    throw new Error(`\`${command}\` exited with ${result.status}:\n${result.stderr}${result.stdout}`);
  }
}

/** The server's container now: its ID, when it started, and its process's view of `names`. */
function serverContainer(dir: string, project: string, names: string[]) {
  const listed = docker(
    [
      "ps",
      "--quiet",
      "--no-trunc",
      "--filter",
      `label=com.docker.compose.project=${project}`,
      "--filter",
      `label=com.docker.compose.service=${COMPOSE_SERVER_SERVICE}`,
    ],
    { env },
  );
  const ids = listed.stdout.split("\n").filter(Boolean);
  if (ids.length !== 1) throw new Error(`Expected one running server container, found ${ids.length}: ${listed.stderr}`);
  const id = ids[0] ?? "";
  const startedAt = Date.parse(docker(["inspect", "--format", "{{.State.StartedAt}}", id], { env }).stdout.trim());
  const values: Record<string, string> = {};
  for (const name of names) {
    const printed = spawnSync("docker", ["compose", "exec", "-T", COMPOSE_SERVER_SERVICE, "printenv", name], {
      cwd: dir,
      env,
      encoding: "utf8",
    });
    if (printed.status !== 0) throw new Error(`printenv ${name} in the server's container: ${printed.stderr}`);
    values[name] = printed.stdout.trim();
  }
  return { id, startedAt, values };
}

function composeDown(dir: string, project: string): void {
  const down = docker(["compose", "--project-name", project, "down", "--remove-orphans", "--timeout", "1"], { env });
  if (down.code !== 0) throw new Error(`docker compose down for ${project} (${dir}): ${down.stderr}`);
}

/** Sets `name` in the env file, as a reader edits it: replaces its line, or adds one. */
function setInEnvFile(dir: string, name: string, value: string): void {
  const path = join(dir, ENV_FILE);
  const content = readFileSync(path, "utf8");
  const line = new RegExp(`^${name}=.*$`, "m");
  writeFileSync(path, line.test(content) ? content.replace(line, `${name}=${value}`) : `${content}${name}=${value}\n`);
}

describe("the Docker page's commands, with the real Docker Compose CLI", () => {
  it("reads the start command and the apply step's command from the page", () => {
    expect(moreStartCommands).toEqual([]);
    expect(startCommand).toMatch(/^docker compose .* up -d$/);
    expect(removeAt, "the page's step that removes the stored settings").toBeGreaterThanOrEqual(0);
    expect(applyCommand).toMatch(/^docker compose /);
  });

  it("restart keeps the old environment; the page's apply step gives the server the env file's new values", (context) => {
    context.skip(skip, missing);
    const { dir, project } = readerDirectory();
    try {
      const names = ["OIDC_SERVER_URL", "AUTHORIZER_USE_ROLES_FROM_PROVIDER"];
      runAsReader(dir, startCommand ?? "");
      const started = serverContainer(dir, project, names);
      expect(started.values).toEqual({
        OIDC_SERVER_URL: "http://localhost:8585",
        AUTHORIZER_USE_ROLES_FROM_PROVIDER: "false",
      });

      // The reader changes the server URL and turns on roles from Keycloak (Roles and teams).
      setInEnvFile(dir, "OIDC_SERVER_URL", "https://openmetadata.example.com");
      setInEnvFile(dir, "AUTHORIZER_USE_ROLES_FROM_PROVIDER", "true");

      runAsReader(dir, RESTART);
      const restarted = serverContainer(dir, project, names);
      expect(restarted.id).toBe(started.id);
      expect(restarted.startedAt).toBeGreaterThan(started.startedAt);
      expect(restarted.values).toEqual(started.values);

      runAsReader(dir, applyCommand ?? "");
      expect(serverContainer(dir, project, names).values).toEqual({
        OIDC_SERVER_URL: "https://openmetadata.example.com",
        AUTHORIZER_USE_ROLES_FROM_PROVIDER: "true",
      });
    } finally {
      composeDown(dir, project);
    }
  });

  it("up -d with unchanged files leaves the server running as it was; the page's apply step starts a new one", (context) => {
    context.skip(skip, missing);
    const { dir, project } = readerDirectory();
    try {
      runAsReader(dir, startCommand ?? "");
      const started = serverContainer(dir, project, []);

      // After the start command, the reader removes the stored settings and runs a command again.
      runAsReader(dir, startCommand ?? "");
      const again = serverContainer(dir, project, []);
      expect(again).toEqual(started);

      runAsReader(dir, applyCommand ?? "");
      const applied = serverContainer(dir, project, []);
      expect(applied.id).not.toBe(started.id);
      expect(applied.startedAt).toBeGreaterThan(started.startedAt);
    } finally {
      composeDown(dir, project);
    }
  });
});
