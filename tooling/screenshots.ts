import { join } from "node:path";
import { projectRoot } from "./paths";

/** Where `npm run screenshots` saves the console screenshots the Auth Code Flow page shows. */
export const screenshotsDir = join(projectRoot, "src/assets/keycloak");

export interface ScreenshotManifest {
  /** The Keycloak version the images show. */
  keycloakVersion: string;
  capturedAt: string;
  images: { file: string; step: string; alt: string }[];
}
