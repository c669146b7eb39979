/**
 * examples/doctor/doctor.ts against the real Keycloak: a realm set up as the Auth Code Flow page says
 * passes, and each way of getting it wrong is caught with the line and the advice a reader sees.
 * The runs the page shows are written to src/data/doctor/ (Vitest file snapshots; under CI=true a
 * difference fails instead).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { duration } from "../../../examples/doctor/checks";
import { freePort } from "../../../tooling/keycloak/server";
import {
  changeClient,
  changeDefaultScope,
  changeRealm,
  type DoctorResult,
  doctorEnv,
  forThePage,
  readClient,
  runDoctor,
  startDoctor,
} from "../../support/doctor";
import { runExample } from "../../support/examples";
import { describe, expect, test } from "../../support/fixtures";
import { HttpBrowser, signInAtKeycloak } from "../../support/http-browser";
import { ADMIN_USER_PASSWORD, adminClient, type ProvisionedRealm } from "../../support/realm";

const page = (name: string) => `../../../src/data/doctor/${name}.txt`;
const issuer = (realm: ProvisionedRealm) => `${realm.keycloakUrl}/realms/${realm.realm}`;

/**
 * Keycloak counts a refresh token's lifespan from the sign-in, in whole seconds: a code exchange
 * that falls in the next second gets one second less, "599 seconds" for 10 minutes.
 */
function steadyRefresh(result: DoctorResult): DoctorResult {
  const stdout = result.stdout.replace(/refresh token for (\d+) seconds/, (line, seconds) =>
    Number(seconds) % 60 === 59 ? `refresh token for ${duration(Number(seconds) + 1)}` : line,
  );
  return { ...result, stdout };
}

describe("the doctor on a realm set up as the Auth Code Flow page says", () => {
  test("ensure every check passes, and the verdict says ready", async ({ realm }) => {
    const result = await runDoctor(realm);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/^(FAIL|WARN|FIXED)/m);
    expect(result.stdout).toContain("\nVerdict: ready for OpenMetadata (16 passed, 1 skipped).\n");
    expect(result.line("Issuer")).toBe(`PASS  Issuer: ${issuer(realm)}, the realm's URL as you gave it.`);
    await expect(forThePage(result, realm)).toMatchFileSnapshot(page("passing"));
  });

  test("ensure a reader without admin rights gets the checks Keycloak answers without them", async ({ realm }) => {
    const result = await runDoctor(realm, { admin: false });
    expect(result.code).toBe(0);
    expect(result.line("Sign-in request")).toBe(
      `PASS  Sign-in request: Keycloak shows its login page for client open-metadata and redirect URI ${realm.callbackUrl}.`,
    );
    expect(result.line("Client secret")).toBe("PASS  Client secret: Keycloak accepts it for the client ID.");
    expect(result.line("Client settings and lifespans")).toBe(
      "SKIP  Client settings and lifespans: set KEYCLOAK_ADMIN_USERNAME and KEYCLOAK_ADMIN_PASSWORD to read them (without --fix, the doctor changes nothing).",
    );
  });
  test("ensure KEYCLOAK_URL, KEYCLOAK_REALM and OPENMETADATA_URL do what the flags do", async ({ realm }) => {
    const result = await runExample("doctor/doctor.ts", {
      ...doctorEnv(realm),
      KEYCLOAK_URL: realm.keycloakUrl,
      KEYCLOAK_REALM: realm.realm,
      OPENMETADATA_URL: realm.openMetadataUrl,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `Checking client open-metadata of realm ${realm.realm} at ${realm.keycloakUrl}, for OpenMetadata at ${realm.openMetadataUrl}.\n`,
    );
    expect(result.stdout).toContain("\nVerdict: ready for OpenMetadata (16 passed, 1 skipped).\n");
  });
});

