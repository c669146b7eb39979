/**
 * What a test captured for a page, kept in src/data/: checked against the kind's schema first
 * (src/lib/captured.ts, the one the site's content collections load it with), then compared with the
 * committed file by Vitest's toMatchFileSnapshot, which writes it outside CI (`npx vitest run -u`
 * rewrites a changed one) and only compares under CI=true.
 *
 *   await keepCaptured("troubleshooting", "client-not-found", { page, event });
 *   await keepCaptured("keycloakDefaults", defaults);
 *   await keepCaptured("doctor", "passing", text);
 */
import { join } from "node:path";
import { expect } from "vitest";
import { capturedFile, type OneFileKind, type PerEntryKind } from "../../src/lib/captured";
import { projectRoot } from "../../tooling/paths";

export async function keepCaptured(kind: PerEntryKind, name: string, data: unknown): Promise<void>;
export async function keepCaptured(kind: OneFileKind, data: unknown): Promise<void>;
export async function keepCaptured(kind: PerEntryKind | OneFileKind, ...args: [string, unknown] | [unknown]) {
  const { path, text } =
    args.length === 2
      ? capturedFile(kind as PerEntryKind, args[0], args[1])
      : capturedFile(kind as OneFileKind, args[0]);
  await expect(text).toMatchFileSnapshot(join(projectRoot, path));
}
