#!/usr/bin/env node
/**
 * The Keycloak doctor: checks a Keycloak realm and client for OpenMetadata's sign-in, one line per
 * check, and ends with a verdict. It changes nothing on the server unless you add --fix, and never
 * prints the client secret. The checks are in run.ts (runDoctor); this command reads the options,
 * prints, and sets the exit code.
 *
 * Prerequisites: Node.js 22.12 or newer. Settings come from the options (--help lists them, and
 * options.ts), or from the environment variable named next to each; secrets only from the
 * environment:
 *   OIDC_CLIENT_SECRET       optional: the client's secret, to check that Keycloak accepts it
 *   KEYCLOAK_ADMIN_USERNAME  optional, with KEYCLOAK_ADMIN_PASSWORD: an admin of the master realm,
 *   KEYCLOAK_ADMIN_PASSWORD  to read the client's settings and the realm's lifespans (and, with
 *                            --fix, correct them)
 *
 * Run from the examples folder, after `npm ci`:
 *   npx tsx doctor/doctor.ts --realm-url https://keycloak.example.com/realms/openmetadata \
 *     --openmetadata-url http://localhost:8585
 * Exit code: 0 when no check failed, 1 when one did, 2 when the doctor could not check (it says
 * what to fix).
 */
import { basename } from "node:path";
import { Stop } from "../shared/failures.js";
import { helpText, readOptions } from "./options.js";
import { realmAt } from "./probes.js";
import { findingLines } from "./report.js";
import { runDoctor } from "./run.js";

/**
 * The client secret never reaches the terminal: every line passes through masked(). A value this
 * short would hide ordinary words; Keycloak's secrets are 32 characters or more.
 */
const given = process.env.OIDC_CLIENT_SECRET?.trim() ?? "";
const secret = given.length >= 8 ? given : "";
const masked = (text: string) => (secret ? text.replaceAll(secret, "********") : text);
const say = (line = "") => console.log(masked(line));

try {
  const options = readOptions(process.argv.slice(2), process.env);
  if (!options) {
    say(helpText(commandName(process.argv[1] ?? "")));
    process.exit(0);
  }
  const { name, keycloakUrl } = realmAt(options.realmUrl);
  say(
    `Checking client ${options.clientId} of realm ${name} at ${keycloakUrl}, for OpenMetadata at ${options.openMetadataUrl}.`,
  );
  say();
  const { verdict } = await runDoctor(options, {
    finding: (finding) => {
      for (const line of findingLines(finding)) say(line);
    },
    signInUrl: (url, callbackUrl) => {
      say();
      say(
        `Sign-in: Keycloak will send your browser back to ${callbackUrl}, where the doctor waits; it must be among the client's Valid redirect URIs while you try this.`,
      );
      say(`Open this URL in a browser and sign in:\n${url}`);
      say();
    },
  });
  say();
  say(verdict.line);
  process.exitCode = verdict.exitCode;
} catch (error) {
  if (!(error instanceof Stop)) throw error;
  console.error(masked(error.message));
  process.exitCode = 2;
}

/**
 * How the reader ran the doctor, for --help: through tsx, as the site's single file, or as the
 * package's bin.
 */
function commandName(script: string): string {
  if (script.endsWith(".ts")) return "npx tsx doctor/doctor.ts";
  return script.endsWith(".mjs") || script.endsWith(".js") ? `node ${basename(script)}` : basename(script);
}