describe("each misconfiguration, caught with what to change", () => {
  test("ensure a wrong client secret is caught, with where to copy it from", async ({ realm }) => {
    const result = await runDoctor(realm, { env: { OIDC_CLIENT_SECRET: "not-the-secret" } });
    expect(result.code).toBe(1);
    expect(result.line("Client secret")).toBe(
      "FAIL  Client secret: Keycloak rejects it. Copy it again from the client's Credentials tab, into OIDC_CLIENT_SECRET and OpenMetadata's configuration.",
    );
  });

  test("ensure an unknown client ID is caught, with or without the admin", async ({ realm }) => {
    const withAdmin = await runDoctor(realm, { args: ["--client-id", "openmetadata"] });
    expect(withAdmin.code).toBe(1);
    expect(withAdmin.line("Client")).toBe(
      `FAIL  Client: realm ${realm.realm} has no client openmetadata. Check the client ID (--client-id), or create the client as the Auth Code Flow page shows.`,
    );
    expect(withAdmin.line("Client secret")).toBe("SKIP  Client secret: checked once the client above is right.");

    const withoutAdmin = await runDoctor(realm, { admin: false, args: ["--client-id", "openmetadata"] });
    expect(withoutAdmin.code).toBe(1);
    expect(withoutAdmin.line("Sign-in request")).toBe(
      `FAIL  Sign-in request: Keycloak answers "Client not found.". Check the client ID (--client-id): realm ${realm.realm} has no client openmetadata.`,
    );
    expect(withoutAdmin.line("Client secret")).toBe(
      `FAIL  Client secret: Keycloak knows no enabled client openmetadata in realm ${realm.realm}: check the client ID (--client-id).`,
    );
  });

  test("ensure a disabled client is caught, with the switch at the top of its page", async ({ realm }) => {
    await changeClient(realm, { enabled: false });
    const result = await runDoctor(realm);
    expect(result.code).toBe(1);
    expect(result.line("Client")).toBe(
      "FAIL  Client: open-metadata is disabled. Switch it on with Enabled, at the top of the client's page.",
    );

    const withoutAdmin = await runDoctor(realm, { admin: false });
    expect(withoutAdmin.line("Sign-in request")).toBe(
      'FAIL  Sign-in request: Keycloak answers "Client disabled.". Switch the client on with Enabled, at the top of the client\'s page.',
    );
  });

  test("ensure a public client is caught, with the switch to turn", async ({ realm }) => {
    await changeClient(realm, { publicClient: true });
    const result = await runDoctor(realm);
    expect(result.code).toBe(1);
    expect(result.line("Client authentication")).toBe(
      "FAIL  Client authentication: Off: a public client, without a secret. Turn Client authentication on in the client's Capability config: OpenMetadata's server proves itself to Keycloak with the client secret.",
    );
    expect(result.line("Client secret")).toBe("SKIP  Client secret: checked once the client above is right.");

    const withoutAdmin = await runDoctor(realm, { admin: false });
    expect(withoutAdmin.line("Client secret")).toBe(
      "FAIL  Client secret: open-metadata is a public client, without a secret. Turn Client authentication on in the client's Capability config.",
    );
  });

  test("ensure standard flow off is caught, with the box to tick", async ({ realm }) => {
    await changeClient(realm, { standardFlowEnabled: false });
    const result = await runDoctor(realm);
    expect(result.code).toBe(1);
    expect(result.line("Standard flow")).toBe(
      "FAIL  Standard flow: Off. Tick Standard flow in the client's Capability config: OpenMetadata signs users in with it, the Authorization Code Flow.",
    );

    const withoutAdmin = await runDoctor(realm, { admin: false });
    expect(withoutAdmin.line("Sign-in request")).toBe(
      'FAIL  Sign-in request: Keycloak answers "Client is not allowed to initiate browser login with given response_type. Standard flow is disabled for the client.". Tick Standard flow in the client\'s Capability config.',
    );
  });

  test("ensure implicit flow on is caught, with the box to untick", async ({ realm }) => {
    await changeClient(realm, { implicitFlowEnabled: true });
    const result = await runDoctor(realm);
    expect(result.code).toBe(1);
    expect(result.line("Implicit flow")).toBe(
      "FAIL  Implicit flow: On. Untick Implicit flow in the client's Capability config: OpenMetadata does not use it, and it hands tokens to the browser in the address bar.",
    );
  });

  test("ensure direct access grants on is caught, with the box to untick", async ({ realm }) => {
    await changeClient(realm, { directAccessGrantsEnabled: true });
    const result = await runDoctor(realm);
    expect(result.code).toBe(1);
    expect(result.line("Direct access grants")).toBe(
      "FAIL  Direct access grants: On. Untick Direct access grants in the client's Capability config: OpenMetadata does not use it, and it lets an application take users' passwords itself instead of showing Keycloak's login page.",
    );
  });

  test("ensure Authorization on is caught, saying the secret alone then gets tokens", async ({ realm }) => {
    await changeClient(realm, { authorizationServicesEnabled: true, serviceAccountsEnabled: true });
    const result = await runDoctor(realm);
    expect(result.code).toBe(1);
    expect(result.line("Authorization")).toBe(
      "FAIL  Authorization: On. Turn Authorization off in the client's Capability config: OpenMetadata uses none of it, and the service account it brings lets the client secret alone get tokens.",
    );
  });

  test("ensure a redirect URI other than OpenMetadata's /callback is caught, with the exact one", async ({ realm }) => {
    await changeClient(realm, { redirectUris: [`${realm.openMetadataUrl}/auth/callback`] });
    const result = await runDoctor(realm);
    expect(result.code).toBe(1);
    expect(result.line("Valid redirect URIs")).toBe(
      `FAIL  Valid redirect URIs: ${realm.callbackUrl} is not among them (${realm.openMetadataUrl}/auth/callback). Set Valid redirect URIs on the client's Settings tab, under Access settings, to exactly ${realm.callbackUrl}: OpenMetadata's server receives the sign-in code there, and Keycloak sends it nowhere else.`,
    );
  });

  test("ensure a wildcard redirect URI is a warning, with the exact one to put instead", async ({ realm }) => {
    await changeClient(realm, { redirectUris: [`${realm.openMetadataUrl}/*`] });
    const result = await runDoctor(realm);
    expect(result.code).toBe(0);
    expect(result.line("Valid redirect URIs")).toBe(
      `WARN  Valid redirect URIs: ${realm.callbackUrl} is allowed only through the wildcard ${realm.openMetadataUrl}/*. Replace it with exactly ${realm.callbackUrl}: a wildcard lets Keycloak send sign-in codes to other addresses too.`,
    );
    // Keycloak shows its login page for a sign-in that would end at any address under the wildcard.
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
    const result = await runDoctor(realm);
    expect(result.code).toBe(0);
    expect(result.line("Web origins")).toBe(
      "PASS  Web origins: none. OpenMetadata needs none: its server, not the browser, calls Keycloak's token endpoint.",
    );
  });

  test.for(["email", "profile"])(
    "ensure the %s scope taken off the client's defaults is caught, as Keycloak then refuses OpenMetadata's sign-in",
    async (scope, { realm }) => {
      await changeDefaultScope(realm, scope, "removed");
      const result = await runDoctor(realm);
      expect(result.code).toBe(1);
      expect(result.line(`Client scope ${scope}`)).toBe(
        `FAIL  Client scope ${scope}: not assigned. Add it as Default on the client's Client scopes tab (Add client scope): OpenMetadata's sign-in asks for it (OIDC_SCOPE, "openid email profile" by default), and Keycloak refuses a sign-in that asks for a scope the client lacks.`,
      );

      const withoutAdmin = await runDoctor(realm, { admin: false });
      expect(withoutAdmin.line("Sign-in request")).toBe(
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
      const result = await runDoctor(realm);
      expect(result.code).toBe(1);
      expect(result.line("Signing keys")).toBe(
        `FAIL  Signing keys: ${issuer(realm)}/protocol/openid-connect/certs lists no RS256 signing key. Enable an RSA key provider (rsa-generated) in Realm settings, Keys tab: OpenMetadata expects RS256.`,
      );
    } finally {
      await (await adminClient(realm.realm)).components.update(
        { id },
        { ...rsa, config: { ...rsa?.config, enabled: ["true"] } },
      );
    }
  });

  test("ensure an issuer on another host than the Keycloak URL given is caught", async ({ realm }) => {
    const elsewhere = realm.keycloakUrl.replace("127.0.0.1", "localhost");
    await changeRealm(realm, { attributes: { frontendUrl: elsewhere } });
    try {
      const result = await runDoctor(realm);
      expect(result.code).toBe(1);
      expect(result.line("Issuer")).toBe(
        `FAIL  Issuer: Keycloak names its realm ${elsewhere}/realms/${realm.realm}, not ${issuer(realm)}: OpenID Connect requires the two to be the same. Make Keycloak name the address users open (KC_HOSTNAME=${realm.keycloakUrl}, or the realm's Frontend URL), or use ${elsewhere}/realms/${realm.realm} everywhere in OpenMetadata's configuration.`,
      );
      // The endpoints the issuer names are not followed: the doctor goes on at the address given.
      expect(result.line("Signing keys")).toBe(
        `PASS  Signing keys: 1 RS256 key at ${issuer(realm)}/protocol/openid-connect/certs.`,
      );
    } finally {
      await (await adminClient("master")).realms.update({ realm: realm.realm }, { attributes: { frontendUrl: "" } });
    }
  });
});

