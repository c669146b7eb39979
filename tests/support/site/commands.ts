/**
 * The shell commands a page shows a reader, in order, read from its MDX source as the build puts
 * them on the page: one-line fenced shell blocks, <ComposeCommand step="…" /> (which shows
 * COMPOSE_COMMANDS[step]), and the page parts it includes (`<StoredSettings deployment="docker" />`),
 * each with only its <Only … is="…"> blocks for that deployment.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { COMPOSE_COMMANDS } from "../../../src/lib/openmetadata/render";
import { componentsDir, docsDir } from "../../../tooling/paths";

const COMMAND =
  /^( *)```(?:sh|bash|shell)\n([\s\S]*?)\n *```|<ComposeCommand\b([^>]*?)\/>|<(\w+) deployment="([\w-]+)" \/>/gm;

function commandsIn(source: string, deployment: string | undefined, where: string): string[] {
  const shown = source
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, "")
    .replace(/<Only deployment=\{props\.deployment\} is="([\w-]+)">([\s\S]*?)<\/Only>/g, (_, is, inner) =>
      is === deployment ? inner : "",
    );
  const parts = new Map(
    [...shown.matchAll(/^import (\w+) from "[./]*components\/(\w+\.mdx)";$/gm)].map(([, name = "", file = ""]) => [
      name,
      file,
    ]),
  );
  const commands: string[] = [];
  for (const [, , fenced, composeProps, part, partDeployment] of shown.matchAll(COMMAND)) {
    if (fenced !== undefined) {
      const lines = fenced.split("\n").filter((line) => line.trim() !== "");
      if (lines.length !== 1) throw new Error(`${where}: a shell block of ${lines.length} lines: ${fenced}`);
      commands.push((lines[0] ?? "").trim());
    } else if (composeProps !== undefined) {
      const step = /^\s*(?:step="(\w+)"\s*)?$/.exec(composeProps);
      if (!step) throw new Error(`${where}: <ComposeCommand${composeProps}/> has props this reader does not know`);
      const name = (step[1] ?? "start") as keyof typeof COMPOSE_COMMANDS;
      if (!(name in COMPOSE_COMMANDS)) throw new Error(`${where}: no Compose command "${name}"`);
      commands.push(COMPOSE_COMMANDS[name]);
    } else if (part && parts.has(part)) {
      const file = parts.get(part) ?? "";
      commands.push(...commandsIn(readFileSync(join(componentsDir, file), "utf8"), partDeployment, file));
    }
  }
  return commands;
}

/**
 * The commands the page at src/content/docs/`page` shows, in order, its page parts' included; with
 * `section`, only those under the `## section` heading.
 */
export function pageCommands(page: string, section?: string): string[] {
  let source = readFileSync(join(docsDir, page), "utf8");
  if (section !== undefined) {
    const start = source.indexOf(`\n## ${section}\n`);
    if (start === -1) throw new Error(`${page} has no section "${section}"`);
    const end = source.indexOf("\n## ", start + 1);
    source = source.slice(start, end === -1 ? undefined : end);
  }
  return commandsIn(source, undefined, page);
}
