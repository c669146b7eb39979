/**
 * The Docker env file, as OpenMetadata's server reads it, against the real Keycloak: the discovery
 * URI, the keys, the callback and the client credentials have to work together.
 */
import { parseEnv } from "node:util";
import { keycloakClientSettings, renderDockerEnv } from "../../../src/lib/openmetadata/render";
import { serverConfiguration } from "../../../src/lib/openmetadata/server";
import { documentedSettings, type KeycloakSsoSettings } from "../../../src/lib/openmetadata/settings";
import { signIn } from "../../support/examples";
import { describe, expect, test } from "../../support/fixtures";
import { ADMIN_USER_PASSWORD, adminClient, type ProvisionedRealm } from "../../support/realm";

/** The realm's values in the documented settings, and what OpenMetadata's server reads from the env file. */
function configurationFor(realm: ProvisionedRealm) {
  const settings: KeycloakSsoSettings = {
    ...documentedSettings,
    keycloakUrl: realm.keycloakUrl,
    realm: realm.realm,
    clientSecret: realm.secret,
    openMetadataUrl: realm.openMetadataUrl,
  };
  const { authenticationConfiguration } = serverConfiguration(
    settings.openMetadataLine,
    parseEnv(renderDockerEnv(settings)),
  );
  const oidc = authenticationConfiguration.oidcConfiguration as Record<string, string>;
  return { settings, authentication: authenticationConfiguration as Record<string, unknown>, oidc };
}

describe("the Docker env file against the real Keycloak", () => {
  test("its discovery URI answers, naming its authority as the issuer", async ({ realm }) => {
    const { authentication, oidc } = configurationFor(realm);
    const discovery = await (await fetch(oidc.discoveryUri ?? "")).json();
    expect(discovery.issuer).toBe(authentication.authority);
  });

  test("its Keycloak public key URL serves RS256 signing keys", async ({ realm }) => {
    const { authentication } = configurationFor(realm);
    const keysUrl = (authentication.publicKeyUrls as string[]).find((url) => url.startsWith(realm.keycloakUrl)) ?? "";
    const { keys } = await (await fetch(keysUrl)).json();
    expect(keys).toContainEqual(expect.objectContaining({ kty: "RSA", alg: "RS256", use: "sig" }));
  });

  test("the client in Keycloak holds what the generator tells readers to check", async ({ realm }) => {
    const { settings } = configurationFor(realm);
    const [client] = await (await adminClient(realm.realm)).clients.find({ clientId: settings.clientId });
    expect({
      "Client ID": client?.clientId,
      "Root URL": client?.rootUrl,
      "Home URL": client?.baseUrl,
      "Valid redirect URIs": client?.redirectUris?.join(" "),
      "Valid post logout redirect URIs": client?.attributes?.["post.logout.redirect.uris"],
      "Web origins": client?.webOrigins?.join(" "),
    }).toEqual(keycloakClientSettings(settings));
  });

  test("its client ID, secret and callback complete a real sign-in and code exchange", async ({ realm }) => {
    const { authentication, oidc } = configurationFor(realm);
    const result = await signIn({
      env: {
        KEYCLOAK_URL: String(authentication.authority).replace(/\/realms\/[^/]+$/, ""),
        KEYCLOAK_REALM: realm.realm,
        OIDC_CLIENT_ID: oidc.id ?? "",
        OIDC_CLIENT_SECRET: oidc.secret ?? "",
        OIDC_CLIENT_AUTH_METHOD: oidc.clientAuthenticationMethod ?? "",
        CALLBACK_URL: oidc.callbackUrl ?? "",
      },
      username: "admin-user",
      password: ADMIN_USER_PASSWORD,
    });
    expect(result.stderr).toBe("");
    expect(result.claims).toMatchObject({ preferred_username: "admin-user", aud: oidc.id });
  });

  describe("upstream's mistakes, against the same Keycloak", () => {
    test("an authority at the /protocol/openid-connect/auth endpoint has no discovery document", async ({ realm }) => {
      const { authentication } = configurationFor(realm);
      const endpoint = `${authentication.authority}/protocol/openid-connect/auth`;
      expect((await fetch(`${endpoint}/.well-known/openid-configuration`)).status).toBe(404);
    });
  });
});
