import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KEYCLOAK_VERSION } from "../../src/versions";
import { keycloakVersion } from "../support/keycloak";
import { cacheRoot, ensureKeycloakDistribution, keycloakArtifact } from "../support/keycloak/distribution";
import { findJava } from "../support/keycloak/java";
import { chooseKeycloakSource } from "../support/keycloak/source";

const noDocker = () => false;
const docker = () => true;

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

  it("takes the official container image when a Docker engine answers", () => {
    expect(chooseKeycloakSource({}, docker)).toEqual({
      kind: "docker",
      admin: { username: "admin", password: "admin" },
    });
  });

  it("falls back to the server distribution when no Docker engine answers", () => {
    expect(chooseKeycloakSource({}, noDocker).kind).toBe("distribution");
  });

  it("gives a started server the bootstrap admin from KC_BOOTSTRAP_ADMIN_USERNAME/PASSWORD", () => {
    const source = chooseKeycloakSource(
      { KC_BOOTSTRAP_ADMIN_USERNAME: "boot", KC_BOOTSTRAP_ADMIN_PASSWORD: "strap" },
      noDocker,
    );
    expect(source.admin).toEqual({ username: "boot", password: "strap" });
  });

  it("lets KEYCLOAK_SOURCE force the distribution even when Docker answers, and rejects other values", () => {
    expect(chooseKeycloakSource({ KEYCLOAK_SOURCE: "distribution" }, docker).kind).toBe("distribution");
    expect(() => chooseKeycloakSource({ KEYCLOAK_SOURCE: "podman" }, docker)).toThrow(
      'KEYCLOAK_SOURCE must be "docker" or "distribution", not "podman".',
    );
  });
});

describe("which Keycloak, from where", () => {
  it("pins the version in src/versions.ts, overridable with KEYCLOAK_VERSION", () => {
    expect(KEYCLOAK_VERSION).toMatch(/^26\.\d+\.\d+$/);
    expect(keycloakVersion({})).toBe(KEYCLOAK_VERSION);
    expect(keycloakVersion({ KEYCLOAK_VERSION: "26.5.6" })).toBe("26.5.6");
  });

  it("fetches the official server distribution from Maven", () => {
    expect(keycloakArtifact("26.7.3")).toBe("org.keycloak:keycloak-quarkus-dist:26.7.3:zip");
  });

  it("caches outside the repository", () => {
    expect(cacheRoot({ HOME: "/home/reader", XDG_CACHE_HOME: "/var/cache/reader" })).toBe(
      "/var/cache/reader/openmetadata-keycloak-guide",
    );
    expect(cacheRoot({ KEYCLOAK_CACHE_DIR: "/tmp/kc" })).toBe("/tmp/kc");
  });

  it("finds a Java of version 17 or newer on this machine", () => {
    expect(findJava().major).toBeGreaterThanOrEqual(17);
  });

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

  it("says what to install when no Java is new enough", () => {
    expect(() => findJava({ JAVA_HOME: "/nonexistent" }, 999)).toThrow(/No Java 999 or newer found.*install a JDK/);
  });
});