describe("lifespans: advice, never a failure", () => {
  test("ensure an SSO Session Idle shorter than Keycloak's default gets advice naming it, not a failure", async ({
    realm,
  }) => {
    await changeRealm(realm, { ssoSessionIdleTimeout: 600, ssoSessionMaxLifespan: 3600 });
    const result = await runDoctor(realm);
    expect(result.code).toBe(0);
    expect(result.line("SSO sessions")).toBe(
      "WARN  SSO sessions: idle 10 minutes, at most 1 hour; OpenMetadata's own session lasts 7 days. SSO Session Idle is shorter than Keycloak's default (30 minutes): on OpenMetadata 1.12 and 1.13, which renew tokens through Keycloak, users who leave OpenMetadata unused for 10 minutes sign in again. Raise SSO Session Idle in Realm settings, Sessions tab, to at least the time users leave OpenMetadata open without using it.",
    );
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
    const result = await runDoctor(realm);
    expect(result.line("SSO sessions")).toBe(
      "PASS  SSO sessions: idle 8 hours, at most 8 hours; OpenMetadata's own session lasts 7 days. OpenMetadata 1.12 and 1.13 renew tokens through Keycloak, so their users sign in again after 8 hours without use, or 8 hours at most.",
    );
  });

  test("ensure an SSO Session Idle shorter than the access token lifespan gets advice", async ({ realm }) => {
    await changeRealm(realm, { accessTokenLifespan: 900, ssoSessionIdleTimeout: 600 });
    const { result } = await signInWithDoctor(realm, ["--session-expiry", "86400"]);
    expect(result.code).toBe(0);
    // What the advice rests on: Keycloak's refresh token ends with SSO Session Idle, before the access token.
    expect(steadyRefresh(result).stdout).toContain(
      "      Tokens: access token for 15 minutes, refresh token for 10 minutes.\n",
    );
    expect(result.line("SSO sessions")).toBe(
      "WARN  SSO sessions: idle 10 minutes, at most 10 hours; OpenMetadata's own session lasts 1 day. SSO Session Idle is shorter than the access token lifespan (15 minutes): the session ends before its first token does, so on OpenMetadata 1.12 and 1.13, which renew tokens through Keycloak, users sign in again each time a token expires. Raise SSO Session Idle above 15 minutes in Realm settings, Sessions tab.",
    );
  });

  test("ensure an access token lifespan over an hour gets advice, naming where it is set", async ({ realm }) => {
    await changeRealm(realm, { accessTokenLifespan: 7200, ssoSessionIdleTimeout: 36000 });
    const result = await runDoctor(realm);
    expect(result.code).toBe(0);
    expect(result.line("Access token lifespan")).toBe(
      "WARN  Access token lifespan: 2 hours. A token that leaks stays usable that long: lower Access Token Lifespan in Realm settings, Tokens tab to minutes (Keycloak's default is 5 minutes).",
    );

    await changeClient(realm, { attributes: { "access.token.lifespan": "5400" } });
    const overridden = await runDoctor(realm);
    expect(overridden.line("Access token lifespan")).toBe(
      "WARN  Access token lifespan: 90 minutes. A token that leaks stays usable that long: lower Access Token Lifespan on the client's Advanced tab to minutes (Keycloak's default is 5 minutes).",
    );
  });
});

