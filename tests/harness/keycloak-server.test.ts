import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { KEYCLOAK_VERSION } from "../../src/versions";
import { startKeycloak } from "../support/keycloak";
import { processesWithMarker, processGroupMembers } from "../support/keycloak/server";
import { projectRoot } from "../support/paths";
import { adminClient, keycloak } from "../support/realm";

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
});

/** Starts `npm run keycloak` in a process group of its own, as a terminal would. */
function startNpmRunKeycloak() {
  const child = spawn("npm", ["run", "keycloak"], {
    cwd: projectRoot,
    detached: true,
    env: { ...process.env, KEYCLOAK_URL: "", KEYCLOAK_SOURCE: "distribution" },
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

async function waitUntilGone(marker: string, timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let left = processesWithMarker(marker);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    left = processesWithMarker(marker);
  }
  return left;
}

describe("a Keycloak that cannot start", () => {
  it("fails with Keycloak's own last log lines, and leaves nothing running", async () => {
    const failure = await startKeycloak({
      env: { ...process.env, KEYCLOAK_URL: "", KEYCLOAK_SOURCE: "distribution", JAVA_OPTS_APPEND: "-Xmx1k" },
      log: () => {},
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    const message = (failure as Error).message;
    expect(message).toContain("Keycloak exited before it was ready.");
    expect(message).toMatch(/Last lines of \/\S+\/keycloak\.log:\n[\s\S]*heap/i);
    const runDir = /Last lines of (\/\S+)\/keycloak\.log/.exec(message)?.[1];
    expect(processesWithMarker(`run=${runDir}`)).toEqual([]);
  });
});

describe.runIf(process.platform === "linux")("no Java process outlives its run", () => {
  it("npm run keycloak prints the URL and admin login, and Ctrl-C stops Keycloak", async () => {
    const run = startNpmRunKeycloak();
    const url = (await run.waitFor(/URL: +(http:\/\/127\.0\.0\.1:\d+)/, 240_000))?.[1];
    expect(run.output()).toMatch(/Admin login: +\S+ \/ \S+/);
    const marker = /log: (\/\S+)\/keycloak\.log/.exec(run.output())?.[1];
    expect(marker).toBeTruthy();
    expect(processesWithMarker(`run=${marker}`).length).toBeGreaterThan(0);
    expect((await fetch(`${url}/realms/master`)).status).toBe(200);

    process.kill(-(run.child.pid ?? 0), "SIGINT"); // what Ctrl-C sends to the foreground process group
    await run.exited;
    expect(await waitUntilGone(`run=${marker}`, 20_000)).toEqual([]);
  }, 300_000);

  it("a run killed outright (no clean-up code runs) still takes Keycloak down with it", async () => {
    const run = startNpmRunKeycloak();
    await run.waitFor(/Starting Keycloak/, 60_000);
    const marker = /log: (\/\S+)\/keycloak\.log/.exec(run.output())?.[1];
    const markerArg = `run=${marker}`;
    const deadline = Date.now() + 60_000;
    while (processesWithMarker(markerArg).length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(processesWithMarker(markerArg).length).toBeGreaterThan(0);

    // SIGKILL npm and the tsx runner, everything in the run's group but the guardian: like a crashed test run.
    const guardians = new Set(processesWithMarker("guardian.mjs"));
    for (const pid of processGroupMembers(run.child.pid ?? 0).filter((member) => !guardians.has(member))) {
      process.kill(pid, "SIGKILL");
    }
    expect(await waitUntilGone(markerArg, 30_000)).toEqual([]);
  }, 120_000);
});
