/**
 * examples/shared/failures.ts: the lines the scripts print for failures a test cannot provoke against
 * the real Keycloak here (an expired certificate, a certificate for another host, an unknown host),
 * and the advice for each kind of issuer mismatch. The failures a real Keycloak gives are tested with
 * each script (tests/examples/keycloak, networks, doctor).
 */
import { describe, expect, it } from "vitest";
import { issuerMismatch, unreachable } from "../../../examples/shared/failures";

/** What fetch throws when it gets no answer: a TypeError whose cause carries Node's error code. */
function fetchFailure(code: string, message: string): TypeError {
  return new TypeError("fetch failed", { cause: Object.assign(new Error(message), { code }) });
}

const url = "https://keycloak.example.com/realms/openmetadata/.well-known/openid-configuration";

describe("unreachable: why fetch got no answer", () => {
  it.each([
    ["SELF_SIGNED_CERT_IN_CHAIN", "self-signed certificate in certificate chain"],
    ["UNABLE_TO_VERIFY_LEAF_SIGNATURE", "unable to verify the first certificate"],
    ["UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "unable to get local issuer certificate"],
    ["DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed certificate"],
  ])(
    "names NODE_EXTRA_CA_CERTS for a certificate signed by an authority Node.js does not know (%s)",
    (code, message) => {
      expect(unreachable(fetchFailure(code, message), url)).toBe(
        `Node.js does not trust Keycloak's certificate at https://keycloak.example.com (${message}): give it your certificate authority, e.g. NODE_EXTRA_CA_CERTS=ca.pem.`,
      );
    },
  );

  it("says to renew an expired certificate", () => {
    expect(unreachable(fetchFailure("CERT_HAS_EXPIRED", "certificate has expired"), url)).toBe(
      "Node.js does not trust Keycloak's certificate at https://keycloak.example.com (certificate has expired): it has expired, renew it.",
    );
  });

  it("says a certificate for another host is not for this one", () => {
    const error = fetchFailure("ERR_TLS_CERT_ALTNAME_INVALID", "Hostname/IP does not match certificate's altnames");
    expect(unreachable(error, url)).toBe(
      "Node.js does not trust Keycloak's certificate at https://keycloak.example.com (Hostname/IP does not match certificate's altnames): it is not for keycloak.example.com. Use the address it names, or give Keycloak one for keycloak.example.com.",
    );
  });

  it("names the host it could not find", () => {
    expect(unreachable(fetchFailure("ENOTFOUND", "getaddrinfo ENOTFOUND keycloak.example.com"), url)).toBe(
      "Cannot reach https://keycloak.example.com (getaddrinfo ENOTFOUND keycloak.example.com): check the Keycloak URL, and that Keycloak runs and this machine can reach it.",
    );
  });

  it("says how long it waited", () => {
    expect(unreachable(new DOMException("The operation was aborted due to timeout", "TimeoutError"), url)).toBe(
      "No answer from https://keycloak.example.com within 10 seconds: check the Keycloak URL, and that Keycloak runs and this machine can reach it.",
    );
  });

  it("leaves other errors to the script", () => {
    expect(unreachable(new Error("something else"), url)).toBeUndefined();
  });
});

describe("issuerMismatch: what to change when Keycloak names another issuer", () => {
  const given = "https://keycloak.example.com/realms/openmetadata";
  const proxyAdvice =
    "Behind a proxy, run Keycloak with KC_PROXY_HEADERS=xforwarded and have the proxy send X-Forwarded-Proto, X-Forwarded-Host and X-Forwarded-Port; or set KC_HOSTNAME=https://keycloak.example.com.";

  it.each([
    ["http on the same host and port", "http://keycloak.example.com/realms/openmetadata"],
    ["http on Keycloak's own port", "http://keycloak.example.com:8080/realms/openmetadata"],
    ["Keycloak's own address, in plain http", "http://keycloak-0.internal:8080/realms/openmetadata"],
    ["another port on the same host", "https://keycloak.example.com:8443/realms/openmetadata"],
  ])("names KC_PROXY_HEADERS first, never the http issuer, for %s", (_case, issuer) => {
    const advice = issuerMismatch(issuer, given);
    expect(advice).toBe(
      `Keycloak names its realm ${issuer}, not ${given}: OpenID Connect requires the two to be the same. ${proxyAdvice}`,
    );
    expect(advice).not.toContain("everywhere");
  });

  it("offers the issuer itself when Keycloak names another host, without leaving https", () => {
    const issuer = "https://sso.example.com/realms/openmetadata";
    expect(issuerMismatch(issuer, given)).toBe(
      `Keycloak names its realm ${issuer}, not ${given}: OpenID Connect requires the two to be the same. Make Keycloak name the address users open (KC_HOSTNAME=https://keycloak.example.com, or the realm's Frontend URL), or use ${issuer} everywhere in OpenMetadata's configuration.`,
    );
  });
});
