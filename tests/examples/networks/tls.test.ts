/**
 * Keycloak behind a TLS reverse proxy whose certificate a private authority signed: what Keycloak
 * names as its issuer, and what Node.js (sign-in.ts) and Java (CheckTls.java, as OpenMetadata's server)
 * make of the certificate before and after they are given the authority.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { signIn, startExample } from "../../support/examples";
import { describe, expect, test } from "../../support/fixtures";
import { HttpBrowser } from "../../support/http-browser";
import { findJava } from "../../support/keycloak/java";
import { examplesDir } from "../../support/paths";
import { run } from "../../support/process";
import { ADMIN_USER_PASSWORD, keycloak } from "../../support/realm";
import { type PrivateAuthority, privateAuthority, startTlsProxy, type TlsProxy } from "../../support/tls";

let dir: string;
let authority: PrivateAuthority;
let proxy: TlsProxy;
let bareProxy: TlsProxy;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "networks-"));
  authority = privateAuthority(dir);
  proxy = await startTlsProxy(keycloak().url, authority, { forwardedHeaders: true });
  bareProxy = await startTlsProxy(keycloak().url, authority, { forwardedHeaders: false });
});

afterAll(async () => {
  await proxy?.close();
  await bareProxy?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const discoveryOf = (base: string, realm: string) => `${base}/realms/${realm}/.well-known/openid-configuration`;

async function issuerAt(base: string, realm: string): Promise<string> {
  const answer = await authority.trustingFetch(discoveryOf(base, realm));
  return (await answer.json()).issuer;
}

/** Runs examples/networks/CheckTls.java with the Java that runs Keycloak, as OpenMetadata's server would. */
function checkTls(url: string, javaOptions: string[] = []) {
  const java = join(findJava().home, "bin/java");
  return run(java, [...javaOptions, join(examplesDir, "networks/CheckTls.java"), url], {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
  });
}

describe("Keycloak behind a TLS proxy, with a private certificate authority", () => {
  test("names its issuer from the address it is reached at, unless a proxy says otherwise", async ({ realm }) => {
    const direct = new URL(keycloak().url);
    expect(await issuerAt(keycloak().url, realm.realm)).toBe(`${keycloak().url}/realms/${realm.realm}`);
    expect(await issuerAt(`http://localhost:${direct.port}`, realm.realm)).toBe(
      `http://localhost:${direct.port}/realms/${realm.realm}`,
    );
    expect(await issuerAt(proxy.url, realm.realm)).toBe(`${proxy.url}/realms/${realm.realm}`);
    // A proxy that says nothing of the address users reached: Keycloak names its own, plain http.
    expect(await issuerAt(bareProxy.url, realm.realm)).toBe(`${keycloak().url}/realms/${realm.realm}`);
  });

  test("sign-in.ts refuses the issuer behind a proxy without X-Forwarded headers", async ({ realm }) => {
    const script = startExample("auth-code-flow/sign-in.ts", {
      ...realm.signInEnv,
      KEYCLOAK_URL: bareProxy.url,
      NODE_EXTRA_CA_CERTS: authority.caFile,
    });
    const result = await script.ended;
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      `Discovery at ${bareProxy.url}/realms/${realm.realm}/.well-known/openid-configuration failed: ` +
        "discovered metadata issuer does not match the expected issuer: Keycloak names another address as its issuer. " +
        "Behind a proxy, run Keycloak with KC_PROXY_HEADERS=xforwarded, or set KC_HOSTNAME to the address in KEYCLOAK_URL.",
    );
  });

  test("sign-in.ts fails on the private authority's certificate, then signs in once Node.js trusts it", async ({
    realm,
  }) => {
    const untrusted = await startExample("auth-code-flow/sign-in.ts", { ...realm.signInEnv, KEYCLOAK_URL: proxy.url })
      .ended;
    expect(untrusted.code).toBe(1);
    expect(untrusted.stderr.trim()).toBe(
      `Discovery at ${proxy.url}/realms/${realm.realm}/.well-known/openid-configuration failed: ` +
        "Keycloak's certificate is not trusted here (self-signed certificate in certificate chain): " +
        "give Node.js your certificate authority, e.g. NODE_EXTRA_CA_CERTS=ca.pem.",
    );

    const trusted = await signIn({
      env: { ...realm.signInEnv, KEYCLOAK_URL: proxy.url, NODE_EXTRA_CA_CERTS: authority.caFile },
      username: "admin-user",
      password: ADMIN_USER_PASSWORD,
      browser: new HttpBrowser({ fetch: authority.trustingFetch }),
    });
    expect(trusted.stderr).toBe("");
    expect(trusted.claims).toMatchObject({
      iss: `${proxy.url}/realms/${realm.realm}`,
      preferred_username: "admin-user",
    });
  });

  test("Java refuses the certificate with PKIX path building failed, then trusts it with truststore.sh's truststore", async ({
    realm,
  }) => {
    const url = discoveryOf(proxy.url, realm.realm);
    const refused = await checkTls(url);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("PKIX path building failed");

    const store = await run("sh", [join(examplesDir, "networks/truststore.sh"), authority.caFile], {
      cwd: dir,
      env: {
        PATH: `${join(findJava().home, "bin")}:${process.env.PATH}`,
        HOME: process.env.HOME,
        JAVA_HOME: findJava().home,
      },
    });
    expect(store.code, store.stderr).toBe(0);
    expect(store.stdout).toContain(`-Djavax.net.ssl.trustStore=${dir}/openmetadata-truststore.p12`);

    const trusted = await checkTls(url, [
      `-Djavax.net.ssl.trustStore=${join(dir, "openmetadata-truststore.p12")}`,
      "-Djavax.net.ssl.trustStorePassword=changeit",
    ]);
    expect(trusted.stderr).toBe("");
    expect(trusted.stdout.trim()).toBe(`HTTP 200 from ${url}: this Java trusts the certificate.`);
  });
});
