/**
 * What the doctor reads with an admin login: the client, its default scopes and the realm's
 * lifespans, through the rules of checks.ts; with --fix, the plan of fix.ts carried out.
 */
import type KcAdminClient from "@keycloak/keycloak-admin-client";
import type ClientRepresentation from "@keycloak/keycloak-admin-client/lib/defs/clientRepresentation.js";
import { Stop } from "../shared/failures.js";
import {
  checkClientSettings,
  checkDefaultScopes,
  checkLifespans,
  type Finding,
  type OpenMetadataAddress,
} from "./checks.js";
import { applyFix, planFix } from "./fix.js";

export interface ClientContext {
  admin: KcAdminClient;
  /** The admin's user name, for what a refusal says. */
  username: string;
  realm: string;
  clientId: string;
  openMetadata: OpenMetadataAddress;
  fix: boolean;
}

export interface ClientReport {
  findings: Finding[];
  /** The client as it is after the checks (and fixes); undefined when the realm has none. */
  client?: ClientRepresentation;
  /** Whether the client exists and is enabled: otherwise its secret is not worth checking. */
  usable: boolean;
}

/** The client: present and enabled, then its switches, addresses and scopes, fixed with --fix. */
export async function inspectClient(context: ClientContext): Promise<ClientReport> {
  const { admin, realm, clientId } = context;
  const [client] = await adminCall(context, "read the realm's clients", () => admin.clients.find({ clientId }));
  if (!client?.id) {
    const text = `realm ${realm} has no client ${clientId}. Check the client ID (--client-id), or create the client as the Auth Code Flow page shows.`;
    return { findings: [{ status: "FAIL", check: "Client", text }], usable: false };
  }
  if (client.enabled === false) {
    const text = `${clientId} is disabled. Switch it on with Enabled, at the top of the client's page.`;
    return { findings: [{ status: "FAIL", check: "Client", text }], client, usable: false };
  }
  const id = client.id;
  const [defaults, optional] = await adminCall(context, "read the client's scopes", () =>
    Promise.all([admin.clients.listDefaultClientScopes({ id }), admin.clients.listOptionalClientScopes({ id })]),
  );
  const findings = [
    ...checkClientSettings(client, context.openMetadata),
    ...checkDefaultScopes(
      defaults.map((scope) => scope.name ?? ""),
      optional.map((scope) => scope.name ?? ""),
    ),
  ];
  const present: Finding = { status: "PASS", check: "Client", text: `${clientId} exists and is enabled.` };
  if (!context.fix) return { findings: [present, ...findings], client, usable: true };

  const realmScopes = await adminCall(context, "read the realm's client scopes", () => admin.clientScopes.find());
  const plan = planFix(findings, new Map(realmScopes.map((scope) => [scope.name ?? "", scope.id ?? ""])));
  const optionalIds = optional.map((scope) => scope.id ?? "");
  const fixed = await adminCall(context, "change the client", () =>
    applyFix(admin, { ...client, id }, optionalIds, plan),
  );
  const reported = findings.map(
    (finding): Finding =>
      plan.fixes.includes(finding) ? { status: "FIXED", check: finding.check, text: finding.fix?.done ?? "" } : finding,
  );
  return { findings: [present, ...reported], client: fixed, usable: true };
}

/**
 * The realm's token and session lifespans (the client's own access token lifespan, if it has one).
 */
export async function inspectLifespans(
  context: ClientContext,
  client: ClientRepresentation | undefined,
  sessionExpiry: number,
): Promise<Finding[]> {
  const { admin, realm } = context;
  const settings = await adminCall(context, "read the realm's settings", () => admin.realms.findOne({ realm }));
  return settings ? checkLifespans(settings, client, sessionExpiry) : [];
}

/** An admin API call; a refusal is a Stop that says what the admin lacks. */
async function adminCall<T>(context: ClientContext, what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const status = (error as { response?: Response }).response?.status;
    throw new Stop(
      status === 403
        ? `Keycloak does not let ${context.username} ${what} (HTTP 403): use an admin of the master realm, or one with realm ${context.realm}'s manage-clients and view-realm roles.`
        : `Keycloak's admin API failed to ${what}: ${error instanceof Error ? error.message : String(error)}.`,
    );
  }
}
