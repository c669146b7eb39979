/**
 * The doctor as one file a reader runs with plain Node.js, no `npm install`: examples/doctor/doctor.ts
 * and everything it imports (the examples' own modules, @keycloak/keycloak-admin-client,
 * openid-client and theirs) bundled by Rolldown, the bundler Astro's Vite runs on, into one ES module
 * for Node.js that imports only Node.js's built-in modules. The site serves it
 * (src/pages/openmetadata-keycloak-doctor.mjs.ts), `npm pack` in examples/ ships it as the package's
 * command (scripts/bundle-doctor.ts), and tests/examples/doctor/one-command.test.ts runs both.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, sep } from "node:path";
import { rolldown } from "rolldown";
import { KEYCLOAK_VERSION } from "../versions";

/** The file's name on the site and in the examples package, and the command the package installs. */
export const DOCTOR_FILE = "openmetadata-keycloak-doctor.mjs";
export const DOCTOR_COMMAND = "openmetadata-keycloak-doctor";
/** The doctor's command, relative to the repository's root. */
export const DOCTOR_SOURCE = "examples/doctor/doctor.ts";
/** The oldest Node.js the examples support (examples/package.json's engines). */
const NODE_TARGET = "node22.12";

/** Where the site serves the file: `page` is the address of any page of the site (Astro.url). */
export function doctorDownloadUrl(page: URL | string, base: string): string {
  return new URL(`${base.replace(/\/?$/, "/")}${DOCTOR_FILE}`, page).href;
}

/** The command that downloads the file into the current folder, under its own name. */
export function doctorDownloadCommand(url: string): string {
  return `curl -fsSLO ${url}`;
}

const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8"));

/** The guide's version: the repository's package.json, which examples/package.json must repeat for `npm pack`. */
function guideVersion(root: string): string {
  const guide = readJson(join(root, "package.json"));
  const examples = readJson(join(root, "examples/package.json"));
  if (examples.version !== guide.version) {
    throw new Error(
      `examples/package.json has version ${examples.version}, the guide ${guide.version}: write ${guide.version} there too.`,
    );
  }
  let commit = "";
  try {
    commit = execFileSync("git", ["describe", "--always", "--dirty"], { cwd: root, encoding: "utf8" }).trim();
  } catch {
    // A copy of the repository without git: the version alone.
  }
  return commit ? `${guide.version} (commit ${commit})` : guide.version;
}

/** The npm packages among the bundled modules, as "name version (license)", for the file's header. */
function inlinedPackages(moduleIds: string[]): string[] {
  const packages = new Set<string>();
  for (const id of moduleIds) {
    const at = id.lastIndexOf(`${sep}node_modules${sep}`);
    if (at === -1) continue;
    const [scope = "", name = ""] = id.slice(at + `${sep}node_modules${sep}`.length).split(sep);
    const folder = id.slice(0, at) + join(`${sep}node_modules`, scope.startsWith("@") ? join(scope, name) : scope);
    const { version, license } = readJson(join(folder, "package.json"));
    packages.add(`${scope.startsWith("@") ? `${scope}/${name}` : scope} ${version} (${license})`);
  }
  return [...packages].sort();
}

/**
 * The doctor of the repository at `root` as one file's text: a shebang, a header saying what it is,
 * and the code, unminified so that a reader can audit what they run. Throws when Rolldown reports
 * an unresolved import, or would split the code into more than one file.
 */
export async function bundleDoctor(root: string): Promise<string> {
  const bundle = await rolldown({
    input: join(root, DOCTOR_SOURCE),
    cwd: root,
    platform: "node",
    transform: { target: NODE_TARGET },
    // A warning (an import Rolldown cannot resolve, for one) fails the build rather than the reader's run.
    onLog(level, log) {
      if (level === "warn") throw new Error(`Bundling ${DOCTOR_SOURCE}: ${log.message}`);
    },
  });
  try {
    const { output } = await bundle.generate({ format: "esm", codeSplitting: false });
    const [chunk, ...more] = output;
    if (chunk?.type !== "chunk" || more.length > 0) {
      throw new Error(`Bundling ${DOCTOR_SOURCE} gave ${output.length} files instead of one.`);
    }
    const header = [
      `${DOCTOR_FILE}: the Keycloak doctor of the OpenMetadata + Keycloak SSO guide, as one file for`,
      "Node.js 22.12 or newer. It checks a Keycloak realm and client for OpenMetadata's sign-in:",
      `  node ${DOCTOR_FILE} --help`,
      `Source: ${DOCTOR_SOURCE} of the guide's repository and what it imports, bundled with Rolldown.`,
      `Guide version ${guideVersion(root)}, tested with Keycloak ${KEYCLOAK_VERSION}.`,
      "Inlined packages, each under its own license (the license comments they carry are kept):",
      ...inlinedPackages(Object.keys(chunk.modules)).map((line) => `  ${line}`),
    ];
    // The source's own shebang (if any) is replaced, so the file has exactly one, first.
    const code = chunk.code.replace(/^#!.*\n/, "");
    return `#!/usr/bin/env node\n${header.map((line) => `// ${line}`.trimEnd()).join("\n")}\n\n${code}`;
  } finally {
    await bundle.close();
  }
}
