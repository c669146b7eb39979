import npmrc from "/examples/.npmrc?raw";
import { selectCode } from "./regions";

/** Every file under examples/, as text, bundled at build time; not dist/, where `npm pack` writes the doctor. */
const exampleFiles = import.meta.glob<string>(["/examples/**/*", "!**/node_modules/**", "!/examples/dist/**"], {
  query: "?raw",
  import: "default",
  eager: true,
});

const LANGUAGES: Record<string, string> = {
  ts: "ts",
  mts: "ts",
  js: "js",
  json: "json",
  yaml: "yaml",
  yml: "yaml",
  env: "dotenv",
  sh: "sh",
  java: "java",
};

/** The Expressive Code language for a file name: by extension, `.env` files included. */
export function languageOf(file: string): string {
  const extension = file.split("/").pop()?.split(".").pop() ?? "";
  const language = LANGUAGES[extension];
  if (!language) throw new Error(`No code language known for examples/${file}; add its extension to LANGUAGES.`);
  return language;
}

/**
 * Every example file's text, by its path relative to examples/. The glob skips dotfiles; .npmrc,
 * which lets the examples' own `npm ci` run esbuild's install script, is imported by name.
 */
export function exampleSources(): Record<string, string> {
  return Object.fromEntries([
    ...Object.entries(exampleFiles).map(([key, source]) => [key.replace(/^\/examples\//, ""), source]),
    [".npmrc", npmrc],
  ]);
}

/** The code of examples/<file> (or one region of it), exactly as a reader should copy it. */
export function readExample(file: string, region?: string): string {
  const source = exampleFiles[`/examples/${file}`];
  if (source === undefined) {
    throw new Error(`Example file examples/${file} does not exist. Check the "file" prop of <Example>.`);
  }
  return selectCode(source, region, `examples/${file}`);
}
