/**
 * The configuration OpenMetadata gets from the Docker env file, against the real Keycloak: the
 * discovery URI, the keys, the callback and the client credentials all have to work together.
 */
import { readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discoverKeycloak, startLogin } from "../../../examples/auth-code-flow/oidc";
import { keycloakClientSettings, renderDockerEnv } from "../../../examples/openmetadata/render";
import { documentedSettings, type KeycloakSsoSettings } from "../../../examples/openmetadata/settings";
import {
  ADMIN_USER_PASSWORD,
  adminClient,
  freeAppUrl,
  HttpBrowser,
  keycloak,
  provision,
  type RunningApp,
  removeRealm,
  signInAtKeycloak,
  startApp,
} from "../../support/examples-kit";
import { openMetadataArtifacts } from "../../support/openmetadata-artifacts";
import { serverConfiguration } from "../../support/openmetadata-config";

const realm = "openmetadata-config";
type Oidc = { id: string; secret: string; discoveryUri: string; callbackUrl: string; serverUrl: string };
type Authentication = { authority: string; publicKeyUrls: string[]; oidcConfiguration: Oidc };

describe("the Docker configuration against the real Keycloak", () => {
  let settings: KeycloakSsoSettings;
  let authentication: Authentication;
  let app: RunningApp | undefined;

  beforeAll(async () => {
    const openMetadataUrl = await freeAppUrl();
    await removeRealm(realm);
    const { secret } = await provision(realm, openMetadataUrl);
    settings = { ...documentedSettings, keycloakUrl: keycloak().url, realm, clientSecret: secret, openMetadataUrl };
    const template = readFileSync((await openMetadataArtifacts()).confFile, "utf8");
    const config = serverConfiguration(template, parseEnv(renderDockerEnv(settings)));
    authentication = config.authenticationConfiguration as Authentication;
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("the discovery URI answers, naming the configured authority as issuer", async () => {
    const discovery = await (await fetch(authentication.oidcConfiguration.discoveryUri)).json();
    expect(discovery.issuer).toBe(authentication.authority);
  });

  it("the realm's public key URL serves RS256 signing keys", async () => {
    const keysUrl = authentication.publicKeyUrls.find((url) => url.startsWith(keycloak().url)) ?? "";
    const { keys } = await (await fetch(keysUrl)).json();
    expect(keys).toContainEqual(expect.objectContaining({ kty: "RSA", alg: "RS256", use: "sig" }));
  });

  it("the callback URL is one of the client's valid redirect URIs", async () => {
    const admin = await adminClient(realm);
    const [client] = await admin.clients.find({ clientId: authentication.oidcConfiguration.id });
    expect(client?.redirectUris).toContain(authentication.oidcConfiguration.callbackUrl);
  });

  it("the client in Keycloak says what the generator tells readers to check", async () => {
    const admin = await adminClient(realm);
    const [client] = await admin.clients.find({ clientId: settings.clientId });
    const expected = keycloakClientSettings(settings);
    expect({
      "Client ID": client?.clientId,
      "Root URL": client?.rootUrl,
      "Valid redirect URIs": client?.redirectUris?.join(" "),
      "Valid post logout redirect URIs": client?.attributes?.["post.logout.redirect.uris"],
      "Web origins": client?.webOrigins?.join(" "),
    }).toEqual(expected);
  });

  it("the configured client ID and secret complete a real code exchange", async () => {
    const oidc = authentication.oidcConfiguration;
    app = await startApp(oidc.serverUrl, {
      KEYCLOAK_URL: authentication.authority.replace(/\/realms\/[^/]+$/, ""),
      KEYCLOAK_REALM: realm,
      OIDC_CLIENT_ID: oidc.id,
      OIDC_CLIENT_SECRET: oidc.secret,
    });
    const browser = new HttpBrowser();
    await browser.request(await signInAtKeycloak(browser, oidc.serverUrl, "admin-user", ADMIN_USER_PASSWORD));
    expect(await (await browser.request(`${oidc.serverUrl}/me`)).json()).toMatchObject({ principal: "admin-user" });
  });

  describe("upstream defects, against the same Keycloak", () => {
    it("the pre-Keycloak-17 /auth/realms path answers 404", async () => {
      const legacy = authentication.oidcConfiguration.discoveryUri.replace("/realms/", "/auth/realms/");
      expect((await fetch(legacy)).status).toBe(404);
    });

    it("an authority pointing at the /protocol/openid-connect/auth endpoint has no discovery document", async () => {
      const endpointAuthority = `${authentication.authority}/protocol/openid-connect/auth`;
      expect((await fetch(`${endpointAuthority}/.well-known/openid-configuration`)).status).toBe(404);
    });

    it("a callback on another host than the one registered stops at Keycloak's redirect_uri error", async () => {
      const oidcSettings = {
        keycloakUrl: keycloak().url,
        realm,
        clientId: authentication.oidcConfiguration.id,
        clientSecret: authentication.oidcConfiguration.secret,
        clientAuthMethod: "client_secret_post" as const,
        callbackUrl: authentication.oidcConfiguration.callbackUrl.replace("127.0.0.1", "localhost"),
      };
      const { redirectTo } = await startLogin(await discoverKeycloak(oidcSettings), oidcSettings);
      const page = await fetch(redirectTo, { redirect: "manual" });
      expect(page.status).toBe(400);
      expect(await page.text()).toContain("Invalid parameter: redirect_uri");
    });
  });
});