describe("bad input: one sentence naming what to fix, exit code 2, nothing changed", () => {
  test("ensure a Keycloak URL with /auth says to remove /auth", async ({ realm }) => {
    const result = await runDoctor(realm, {
      args: ["--realm-url", `${realm.keycloakUrl}/auth/realms/${realm.realm}`],
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `${realm.keycloakUrl}/auth/realms/${realm.realm}/.well-known/openid-configuration answers 404, but ${issuer(realm)} is the realm: Keycloak 17 and later serve realms without /auth, so remove /auth from the Keycloak URL.\n`,
    );
  });

  test("ensure a realm that does not exist is named", async ({ realm }) => {
    const result = await runDoctor(realm, { args: ["--realm-url", `${realm.keycloakUrl}/realms/OpenMetadata`] });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `Keycloak at ${realm.keycloakUrl} has no realm "OpenMetadata": check the realm's name, as the admin console's realm list shows it.\n`,
    );
  });

  test("ensure wrong admin credentials stop the doctor, even with --fix, before anything changed", async ({
    realm,
  }) => {
    await changeClient(realm, { implicitFlowEnabled: true });
    const before = await readClient(realm);
    const result = await runDoctor(realm, { env: { KEYCLOAK_ADMIN_PASSWORD: "not-the-password" }, args: ["--fix"] });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'Keycloak refused the admin sign-in ("Invalid user credentials"): check KEYCLOAK_ADMIN_USERNAME and KEYCLOAK_ADMIN_PASSWORD, an admin of the master realm.\n',
    );
    expect(await readClient(realm)).toEqual(before);
  });

  test("ensure an unreachable host is named, with what to check", async ({ realm }) => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const result = await runDoctor(realm, { args: ["--realm-url", `${closed}/realms/openmetadata`] });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `Cannot reach ${closed} (connect ECONNREFUSED ${closed.slice("http://".length)}): check the Keycloak URL, and that Keycloak runs and this machine can reach it.\n`,
    );
  });

  test.for([
    [
      "--realm-url",
      "keycloak.example.com/realms/openmetadata",
      '--realm-url is "keycloak.example.com/realms/openmetadata", which is not a URL: write it with its scheme, like https://keycloak.example.com.',
    ],
    [
      "--openmetadata-url",
      "localhost:8585",
      '--openmetadata-url is "localhost:8585": it must start with https:// (or http://).',
    ],
    [
      "--realm-url",
      "https://keycloak.example.com/admin/master/console/",
      '--realm-url is "https://keycloak.example.com/admin/master/console/": it must end with /realms/<realm>, like https://keycloak.example.com/realms/openmetadata.',
    ],
  ])("ensure a malformed URL in %s is named, with its right form", async ([flag, value, sentence], { realm }) => {
    const result = await runDoctor(realm, { args: [flag ?? "", value ?? ""] });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(`${sentence}\n`);
  });

  test("ensure an OpenID Connect server that is not Keycloak is named", async ({ realm }) => {
    const server = await serveFakeDiscovery();
    try {
      const { port } = server.address() as AddressInfo;
      const other = `http://127.0.0.1:${port}`;
      const result = await runDoctor(realm, { args: ["--realm-url", `${other}/realms/openmetadata`] });
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `${other} answers OpenID Connect discovery, but not as Keycloak does (its token endpoint is ${other}/oauth2/v1/token): point the Keycloak URL at your Keycloak.\n`,
      );
    } finally {
      server.close();
    }
  });
});

