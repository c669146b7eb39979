/**
 * Runs the examples as a reader would (`npx tsx examples/...` with settings in the environment)
 * against the Keycloak of this test run, and drives Keycloak's login page over plain HTTP.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import KcAdminClient from "@keycloak/keycloak-admin-client";
import { parse } from "node-html-parser";
import { CookieJar } from "tough-cookie";
import { inject } from "vitest";
import { projectRoot } from "./build-site";
import { freePort } from "./keycloak/server";
import { type CommandResult, run } from "./run";

const tsx = join(projectRoot, "node_modules/.bin/tsx");

export function keycloak() {
  return inject("keycloak");
}

/** An admin API client for `realm`, signed in as this run's Keycloak admin. */
export async function adminClient(realm: string): Promise<KcAdminClient> {
  const { url, adminUsername, adminPassword } = keycloak();
  const admin = new KcAdminClient({ baseUrl: url, realmName: "master" });
  await admin.auth({ grantType: "password", clientId: "admin-cli", username: adminUsername, password: adminPassword });
  admin.setConfig({ realmName: realm });
  return admin;
}

export type ExampleRun = CommandResult;

/** Runs `examples/<file>` with tsx and the given environment (on top of a minimal one). */
export function runExample(file: string, env: Record<string, string>): Promise<ExampleRun> {
  return run(tsx, [join(projectRoot, "examples", file)], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  });
}

export const ADMIN_USER_PASSWORD = "Admin-user-Passw0rd";

/** Runs examples/keycloak/provision.ts for `realm`, as the README tells a reader to. */
export async function provision(realm: string, openMetadataUrl: string): Promise<ExampleRun & { secret: string }> {
  const { url, adminUsername, adminPassword } = keycloak();
  const run = await runExample("keycloak/provision.ts", {
    KEYCLOAK_URL: url,
    KEYCLOAK_ADMIN_USERNAME: adminUsername,
    KEYCLOAK_ADMIN_PASSWORD: adminPassword,
    ADMIN_USER_PASSWORD,
    KEYCLOAK_REALM: realm,
    OPENMETADATA_URL: openMetadataUrl,
  });
  if (run.code !== 0) throw new Error(`provision.ts failed (${run.code}):\n${run.stdout}\n${run.stderr}`);
  const secret = /^Client secret of open-metadata: (\S+)$/m.exec(run.stdout)?.[1];
  if (!secret) throw new Error(`provision.ts printed no client secret:\n${run.stdout}`);
  return { ...run, secret };
}

export interface RunningApp {
  url: string;
  output: () => string;
  stop(): Promise<void>;
}

/** Starts examples/auth-code-flow/app.ts on `appUrl` and waits until it listens (or exits). */
export function startApp(appUrl: string, env: Record<string, string>): Promise<RunningApp> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(tsx, [join(projectRoot, "examples/auth-code-flow/app.ts")], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, APP_URL: appUrl, ...env },
    });
    let output = "";
    const exited = new Promise<void>((done) => child.on("exit", () => done()));
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (output.includes("Listening on")) {
        resolve({
          url: appUrl,
          output: () => output,
          stop: async () => {
            if (child.exitCode === null) child.kill("SIGTERM");
            await exited;
          },
        });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => reject(new AppExited(code, output)));
  });
}

export class AppExited extends Error {
  constructor(
    readonly code: number | null,
    readonly output: string,
  ) {
    super(`app.ts exited with ${code} before listening:\n${output}`);
  }
}

/** A free loopback URL for an app. */
export async function freeAppUrl(): Promise<string> {
  return `http://127.0.0.1:${await freePort()}`;
}

/** A browser without JavaScript: fetch with a cookie jar, redirects taken one at a time. */
export class HttpBrowser {
  readonly jar = new CookieJar();

  async request(url: string | URL, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const cookie = await this.jar.getCookieString(url.toString());
    const response = await fetch(url, {
      method: init.method ?? (init.form ? "POST" : "GET"),
      redirect: "manual",
      headers: {
        ...(cookie ? { Cookie: cookie } : {}),
        ...(init.form ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
      },
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    });
    for (const setCookie of response.headers.getSetCookie()) {
      await this.jar.setCookie(setCookie, url.toString(), { ignoreError: true });
    }
    return response;
  }

  /** The Location of a redirect, resolved against the request URL; fails on anything but a redirect. */
  static location(response: Response, from: string | URL): URL {
    const location = response.headers.get("location");
    if (response.status < 300 || response.status > 399 || !location) {
      throw new Error(`Expected a redirect from ${from}, got ${response.status}`);
    }
    return new URL(location, from);
  }
}

/**
 * Fills and posts Keycloak's own login form (form#kc-form-login) found at `loginPage`, and returns
 * where Keycloak sends the browser next, which must be `callbackUrl` (not yet visited).
 */
export async function submitKeycloakLogin(
  browser: HttpBrowser,
  loginPage: URL,
  callbackUrl: string,
  username: string,
  password: string,
): Promise<URL> {
  const page = await browser.request(loginPage);
  const html = await page.text();
  const form = parse(html).querySelector("form#kc-form-login");
  if (!form)
    throw new Error(`Keycloak showed no login form at ${loginPage} (HTTP ${page.status}):\n${html.slice(0, 2000)}`);
  const action = new URL(form.getAttribute("action") ?? "", loginPage);
  const submitted = await browser.request(action, { form: { username, password, credentialId: "" } });
  if (submitted.status === 200) {
    const title = /<title>([^<]*)<\/title>/.exec(await submitted.text())?.[1];
    throw new Error(`Keycloak did not accept the sign-in of ${username}; it showed "${title}" again.`);
  }
  const next = HttpBrowser.location(submitted, action);
  if (!next.href.startsWith(callbackUrl)) {
    throw new Error(
      `After signing in, Keycloak sent ${username} to ${next} instead of back to ${callbackUrl} (a required action?).`,
    );
  }
  return next;
}

/**
 * Signs in through the app's /login and Keycloak's login form over HTTP, up to the point where
 * Keycloak sends the browser back to the app's callback. Returns that callback URL, not yet visited.
 */
export async function signInAtKeycloak(
  browser: HttpBrowser,
  appUrl: string,
  username: string,
  password: string,
): Promise<URL> {
  const login = HttpBrowser.location(await browser.request(`${appUrl}/login`), `${appUrl}/login`);
  return submitKeycloakLogin(browser, login, `${appUrl}/callback`, username, password);
}

/** Deletes `realm` if a previous run against the same (external) Keycloak left it behind. */
export async function removeRealm(realm: string): Promise<void> {
  const admin = await adminClient("master");
  if (await admin.realms.findOne({ realm })) await admin.realms.del({ realm });
}
