/**
 * The programs that really read the files the pages show, kept running for a whole test file and
 * asked one case per line: Docker Compose's own code (compose-go, tests/support/compose) and a real
 * `sh` running the kubectl command against a stand-in kubectl.
 */
import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** A process that answers each line written to it with one line (`separator`-terminated) on stdout. */
export class LineReader {
  private buffer = "";
  private readonly waiting: { resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  private exited: Error | undefined;

  constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    separator: string,
    name: string,
  ) {
    let stderr = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      this.buffer += chunk;
      let end = this.buffer.indexOf(separator);
      while (end !== -1) {
        const line = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + separator.length);
        this.waiting.shift()?.resolve(line);
        end = this.buffer.indexOf(separator);
      }
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("exit", (code) => {
      this.exited = new Error(`${name} exited (${code}): ${stderr}`);
      for (const waiting of this.waiting.splice(0)) waiting.reject(this.exited);
    });
  }

  ask(line: string): Promise<string> {
    if (this.exited) return Promise.reject(this.exited);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.child.stdin.write(`${line}\n`);
    });
  }

  close(): void {
    this.child.stdin.end();
  }
}

export interface ComposeAnswer {
  values?: Record<string, string>;
  environment?: Record<string, string>;
  error?: string;
}

export interface ComposeReader {
  /** What `docker compose --env-file` makes of an env file, with no variables set in the shell. */
  readEnvFile(content: string): Promise<ComposeAnswer>;
  /** The environment `service` gets from `docker compose -f <composeFiles> [--env-file <envFiles>]`. */
  serviceEnvironment(project: {
    files: Record<string, string>;
    composeFiles: string[];
    envFiles: string[];
    service: string;
  }): Promise<ComposeAnswer>;
  close(): void;
}

const composeModule = fileURLToPath(new URL("./compose", import.meta.url));

/** Builds tests/support/compose (Go; its build cache makes every build after the first take a second) and starts it. */
export function startComposeReader(): ComposeReader {
  const dir = mkdtempSync(join(tmpdir(), "compose-reader-"));
  const binary = join(dir, "compose-reader");
  try {
    execFileSync("go", ["build", "-buildvcs=false", "-o", binary, "."], {
      cwd: composeModule,
      stdio: ["ignore", "ignore", "pipe"],
    });
  } catch (error) {
    throw new Error(
      `Could not build tests/support/compose, Docker Compose's own reader (needs Go 1.24 or later on PATH): ${error}`,
    );
  }
  const reader = new LineReader(spawn(binary, [], { stdio: "pipe" }), "\n", "the Compose reader");
  const ask = async (request: object) => JSON.parse(await reader.ask(JSON.stringify(request))) as ComposeAnswer;
  return {
    readEnvFile: (content) => ask({ dotenv: content }),
    serviceEnvironment: ({ files, ...rest }) => ask({ project: files, ...rest }),
    close: () => {
      reader.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ShellRun {
  /** The arguments kubectl was called with, one list per call. */
  kubectlCalls: string[][];
  stderr: string;
  status: number;
}

export interface ShellReader {
  /** Runs a shell script with a stand-in kubectl that records how sh split its arguments. */
  run(script: string): Promise<ShellRun>;
  close(): void;
}

// A stand-in for kubectl that prints each argument followed by NUL, the one byte no argument can
// hold, then an end-of-call marker. Each script arrives as its lines and an end line, and runs in a
// subshell of its own; the only process started per script is that subshell.
const END_OF_SCRIPT = "\u0004end of script";
const LOOP = `
kubectl() { printf '%s\\0' "$@"; printf '\\001'; }
newline='
'
script=
while IFS= read -r line; do
  if [ "$line" != "$END" ]; then script="$script$line$newline"; continue; fi
  ( eval "$script" ) 2> "$ERRORS"
  printf '\\002%s\\002' "$?"
  if [ -s "$ERRORS" ]; then base64 < "$ERRORS" | tr -d '\\n'; fi
  printf '\\003'
  script=
done
`;

/** Starts one `sh` that runs each script it is given in a subshell of its own. */
export function startShellReader(): ShellReader {
  const dir = mkdtempSync(join(tmpdir(), "shell-reader-"));
  const child = spawn("/bin/sh", ["-c", LOOP], {
    env: { PATH: process.env.PATH, END: END_OF_SCRIPT, ERRORS: join(dir, "errors") },
    stdio: "pipe",
  });
  const reader = new LineReader(child, "\u0003", "the sh reader");
  return {
    async run(script) {
      const answer = await reader.ask(`${script.replace(/\n$/, "")}\n${END_OF_SCRIPT}`);
      const [calls = "", status = "", errors = ""] = answer.split("\u0002");
      return {
        kubectlCalls: calls
          .split("\u0001")
          .slice(0, -1)
          .map((call) => call.split("\0").slice(0, -1)),
        stderr: Buffer.from(errors, "base64").toString("utf8"),
        status: Number(status),
      };
    },
    close: () => {
      reader.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
