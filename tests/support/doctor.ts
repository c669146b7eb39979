/**
 * Runs the doctor against a realm of this run's Keycloak: in this process (runDoctor, with the
 * options the command reads from the same arguments and environment), or as a reader runs
 * examples/doctor/doctor.ts; and breaks that realm's client or settings for one test, putting them
 * back when the test ends.
 */
import type ClientRepresentation from "@keycloak/keycloak-admin-client/lib/defs/clientRepresentation.js";
import type RealmRepresentation from "@keycloak/keycloak-admin-client/lib/defs/realmRepresentation.js";
import { onTestFinished } from "vitest";
import type { Finding } from "../../examples/doctor/checks";
import { readOptions } from "../../examples/doctor/options";
import { findingLines } from "../../examples/doctor/report";
import { type DoctorEvents, type DoctorReport, runDoctor } from "../../examples/doctor/run";
import type { CommandResult } from "../../tooling/process";
import { runExample, startExample } from "./examples";
import { adminClient, keycloak, type ProvisionedRealm, realmClient } from "./realm";

export interface DoctorRun {
  /** Without the admin login (the checks a reader without admin rights gets). */
  admin?: boolean;
  /** Without OIDC_CLIENT_SECRET. */
  secret?: boolean;
  /** Replaces or adds environment variables. */
  env?: Record<string, string>;
  /** Arguments after the default --realm-url and --openmetadata-url. */
  args?: string[];
}

export interface DoctorResult extends CommandResult {
  /** The command, as a reader would type it (secrets are in the environment). */
  command: string;
  /** The line the doctor printed for a check, e.g. line("Implicit flow") = "FAIL  Implicit flow: On. …". */
  line(check: string): string | undefined;
}

export function doctorEnv(realm: ProvisionedRealm, run: DoctorRun = {}): Record<string, string> {
  return {
    ...(run.secret === false ? {} : { OIDC_CLIENT_SECRET: realm.secret }),
    ...(run.admin === false
      ? {}
      : { KEYCLOAK_ADMIN_USERNAME: keycloak().adminUsername, KEYCLOAK_ADMIN_PASSWORD: keycloak().adminPassword }),
    ...run.env,
  };
}

export function doctorArgs(realm: ProvisionedRealm, run: DoctorRun = {}): string[] {
  return [
    "--realm-url",
    `${realm.keycloakUrl}/realms/${realm.realm}`,
    "--openmetadata-url",
    realm.openMetadataUrl,
    ...(run.args ?? []),
  ];
}

export interface DoctorChecked extends DoctorReport {
  /** The line the command prints for a check, e.g. line("Implicit flow") = "FAIL  Implicit flow: On. …". */
  line(check: string): string | undefined;
}

/** runDoctor in this process, with the options the command reads from these arguments and environment. */
export async function checkRealm(
  realm: ProvisionedRealm,
  run: DoctorRun = {},
  events: DoctorEvents = {},
): Promise<DoctorChecked> {
  const options = readOptions(doctorArgs(realm, run), doctorEnv(realm, run));
  if (!options) throw new Error("--help is for the command");
  const report = await runDoctor(options, events);
  const byCheck = (check: string): Finding | undefined => report.findings.find((finding) => finding.check === check);
  return { ...report, line: (check) => firstLine(byCheck(check)) };
}

const firstLine = (finding: Finding | undefined) => (finding ? findingLines(finding)[0] : undefined);

/** Runs the doctor's command to its end, as a reader does. */
export async function runDoctorCommand(realm: ProvisionedRealm, run: DoctorRun = {}): Promise<DoctorResult> {
  const args = doctorArgs(realm, run);
  return withLines(await runExample("doctor/doctor.ts", doctorEnv(realm, run), args), args);
}

/** Starts the doctor, for a test that has to act while it runs (--sign-in). */
export function startDoctor(realm: ProvisionedRealm, run: DoctorRun = {}) {
  const args = doctorArgs(realm, run);
  const running = startExample("doctor/doctor.ts", doctorEnv(realm, run), args);
  return { ...running, result: running.ended.then((result) => withLines(result, args)) };
}

function withLines(result: CommandResult, args: string[]): DoctorResult {
  const lines = result.stdout.split("\n");
  return {
    ...result,
    command: ["npx tsx doctor/doctor.ts", ...args].join(" "),
    line: (check) => lines.find((line) => line.slice(6).startsWith(`${check}: `)),
  };
}

/**
 * The doctor's output as the page shows it: the run's random Keycloak URL, realm name and
 * OpenMetadata URL replaced by the guide's example values, and the command on the first line.
 */
