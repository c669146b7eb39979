/**
 * A private certificate authority and a TLS reverse proxy in front of the run's Keycloak, for the
 * Networks page's tests. The certificates come from Java's keytool, the tool a reader of that page
 * uses; the proxy is Node's https server.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { Agent, fetch as undiciFetch } from "undici";
import { findJava } from "../../tooling/keycloak/java";

export const STORE_PASSWORD = "changeit";

export interface PrivateAuthority {
  /** The authority's certificate, PEM. */
  caPem: string;
  caFile: string;
  /** Keycloak's key and certificate chain (127.0.0.1 and localhost), PKCS#12. */
  serverP12: Buffer;
  /** fetch, trusting the authority. */
  trustingFetch: typeof fetch;
}

/** A certificate authority of its own, and a server certificate it signed, made in `dir`. */
export function privateAuthority(dir: string): PrivateAuthority {
  const keytool = join(findJava().home, "bin/keytool");
  const run = (...args: string[]) => {
    const result = spawnSync(keytool, [...args, "-storepass", STORE_PASSWORD], { cwd: dir, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`keytool ${args[0]} failed: ${result.stderr}${result.stdout}`);
  };
  const key = ["-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-storetype", "PKCS12"];
  run("-genkeypair", "-alias", "ca", "-dname", "CN=Guide Test CA", "-ext", "bc:c", "-keystore", "ca.p12", ...key);
  run("-exportcert", "-alias", "ca", "-rfc", "-file", "ca.pem", "-keystore", "ca.p12");
  run("-genkeypair", "-alias", "keycloak", "-dname", "CN=localhost", "-keystore", "keycloak.p12", ...key);
  run("-certreq", "-alias", "keycloak", "-file", "keycloak.csr", "-keystore", "keycloak.p12");
  run(
    ...["-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", "keycloak.csr", "-outfile", "keycloak.pem"],
    ...["-rfc", "-validity", "2", "-ext", "san=dns:localhost,ip:127.0.0.1", "-ext", "eku=serverAuth"],
  );
  run("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", "keycloak.p12");
  run("-importcert", "-alias", "keycloak", "-file", "keycloak.pem", "-keystore", "keycloak.p12");
  const caPem = readFileSync(join(dir, "ca.pem"), "utf8");
  return {
    caPem,
    caFile: join(dir, "ca.pem"),
    serverP12: readFileSync(join(dir, "keycloak.p12")),
    trustingFetch: trusting(new Agent({ connect: { ca: caPem } })),
  };
}

function trusting(agent: Agent): typeof fetch {
  return ((input: string | URL, init?: RequestInit) =>
    undiciFetch(input, { ...(init as object), dispatcher: agent })) as unknown as typeof fetch;
}

export interface TlsProxy {
  /** https://127.0.0.1:<port> */
  url: string;
  close(): Promise<void>;
}

/**
 * An https proxy to `target` (Keycloak's http URL). With `forwardedHeaders`, it tells Keycloak the
 * address users reached, as a reverse proxy set up for Keycloak does (X-Forwarded-Proto, -Host, -Port).
 */
export async function startTlsProxy(
  target: string,
  authority: PrivateAuthority,
  options: { forwardedHeaders: boolean },
): Promise<TlsProxy> {
  const server = createServer({ pfx: authority.serverP12, passphrase: STORE_PASSWORD }, async (request, response) => {
    const { port } = server.address() as AddressInfo;
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === "string" && !["host", "connection", "content-length"].includes(name))
        headers.set(name, value);
    }
    if (options.forwardedHeaders) {
      headers.set("x-forwarded-proto", "https");
      headers.set("x-forwarded-host", `127.0.0.1:${port}`);
      headers.set("x-forwarded-port", String(port));
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const answer = await fetch(new URL(request.url ?? "/", target), {
      method: request.method,
      headers,
      redirect: "manual",
      ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
    });
    const out: Record<string, string | string[]> = {};
    answer.headers.forEach((value, name) => {
      if (!["content-encoding", "content-length", "transfer-encoding", "set-cookie"].includes(name)) out[name] = value;
    });
    const cookies = answer.headers.getSetCookie();
    if (cookies.length > 0) out["set-cookie"] = cookies;
    response.writeHead(answer.status, out).end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
