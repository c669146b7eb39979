/**
 * The ways a Keycloak sign-in goes wrong, one test each, named as what it ensures, each checking the
 * message sign-in.ts gives a reader.
 */

import { freePort } from "../../../tooling/keycloak/server";
import { signIn, startExample } from "../../support/examples";
import { describe, expect, test } from "../../support/fixtures";
import { ADMIN_USER_PASSWORD, realmClient } from "../../support/realm";

const adminUser = { username: "admin-user", password: ADMIN_USER_PASSWORD };

describe("failure modes", () => {
  test("ensure a wrong client secret fails the code exchange, saying to copy the secret again", async ({ realm }) => {
    const result = await signIn({ env: { ...realm.signInEnv, OIDC_CLIENT_SECRET: "not-the-secret" }, ...adminUser });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      "Sign-in failed: unauthorized_client: Invalid client or Invalid client credentials. " +
        "The client secret is wrong: copy it again from the client's Credentials tab.",
    );
  });

  test("ensure a tampered state is rejected before the code is exchanged", async ({ realm }) => {
    const result = await signIn({
      env: realm.signInEnv,
      ...adminUser,
      tamper: (callback) => {
        callback.searchParams.set("state", "forged-state");
        return callback;
      },
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'Sign-in failed: unexpected "state" response parameter value. This answer does not belong to this sign-in: start again.',
    );
  });

  test("ensure a client with standard flow off cannot start a browser sign-in, saying which switch", async ({
    realm,
  }) => {
    const { admin, client, id } = await realmClient(realm);
    await admin.clients.update({ id }, { ...client, standardFlowEnabled: false });
    try {
      const result = await signIn({ env: realm.signInEnv, ...adminUser });
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(
        "Sign-in failed: unauthorized_client: Client is not allowed to initiate browser login with given response_type. " +
          "Standard flow is disabled for the client. Turn on Standard flow in the client's Capability config.",
      );
    } finally {
      await admin.clients.update({ id }, { ...client, standardFlowEnabled: true });
    }
  });

  test("ensure a callback the client does not list is said at once, instead of waiting for a browser that never comes", async ({
    realm,
  }) => {
    const callbackUrl = `http://127.0.0.1:${await freePort()}/callback`;
    const result = await startExample("auth-code-flow/sign-in.ts", { ...realm.signInEnv, CALLBACK_URL: callbackUrl })
      .ended;
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain("Open this URL");
    expect(result.stderr).toBe(
      `Keycloak refuses the sign-in request: "Invalid parameter: redirect_uri". Add ${callbackUrl} to the client's Valid redirect URIs while you try this (or choose another with CALLBACK_URL), and remove it afterwards.\n`,
    );
  });

  test("ensure a client ID the realm does not have is said at once", async ({ realm }) => {
    const result = await startExample("auth-code-flow/sign-in.ts", {
      ...realm.signInEnv,
      OIDC_CLIENT_ID: "openmetadata",
    }).ended;
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `Keycloak refuses the sign-in request: "Client not found.". Check the client ID (OIDC_CLIENT_ID): realm ${realm.realm} has no client openmetadata.\n`,
    );
  });

  test("ensure a Keycloak URL with the pre-Keycloak-17 /auth prefix fails discovery with a 404, saying why", async ({
    realm,
  }) => {
    const script = startExample("auth-code-flow/sign-in.ts", {
      ...realm.signInEnv,
      KEYCLOAK_URL: `${realm.keycloakUrl}/auth`,
    });
    const result = await script.ended;
    const discovery = `${realm.keycloakUrl}/auth/realms/${realm.realm}/.well-known/openid-configuration`;
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      `Discovery at ${realm.keycloakUrl}/auth/realms/${realm.realm}/.well-known/openid-configuration failed: ` +
        `Keycloak answered 404 for ${discovery}. Keycloak 17 and later serve realms at /realms/<realm>, without /auth: remove /auth from KEYCLOAK_URL.`,
    );
  });
});
