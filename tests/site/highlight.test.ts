/**
 * The generator's highlighter (src/components/generator/highlight.ts) against the code blocks of the
 * built site: every file, for settings validation accepts, gets the colours the other pages' code
 * blocks give it, character by character, in the dark and the light theme. The built pages show the
 * documented files; for any other settings, Expressive Code set up here as Starlight sets it up
 * (its night-owl themes on its backgrounds) colours them, and a test holds that set-up to the built
 * pages.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ExpressiveCode, loadShikiTheme, pluginFrames, pluginShiki, pluginTextMarkers } from "expressive-code";
import type { Element, Parents } from "expressive-code/hast";
import fc from "fast-check";
import { type HTMLElement, type Node, NodeType, parse } from "node-html-parser";
import { describe, expect, it } from "vitest";
import { highlight, TOKEN_STYLES } from "../../src/components/generator/highlight";
import { languageOf } from "../../src/lib/examples";
import { CONFIGURATION_FILES } from "../../src/lib/openmetadata/files";
import { documentedSettings, type KeycloakSsoSettings } from "../../src/lib/openmetadata/settings";
import { distDir } from "../../tooling/paths";
import { acceptedAdversarialSecrets, acceptedSettings, YAML_SPECIAL_WORDS } from "../support/openmetadata/arbitraries";

// Starlight's default themes are night-owl, dark and light, without the italics (its own copies
// keep them for Markdown's italic text alone), on backgrounds of its own, which move the colours
// Expressive Code picks for contrast. The first tests below hold this to the built pages.
const themes = await Promise.all([loadShikiTheme("night-owl"), loadShikiTheme("night-owl-light")]);
for (const theme of themes) {
  theme.bg = theme.type === "dark" ? "#23262f" : "#f6f7f9";
  theme.colors["editor.background"] = theme.bg;
  for (const { settings } of theme.settings) {
    if (settings.fontStyle === "italic") settings.fontStyle = "";
  }
}

const expressiveCode = new ExpressiveCode({
  themes,
  plugins: [
    // Shiki leaves the rest of a line uncoloured after 500 ms; on a busy machine that is a colour
    // the site would not show. No limit here, so the test compares the colours, not the machine.
    pluginShiki({
      transformers: [{ preprocess: (_code, options) => void Object.assign(options, { tokenizeTimeLimit: 0 }) }],
    }),
    pluginFrames(),
    pluginTextMarkers(),
  ],
});
/** Text in no coloured span takes the code's foreground colour, in both themes. */
const foreground = expressiveCode.styleVariants.map((variant, index) => `--${index}:${variant.theme.fg}`).join(";");

/** Each line's visible characters with their colours, e.g. "A --0:#C5E478;--1:#3B61B0". */
type Colours = string[][];

/** The pages' code blocks that show a whole file of examples/: the file, and the block's colours. */
function builtPageColours(): Map<string, Colours> {
  const blocks = new Map<string, Colours>();
  const pages = readdirSync(distDir, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".html"));
  for (const page of pages) {
    const html = parse(readFileSync(join(distDir, page), "utf8"), { blockTextElements: { script: true, style: true } });
    for (const example of html.querySelectorAll(".example[data-example]")) {
      if (example.getAttribute("data-region")) continue;
      const lines = example.querySelectorAll(".ec-line").map((line) => {
        const characters: string[] = [];
        coloursOfPage(line, foreground, characters);
        return characters;
      });
      blocks.set(example.getAttribute("data-example") ?? "", lines);
    }
  }
  return blocks;
}

function coloursOfPage(node: HTMLElement, style: string, into: string[]): void {
  for (const child of node.childNodes as Node[]) {
    if (child.nodeType === NodeType.TEXT_NODE) {
      for (const character of child.text) if (character.trim()) into.push(`${character} ${normalise(style)}`);
    } else if (child.nodeType === NodeType.ELEMENT_NODE) {
      const element = child as HTMLElement;
      coloursOfPage(element, element.getAttribute("style") ?? style, into);
    }
  }
}

