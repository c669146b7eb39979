import { describe, expect, it } from "vitest";
import { KEYCLOAK_VERSION } from "../../src/versions";
import { keycloakVersion } from "../../tooling/keycloak";
import { dockerRunArgs } from "../../tooling/keycloak/container";
import { cacheRoot } from "../../tooling/keycloak/distribution";
import { chooseDockerNetwork, type DockerEngine, type EngineInfo } from "../../tooling/keycloak/engine";
import { findJava } from "../../tooling/keycloak/java";
import { BUILD_OPTIONS, RUN_OPTIONS } from "../../tooling/keycloak/server";
import { chooseKeycloakSource } from "../../tooling/keycloak/source";

/** `docker info` of Docker Engine on a Linux machine, the kernel named `kernel`. */
const linuxEngine = (kernel = "6.1.0-test"): EngineInfo => ({
  serverVersion: "28.2.2",
  operatingSystem: "Debian GNU/Linux 12 (bookworm)",
  osType: "linux",
  kernelVersion: kernel,
  securityOptions: ["name=seccomp,profile=default"],
});
const noDocker = (): DockerEngine => ({ state: "no-cli" });
const docker = (): DockerEngine => ({ state: "answers", info: linuxEngine() });

describe("where a test run gets its Keycloak", () => {
  it("uses KEYCLOAK_URL with its admin login first, without asking Docker", () => {
    const source = chooseKeycloakSource(
      { KEYCLOAK_URL: "https://kc.example.com/", KEYCLOAK_ADMIN_USERNAME: "root", KEYCLOAK_ADMIN_PASSWORD: "pw" },
      () => {
        throw new Error("Docker must not be probed when KEYCLOAK_URL is set");
      },
    );
    expect(source).toEqual({
      kind: "external",
      url: "https://kc.example.com",
      admin: { username: "root", password: "pw" },
    });
  });

  it("refuses KEYCLOAK_URL without an admin login, saying what to set", () => {
    expect(() => chooseKeycloakSource({ KEYCLOAK_URL: "https://kc.example.com" }, noDocker)).toThrow(
      /KEYCLOAK_ADMIN_USERNAME and KEYCLOAK_ADMIN_PASSWORD/,
    );
  });

  it("refuses a KEYCLOAK_URL that is not an http(s) URL", () => {
    expect(() =>
      chooseKeycloakSource(
        { KEYCLOAK_URL: "kc.example.com", KEYCLOAK_ADMIN_USERNAME: "a", KEYCLOAK_ADMIN_PASSWORD: "b" },
        noDocker,
      ),
    ).toThrow("KEYCLOAK_URL is not an http(s) URL: kc.example.com");
  });

  it("takes a container when a Docker engine answers", () => {
    expect(chooseKeycloakSource({}, docker)).toEqual({
      kind: "docker",
      admin: { username: "admin", password: "admin" },
      engine: linuxEngine(),
    });
  });

  it("falls back to the server distribution when there is no Docker, saying nothing", () => {
    expect(chooseKeycloakSource({}, noDocker)).toEqual({
      kind: "distribution",
      admin: { username: "admin", password: "admin" },
      whyNotDocker: undefined,
    });
  });

  it("falls back to the server distribution when an engine refuses, saying why and what to do", () => {
    const refused = (): DockerEngine => ({ state: "refused", detail: "permission denied while trying to connect" });
    expect(chooseKeycloakSource({}, refused)).toMatchObject({
      kind: "distribution",
      whyNotDocker: expect.stringMatching(
        /refuses this user \(permission denied.*\): add the user to the docker group/,
      ),
    });
  });

  it("gives a started server the bootstrap admin from KC_BOOTSTRAP_ADMIN_USERNAME/PASSWORD", () => {
    const source = chooseKeycloakSource(
      { KC_BOOTSTRAP_ADMIN_USERNAME: "boot", KC_BOOTSTRAP_ADMIN_PASSWORD: "strap" },
      noDocker,
    );
    expect(source.admin).toEqual({ username: "boot", password: "strap" });
  });

  it("lets KEYCLOAK_SOURCE force the distribution without asking Docker, and rejects other values", () => {
    const unasked = (): DockerEngine => {
      throw new Error("Docker must not be probed when KEYCLOAK_SOURCE=distribution");
    };
    expect(chooseKeycloakSource({ KEYCLOAK_SOURCE: "distribution" }, unasked).kind).toBe("distribution");
    expect(() => chooseKeycloakSource({ KEYCLOAK_SOURCE: "podman" }, docker)).toThrow(
      'KEYCLOAK_SOURCE must be "docker" or "distribution", not "podman".',
    );
  });
});

