/**
 * The doctor's settings: its command-line options, each with the environment variable it falls
 * back to and its default, read into the options runDoctor takes. Secrets come from the
 * environment only, never from flags, so that they stay out of shell history and process lists.
 */
import { type ParseArgsOptionsConfig, parseArgs } from "node:util";
import type { AdminLogin } from "../shared/admin.js";
import { parseUrl, Stop } from "../shared/failures.js";
import {
  DEFAULT_CLIENT_AUTH_METHOD,
  DEFAULT_PRINCIPAL_CLAIMS,
  DEFAULT_PRINCIPAL_DOMAIN,
  DEFAULT_SESSION_EXPIRY_SECONDS,
} from "../shared/openmetadata.js";

// #region options
export const OPTIONS = {
  "realm-url": { type: "string", about: "the realm's URL, e.g. https://keycloak.example.com/realms/openmetadata" },
  "keycloak-url": { type: "string", about: "or Keycloak's URL (KEYCLOAK_URL), with --realm" },
  realm: { type: "string", about: "the realm (KEYCLOAK_REALM), default openmetadata" },
  "client-id": { type: "string", about: "the client ID (OIDC_CLIENT_ID), default open-metadata" },
  "client-auth-method": {
    type: "string",
    about:
      "how OpenMetadata sends the secret (OIDC_CLIENT_AUTH_METHOD): client_secret_post (default) or client_secret_basic",
  },
  "openmetadata-url": { type: "string", about: "OpenMetadata's URL (OPENMETADATA_URL), default http://localhost:8585" },
  "session-expiry": {
    type: "string",
    about: `OpenMetadata's session expiry in seconds, default ${DEFAULT_SESSION_EXPIRY_SECONDS}`,
  },
  fix: { type: "boolean", about: "correct the client's switches, addresses and default scopes (needs the admin)" },
  "sign-in": { type: "boolean", about: "sign in for real and see who OpenMetadata takes you for (needs the secret)" },
  "callback-url": { type: "string", about: "where --sign-in waits, default http://localhost:8400/callback" },
  "principal-claims": { type: "string", about: `the principal claims, default ${DEFAULT_PRINCIPAL_CLAIMS.join(",")}` },
  "principal-domain": { type: "string", about: `the principal domain, default ${DEFAULT_PRINCIPAL_DOMAIN}` },
  help: { type: "boolean", about: "print these options and the exit codes" },
} as const satisfies ParseArgsOptionsConfig & Record<string, { about: string }>;
// #endregion options

export type ClientAuthMethod = "client_secret_post" | "client_secret_basic";

/** What runDoctor checks, and with what. */
export interface DoctorOptions {
  /** e.g. https://keycloak.example.com/realms/openmetadata, without a trailing slash. */
  realmUrl: string;
  clientId: string;
  clientAuthMethod: ClientAuthMethod;
  /** Where users open OpenMetadata, without a trailing slash. */
  openMetadataUrl: string;
  /** The client secret, to check that Keycloak accepts it; needed by signIn. */
  secret?: string;
  /** An admin of the master realm, to read (and with fix, correct) the client and the realm. */
  admin?: AdminLogin;
  fix?: boolean;
  signIn?: boolean;
  callbackUrl: string;
  principalClaims: string[];
  principalDomain: string;
  /** OpenMetadata's session expiry, in seconds. */
  sessionExpiry: number;
}

/** Prints what --help says. */
export function helpText(command: string): string {
  const lines = Object.entries(OPTIONS).map(
    ([name, { type, about }]) => `  ${`--${name}${type === "string" ? " <value>" : ""}`.padEnd(28)} ${about}`,
  );
  return [
    `${command} --realm-url <URL> --openmetadata-url <URL> [options]`,
    "",
    ...lines,
    "",
    "Secrets come from the environment only: OIDC_CLIENT_SECRET, KEYCLOAK_ADMIN_USERNAME, KEYCLOAK_ADMIN_PASSWORD.",
    "Exit code: 0 when no check failed, 1 when one did, 2 when the doctor could not check.",
  ].join("\n");
}

/**
 * The doctor's options from its arguments and the environment, or a Stop that names what to fix;
 * undefined for --help.
 */