const normalise = (style: string) => (style.toUpperCase() === foreground.toUpperCase() ? "text" : style.toUpperCase());

function coloursOfTree(node: Parents, style: string, into: string[]): void {
  for (const child of node.children) {
    if (child.type === "text") {
      for (const character of child.value) if (character.trim()) into.push(`${character} ${normalise(style)}`);
    } else if (child.type === "element") {
      coloursOfTree(child, String(child.properties.style ?? style), into);
    }
  }
}

async function expressiveCodeColours(code: string, language: string): Promise<Colours> {
  const { renderedGroupAst } = await expressiveCode.render({ code, language });
  const lines: Element[] = [];
  const collect = (node: Parents) => {
    for (const child of node.children) {
      if (child.type !== "element") continue;
      if (String(child.properties.className ?? "").includes("ec-line")) lines.push(child);
      else collect(child);
    }
  };
  collect(renderedGroupAst);
  return lines.map((line) => {
    const characters: string[] = [];
    coloursOfTree(line, foreground, characters);
    return characters;
  });
}

function highlighterColours(code: string, language: string): Colours {
  return highlight(code.replace(/\n+$/, ""), language).map((tokens) =>
    tokens.flatMap(([text, kind]) =>
      [...text]
        .filter((character) => character.trim())
        .map(
          (character) =>
            `${character} ${kind === "text" || kind === "indent" ? "text" : TOKEN_STYLES[kind].toUpperCase()}`,
        ),
    ),
  );
}

/** The generator's files: env file, YAML, shell and JSON. */
const highlighted = CONFIGURATION_FILES;

async function expectSameColours(settings: KeycloakSsoSettings): Promise<void> {
  for (const file of highlighted) {
    const language = languageOf(file.example);
    const code = file.render(settings);
    expect(highlighterColours(code, language), file.example).toEqual(await expressiveCodeColours(code, language));
  }
}

describe("the generator's highlighter", () => {
  const pages = builtPageColours();
  const documented = highlighted.map((file) => ({
    file,
    code: file.render(documentedSettings),
    language: languageOf(file.example),
  }));

  it.for(documented)(
    "colours $file.example as the built pages do, and so does Expressive Code here",
    async ({ file, code, language }) => {
      const page = pages.get(file.example);
      expect(page, `a page that shows examples/${file.example} whole`).toBeDefined();
      expect(await expressiveCodeColours(code, language), "Expressive Code set up as Starlight").toEqual(page);
      expect(highlighterColours(code, language), "the generator's highlighter").toEqual(page);
    },
  );

  it("colours the documented files for another line and the optional settings as Expressive Code does", async () => {
    await expectSameColours({
      ...documentedSettings,
      openMetadataLine: "1.12",
      sessionExpirySeconds: 86400,
      useRolesFromProvider: true,
      scope: "openid email profile offline_access",
    });
  });

  // Leaving out YAML's indicators (anchor, alias, tag, block scalar, directive, a lone -), which no
  // file holds unquoted: the highlighter knows YAML's implicit types, not the rest of its syntax.
  const scalars = YAML_SPECIAL_WORDS.filter((word) => !/^([@&*!|>%]|-$)/.test(word));

  it.for(scalars)("colours %s after a YAML key and in an env file as Expressive Code does", async (word) => {
    for (const [code, language] of [
      [`key: ${word}`, "yaml"],
      [`  - ${word}`, "yaml"],
      [`KEY=${word}`, "dotenv"],
    ]) {
      expect(highlighterColours(code, language), code).toEqual(await expressiveCodeColours(code, language));
    }
  });

  it("colours every file as Expressive Code does, for settings validation accepts", async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(acceptedSettings, acceptedAdversarialSecrets), expectSameColours), {
      numRuns: 200,
    });
  });
});
