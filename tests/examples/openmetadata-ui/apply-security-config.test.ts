/**
 * apply-security-config.sh as a reader runs it, against a stand-in for OpenMetadata's security API
 * on 127.0.0.1 that records each request and answers as SystemResource does (no OpenMetadata server
 * runs here): the script asks POST …/validate first, and only on "success" sends PUT …/config, both
 * with the settings file as it is and the administrator's token.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SECURITY_API } from "../../../src/lib/openmetadata/security-config";
import { examplesDir } from "../../../tooling/paths";
import { run } from "../../../tooling/process";

interface Recorded {
  method: string;
  path: string;
  authorization: string;
  contentType: string;
  body: string;
}

const TOKEN = "eyJhbGciOiJSUzI1NiJ9.admin-token.signature";
const VALIDATION_FAILED = {
  status: "failed",
  errors: [
    {
      field: "authenticationConfiguration.oidcConfiguration.id",
      error: "Client ID validation failed. HTTP response: 404",
    },
  ],
};

let server: Server;
let url: string;
let dir: string;
let requests: Recorded[] = [];
/** What the stand-in answers to validate: status code and JSON. */
let validation: { status: number; body: unknown } = { status: 200, body: { status: "success", errors: [] } };

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      requests.push({
        method: request.method ?? "",
        path: request.url ?? "",
        authorization: request.headers.authorization ?? "",
        contentType: request.headers["content-type"] ?? "",
        body,
      });
      const answer =
        request.url === SECURITY_API.validate ? validation : { status: 200, body: JSON.parse(body || "{}") };
      response.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The reader's copy of the examples folder: the script, and the body they edited where it is.
  dir = mkdtempSync(join(tmpdir(), "openmetadata-ui-"));
  mkdirSync(join(dir, "openmetadata-ui"));
  for (const file of ["apply-security-config.sh", "security-config.json"]) {
    copyFileSync(join(examplesDir, "openmetadata-ui", file), join(dir, "openmetadata-ui", file));
  }
});

afterEach(() => {
  requests = [];
  validation = { status: 200, body: { status: "success", errors: [] } };
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const apply = (env: Record<string, string>) =>
  run("sh", ["openmetadata-ui/apply-security-config.sh", "openmetadata-ui/security-config.json"], {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  });

describe("apply-security-config.sh", () => {
  it("checks the settings, then saves them: the file as it is, with the administrator's token", async () => {
    const result = await apply({ OPENMETADATA_URL: `${url}/`, OPENMETADATA_TOKEN: TOKEN });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const file = readFileSync(join(dir, "openmetadata-ui/security-config.json"), "utf8");
    expect(requests).toEqual([
      {
        method: "POST",
        path: SECURITY_API.validate,
        authorization: `Bearer ${TOKEN}`,
        contentType: "application/json",
        body: file,
      },
      {
        method: "PUT",
        path: SECURITY_API.config,
        authorization: `Bearer ${TOKEN}`,
        contentType: "application/json",
        body: file,
      },
    ]);
    expect(result.stdout).toContain("Saved.");
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
  });

  it("saves nothing when OpenMetadata's check fails, and shows what it names", async () => {
    validation = { status: 200, body: VALIDATION_FAILED };
    const result = await apply({ OPENMETADATA_URL: url, OPENMETADATA_TOKEN: TOKEN });
    expect(result.code).toBe(1);
    expect(requests.map((request) => request.method)).toEqual(["POST"]);
    expect(result.stdout).toContain("Client ID validation failed. HTTP response: 404");
    expect(result.stderr).toContain("Not saved: fix what the errors above name");
  });

  it("saves nothing when OpenMetadata refuses the token", async () => {
    validation = { status: 401, body: { code: 401, message: "Not authorized; User's Email is not present" } };
    const result = await apply({ OPENMETADATA_URL: url, OPENMETADATA_TOKEN: "not-an-admin" });
    expect(result.code).toBe(1);
    expect(requests.map((request) => request.method)).toEqual(["POST"]);
    expect(result.stderr).toContain("is the token an administrator's?");
  });

  it("names the setting a reader left out, and sends nothing", async () => {
    const result = await apply({ OPENMETADATA_URL: url });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("OPENMETADATA_TOKEN");
    expect(requests).toEqual([]);
  });
});
