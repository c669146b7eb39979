/**
 * --fix: what to change, decided from the findings (the plan), then changed through Keycloak's
 * admin API (apply). Only what a finding says how to fix: the client's switches and addresses, and
 * its default scopes.
 */
import type KcAdminClient from "@keycloak/keycloak-admin-client";
import type ClientRepresentation from "@keycloak/keycloak-admin-client/lib/defs/clientRepresentation.js";
import type { Finding } from "./checks.js";

export interface FixPlan {
  /** The findings it fixes; each is reported as FIXED with its fix's line. */
  fixes: Finding[];
  /** One change to the client's representation. */
  client: ClientRepresentation;
  /** Client scopes to make Default: their IDs, by name. */
  defaultScopes: { name: string; id: string }[];
}

/**
 * What --fix changes: every finding that did not pass and says how, if the realm has the scope it
 * needs.
 */
export function planFix(findings: Finding[], realmScopes: Map<string, string>): FixPlan {
  const fixes = findings.filter(
    (finding) =>
      finding.status !== "PASS" &&
      finding.fix !== undefined &&
      (!finding.fix.defaultScope || realmScopes.has(finding.fix.defaultScope)),
  );
  const client = Object.assign({}, ...fixes.map((finding) => finding.fix?.client ?? {})) as ClientRepresentation;
  const defaultScopes = fixes.flatMap(({ fix }) =>
    fix?.defaultScope ? [{ name: fix.defaultScope, id: realmScopes.get(fix.defaultScope) ?? "" }] : [],
  );
  return { fixes, client, defaultScopes };
}

/**
 * Carries out the plan: one update for the switches and addresses, then the missing default scopes.
 */
export async function applyFix(
  admin: KcAdminClient,
  current: ClientRepresentation & { id: string },
  optionalScopeIds: string[],
  plan: FixPlan,
): Promise<ClientRepresentation> {
  const { id } = current;
  const changed = { ...current, ...plan.client };
  if (Object.keys(plan.client).length > 0) await admin.clients.update({ id }, changed);
  for (const { id: clientScopeId } of plan.defaultScopes) {
    if (optionalScopeIds.includes(clientScopeId)) await admin.clients.delOptionalClientScope({ id, clientScopeId });
    await admin.clients.addDefaultClientScope({ id, clientScopeId });
  }
  return changed;
}