export function readOptions(args: string[], env: Record<string, string | undefined>): DoctorOptions | undefined {
  const flags = parseFlags(args);
  if (flags.help) return undefined;
  const setting = (name: string, fallback = "") => env[name]?.trim() || fallback;
  /** A URL from its flag, else from the environment variable `name` if any, else `fallback`. */
  const url = (flag: keyof typeof OPTIONS, name: string | undefined, fallback = "") => {
    if (flags[flag]) return parseUrl(`--${flag}`, String(flags[flag]));
    return name && setting(name) ? parseUrl(name, setting(name)) : fallback;
  };

  const sessionExpiry = Number(flags["session-expiry"] ?? DEFAULT_SESSION_EXPIRY_SECONDS);
  if (!Number.isInteger(sessionExpiry) || sessionExpiry <= 0) {
    throw new Stop(
      `--session-expiry is "${flags["session-expiry"]}": give OpenMetadata's session expiry in whole seconds, e.g. ${DEFAULT_SESSION_EXPIRY_SECONDS}.`,
    );
  }
  const clientAuthMethod =
    flags["client-auth-method"] ?? setting("OIDC_CLIENT_AUTH_METHOD", DEFAULT_CLIENT_AUTH_METHOD);
  if (clientAuthMethod !== "client_secret_post" && clientAuthMethod !== "client_secret_basic") {
    throw new Stop(
      `The client authentication method is "${clientAuthMethod}": use client_secret_post or client_secret_basic, as OpenMetadata's clientAuthenticationMethod.`,
    );
  }
  const [username, password] = [setting("KEYCLOAK_ADMIN_USERNAME"), setting("KEYCLOAK_ADMIN_PASSWORD")];
  if (!username !== !password)
    throw new Stop("Set both KEYCLOAK_ADMIN_USERNAME and KEYCLOAK_ADMIN_PASSWORD, or neither.");
  const secret = setting("OIDC_CLIENT_SECRET");
  if (flags.fix && !username) {
    throw new Stop(
      "--fix changes the client through Keycloak's admin API: set KEYCLOAK_ADMIN_USERNAME and KEYCLOAK_ADMIN_PASSWORD.",
    );
  }
  if (flags["sign-in"] && !secret) {
    throw new Stop("--sign-in exchanges a code like OpenMetadata's server does: set OIDC_CLIENT_SECRET.");
  }
  return {
    realmUrl: realmUrl(flags, url, setting),
    clientId: flags["client-id"] ?? setting("OIDC_CLIENT_ID", "open-metadata"),
    clientAuthMethod,
    openMetadataUrl: url("openmetadata-url", "OPENMETADATA_URL", "http://localhost:8585"),
    ...(secret ? { secret } : {}),
    ...(username ? { admin: { username, password } } : {}),
    fix: flags.fix === true,
    signIn: flags["sign-in"] === true,
    callbackUrl: url("callback-url", undefined, "http://localhost:8400/callback"),
    principalClaims: flags["principal-claims"]?.split(",").map((claim) => claim.trim()) ?? [
      ...DEFAULT_PRINCIPAL_CLAIMS,
    ],
    principalDomain: flags["principal-domain"] ?? DEFAULT_PRINCIPAL_DOMAIN,
    sessionExpiry,
  };
}

function parseFlags(args: string[]) {
  try {
    return parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new Stop(`${(error as Error).message.replace(/\.$/, "")}. See the options with --help.`);
  }
}

/** The realm's URL: --realm-url, or --keycloak-url (KEYCLOAK_URL) and --realm (KEYCLOAK_REALM). */
function realmUrl(
  flags: { "realm-url"?: string | undefined; realm?: string | undefined },
  url: (flag: "keycloak-url", name: string) => string,
  setting: (name: string, fallback?: string) => string,
): string {
  const given = flags["realm-url"];
  if (given) {
    const realmUrl = parseUrl("--realm-url", given).replace(/\/\.well-known\/openid-configuration$/, "");
    if (!/\/realms\/[^/]+$/.test(realmUrl)) {
      throw new Stop(
        `--realm-url is "${given}": it must end with /realms/<realm>, like https://keycloak.example.com/realms/openmetadata.`,
      );
    }
    return realmUrl;
  }
  const keycloakUrl = url("keycloak-url", "KEYCLOAK_URL");
  if (!keycloakUrl) {
    throw new Stop(
      "Say which realm to check: --realm-url https://keycloak.example.com/realms/openmetadata, or KEYCLOAK_URL (with KEYCLOAK_REALM, default openmetadata).",
    );
  }
  return `${keycloakUrl}/realms/${encodeURIComponent(flags.realm ?? setting("KEYCLOAK_REALM", "openmetadata"))}`;
}
