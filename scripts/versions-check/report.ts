/** The check's answer as a short table: one row per line, what src/versions.ts names, what is served, what is newer. */
import type { Report, Versions } from "./releases";

function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows
    .map((row) => `  ${row.map((cell, column) => cell.padEnd(widths[column])).join("  ")}`.trimEnd())
    .join("\n");
}

export function formatReport(current: Versions, report: Report): string {
  const keycloak = report.keycloak.map(({ line, listed, pinned, newestServed, notServed }) => {
    const newer: string[] = [];
    if (newestServed && newestServed !== listed)
      newer.push(listed ? `${newestServed} served` : `${newestServed} served, a new line`);
    if (notServed.length > 0) newer.push(`${notServed.join(", ")} released, not served here`);
    return [
      line,
      listed ? `${listed}${pinned ? " (the pin)" : ""}` : "-",
      newestServed ?? "-",
      newer.join("; ") || "nothing newer",
    ];
  });
  const release = (version: string, ingestionPackage: string) => `${version} (${ingestionPackage})`;
  const openMetadata = report.openMetadata.map(({ line, listed, newest }) => [
    line,
    listed ? release(listed.version, listed.ingestionPackage) : "-",
    release(newest.version, newest.ingestionPackage),
    !listed
      ? "a new line, added by hand"
      : newest.ingestionPackage !== listed.ingestionPackage
        ? `${newest.ingestionPackage} served`
        : "nothing newer",
  ]);
  return [
    `Keycloak (src/versions.ts pins ${current.keycloakPin}). Released: keycloak-core's Maven metadata; served: the server distribution downloads.`,
    table([["Line", "src/versions.ts", "Newest served", "Newer"], ...keycloak]),
    "OpenMetadata (server release, openmetadata-ingestion package). Released and served: pip's index.",
    table([["Line", "src/versions.ts", "Newest served", "Newer"], ...openMetadata]),
  ].join("\n");
}
