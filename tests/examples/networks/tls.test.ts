/**
 * Keycloak behind a TLS reverse proxy whose certificate a private authority signed: what Keycloak
 * names as its issuer, and what Node.js (sign-in.ts, check-realm.ts, the doctor) and Java
 * (CheckTls.java, as OpenMetadata's server) make of the certificate before and after they are given
 * the authority.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { findJava } from "../../../tooling/keycloak/java";
import { freePort } from "../../../tooling/keycloak/server";
import { examplesDir } from "../../../tooling/paths";
import { run } from "../../../tooling/process";
import { runDoctorCommand } from "../../support/doctor";
import { runExample, signIn, startExample } from "../../support/examples";
import { describe, expect, test } from "../../support/fixtures";
import { HttpBrowser } from "../../support/http-browser";
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

/** What the Node.js scripts say behind a proxy that does not tell Keycloak the address users reached. */
const proxyAdvice = (behind: TlsProxy) =>
  "Behind a proxy, run Keycloak with KC_PROXY_HEADERS=xforwarded and have the proxy send X-Forwarded-Proto, " +
  `X-Forwarded-Host and X-Forwarded-Port; or set KC_HOSTNAME=${behind.url}.`;

/** What they say when Node.js does not know the authority that signed the proxy's certificate. */
const distrusted = (behind: TlsProxy) =>
  `Node.js does not trust Keycloak's certificate at ${behind.url} (self-signed certificate in certificate chain): ` +
  "give it your certificate authority, e.g. NODE_EXTRA_CA_CERTS=ca.pem.";

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

/** Runs examples/networks/truststore.sh in `cwd` with the PEM files given, as the Networks page says. */
function truststore(cwd: string, ...caFiles: string[]) {
  return run("sh", [join(examplesDir, "networks/truststore.sh"), ...caFiles], {
    cwd,
    env: {
      PATH: `${join(findJava().home, "bin")}:${process.env.PATH}`,
      HOME: process.env.HOME,
      JAVA_HOME: findJava().home,
    },
  });
}

/** The aliases in the truststore truststore.sh built in `cwd`. */
async function aliases(cwd: string): Promise<string[]> {
  const keytool = join(findJava().home, "bin/keytool");
  const listed = await run(keytool, ["-list", "-keystore", "openmetadata-truststore.p12", "-storepass", "changeit"], {
    cwd,
    env: {},
  });
  return [...listed.stdout.matchAll(/^([^,\n]+),/gm)].map(([, alias]) => alias ?? "");
}

const withTruststore = (store: string) => [
  `-Djavax.net.ssl.trustStore=${store}`,
  "-Djavax.net.ssl.trustStorePassword=changeit",
];

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
        `Keycloak names its realm ${keycloak().url}/realms/${realm.realm}, not ${bareProxy.url}/realms/${realm.realm}: ` +
        `OpenID Connect requires the two to be the same. ${proxyAdvice(bareProxy)}`,
    );
  });

  test("sign-in.ts fails on the private authority's certificate, then signs in once Node.js trusts it", async ({
    realm,
  }) => {
    const untrusted = await startExample("auth-code-flow/sign-in.ts", { ...realm.signInEnv, KEYCLOAK_URL: proxy.url })
      .ended;
    expect(untrusted.code).toBe(1);
    expect(untrusted.stderr.trim()).toBe(
      `Discovery at ${proxy.url}/realms/${realm.realm}/.well-known/openid-configuration failed: ${distrusted(proxy)}`,
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

    const store = await truststore(dir, authority.caFile);
    expect(store.code, store.stderr).toBe(0);
    expect(store.stdout).toContain(`-Djavax.net.ssl.trustStore=${dir}/openmetadata-truststore.p12`);

    const trusted = await checkTls(url, withTruststore(join(dir, "openmetadata-truststore.p12")));
    expect(trusted.stderr).toBe("");
    expect(trusted.stdout.trim()).toBe(`HTTP 200 from ${url}: this Java trusts the certificate.`);
  });
});