export function forThePage(result: DoctorResult, realm: ProvisionedRealm, extra: [string | RegExp, string][] = []) {
  let text = `$ ${result.command}\n${result.stdout}`;
  const replacements: [string | RegExp, string][] = [
    ...extra,
    [realm.openMetadataUrl, "http://localhost:8585"],
    [realm.keycloakUrl, "https://keycloak.example.com"],
    [realm.realm, "openmetadata"],
  ];
  for (const [from, to] of replacements) {
    text = typeof from === "string" ? text.replaceAll(from, to) : text.replace(from, to);
  }
  return text;
}

/** The realm's client as Keycloak's admin API answers, and its default and optional scopes. */
export async function readClient(realm: ProvisionedRealm) {
  const { admin, client, id } = await realmClient(realm);
  const [defaultScopes, optionalScopes] = await Promise.all([
    admin.clients.listDefaultClientScopes({ id }),
    admin.clients.listOptionalClientScopes({ id }),
  ]);
  // Keycloak lists a client's scope names in no fixed order.
  client.defaultClientScopes?.sort();
  client.optionalClientScopes?.sort();
  return {
    client,
    defaultScopes: defaultScopes.map((scope) => scope.name).sort(),
    optionalScopes: optionalScopes.map((scope) => scope.name).sort(),
  };
}

/** Keycloak may leave switches that are off out of its answers; putting a client back must say them. */
const SWITCHES = ["authorizationServicesEnabled", "serviceAccountsEnabled"] as const;

/** Changes the realm's client for this test; it is put back as it was when the test ends. */
export async function changeClient(realm: ProvisionedRealm, change: ClientRepresentation): Promise<void> {
  const { admin, client: original, id } = await realmClient(realm);
  onTestFinished(async () => {
    const restore = { ...original };
    for (const key of SWITCHES) restore[key] = original[key] ?? false;
    // Keycloak keeps an attribute left out of an update; an empty value removes it.
    const added = Object.keys(change.attributes ?? {}).filter((key) => !(key in (original.attributes ?? {})));
    restore.attributes = { ...original.attributes, ...Object.fromEntries(added.map((key) => [key, ""])) };
    await (await adminClient(realm.realm)).clients.update({ id }, restore);
  });
  await admin.clients.update({ id }, { ...original, ...change });
}

/** Takes a scope off the client's defaults (or makes it optional) for this test. */
export async function changeDefaultScope(
  realm: ProvisionedRealm,
  scopeName: string,
  to: "removed" | "optional",
): Promise<void> {
  const { admin, id } = await realmClient(realm);
  const scope = (await admin.clientScopes.find()).find((candidate) => candidate.name === scopeName);
  const clientScopeId = scope?.id ?? "";
  onTestFinished(async () => {
    const again = await adminClient(realm.realm);
    if (to === "optional") await again.clients.delOptionalClientScope({ id, clientScopeId }).catch(() => {});
    const defaults = await again.clients.listDefaultClientScopes({ id });
    if (!defaults.some((assigned) => assigned.id === clientScopeId)) {
      await again.clients.addDefaultClientScope({ id, clientScopeId });
    }
  });
  await admin.clients.delDefaultClientScope({ id, clientScopeId });
  if (to === "optional") await admin.clients.addOptionalClientScope({ id, clientScopeId });
}

/** Changes the realm's settings (lifespans, attributes) for this test. */
export async function changeRealm(realm: ProvisionedRealm, change: RealmRepresentation): Promise<void> {
  const admin = await adminClient("master");
  const original = await admin.realms.findOne({ realm: realm.realm });
  const restore = Object.fromEntries(
    Object.keys(change).map((key) => [key, original?.[key as keyof RealmRepresentation]]),
  ) as RealmRepresentation;
  onTestFinished(async () => {
    await (await adminClient("master")).realms.update({ realm: realm.realm }, restore);
  });
  await admin.realms.update({ realm: realm.realm }, change);
}

/** Every misconfiguration --fix can correct, at once, for this test: four failures and two warnings. */
export async function misconfigure(realm: ProvisionedRealm): Promise<void> {
  await changeClient(realm, {
    implicitFlowEnabled: true,
    directAccessGrantsEnabled: true,
    authorizationServicesEnabled: true,
    serviceAccountsEnabled: true,
    redirectUris: [`${realm.openMetadataUrl}/*`],
    webOrigins: ["*"],
  });
  await changeDefaultScope(realm, "email", "removed");
}
