/**
 * Where a sign-in comes back: a small web server at the callback URL that waits for Keycloak to
 * send the browser there, with the code (or an error) in the query. auth-code-flow/sign-in.ts and
 * the doctor's --sign-in share it.
 */
import { createServer } from "node:http";
import { Stop } from "./failures.js";

export interface Callback {
  /**
   * Resolves once the server listens; a Stop when it cannot (the port taken, the host not this
   * machine).
   */
  listening: Promise<void>;
  /** The URL the browser came back to, or undefined when none came within the time limit. */
  returned: Promise<URL | undefined>;
}

/**
 * Listens at `callbackUrl` until a browser comes back to its path, or `minutes` pass; `setting`
 * names what chooses another callback URL, for the sentence when this one cannot be listened at.
 */
export function waitForCallback(callbackUrl: URL, setting: string, minutes = 5): Callback {
  const server = createServer();
  let settle: (url: URL | undefined) => void = () => {};
  const returned = new Promise<URL | undefined>((resolve) => {
    settle = resolve;
  });
  const timer = setTimeout(() => settle(undefined), minutes * 60_000);
  server.on("request", (request, response) => {
    const url = new URL(request.url ?? "/", callbackUrl);
    if (url.pathname !== callbackUrl.pathname) return void response.writeHead(404).end();
    response.writeHead(200, { "Content-Type": "text/plain" }).end("Back from Keycloak: see the terminal.\n");
    settle(url);
  });
  const listening = new Promise<void>((resolve, reject) => {
    server.once("error", (error) => {
      settle(undefined);
      reject(new Stop(`Cannot wait at ${callbackUrl.href} (${error.message}): choose another with ${setting}.`));
    });
    const port = Number(callbackUrl.port || (callbackUrl.protocol === "https:" ? 443 : 80));
    server.listen(port, callbackUrl.hostname, resolve);
  });
  void returned.finally(() => {
    clearTimeout(timer);
    server.close();
  });
  return { listening, returned };
}
