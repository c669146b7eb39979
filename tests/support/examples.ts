/**
 * Runs the examples as a reader does (`npx tsx examples/...`, settings in the environment):
 * to the end, or, for sign-in.ts, up to the URL it prints and then through Keycloak's login form.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { connect } from "node:net";
import { join } from "node:path";
import { examplesDir, projectRoot, tsxBin } from "../../tooling/paths";
import { type CommandResult, run } from "../../tooling/process";
import { HttpBrowser, signInAtKeycloak } from "./http-browser";

/** A reader's environment: PATH and HOME only, plus the example's settings. */
function readerEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...env };
}

/** Runs `examples/<file>` (with command-line arguments, for the doctor) to its end. */
export function runExample(file: string, env: Record<string, string>, args: string[] = []): Promise<CommandResult> {
  return run(tsxBin, [join(examplesDir, file), ...args], { cwd: projectRoot, env: readerEnv(env) });
}

/** What sign-in.ts printed and how it ended. */
export interface SignInResult extends CommandResult {
  /** The ID token's claims, as the script printed them. */
  claims?: Record<string, unknown>;
  /** The end-session URL the script printed. */
  logoutUrl?: URL;
}

export interface SignInOptions {
  /** sign-in.ts's settings: KEYCLOAK_URL, OIDC_CLIENT_SECRET, CALLBACK_URL, … */
  env: Record<string, string>;
  username: string;
  password: string;
  browser?: HttpBrowser;
  /** Changes the callback URL Keycloak sends the browser to before it is visited. */
  tamper?: (callback: URL) => URL;
}

/** Runs examples/auth-code-flow/sign-in.ts and signs in with Keycloak's login form. */
export async function signIn(options: SignInOptions): Promise<SignInResult> {
  const script = startExample("auth-code-flow/sign-in.ts", options.env);
  try {
    const printed = await script.waitFor(/Open this URL in a browser and sign in:\n(\S+)\n/);
    const authorizationUrl = new URL(printed[1] ?? "");
    // The script prints the URL, then listens: a browser faster than a person could arrive first.
    await listening(new URL(authorizationUrl.searchParams.get("redirect_uri") ?? ""));
    const browser = options.browser ?? new HttpBrowser();
    const callback = await signInAtKeycloak(browser, authorizationUrl, options.username, options.password);
    await browser.request(options.tamper ? options.tamper(callback) : callback);
    const result = await script.ended;
    const claims = /^ID token claims: (\{[\s\S]*?\n\})$/m.exec(result.stdout)?.[1];
    const logout = /To end your Keycloak session, open:\n(\S+)/.exec(result.stdout)?.[1];
    return {
      ...result,
      ...(claims ? { claims: JSON.parse(claims) } : {}),
      ...(logout ? { logoutUrl: new URL(logout) } : {}),
    };
  } finally {
    script.stop();
  }
}

/** Resolves once something accepts connections at `url`'s host and port (within 5 seconds). */
async function listening(url: URL): Promise<void> {
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  for (let tries = 0; tries < 50; tries++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, url.hostname);
      socket.once("error", () => resolve(false));
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Nothing listens at ${url.host}, where the script should wait for the browser.`);
}

export interface RunningExample {
  child: ChildProcess;
  output(): string;
  /** Resolves with the first match of `pattern` in stdout; rejects if the script ends first. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
  ended: Promise<CommandResult>;
  stop(): void;
}

/** Starts `examples/<file>` and lets a test follow what it prints. */
export function startExample(file: string, env: Record<string, string>, args: string[] = []): RunningExample {
  const child = spawn(tsxBin, [join(examplesDir, file), ...args], { cwd: projectRoot, env: readerEnv(env) });
  let stdout = "";
  let stderr = "";
  const listeners = new Set<() => void>();
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
    for (const listener of listeners) listener();
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const ended = new Promise<CommandResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
  return {
    child,
    output: () => stdout,
    ended,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(stdout);
          if (!match) return;
          listeners.delete(check);
          resolve(match);
        };
        listeners.add(check);
        check();
        ended.then(({ code }) =>
          reject(new Error(`${file} ended (${code}) before printing ${pattern}:\n${stdout}\n${stderr}`)),
        );
      }),
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    },
  };
}