describe("how the tests reach Keycloak in a container", () => {
  const here = { platform: "linux" as const, kernel: "6.1.0-test" };

  it("shares the host's network where the engine runs on this very kernel (Docker Engine on Linux)", () => {
    expect(chooseDockerNetwork({}, linuxEngine("6.1.0-test"), here)).toBe("host");
    expect(chooseDockerNetwork({ DOCKER_HOST: "unix:///var/run/docker.sock" }, linuxEngine("6.1.0-test"), here)).toBe(
      "host",
    );
  });

  it("publishes ports on 127.0.0.1 for Docker Desktop", () => {
    const desktop = { ...linuxEngine("6.10.14-linuxkit"), operatingSystem: "Docker Desktop" };
    expect(chooseDockerNetwork({}, desktop, { platform: "darwin", kernel: "24.6.0" })).toBe("ports");
    // Docker Desktop for Linux runs its engine in a VM too, whatever the kernels say.
    expect(chooseDockerNetwork({}, { ...desktop, kernelVersion: here.kernel }, here)).toBe("ports");
  });

  it("publishes ports for an engine elsewhere: DOCKER_HOST over TCP or SSH, another kernel, rootless", () => {
    expect(chooseDockerNetwork({ DOCKER_HOST: "tcp://10.0.0.5:2376" }, linuxEngine(here.kernel), here)).toBe("ports");
    expect(chooseDockerNetwork({ DOCKER_HOST: "ssh://me@builder" }, linuxEngine(here.kernel), here)).toBe("ports");
    expect(chooseDockerNetwork({}, linuxEngine("5.15.0-remote"), here)).toBe("ports");
    const rootless = {
      ...linuxEngine(here.kernel),
      securityOptions: ["name=seccomp,profile=default", "name=rootless"],
    };
    expect(chooseDockerNetwork({}, rootless, here)).toBe("ports");
  });

  it("makes Keycloak listen on 127.0.0.1 either way: itself on host networking, through published ports otherwise", () => {
    const options = {
      name: "kc",
      runId: "r1",
      url: "http://127.0.0.1:41000",
      image: "img:1",
      ports: { http: 41000, management: 41001 },
      passEnv: ["KC_BOOTSTRAP_ADMIN_PASSWORD"],
    };
    const host = dockerRunArgs({ ...options, network: "host" });
    expect(host).toContain("--network=host");
    expect(host).not.toContain("--publish");
    expect(host.slice(host.indexOf("start-dev"))).toEqual([
      "start-dev",
      "--http-host=127.0.0.1",
      "--http-port=41000",
      "--http-management-port=41001",
      ...BUILD_OPTIONS,
      ...RUN_OPTIONS,
    ]);
    const ports = dockerRunArgs({ ...options, network: "ports" });
    expect(ports.join(" ")).toContain("--publish 127.0.0.1:41000:8080 --publish 127.0.0.1:41001:9000");
    expect(ports).not.toContain("--network=host");
    expect(ports.slice(ports.indexOf("start-dev"))).toEqual(["start-dev", ...BUILD_OPTIONS, ...RUN_OPTIONS]);
    // Secrets by name only: their values never appear on a command line `ps` shows.
    expect(host.join(" ")).toContain("--env KC_BOOTSTRAP_ADMIN_PASSWORD img:1");
  });

  it("lets KEYCLOAK_DOCKER_NETWORK choose, and rejects other values", () => {
    expect(chooseDockerNetwork({ KEYCLOAK_DOCKER_NETWORK: "ports" }, linuxEngine(here.kernel), here)).toBe("ports");
    expect(chooseDockerNetwork({ KEYCLOAK_DOCKER_NETWORK: "host" }, linuxEngine("other"), here)).toBe("host");
    expect(() => chooseDockerNetwork({ KEYCLOAK_DOCKER_NETWORK: "bridge" }, linuxEngine(), here)).toThrow(
      'KEYCLOAK_DOCKER_NETWORK must be "host" or "ports", not "bridge".',
    );
  });
});

describe("which Keycloak, from where", () => {
  it("takes the pinned version, or KEYCLOAK_VERSION for a run", () => {
    expect(keycloakVersion({})).toBe(KEYCLOAK_VERSION);
    expect(keycloakVersion({ KEYCLOAK_VERSION: "26.5.7" })).toBe("26.5.7");
  });

  it("caches outside the repository", () => {
    expect(cacheRoot({ HOME: "/home/reader", XDG_CACHE_HOME: "/var/cache/reader" })).toBe(
      "/var/cache/reader/openmetadata-keycloak-guide",
    );
    expect(cacheRoot({ KEYCLOAK_CACHE_DIR: "/tmp/kc" })).toBe("/tmp/kc");
  });

  it("says what to install when no Java is new enough", () => {
    expect(() => findJava({ JAVA_HOME: "/nonexistent" }, 999)).toThrow(/No Java 999 or newer found.*install a JDK/);
  });
});
