import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "node-html-parser";
import { describe, expect, it } from "vitest";
import { KEYCLOAK_VERSION } from "../../src/versions";
import type { ScreenshotManifest } from "../screenshots/manifest";
import { screenshotsDir } from "../screenshots/manifest";
import { readBuiltPage } from "../support/pages";

const manifest = JSON.parse(readFileSync(join(screenshotsDir, "manifest.json"), "utf8")) as ScreenshotManifest;

describe("the Keycloak screenshots on the Auth Code Flow page", () => {
  it("show the pinned Keycloak version: after an upgrade, run npm run screenshots", () => {
    expect(manifest.keycloakVersion).toBe(KEYCLOAK_VERSION);
  });

  it("are all in src/assets/keycloak, one per step, each with alt text", () => {
    expect(manifest.images.length).toBeGreaterThanOrEqual(6);
    for (const image of manifest.images) {
      expect(existsSync(join(screenshotsDir, image.file)), image.file).toBe(true);
      expect(image.alt.length).toBeGreaterThan(40);
    }
  });

  it("are on the built page, optimised, zoomable and described", () => {
    const page = parse(readBuiltPage("/keycloak/auth-code-flow/"));
    const figures = page.querySelectorAll("figure.keycloak-screenshot");
    expect(figures.map((figure) => figure.querySelector("img")?.getAttribute("alt"))).toEqual(
      manifest.images.map((image) => image.alt),
    );
    for (const figure of figures) {
      expect(figure.querySelector("img")?.getAttribute("src")).toMatch(/\.webp$/);
      expect(figure.querySelector("button.starlight-image-zoom-control")).not.toBeNull();
      expect(figure.querySelector("figcaption")?.text).toContain(`Keycloak ${KEYCLOAK_VERSION}`);
    }
  });
});
