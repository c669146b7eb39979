/**
 * Colours the generator's files in the browser the way Expressive Code colours them at build time,
 * without shipping Shiki: a few rules for each language the files are in (env file, YAML, shell, JSON),
 * enough for what the renderers write, and the colours Starlight's two themes give each kind of
 * token. tests/site/highlight.test.ts checks both against the built pages and Expressive Code.
 */

/** Expressive Code's inline style for each kind of token: --0 for the dark theme, --1 for the light one. */
export const TOKEN_STYLES = {
  comment: "--0:#919F9F;--1:#5F636F",
  envKey: "--0:#C5E478;--1:#3B61B0",
  operator: "--0:#C792EA;--1:#8844AE",
  number: "--0:#F78C6C;--1:#AA0982",
  yamlKey: "--0:#7FDBCA;--1:#111111",
  value: "--0:#ECC48D;--1:#3B61B0",
  /** YAML's booleans and nulls. */
  constant: "--0:#FF6A83;--1:#A24848",
  quote: "--0:#D9F5DD;--1:#111111",
  quoted: "--0:#ECC48D;--1:#984E4D",
  /** A shell command and its options; in YAML, dates, = and <<. */
  command: "--0:#82AAFF;--1:#3B61B0",
  jsonKey: "--0:#7FDBCA;--1:#096E72",
  jsonString: "--0:#C789D6;--1:#7C5686",
};

export type TokenKind = keyof typeof TOKEN_STYLES | "indent" | "text";
export type Token = [text: string, kind: TokenKind];

/** A number in an env file, as the dotenv grammar reads it. */
const ENV_NUMBER = /^[-+]?\d([\d_]*\d)?(\.\d([\d_]*\d)?)?$/;
/**
 * YAML 1.1's implicit types as Shiki's YAML grammar matches them (its flow-scalar-plain-out-implicit-type
 * rule), one group per colour: null and booleans, numbers, then dates, = and <<.
 */
const YAML_TYPES = new RegExp(
  [
    "^(?:(null|Null|NULL|~|[YyNn]|yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)",
    "([-+]?0b[01_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[_\\da-fA-F]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+" +
      "|[-+]?(?:[0-9][0-9_]*)?\\.[.0-9]*(?:[Ee][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*" +
      "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))",
    "(\\d{4}-\\d{2}-\\d{2}|\\d{4}-\\d{1,2}-\\d{1,2}(?:[Tt]|[\\t ]+)\\d{1,2}:\\d{2}:\\d{2}(?:\\.\\d*)?" +
      "(?:[\\t ]*Z|[-+]\\d{1,2}(?::\\d{1,2})?)?|=|<<))\\s*$",
  ].join("|"),
);

function quoted(text: string): Token[] {
  return [
    [text[0] ?? "", "quote"],
    [text.slice(1, -1), "quoted"],
    [text.slice(-1), "quote"],
  ];
}

