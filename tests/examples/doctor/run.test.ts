/**
 * runDoctor (examples/doctor/run.ts) against the real Keycloak, in this process: a realm set up as
 * the Auth Code Flow page says passes, and each way of getting it wrong is caught with the line and
 * the advice a reader sees. What the command adds (exit codes, printing, the secret masked,
 * --sign-in's wait) is in command.test.ts; the pure rules are in checks.unit.test.ts.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Stop } from "../../../examples/shared/failures";
import { freePort } from "../../../tooling/keycloak/server";
import {
  changeClient,
  changeDefaultScope,
  changeRealm,
  checkRealm,
  doctorEnv,
  misconfigure,
  readClient,
} from "../../support/doctor";
import { runExample } from "../../support/examples";
import { describe, expect, test } from "../../support/fixtures";
import { adminClient, type ProvisionedRealm } from "../../support/realm";

const issuer = (realm: ProvisionedRealm) => `${realm.keycloakUrl}/realms/${realm.realm}`;

describe("a realm set up as the Auth Code Flow page says", () => {
  test("ensure every check passes, and the verdict says ready and what was not checked", async ({ realm }) => {
    const report = await checkRealm(realm);
    expect(report.findings.filter((finding) => finding.status !== "PASS")).toEqual([
      { status: "SKIP", check: "Sign-in", text: expect.stringContaining("add --sign-in") },
    ]);
    expect(report.verdict).toEqual({
      line: "Verdict: ready for OpenMetadata in what it checked (16 passed, 1 skipped). Not checked: Sign-in; its SKIP line says how.",
      exitCode: 0,
    });
    expect(report.line("Issuer")).toBe(`PASS  Issuer: ${issuer(realm)}, the realm's URL as you gave it.`);
  });

  test("ensure a reader without admin rights gets the checks Keycloak answers without them", async ({ realm }) => {
    const report = await checkRealm(realm, { admin: false });
    expect(report.verdict.exitCode).toBe(0);
    expect(report.line("Sign-in request")).toBe(
      `PASS  Sign-in request: Keycloak shows its login page for client open-metadata and redirect URI ${realm.callbackUrl}.`,
    );
    expect(report.line("Client secret")).toBe(
      "PASS  Client secret: Keycloak accepts it for the client ID (client_secret_post).",
    );
    expect(report.verdict.line).toContain("Not checked: Client settings and lifespans and Sign-in;");
  });

  test("ensure a secret sent with client_secret_basic, as OpenMetadata can send it, is checked that way", async ({
    realm,
  }) => {
    const basic = await checkRealm(realm, { args: ["--client-auth-method", "client_secret_basic"] });
    expect(basic.line("Client secret")).toBe(
      "PASS  Client secret: Keycloak accepts it for the client ID (client_secret_basic).",
    );
    const wrong = await checkRealm(realm, {
      env: { OIDC_CLIENT_AUTH_METHOD: "client_secret_basic", OIDC_CLIENT_SECRET: "not-the-secret" },
    });
    expect(wrong.line("Client secret")).toMatch(/^FAIL {2}Client secret: Keycloak rejects it\./);
  });
});

describe("each misconfiguration, caught with what to change", () => {
  test("ensure a wrong client secret is caught, with where to copy it from", async ({ realm }) => {
    const report = await checkRealm(realm, { env: { OIDC_CLIENT_SECRET: "not-the-secret" } });
    expect(report.verdict.exitCode).toBe(1);
    expect(report.line("Client secret")).toBe(
      "FAIL  Client secret: Keycloak rejects it. Copy it again from the client's Credentials tab, into OIDC_CLIENT_SECRET and OpenMetadata's configuration.",
    );
  });

  test("ensure an unknown client ID is caught, with or without the admin", async ({ realm }) => {
    const withAdmin = await checkRealm(realm, { args: ["--client-id", "openmetadata"] });
    expect(withAdmin.line("Client")).toBe(
      `FAIL  Client: realm ${realm.realm} has no client openmetadata. Check the client ID (--client-id), or create the client as the Auth Code Flow page shows.`,
    );
    expect(withAdmin.line("Client secret")).toBe("SKIP  Client secret: checked once the client above is right.");

    const withoutAdmin = await checkRealm(realm, { admin: false, args: ["--client-id", "openmetadata"] });
    expect(withoutAdmin.line("Sign-in request")).toBe(
      `FAIL  Sign-in request: Keycloak answers "Client not found.". Check the client ID (--client-id): realm ${realm.realm} has no client openmetadata.`,
    );
    expect(withoutAdmin.line("Client secret")).toBe(
      `FAIL  Client secret: Keycloak knows no enabled client openmetadata in realm ${realm.realm}: check the client ID (--client-id).`,
    );
  });

  test("ensure a disabled client is caught, with the switch at the top of its page", async ({ realm }) => {
    await changeClient(realm, { enabled: false });
    expect((await checkRealm(realm)).line("Client")).toBe(
      "FAIL  Client: open-metadata is disabled. Switch it on with Enabled, at the top of the client's page.",
    );
    expect((await checkRealm(realm, { admin: false })).line("Sign-in request")).toBe(
      'FAIL  Sign-in request: Keycloak answers "Client disabled.". Switch the client on with Enabled, at the top of the client\'s page.',
    );
  });

  test("ensure a public client is caught, with the switch to turn", async ({ realm }) => {
    await changeClient(realm, { publicClient: true });
    const report = await checkRealm(realm);
    expect(report.line("Client authentication")).toBe(
      "FAIL  Client authentication: Off: a public client, without a secret. Turn Client authentication on in the client's Capability config: OpenMetadata's server proves itself to Keycloak with the client secret.",
    );
    expect(report.line("Client secret")).toBe("SKIP  Client secret: checked once the client above is right.");
    expect((await checkRealm(realm, { admin: false })).line("Client secret")).toBe(
      "FAIL  Client secret: open-metadata is a public client, without a secret. Turn Client authentication on in the client's Capability config.",
    );
  });

  test("ensure standard flow off is caught, with the box to tick", async ({ realm }) => {
    await changeClient(realm, { standardFlowEnabled: false });
    expect((await checkRealm(realm)).line("Standard flow")).toMatch(/^FAIL {2}Standard flow: Off\. Tick Standard flow/);
    expect((await checkRealm(realm, { admin: false })).line("Sign-in request")).toBe(
      'FAIL  Sign-in request: Keycloak answers "Client is not allowed to initiate browser login with given response_type. Standard flow is disabled for the client.". Tick Standard flow in the client\'s Capability config.',
    );
  });

  test("ensure switches Keycloak stores are read as the rules expect: implicit flow, direct access grants, Authorization", async ({
    realm,
  }) => {
    await changeClient(realm, {
      implicitFlowEnabled: true,
      directAccessGrantsEnabled: true,
      authorizationServicesEnabled: true,
      serviceAccountsEnabled: true,
    });
    const report = await checkRealm(realm);
    expect(report.line("Implicit flow")).toMatch(/^FAIL {2}Implicit flow: On\. Untick Implicit flow/);
    expect(report.line("Direct access grants")).toMatch(/^FAIL {2}Direct access grants: On\. Untick/);
    expect(report.line("Authorization")).toMatch(/^FAIL {2}Authorization: On\. Turn Authorization off/);
  });

  test("ensure a redirect URI other than OpenMetadata's /callback is caught, and a wildcard warned about", async ({
    realm,
  }) => {
    await changeClient(realm, { redirectUris: [`${realm.openMetadataUrl}/auth/callback`] });
    expect((await checkRealm(realm)).line("Valid redirect URIs")).toBe(
      `FAIL  Valid redirect URIs: ${realm.callbackUrl} is not among them (${realm.openMetadataUrl}/auth/callback). Set Valid redirect URIs on the client's Settings tab, under Access settings, to exactly ${realm.callbackUrl}: OpenMetadata's server receives the sign-in code there, and Keycloak sends it nowhere else.`,
    );
    await changeClient(realm, { redirectUris: [`${realm.openMetadataUrl}/*`] });
    const report = await checkRealm(realm);
    expect(report.verdict.exitCode).toBe(0);
    expect(report.line("Valid redirect URIs")).toMatch(/^WARN {2}Valid redirect URIs: .* only through the wildcard/);
    // What the warning rests on: Keycloak shows its login page for a sign-in ending anywhere under it.
    const elsewhere = new URL(`${issuer(realm)}/protocol/openid-connect/auth`);
    elsewhere.search = new URLSearchParams({
      client_id: realm.clientId,
      redirect_uri: `${realm.openMetadataUrl}/somewhere/else`,
      response_type: "code",
    }).toString();
    expect((await fetch(elsewhere, { redirect: "manual" })).status).toBe(200);
  });

  test("ensure no web origin at all passes: OpenMetadata's server, not its pages, calls Keycloak", async ({
    realm,
  }) => {
    await changeClient(realm, { webOrigins: [] });
    expect((await checkRealm(realm)).line("Web origins")).toBe(
      "PASS  Web origins: none. OpenMetadata needs none: its server, not the browser, calls Keycloak's token endpoint.",
    );
  });

  test.for(["email", "profile"])(
    "ensure the %s scope taken off the client's defaults is caught, as Keycloak then refuses OpenMetadata's sign-in",
    async (scope, { realm }) => {
      await changeDefaultScope(realm, scope, "removed");
      expect((await checkRealm(realm)).line(`Client scope ${scope}`)).toMatch(
        new RegExp(`^FAIL {2}Client scope ${scope}: not assigned\\.`),
      );
      expect((await checkRealm(realm, { admin: false })).line("Sign-in request")).toBe(
        'FAIL  Sign-in request: Keycloak answers "Invalid scopes: openid email profile". Add the email and profile scopes to the client as Default, on its Client scopes tab.',
      );
    },
  );

  test("ensure a realm without an RS256 signing key is caught", async ({ realm }) => {
    const admin = await adminClient(realm.realm);
    const [rsa] = await admin.components.find({ type: "org.keycloak.keys.KeyProvider", name: "rsa-generated" });
    const id = rsa?.id ?? "";
    await admin.components.update({ id }, { ...rsa, config: { ...rsa?.config, enabled: ["false"] } });
    try {
      expect((await checkRealm(realm)).line("Signing keys")).toBe(
        `FAIL  Signing keys: ${issuer(realm)}/protocol/openid-connect/certs lists no RS256 signing key. Enable an RSA key provider (rsa-generated) in Realm settings, Keys tab: OpenMetadata expects RS256.`,
      );
    } finally {
      const again = await adminClient(realm.realm);
      await again.components.update({ id }, { ...rsa, config: { ...rsa?.config, enabled: ["true"] } });
    }
  });

  test("ensure an issuer on another host than the Keycloak URL given is caught, and the checks go on", async ({
    realm,
  }) => {
    const elsewhere = realm.keycloakUrl.replace("127.0.0.1", "localhost");
    await changeRealm(realm, { attributes: { frontendUrl: elsewhere } });
    try {
      const report = await checkRealm(realm, { args: ["--sign-in"] });
      expect(report.line("Issuer")).toBe(
        `FAIL  Issuer: Keycloak names its realm ${elsewhere}/realms/${realm.realm}, not ${issuer(realm)}: OpenID Connect requires the two to be the same. Make Keycloak name the address users open (KC_HOSTNAME=${realm.keycloakUrl}, or the realm's Frontend URL), or use ${elsewhere}/realms/${realm.realm} everywhere in OpenMetadata's configuration.`,
      );
      // The endpoints the issuer names are not followed: the doctor goes on at the address given.
      expect(report.line("Signing keys")).toBe(
        `PASS  Signing keys: 1 RS256 key at ${issuer(realm)}/protocol/openid-connect/certs.`,
      );
      expect(report.line("Sign-in")).toBe(
        "SKIP  Sign-in: fix the issuer first: OpenMetadata refuses tokens from another issuer.",
      );
    } finally {
      await (await adminClient("master")).realms.update({ realm: realm.realm }, { attributes: { frontendUrl: "" } });
    }
  });
});

describe("lifespans: advice, never a failure", () => {
  test("ensure the lifespans Keycloak stores reach the rules: a short SSO Session Idle is a warning", async ({
    realm,
  }) => {
    await changeRealm(realm, { ssoSessionIdleTimeout: 600, ssoSessionMaxLifespan: 3600 });
    const report = await checkRealm(realm);
    expect(report.verdict.exitCode).toBe(0);
    expect(report.line("SSO sessions")).toMatch(/^WARN {2}SSO sessions: idle 10 minutes, at most 1 hour;/);
  });

  test("ensure the Sessions and tokens page's working day, set with session-lifespans.ts, passes", async ({
    realm,
  }) => {
    // Keycloak's defaults, which changeRealm puts back when the test ends, whatever the script sets.
    await changeRealm(realm, { ssoSessionIdleTimeout: 1800, ssoSessionMaxLifespan: 36000 });
    const set = await runExample("keycloak/session-lifespans.ts", {
      ...doctorEnv(realm),
      KEYCLOAK_URL: realm.keycloakUrl,
      KEYCLOAK_REALM: realm.realm,
      SSO_SESSION_IDLE: "28800",
      SSO_SESSION_MAX: "28800",
    });
    expect(set.code, set.stderr).toBe(0);
    expect((await checkRealm(realm)).line("SSO sessions")).toMatch(
      /^PASS {2}SSO sessions: idle 8 hours, at most 8 hours;/,
    );
  });

  test("ensure a client's own access token lifespan over an hour is advice, naming where it is set", async ({
    realm,
  }) => {
    await changeRealm(realm, { accessTokenLifespan: 7200, ssoSessionIdleTimeout: 36000 });
    expect((await checkRealm(realm)).line("Access token lifespan")).toMatch(
      /^WARN {2}Access token lifespan: 2 hours\. .* in Realm settings, Tokens tab/,
    );
    await changeClient(realm, { attributes: { "access.token.lifespan": "5400" } });
    expect((await checkRealm(realm)).line("Access token lifespan")).toMatch(
      /^WARN {2}Access token lifespan: 90 minutes\. .* on the client's Advanced tab/,
    );
  });
});

describe("what stops the doctor: a Stop with one sentence naming what to fix, nothing changed", () => {
  const stops = (sentence: string) => ({ name: "Stop", message: sentence });

  test("ensure a Keycloak URL with /auth says to remove /auth", async ({ realm }) => {
    const given = `${realm.keycloakUrl}/auth/realms/${realm.realm}`;
    await expect(checkRealm(realm, { args: ["--realm-url", given] })).rejects.toMatchObject(
      stops(
        `${given}/.well-known/openid-configuration answers 404, but ${issuer(realm)} is the realm: Keycloak 17 and later serve realms without /auth, so remove /auth from the Keycloak URL.`,
      ),
    );
  });

  test("ensure a realm that does not exist is named", async ({ realm }) => {
    await expect(
      checkRealm(realm, { args: ["--realm-url", `${realm.keycloakUrl}/realms/OpenMetadata`] }),
    ).rejects.toMatchObject(
      stops(
        `Keycloak at ${realm.keycloakUrl} has no realm "OpenMetadata": check the realm's name, as the admin console's realm list shows it.`,
      ),
    );
  });

  test("ensure wrong admin credentials stop the doctor, even with --fix, before anything changed", async ({
    realm,
  }) => {
    await changeClient(realm, { implicitFlowEnabled: true });
    const before = await readClient(realm);
    const run = checkRealm(realm, { env: { KEYCLOAK_ADMIN_PASSWORD: "not-the-password" }, args: ["--fix"] });
    await expect(run).rejects.toBeInstanceOf(Stop);
    await expect(run).rejects.toMatchObject(
      stops(
        'Keycloak refused the admin sign-in ("Invalid user credentials"): check KEYCLOAK_ADMIN_USERNAME and KEYCLOAK_ADMIN_PASSWORD, an admin of the master realm.',
      ),
    );
    expect(await readClient(realm)).toEqual(before);
  });

  test("ensure an unreachable host is named, with what to check", async ({ realm }) => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    await expect(checkRealm(realm, { args: ["--realm-url", `${closed}/realms/openmetadata`] })).rejects.toMatchObject(
      stops(
        `Cannot reach ${closed} (connect ECONNREFUSED ${closed.slice("http://".length)}): check the Keycloak URL, and that Keycloak runs and this machine can reach it.`,
      ),
    );
  });

  test("ensure an OpenID Connect server that is not Keycloak is named", async ({ realm }) => {
    const server = await serveFakeDiscovery();
    try {
      const other = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await expect(checkRealm(realm, { args: ["--realm-url", `${other}/realms/openmetadata`] })).rejects.toMatchObject(
        stops(
          `${other} answers OpenID Connect discovery, but not as Keycloak does (its token endpoint is ${other}/oauth2/v1/token): point the Keycloak URL at your Keycloak.`,
        ),
      );
    } finally {
      server.close();
    }
  });
});

describe("read-only unless fix", () => {
  test("ensure that without fix nothing on the server changes", async ({ realm }) => {
    await misconfigure(realm);
    const before = await readClient(realm);
    const report = await checkRealm(realm);
    expect(report.verdict.line).toMatch(/^Verdict: not ready \(4 failed, 2 warnings, 10 passed, 1 skipped\)\./);
    expect(await readClient(realm)).toEqual(before);
  });

  test("ensure fix changes in Keycloak what its FIXED lines say, and a second run passes", async ({ realm }) => {
    await misconfigure(realm);
    const fixed = await checkRealm(realm, { args: ["--fix"] });
    expect(fixed.findings.filter((finding) => finding.status === "FIXED").map((finding) => finding.check)).toEqual([
      "Authorization",
      "Implicit flow",
      "Direct access grants",
      "Valid redirect URIs",
      "Web origins",
      "Client scope email",
    ]);
    const { client, defaultScopes } = await readClient(realm);
    expect(client.authorizationServicesEnabled ?? false).toBe(false);
    expect(client).toMatchObject({
      serviceAccountsEnabled: false,
      implicitFlowEnabled: false,
      directAccessGrantsEnabled: false,
      redirectUris: [realm.callbackUrl],
      webOrigins: [realm.openMetadataUrl],
    });
    expect(defaultScopes).toContain("email");
    const again = await checkRealm(realm);
    expect(again.findings.filter((finding) => !["PASS", "SKIP"].includes(finding.status))).toEqual([]);
  });
});

/** A local OpenID Connect provider's discovery document, shaped as many non-Keycloak servers shape it. */
async function serveFakeDiscovery(): Promise<Server> {
  const server = createServer((request, response) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (!request.url?.endsWith("/.well-known/openid-configuration")) return void response.writeHead(404).end();
    response.writeHead(200, { "Content-Type": "application/json" }).end(
      JSON.stringify({
        issuer: `${base}/realms/openmetadata`,
        authorization_endpoint: `${base}/oauth2/v1/authorize`,
        token_endpoint: `${base}/oauth2/v1/token`,
        jwks_uri: `${base}/oauth2/v1/keys`,
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}
