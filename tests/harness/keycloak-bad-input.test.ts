/**
 * When the test Keycloak cannot be had, the harness says why in one sentence that names the fix.
 * Each case is produced for real on this machine: no engine at DOCKER_HOST, an engine that
 * refuses an unprivileged user, a base image that cannot build, a version Maven does not serve,
 * a port in use. Under CI every case runs; none is skipped.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { KEYCLOAK_VERSION } from "../../src/versions";
import { startKeycloak } from "../../tooling/keycloak";
import { ensureKeycloakDistribution } from "../../tooling/keycloak/distribution";
import { docker, probeDockerEngine } from "../../tooling/keycloak/engine";
import { buildKeycloakImage, NAMESPACE } from "../../tooling/keycloak/image";
import { commandPath, findJava } from "../../tooling/keycloak/java";

const ci = process.env.CI === "true";
const engineAnswers = probeDockerEngine().state === "answers";
const quiet = () => {};

function start(env: Record<string, string>) {
  return startKeycloak({ env: { ...process.env, KEYCLOAK_URL: "", ...env }, log: quiet });
}

describe("a Docker engine that cannot be used", () => {
  it("KEYCLOAK_SOURCE=docker with no engine answering says to start one", async () => {
    await expect(start({ KEYCLOAK_SOURCE: "docker", DOCKER_HOST: "unix:///nonexistent/docker.sock" })).rejects.toThrow(
      /^KEYCLOAK_SOURCE=docker, but: No Docker engine answers at DOCKER_HOST=unix:\/\/\/nonexistent\/docker\.sock \(Cannot connect to the Docker daemon.*\): start one \(as root: `bash scripts\/docker-engine\.sh`; or Docker Desktop\); or unset KEYCLOAK_SOURCE\.$/,
    );
  });

  // Produced by running the real docker CLI as the unprivileged user "nobody" against this machine's engine.
  const canDropPrivileges = process.platform === "linux" && process.getuid?.() === 0 && !!commandPath("setpriv");
  const unixSocket = !process.env.DOCKER_HOST || process.env.DOCKER_HOST.startsWith("unix://");
  it.runIf((canDropPrivileges && unixSocket && engineAnswers) || ci)(
    "an engine that refuses this user says to join the docker group",
    async () => {
      const bin = mkdtempSync(join(tmpdir(), "docker-as-nobody-"));
      writeFileSync(
        join(bin, "docker"),
        `#!/bin/sh\nexec setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/nonexistent ${commandPath("docker")} "$@"\n`,
        { mode: 0o755 },
      );
      try {
        await expect(start({ KEYCLOAK_SOURCE: "docker", PATH: `${bin}:${process.env.PATH}` })).rejects.toThrow(
          /^KEYCLOAK_SOURCE=docker, but: The Docker engine refuses this user \(permission denied .*\): add the user to the docker group/,
        );
      } finally {
        rmSync(bin, { recursive: true, force: true });
      }
    },
  );
});

describe.runIf(engineAnswers || ci)("an image that cannot be built", () => {
  const prefix = `${NAMESPACE}-test-${process.pid}`;
  const emptyBase = `${prefix}/empty:1`;
  afterAll(() => {
    docker(["rmi", "--force", emptyBase]);
  });

  it("shows the build's last lines, and leaves no container behind", async () => {
    // A base image with no files at all (an empty tar archive is two zero blocks): the JRE step
    // has no /bin/sh to run apt-get with.
    const imported = docker(["import", "-", emptyBase], { input: Buffer.alloc(1024) });
    expect(imported.code, imported.stderr).toBe(0);

    const failure = await buildKeycloakImage(KEYCLOAK_VERSION, { prefix, base: emptyBase, log: quiet }).catch(
      (error: unknown) => error as Error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(
      new RegExp(
        `^Building the Keycloak image ${prefix}/jre:openjdk-17-bookworm failed \\(docker build exited with \\d+\\): ` +
          "fix the cause in the build's last lines below \\(full log: \\S+\\), or set KEYCLOAK_SOURCE=distribution\\.\\n",
      ),
    );
    expect((failure as Error).message).toMatch(/RUN apt-get update[\s\S]*\/bin\/sh/);
    const kept = /full log: (\S+)\/build\.log/.exec((failure as Error).message)?.[1];
    if (kept) rmSync(kept, { recursive: true, force: true });
    const leftovers = docker(["ps", "--all", "--filter", `ancestor=${emptyBase}`, "--format", "{{.ID}}"]);
    expect(leftovers.stdout.trim()).toBe("");
  }, 120_000);
});

describe.each(["docker", "distribution"] as const)("bad settings (%s)", (source) => {
  const runs = source === "distribution" || engineAnswers || ci;

  it.runIf(runs)(
    "a Keycloak version Maven does not serve says which versions to use",
    async () => {
      await expect(start({ KEYCLOAK_SOURCE: source, KEYCLOAK_VERSION: "26.7.99" })).rejects.toThrow(
        "Keycloak 26.7.99 is not a version Maven serves (org.keycloak:keycloak-quarkus-dist:26.7.99:zip was not found): " +
          `set KEYCLOAK_VERSION to a released version, or unset it to use the pinned ${KEYCLOAK_VERSION} from src/versions.ts.`,
      );
    },
    120_000,
  );

  it.runIf(runs)("a KEYCLOAK_PORT in use says to free it or choose another", async () => {
    const listener: Server = createServer();
    await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
    const port = (listener.address() as { port: number }).port;
    try {
      await expect(start({ KEYCLOAK_SOURCE: source, KEYCLOAK_PORT: String(port) })).rejects.toThrow(
        `Port ${port} on 127.0.0.1 is in use (KEYCLOAK_PORT=${port}): stop what listens there, ` +
          "or set KEYCLOAK_PORT to another port, or unset it to take a free one.",
      );
    } finally {
      listener.close();
    }
  });
});

describe("no Maven", () => {
  it("says to install Maven when it is missing and the distribution is not cached yet", async () => {
    const emptyCache = mkdtempSync(join(tmpdir(), "no-maven-"));
    const javaHome = findJava().home;
    const path = process.env.PATH;
    process.env.PATH = "/nonexistent";
    try {
      await expect(ensureKeycloakDistribution("26.7.3", javaHome, emptyCache, () => {})).rejects.toThrow(
        "Maven (mvn) is needed to download the Keycloak server distribution and was not found or does not run. " +
          "Install it, e.g. `apt-get install maven`",
      );
    } finally {
      process.env.PATH = path;
      rmSync(emptyCache, { recursive: true, force: true });
    }
  });
});
