import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { KEYCLOAK_VERSION } from "../../src/versions";
import { startKeycloak } from "../../tooling/keycloak";
import { removeOrphanedContainers, URL_LABEL } from "../../tooling/keycloak/container";
import { docker, probeDockerEngine } from "../../tooling/keycloak/engine";
import { NAMESPACE, RUN_LABEL } from "../../tooling/keycloak/image";
import { processesWithMarker, processGroupMembers } from "../../tooling/keycloak/server";
import { projectRoot } from "../../tooling/paths";
import { adminClient, keycloak } from "../support/realm";

/**
 * The sources whose clean-up is tested: the distribution always, Docker where an engine answers.
 * Under CI both always run: a missing engine there fails these tests, it does not skip them.
 */
type Source = "distribution" | "docker";
const sources: readonly Source[] =
  process.env.CI === "true" || probeDockerEngine().state === "answers" ? ["distribution", "docker"] : ["distribution"];

/** Names of our containers (running or not), of one run or of all. */
function containers(runId?: string): string[] {
  const filter = runId ? `label=${RUN_LABEL}=${runId}` : `label=${RUN_LABEL}`;
  const listed = docker(["ps", "--all", "--filter", filter, "--format", "{{.Names}}"]);
  if (listed.code !== 0) throw new Error(`docker ps failed: ${listed.stderr}`);
  return listed.stdout.split("\n").filter(Boolean);
}

/** The container serving this run's Keycloak, found by the URL label it carries. */
function containerOfThisRun(): { name: string; image: string; madeHere: boolean } | undefined {
  const listed = docker(["ps", "--filter", `label=${URL_LABEL}=${keycloak().url}`, "--format", "{{json .}}"]);
  const line = listed.stdout.split("\n").find(Boolean);
  if (!line) return undefined;
  const { Names, Image } = JSON.parse(line) as { Names: string; Image: string };
  return { name: Names, image: Image, madeHere: Image.startsWith(`${NAMESPACE}/`) };
}

describe("the Keycloak of this test run", () => {
  it("is a real Keycloak server of the pinned version", async () => {
    const admin = await adminClient("master");
    const info = await admin.serverInfo.find();
    expect(info.systemInfo?.version).toBe(process.env.KEYCLOAK_VERSION || KEYCLOAK_VERSION);
    const master = await fetch(`${keycloak().url}/realms/master/.well-known/openid-configuration`);
    expect((await master.json()).issuer).toBe(`${keycloak().url}/realms/master`);
  });

  it.runIf(keycloak().source === "distribution")("runs Java under a marker the cleanup checks look for", () => {
    expect(processesWithMarker(keycloak().processMarker).length).toBeGreaterThan(0);
  });

  it.runIf(keycloak().source === "docker")(
    "runs in a container labelled with its run, which clean-up looks for",
    () => {
      const container = containerOfThisRun();
      expect(container?.name).toMatch(new RegExp(`^${NAMESPACE}-`));
      expect(containers(container?.name.slice(NAMESPACE.length + 1))).toEqual([container?.name]);
    },
  );

  it.runIf(keycloak().source === "docker" && containerOfThisRun()?.madeHere)(
    "starts from the image built here without augmenting Keycloak again",
    () => {
      const logs = docker(["logs", containerOfThisRun()?.name ?? ""]);
      expect(logs.stdout + logs.stderr).toMatch(/Keycloak \S+ on JVM .* started in/);
      expect(logs.stdout + logs.stderr).not.toContain("Updating the configuration");
    },
  );
});

