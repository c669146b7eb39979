/**
 * The doctor as a library: runDoctor(options) checks a Keycloak realm and client for OpenMetadata's
 * sign-in and returns one finding per check and the verdict. It changes nothing unless
 * options.fix; it never exits the process: what stops it before it could check (a URL that is not
 * one, a Keycloak out of reach, a refused admin login) is thrown as a Stop with one sentence.
 *
 *   import { runDoctor } from "./doctor/run.js";
 *   const report = await runDoctor(options, { finding: (f) => console.log(f.text) });
 */

import { adminSignIn } from "../shared/admin.js";
import { issuerMismatch } from "../shared/failures.js";
import type { Finding } from "./checks.js";
import { openMetadataAddress } from "./checks.js";
import { type ClientContext, type ClientReport, inspectClient, inspectLifespans } from "./client.js";
import type { DoctorOptions } from "./options.js";
import { probeSecret, probeSignInRequest, probeSigningKeys, readDiscovery } from "./probes.js";
import { verdict } from "./report.js";
import { type ShowSignInUrl, signIn } from "./sign-in.js";

export type { DoctorOptions } from "./options.js";

export interface DoctorEvents {
  /** Each finding as soon as it is made, for a report that prints while the doctor works. */
  finding?: (finding: Finding) => void;
  /**
   * With options.signIn: the URL to open, once the doctor waits for the browser at the callback.
   */
  signInUrl?: ShowSignInUrl;
}

export interface DoctorReport {
  findings: Finding[];
  /** The last line, and the exit code it implies: 1 when a check failed, else 0. */
  verdict: { line: string; exitCode: 0 | 1 };
}

export async function runDoctor(options: DoctorOptions, events: DoctorEvents = {}): Promise<DoctorReport> {
  const findings: Finding[] = [];
  const report = (...found: Finding[]) => {
    for (const finding of found) {
      findings.push(finding);
      events.finding?.(finding);
    }
  };
  const openMetadata = openMetadataAddress(options.openMetadataUrl);

  // The realm, as anyone can read it.
  const realm = await readDiscovery(options.realmUrl);
  // Before the first line: the admin login is an input like the URL, so a wrong one stops the
  // doctor. With it, the client and the lifespans are read through the admin API.
  const context: ClientContext | undefined = options.admin && {
    admin: await adminSignIn(realm.keycloakUrl, options.admin, realm.name),
    username: options.admin.username,
    realm: realm.name,
    clientId: options.clientId,
    openMetadata,
    fix: options.fix === true,
  };
  report({
    status: "PASS",
    check: "Discovery",
    text: `${realm.url}/.well-known/openid-configuration answers, from Keycloak.`,
  });
  report(
    realm.issuerRight
      ? { status: "PASS", check: "Issuer", text: `${realm.discovery.issuer}, the realm's URL as you gave it.` }
      : { status: "FAIL", check: "Issuer", text: issuerMismatch(realm.discovery.issuer, realm.url) },
  );
  report(await probeSigningKeys(realm));

  // The client: through the admin API, or else through what Keycloak does with a sign-in request.
  let client: ClientReport | undefined;
  let known = true;
  if (context) {
    client = await inspectClient(context);
    report(...client.findings);
  } else {
    const request = await probeSignInRequest(realm, options.clientId, openMetadata.callbackUrl);
    known = request.clientKnown;
    report(request.finding, {
      status: "SKIP",
      check: "Client settings and lifespans",
      text: "set KEYCLOAK_ADMIN_USERNAME and KEYCLOAK_ADMIN_PASSWORD to read them (without --fix, the doctor changes nothing).",
    });
  }

  if (!options.secret) {
    report({ status: "SKIP", check: "Client secret", text: "set OIDC_CLIENT_SECRET to check it." });
  } else if (client && (!client.usable || client.client?.publicClient === true)) {
    report({ status: "SKIP", check: "Client secret", text: "checked once the client above is right." });
  } else {
    const { clientId, secret, clientAuthMethod: method } = options;
    report(await probeSecret(realm, { clientId, secret, method, known }));
  }

  if (context) report(...(await inspectLifespans(context, client?.client, options.sessionExpiry)));

  if (!options.signIn) {
    const text = "add --sign-in to sign in for real and see who OpenMetadata takes you for.";
    report({ status: "SKIP", check: "Sign-in", text });
  } else if (!realm.issuerRight) {
    const text = "fix the issuer first: OpenMetadata refuses tokens from another issuer.";
    report({ status: "SKIP", check: "Sign-in", text });
  } else {
    report(await signIn(realm, options, events.signInUrl ?? (() => {})));
  }
  return { findings, verdict: verdict(findings) };
}
