/**
 * How the doctor's report reads: a line per finding, its status word first, and the verdict: ready
 * or not, the count of each outcome, and what was not checked, so that a verdict after skipped
 * checks does not read as more than was checked.
 */
import type { Finding, Status } from "./checks.js";

/** "FAIL  Standard flow: Off. …", then the finding's details, indented under its text. */
export function findingLines({ status, check, text, details = [] }: Finding): string[] {
  return [`${status.padEnd(5)} ${check}: ${text}`, ...details.map((line) => `      ${line}`)];
}

const WORDS = { FAIL: "failed", WARN: "warning", FIXED: "fixed", PASS: "passed", SKIP: "skipped" } as const;

/** The verdict line, and the exit code: 1 when a check failed. */
export function verdict(findings: Finding[]): { line: string; exitCode: 0 | 1 } {
  const having = (status: Status) => findings.filter((finding) => finding.status === status);
  const tally = (["FAIL", "WARN", "FIXED", "PASS", "SKIP"] as const)
    .filter((status) => having(status).length > 0)
    .map((status) => {
      const count = having(status).length;
      return `${count} ${WORDS[status]}${status === "WARN" && count > 1 ? "s" : ""}`;
    })
    .join(", ");
  const skipped = having("SKIP").map((finding) => finding.check);
  const unchecked =
    skipped.length === 0
      ? ""
      : ` Not checked: ${list(skipped)}; ${skipped.length === 1 ? "its SKIP line says" : "the SKIP lines say"} how.`;
  const failed = having("FAIL");
  if (failed.length > 0) {
    const fixable = failed.filter((finding) => finding.fix).length;
    const byFix =
      fixable === 0 ? "" : ` (--fix does it for ${fixable === failed.length ? "all of them" : `${fixable} of them`})`;
    return {
      line: `Verdict: not ready (${tally}). Do what each FAIL line says${byFix}, then run the doctor again.${unchecked}`,
      exitCode: 1,
    };
  }
  const warned = having("WARN").length > 0 ? " The WARN lines work, but read their advice." : "";
  const scope = skipped.length === 0 ? "" : " in what it checked";
  return { line: `Verdict: ready for OpenMetadata${scope} (${tally}).${warned}${unchecked}`, exitCode: 0 };
}

function list(items: string[]): string {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