function envLine(line: string): Token[] {
  if (/^\s?#/.test(line)) return [[line, "comment"]];
  const assignment = /^([-.\w]+)=(.*)$/.exec(line);
  if (!assignment) return [[line, "text"]];
  const [, key = "", value = ""] = assignment;
  const comment = value.indexOf("#");
  const plain = comment < 0 ? value : value.slice(0, comment);
  return [
    [key, "envKey"],
    ["=", "operator"],
    [plain, ENV_NUMBER.test(plain) ? "number" : "text"],
    [comment < 0 ? "" : value.slice(comment), "comment"],
  ];
}

function yamlScalar(value: string): Token[] {
  if (/^(".*"|'.*')$/.test(value)) return quoted(value);
  const type = YAML_TYPES.exec(value);
  return [[value, type?.[1] ? "constant" : type?.[2] ? "number" : type?.[3] ? "command" : "value"]];
}

function yamlLine(rest: string): Token[] {
  if (rest.startsWith("#")) return [[rest, "comment"]];
  const tokens: Token[] = [];
  let item = /^(- )+/.exec(rest)?.[0] ?? "";
  if (item) tokens.push([item, "text"]);
  item = rest.slice(item.length);
  const pair = /^([^\s#:'"][^:]*?)(:(?: |$))(.*)$/.exec(item);
  if (!pair) return [...tokens, ...yamlScalar(item)];
  const [, key = "", colon = "", value = ""] = pair;
  return [...tokens, [key, "yamlKey"], [colon, "text"], ...yamlScalar(value)];
}

/** Shell: a command and its arguments, options, 'quoted' values and line continuations. */
function shLine(rest: string, continued: boolean): Token[] {
  if (rest.startsWith("#")) return [[rest, "comment"]];
  const tokens: Token[] = [];
  let first = !continued;
  for (const [word] of rest.matchAll(/ +|'[^']*'|[^\s']+/g)) {
    if (word.startsWith(" ")) tokens.push([word, "text"]);
    else if (word.startsWith("'")) tokens.push(...quoted(word));
    else if (word === "\\") tokens.push([word, "number"]);
    else tokens.push([word, first || word.startsWith("-") ? "command" : "value"]);
    if (!word.startsWith(" ")) first = false;
  }
  return tokens;
}

/** JSON: keys, strings (their escapes coloured as numbers are), numbers, true, false and null. */
function jsonLine(rest: string): Token[] {
  const tokens: Token[] = [];
  const words = /("(?:[^"\\]|\\.)*"(?=\s*:))|("(?:[^"\\]|\\.)*")|(-?\d[\d.eE+-]*)|(true|false|null)|([^"\d-tfn]+|.)/g;
  for (const [word, key, string, number, constant] of rest.matchAll(words)) {
    if (key) tokens.push([key, "jsonKey"]);
    else if (string) {
      tokens.push(['"', "quote"]);
      for (const [part] of string.slice(1, -1).matchAll(/\\(?:u[\da-fA-F]{4}|.)|[^\\]+/g)) {
        tokens.push([part, part.startsWith("\\") ? "number" : "jsonString"]);
      }
      tokens.push(['"', "quote"]);
    } else if (number) tokens.push([number, "number"]);
    else if (constant) tokens.push([constant, "constant"]);
    else tokens.push([word, "text"]);
  }
  return tokens;
}

/** The file's lines as tokens, for the language Expressive Code names it by. */
export function highlight(text: string, language: string): Token[][] {
  let continued = false;
  return text.split("\n").map((line) => {
    const indent = /^[ \t]*/.exec(line)?.[0] ?? "";
    const rest = line.slice(indent.length);
    const tokens: Token[] = indent ? [[indent, "indent"]] : [];
    if (language === "dotenv") tokens.push(...envLine(line));
    else if (language === "yaml") tokens.push(...yamlLine(rest));
    else if (language === "sh") tokens.push(...shLine(rest, continued));
    else if (language === "json") tokens.push(...jsonLine(rest));
    else tokens.push([rest, "text"]);
    continued = line.endsWith("\\");
    return tokens.filter(([token]) => token !== "");
  });
}

/**
 * Shows `text` in an Expressive Code block rendered at build time: its lines, coloured, and what
 * its copy button copies. Like Expressive Code, without the final newline.
 */
export function showCode(block: Element, text: string): void {
  const code = block.querySelector("pre > code");
  const lines = text.replace(/\n+$/, "");
  code?.replaceChildren(
    ...highlight(lines, code.parentElement?.dataset.language ?? "").map((tokens) => {
      const line = document.createElement("div");
      const content = document.createElement("div");
      line.className = "ec-line";
      content.className = "code";
      for (const [token, kind] of tokens) {
        if (kind === "text") {
          content.append(token);
          continue;
        }
        const span = document.createElement("span");
        if (kind === "indent") span.className = "indent";
        else span.setAttribute("style", TOKEN_STYLES[kind]);
        span.textContent = token;
        content.append(span);
      }
      // An empty line keeps its height, as Expressive Code writes it.
      if (tokens.length === 0) content.append("\n");
      line.append(content);
      return line;
    }),
  );
  const copy = block.querySelector<HTMLElement>(".copy button");
  if (copy) copy.dataset.code = lines.replaceAll("\n", "\u007f");
}
