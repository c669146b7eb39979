/**
 * Named regions in example files, so a page can show part of a file that still runs whole.
 *
 *   // #region discovery        (TypeScript)
 *   #region discovery           (YAML, env, shell: the line is a comment there)
 *   ...
 *   // #endregion discovery
 *
 * Marker lines never reach the page: a reader copies exactly the lines between them.
 */

const MARKER = /^\s*(?:\/\/|#|\/\*|<!--)?\s*#(end)?region\b[ \t]*([\w.-]*)/;

interface Marker {
  kind: "region" | "endregion";
  name: string;
}

function parseMarker(line: string): Marker | undefined {
  const match = MARKER.exec(line);
  if (!match) return undefined;
  return { kind: match[1] ? "endregion" : "region", name: match[2] ?? "" };
}

/** Removes the common leading indentation of the non-blank lines. */
export function dedent(lines: readonly string[]): string[] {
  const indents = lines.filter((line) => line.trim() !== "").map((line) => /^[ \t]*/.exec(line)?.[0].length ?? 0);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(Math.min(common, line.length)));
}

function trimBlankEdges(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]?.trim() === "") start++;
  while (end > start && lines[end - 1]?.trim() === "") end--;
  return lines.slice(start, end);
}

/** The names of every region in a file, in order of appearance. */
export function listRegions(source: string): string[] {
  return source
    .split(/\r?\n/)
    .map(parseMarker)
    .filter((marker): marker is Marker => marker?.kind === "region")
    .map((marker) => marker.name);
}

/**
 * The code a page shows: the whole file without marker lines, or one region of it, dedented.
 * Throws (and so fails the build) when the region is missing or not closed.
 */
export function selectCode(source: string, region?: string, fileLabel = "example"): string {
  const lines = source.split(/\r?\n/);
  if (region === undefined) {
    return trimBlankEdges(lines.filter((line) => !parseMarker(line))).join("\n");
  }
  const start = lines.findIndex((line) => {
    const marker = parseMarker(line);
    return marker?.kind === "region" && marker.name === region;
  });
  if (start === -1) {
    const known = listRegions(source);
    throw new Error(
      `Region "${region}" not found in ${fileLabel}. ` +
        (known.length > 0 ? `Regions there: ${known.join(", ")}.` : "That file has no regions."),
    );
  }
  const endOffset = lines.slice(start + 1).findIndex((line) => {
    const marker = parseMarker(line);
    return marker?.kind === "endregion" && (marker.name === region || marker.name === "");
  });
  if (endOffset === -1) {
    throw new Error(`Region "${region}" in ${fileLabel} has no matching "#endregion ${region}".`);
  }
  const body = lines.slice(start + 1, start + 1 + endOffset).filter((line) => !parseMarker(line));
  return trimBlankEdges(dedent(body)).join("\n");
}
