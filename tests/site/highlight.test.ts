/**
 * The generator's highlighter (src/components/generator/highlight.ts) against Expressive Code set up
 * as Starlight sets it up: every file, for settings validation accepts, gets the colours of the code
 * blocks on every other page, character by character, in the dark and the light theme.
 */
import {
  ExpressiveCode,
  type ExpressiveCodeTheme,
  pluginFrames,
  pluginShiki,
  pluginTextMarkers,
} from "expressive-code";
import type { Element, Parents } from "expressive-code/hast";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
// Starlight's own theme set-up, the one its <Code> component uses (not among the package's exports).
import {
  applyStarlightUiThemeColors,
  preprocessThemes,
} from "../../node_modules/@astrojs/starlight/dist/integrations/expressive-code/theming.js";
import { highlight, TOKEN_STYLES } from "../../src/components/generator/highlight";
import { CONFIGURATION_FILES } from "../../src/lib/openmetadata/files";
import { documentedSettings, type KeycloakSsoSettings } from "../../src/lib/openmetadata/settings";
import { acceptedAdversarialSecrets, acceptedSettings, YAML_SPECIAL_WORDS } from "../support/openmetadata/arbitraries";

const expressiveCode = new ExpressiveCode({
  // Without a themes option, Starlight's two: night-owl dark and light, adjusted to the site.
  themes: preprocessThemes(undefined) as ExpressiveCodeTheme[],
  customizeTheme: (theme) => {
    applyStarlightUiThemeColors(theme);
    return theme;
  },
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

/** The language <Code> gets for a file, as src/lib/examples.ts derives it from the extension. */
const LANGUAGES: Record<string, string> = { env: "dotenv", yaml: "yaml", yml: "yaml", sh: "sh" };

/** Each line's visible characters with their colours, e.g. "A --0:#C5E478;--1:#3B61B0". */
type Colours = string[][];

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

async function expectSameColours(settings: KeycloakSsoSettings): Promise<void> {
  for (const file of CONFIGURATION_FILES) {
    const language = LANGUAGES[file.example.split(".").pop() ?? ""] ?? "";
    const code = file.render(settings);
    expect(highlighterColours(code, language), file.example).toEqual(await expressiveCodeColours(code, language));
  }
}

describe("the generator's highlighter", () => {
  it("colours the documented files as Expressive Code does", async () => {
    await expectSameColours(documentedSettings);
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
