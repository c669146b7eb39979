/** The Keycloak admin-console screenshots the Auth Code Flow page shows, captured by npm run screenshots. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "node-html-parser";
import { describe, expect, it } from "vitest";
import { KEYCLOAK_VERSION } from "../../src/versions";
import { type ScreenshotManifest, screenshotsDir } from "../../tooling/screenshots";
import { readBuiltPage } from "../support/site/pages";

const manifest = JSON.parse(readFileSync(join(screenshotsDir, "manifest.json"), "utf8")) as ScreenshotManifest;

describe("the Keycloak screenshots on the Auth Code Flow page", () => {
  it("show the pinned Keycloak version: after an upgrade, run npm run screenshots", () => {
    expect(manifest.keycloakVersion).toBe(KEYCLOAK_VERSION);
  });

  it("are the images in src/assets/keycloak, each listed once in the manifest", () => {
    const pngs = readdirSync(screenshotsDir).filter((file) => file.endsWith(".png"));
    expect(manifest.images.map((image) => image.file).sort()).toEqual(pngs.sort());
  });

  it("are all on the built page, in the manifest's order, optimised, zoomable and described", () => {
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
