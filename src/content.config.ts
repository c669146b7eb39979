import { defineCollection } from "astro:content";
import { readdir, readFile } from "node:fs/promises";
import { docsLoader, i18nLoader } from "@astrojs/starlight/loaders";
import { docsSchema, i18nSchema } from "@astrojs/starlight/schema";
import { file, glob, type Loader } from "astro/loaders";
import {
  commandOutputSchema,
  keycloakCompatibilityEntries,
  keycloakDefaultSchema,
  keycloakDefaultsEntries,
  keycloakVersionResultSchema,
  parseCommandOutput,
  troubleshootingSchema,
} from "./lib/captured";

/** Captured terminal output (src/data/doctor/*.txt, as the test wrote it), one entry per file, by its name. */
function commandOutputs(dir: string): Loader {
  return {
    name: "command-output-loader",
    load: async ({ config, store, parseData }) => {
      const base = new URL(dir, config.root);
      store.clear();
      for (const file of (await readdir(base)).filter((name) => name.endsWith(".txt"))) {
        const id = file.slice(0, -".txt".length);
        const text = await readFile(new URL(file, base), "utf8");
        store.set({ id, data: await parseData({ id, data: parseCommandOutput(text) }), filePath: `${dir}${file}` });
      }
    },
  };
}

// What the tests captured for the pages (src/lib/captured.ts says which test writes what).
export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),
  // Starlight reads its UI strings from this collection on every build.
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
  troubleshooting: defineCollection({
    loader: glob({ pattern: "*.json", base: "./src/data/troubleshooting" }),
    schema: troubleshootingSchema,
  }),
  doctor: defineCollection({ loader: commandOutputs("src/data/doctor/"), schema: commandOutputSchema }),
  // One entry per setting, by its name; the file as a whole is checked first, so an extra key fails too.
  keycloakDefaults: defineCollection({
    loader: file("src/data/keycloak-defaults.json", { parser: keycloakDefaultsEntries }),
    schema: keycloakDefaultSchema,
  }),
  // One entry per Keycloak version, by the version.
  keycloakCompatibility: defineCollection({
    loader: file("src/data/keycloak-compatibility.json", { parser: keycloakCompatibilityEntries }),
    schema: keycloakVersionResultSchema,
  }),
};