describe("read-only unless --fix, and never the secret", () => {
  /** The misconfigurations --fix can correct, all at once. */
  async function misconfigure(realm: ProvisionedRealm) {
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

  test("ensure that without --fix nothing on the server changes", async ({ realm }) => {
    await misconfigure(realm);
    const before = await readClient(realm);
    const result = await runDoctor(realm);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "\nVerdict: not ready (4 failed, 2 warnings, 10 passed, 1 skipped). Do what each FAIL line says (--fix does it for all of them), then run the doctor again.\n",
    );
    expect(await readClient(realm)).toEqual(before);
    await expect(forThePage(result, realm)).toMatchFileSnapshot(page("failing"));
  });

  test("ensure --fix corrects what it says it corrected, and a second run passes", async ({ realm }) => {
    await misconfigure(realm);
    const fixed = await runDoctor(realm, { args: ["--fix"] });
    expect(fixed.code).toBe(0);
    expect(fixed.stdout.split("\n").filter((line) => line.startsWith("FIXED"))).toEqual([
      "FIXED Authorization: turned Off.",
      "FIXED Implicit flow: turned Off.",
      "FIXED Direct access grants: turned Off.",
      `FIXED Valid redirect URIs: set to exactly ${realm.callbackUrl}.`,
      `FIXED Web origins: ${realm.openMetadataUrl} added, * removed.`,
      "FIXED Client scope email: added as Default.",
    ]);
    await expect(forThePage(fixed, realm)).toMatchFileSnapshot(page("fixed"));

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
    const again = await runDoctor(realm);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toMatch(/^(FAIL|WARN|FIXED)/m);
  });

  test("ensure the secret never appears in what the doctor prints, even typed into another setting", async ({
    realm,
  }) => {
    const runs = [await runDoctor(realm), await runDoctor(realm, { args: ["--client-id", realm.secret] })];
    for (const run of runs) expect(`${run.stdout}${run.stderr}`).not.toContain(realm.secret);
    expect(runs[1]?.stdout).toContain("Checking client ******** of realm");
  });
});