/** Starts `npm run keycloak` in a process group of its own, as a terminal would. */
function startNpmRunKeycloak(source: Source) {
  const child = spawn("npm", ["run", "keycloak"], {
    cwd: projectRoot,
    detached: true,
    env: { ...process.env, KEYCLOAK_URL: "", KEYCLOAK_SOURCE: source },
  });
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const waitFor = async (pattern: RegExp, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(output)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`Never saw ${pattern}:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return pattern.exec(output);
  };
  return { child, exited, waitFor, output: () => output };
}

/**
 * What a started server leaves running, by source: Java processes with the run's marker, or
 * containers with the run's label. `started` is the "Starting Keycloak …" line the harness logs,
 * which also names the run's directory (its log), for the test to remove when the run could not.
 */
function leftRunning(source: Source, started: string): { list: () => string[]; runDir: string } {
  const runDir = /log: (\/\S+)\/keycloak\.log/.exec(started)?.[1];
  if (!runDir) throw new Error(`No log file in: ${started}`);
  if (source === "docker") {
    const runId = new RegExp(`in container ${NAMESPACE}-(\\S+)`).exec(started)?.[1];
    if (!runId) throw new Error(`No container name in: ${started}`);
    return { list: () => containers(runId), runDir };
  }
  return { list: () => processesWithMarker(`run=${runDir}`).map(String), runDir };
}

async function waitUntilNone(left: () => string[], timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let found = left();
  while (found.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    found = left();
  }
  return found;
}

describe.each(sources)("a Keycloak that cannot start (%s)", (source) => {
  it("fails with Keycloak's own last log lines, and leaves nothing running", async () => {
    const logged: string[] = [];
    const failure = await startKeycloak({
      env: { ...process.env, KEYCLOAK_URL: "", KEYCLOAK_SOURCE: source, JAVA_OPTS_APPEND: "-Xmx1k" },
      log: (line) => logged.push(line),
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    const message = (failure as Error).message;
    expect(message).toContain("Keycloak exited before it was ready.");
    expect(message).toMatch(/Last lines of \/\S+\/keycloak\.log:\n[\s\S]*heap/i);
    const started = leftRunning(source, logged.find((line) => line.startsWith("Starting Keycloak")) ?? "");
    expect(started.list()).toEqual([]);
    rmSync(started.runDir, { recursive: true, force: true });
  }, 300_000);
});

describe.runIf(process.platform === "linux").each(sources)("nothing outlives its run (%s)", (source) => {
  it("npm run keycloak prints the URL, admin login and what runs, and Ctrl-C stops Keycloak", async () => {
    const run = startNpmRunKeycloak(source);
    const url = (await run.waitFor(/URL: +(http:\/\/127\.0\.0\.1:\d+)/, 240_000))?.[1];
    expect(run.output()).toMatch(/Admin login: +\S+ \/ \S+/);
    if (source === "docker") expect(run.output()).toMatch(/Image: +\S+, (the official image|built )/);
    const left = leftRunning(source, /Starting Keycloak.*/.exec(run.output())?.[0] ?? "").list;
    expect(left().length).toBeGreaterThan(0);
    expect((await fetch(`${url}/realms/master`)).status).toBe(200);

    process.kill(-(run.child.pid ?? 0), "SIGINT"); // what Ctrl-C sends to the foreground process group
    await run.exited;
    expect(await waitUntilNone(left, 30_000)).toEqual([]);
  }, 300_000);

  it("a run killed outright (no clean-up code runs) still takes Keycloak down with it", async () => {
    const run = startNpmRunKeycloak(source);
    const started = leftRunning(source, (await run.waitFor(/Starting Keycloak.*/, 240_000))?.[0] ?? "");
    const left = started.list;
    const deadline = Date.now() + 60_000;
    while (left().length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(left().length).toBeGreaterThan(0);

    // SIGKILL npm and the tsx runner, everything in the run's group but the guardian: like a crashed test run.
    const guardians = new Set(processesWithMarker("guardian.mjs"));
    for (const pid of processGroupMembers(run.child.pid ?? 0).filter((member) => !guardians.has(member))) {
      process.kill(pid, "SIGKILL");
    }
    expect(await waitUntilNone(left, 30_000)).toEqual([]);
    rmSync(started.runDir, { recursive: true, force: true });
  }, 300_000);
});

describe.runIf(process.platform === "linux" && sources.includes("docker"))(
  "a container whose guardian was killed too",
  () => {
    it("is removed by the next run", async () => {
      const run = startNpmRunKeycloak("docker");
      const started = leftRunning("docker", (await run.waitFor(/Starting Keycloak.*/, 240_000))?.[0] ?? "");
      const deadline = Date.now() + 60_000;
      while (started.list().length === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const [container] = started.list();
      expect(container).toBeTruthy();

      // SIGKILL the whole group, guardian included: nothing of the run is left to remove the container.
      for (const pid of processGroupMembers(run.child.pid ?? 0)) process.kill(pid, "SIGKILL");
      await run.exited;
      expect(started.list()).toEqual([container]);

      // What startKeycloak does before it starts a container; a killed process may take a moment to be reaped.
      const removed: string[] = [];
      while (started.list().length > 0 && Date.now() < deadline + 30_000) {
        removed.push(...removeOrphanedContainers());
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(removed).toContain(container);
      expect(started.list()).toEqual([]);
      rmSync(started.runDir, { recursive: true, force: true });
    }, 300_000);
  },
);