describe("the doctor and check-realm.ts behind the proxies", () => {
  test("behind a proxy without X-Forwarded headers: both name KC_PROXY_HEADERS, and the doctor still checks the rest", async ({
    realm,
  }) => {
    const realmUrl = `${bareProxy.url}/realms/${realm.realm}`;
    const env = { NODE_EXTRA_CA_CERTS: authority.caFile };
    const mismatch = `Keycloak names its realm ${keycloak().url}/realms/${realm.realm}, not ${realmUrl}: OpenID Connect requires the two to be the same. ${proxyAdvice(bareProxy)}`;

    const doctor = await runDoctorCommand(realm, { env, args: ["--realm-url", realmUrl, "--sign-in"] });
    expect(doctor.stderr).toBe("");
    expect(doctor.code, "a failed check, not a doctor that could not check").toBe(1);
    expect(doctor.line("Issuer")).toBe(`FAIL  Issuer: ${mismatch}`);
    expect(doctor.line("Signing keys")).toBe(
      `PASS  Signing keys: 1 RS256 key at ${realmUrl}/protocol/openid-connect/certs.`,
    );
    expect(doctor.line("Client secret")).toBe(
      "PASS  Client secret: Keycloak accepts it for the client ID (client_secret_post).",
    );
    expect(doctor.line("Sign-in")).toBe(
      "SKIP  Sign-in: fix the issuer first: OpenMetadata refuses tokens from another issuer.",
    );

    const check = await runExample("keycloak/check-realm.ts", {
      ...env,
      KEYCLOAK_URL: bareProxy.url,
      KEYCLOAK_REALM: realm.realm,
    });
    expect(check.code).toBe(1);
    expect(check.stderr).toBe(`${mismatch}\n`);
  });

  test("with a certificate Node.js does not trust: both name NODE_EXTRA_CA_CERTS, and pass once given it", async ({
    realm,
  }) => {
    const realmUrl = `${proxy.url}/realms/${realm.realm}`;
    const doctor = await runDoctorCommand(realm, { args: ["--realm-url", realmUrl] });
    expect(doctor.code).toBe(2);
    expect(doctor.stderr).toBe(`${distrusted(proxy)}\n`);
    const check = await runExample("keycloak/check-realm.ts", { KEYCLOAK_URL: proxy.url, KEYCLOAK_REALM: realm.realm });
    expect(check.code).toBe(1);
    expect(check.stderr).toBe(`${distrusted(proxy)}\n`);

    const env = { NODE_EXTRA_CA_CERTS: authority.caFile };
    const trusted = await runDoctorCommand(realm, { env, args: ["--realm-url", realmUrl] });
    expect(trusted.stderr).toBe("");
    expect(trusted.code).toBe(0);
    expect(trusted.stdout).toContain("\nVerdict: ready for OpenMetadata");
    const checked = await runExample("keycloak/check-realm.ts", {
      ...env,
      KEYCLOAK_URL: proxy.url,
      KEYCLOAK_REALM: realm.realm,
    });
    expect(checked.stderr).toBe("");
    expect(checked.stdout).toContain(`Authority (AUTHENTICATION_AUTHORITY): ${realmUrl}\n`);
  });

  test("with http:// for an address that serves HTTPS: the doctor says to write https://", async ({ realm }) => {
    const plain = proxy.url.replace("https://", "http://");
    const doctor = await runDoctorCommand(realm, { args: ["--realm-url", `${plain}/realms/${realm.realm}`] });
    expect(doctor.code).toBe(2);
    expect(doctor.stderr).toMatch(
      new RegExp(`^Cannot reach ${plain} \\([^)]+\\): if it serves HTTPS, the URL starts with https://\\.\\n$`),
    );
  });
});

describe("truststore.sh", () => {
  test("builds the store anew on a second run, with several authorities, and says little", async () => {
    const work = mkdtempSync(join(tmpdir(), "truststore-"));
    try {
      const other = privateAuthority(mkdtempSync(join(work, "other-")));
      copyFileSync(other.caFile, join(work, "other-ca.pem"));
      copyFileSync(authority.caFile, join(work, "ca.pem"));
      expect((await truststore(work, "ca.pem")).code).toBe(0);

      const again = await truststore(work, "ca.pem", "other-ca.pem");
      expect(again.stderr).toBe("");
      expect(again.code).toBe(0);
      expect(again.stdout).toBe(
        [
          "Added ca.pem (alias ca), next to the authorities Java trusts.",
          "Added other-ca.pem (alias other-ca), next to the authorities Java trusts.",
          "Start OpenMetadata with:",
          `OPENMETADATA_OPTS="-Djavax.net.ssl.trustStore=${work}/openmetadata-truststore.p12 -Djavax.net.ssl.trustStorePassword=changeit"`,
          "",
        ].join("\n"),
      );
      expect(await aliases(work)).toEqual(expect.arrayContaining(["ca", "other-ca"]));
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  test("a file that is not there: keytool's error, and the store left as it was", async () => {
    const work = mkdtempSync(join(tmpdir(), "truststore-"));
    try {
      copyFileSync(authority.caFile, join(work, "ca.pem"));
      expect((await truststore(work, "ca.pem")).code).toBe(0);
      const failed = await truststore(work, "no-such-ca.pem");
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain("no-such-ca.pem (No such file or directory)");
      expect(await aliases(work)).toContain("ca");
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe("CheckTls.java: one line for each way it can fail", () => {
  const reach = "check the URL, and that this machine can reach it.";

  test("a URL that is not https: nothing to check", async () => {
    const url = `${keycloak().url}/realms/master/.well-known/openid-configuration`;
    const result = await checkTls(url);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `${url}: this checks TLS; give the https URL, e.g. https://keycloak.example.com/realms/openmetadata\n`,
    );
  });

  test("an answer that is not a success: the status, and exit code 1", async () => {
    const store = await truststore(dir, authority.caFile);
    expect(store.code).toBe(0);
    const url = discoveryOf(proxy.url, "no-such-realm");
    const result = await checkTls(url, withTruststore(join(dir, "openmetadata-truststore.p12")));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      `HTTP 404 from ${url}: this Java trusts the certificate, but the URL is wrong: check it.\n`,
    );
  });

  test("nothing listening: host and port", async () => {
    const port = await freePort();
    const result = await checkTls(`https://127.0.0.1:${port}/realms/openmetadata`);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`Cannot connect to 127.0.0.1:${port}: ${reach}\n`);
  });

  test("a host that does not resolve: host and port", async () => {
    // Java's own hosts file, empty: the name does not resolve, and no DNS server is asked.
    const hosts = join(dir, "no-hosts");
    writeFileSync(hosts, "");
    const result = await checkTls("https://keycloak.example.com/realms/openmetadata", [
      `-Djdk.net.hosts.file=${hosts}`,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`Unknown host keycloak.example.com:443: ${reach}\n`);
  });

  test("a server that never answers: host and port, after 10 seconds", async () => {
    const silent: Server = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = silent.address() as { port: number };
      const result = await checkTls(`https://127.0.0.1:${port}/realms/openmetadata`);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`No answer from 127.0.0.1:${port} within 10 seconds: ${reach}\n`);
    } finally {
      silent.close();
    }
  });
});