describe("--sign-in: a real sign-in, and who OpenMetadata takes the user for", () => {
  test("ensure --sign-in shows the claims OpenMetadata reads and the name and email it derives", async ({ realm }) => {
    // The principal domain every deployment page and the generator set.
    const signedIn = await signInWithDoctor(realm, ["--principal-domain", "example.com"]);
    const { callbackUrl } = signedIn;
    const result = steadyRefresh(signedIn.result);
    expect(result.code).toBe(0);
    const sub = /sub "([^"]+)"/.exec(result.stdout)?.[1] ?? "";
    expect(result.stdout).toContain(
      "PASS  Sign-in: admin-user signed in; the code exchange gave an ID token for open-metadata, signed by the realm.\n" +
        `      Claims OpenMetadata reads (principal claims email, preferred_username, sub): email "admin-user@example.com", preferred_username "admin-user", sub "${sub}".\n` +
        "      OpenMetadata's user: name admin-user, email admin-user@example.com (principal domain example.com).\n" +
        // The refresh token lasts as long as SSO Session Idle (30 minutes by default).
        "      Tokens: access token for 5 minutes, refresh token for 30 minutes.\n",
    );
    await expect(
      forThePage(result, realm, [
        [callbackUrl, "http://localhost:8400/callback"],
        [encodeURIComponent(callbackUrl), encodeURIComponent("http://localhost:8400/callback")],
        [/state=[\w-]+/, "state=…"],
        [/nonce=[\w-]+/, "nonce=…"],
        [sub, "…"],
      ]),
    ).toMatchFileSnapshot(page("sign-in"));
  });

  test("ensure --principal-claims and --principal-domain change the derived user as OpenMetadata's settings do", async ({
    realm,
  }) => {
    const { result } = await signInWithDoctor(realm, [
      "--principal-claims",
      "preferred_username,email,sub",
      "--principal-domain",
      "example.org",
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "      OpenMetadata's user: name admin-user, email admin-user@example.org (principal domain example.org).\n",
    );
  });

  test("ensure an email scope that is only Optional is a warning, and a sign-in still gets the email", async ({
    realm,
  }) => {
    await changeDefaultScope(realm, "email", "optional");
    const { result } = await signInWithDoctor(realm);
    expect(result.code).toBe(0);
    expect(result.line("Client scope email")).toBe(
      "WARN  Client scope email: Optional, not Default. OpenMetadata's scope setting (OIDC_SCOPE, \"openid email profile\" by default) asks for it, so tokens carry it; make it Default on the client's Client scopes tab, so they do whatever that setting says.",
    );
    expect(result.stdout).toContain('email "admin-user@example.com"');
  });

  test("ensure --sign-in with a callback Keycloak refuses says so at once, instead of waiting", async ({ realm }) => {
    const callbackUrl = `http://127.0.0.1:${await freePort()}/callback`;
    const result = await runDoctor(realm, { args: ["--sign-in", "--callback-url", callbackUrl] });
    expect(result.code).toBe(1);
    expect(result.line("Sign-in")).toBe(
      `FAIL  Sign-in: Keycloak answers "Invalid parameter: redirect_uri". Add ${callbackUrl} to the client's Valid redirect URIs while you try this (or choose another with --callback-url), and remove it afterwards.`,
    );
  });
});

/** Runs the doctor with --sign-in and signs admin-user in at Keycloak's login page. */
async function signInWithDoctor(realm: ProvisionedRealm, args: string[] = []) {
  const callbackUrl = `http://127.0.0.1:${await freePort()}/callback`;
  await changeClient(realm, { redirectUris: [realm.callbackUrl, callbackUrl] });
  const doctor = startDoctor(realm, { args: ["--sign-in", "--callback-url", callbackUrl, ...args] });
  try {
    const printed = await doctor.waitFor(/Open this URL in a browser and sign in:\n(\S+)\n/);
    const browser = new HttpBrowser();
    const callback = await signInAtKeycloak(browser, new URL(printed[1] ?? ""), "admin-user", ADMIN_USER_PASSWORD);
    await browser.request(callback);
    return { result: await doctor.result, callbackUrl };
  } finally {
    doctor.stop();
  }
}

/** A local OpenID Connect provider's discovery document, shaped as many non-Keycloak servers shape it. */
async function serveFakeDiscovery(): Promise<Server> {
  const server = createServer((request, response) => {
    const { port } = server.address() as AddressInfo;
    const base = `http://127.0.0.1:${port}`;
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
