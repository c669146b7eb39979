/**
 * Finds code a page types by hand instead of embedding it from examples/.
 * Allowed: a fenced shell block holding one single-line command. Everything else
 * (YAML, env, JSON, TypeScript, unlabelled blocks, multi-line shell, <Code code="…">) is flagged.
 */

export interface HandTypedSnippet {
  line: number;
  language: string;
  reason: string;
}

const SHELL = new Set(["sh", "bash", "shell", "console", "zsh"]);
const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/;

export function findHandTypedSnippets(source: string): HandTypedSnippet[] {
  const lines = source.split(/\r?\n/);
  const found: HandTypedSnippet[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = FENCE.exec(lines[index] ?? "");
    if (open) {
      const [, , fence = "```", language = ""] = open;
      const closeAt = lines.findIndex((line, at) => at > index && line.trim().startsWith(fence));
      const end = closeAt === -1 ? lines.length : closeAt;
      const body = lines.slice(index + 1, end).filter((line) => line.trim() !== "");
      const oneCommand = body.length === 1 && !body[0]?.trim().endsWith("\\");
      if (!(SHELL.has(language.toLowerCase()) && oneCommand)) {
        found.push({
          line: index + 1,
          language: language || "(none)",
          reason: SHELL.has(language.toLowerCase())
            ? "multi-line shell: put it in a file under examples/ and embed it with <Example>"
            : "code block typed on the page: put it in a file under examples/ and embed it with <Example>",
        });
      }
      index = end;
      continue;
    }
    if (/<Code\b/.test(lines[index] ?? "")) {
      found.push({ line: index + 1, language: "(Code component)", reason: "use <Example file=…> instead of <Code>" });
    }
  }
  return found;
}
