import { readFile, stat } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import { gzipSync } from "node:zlib";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
  ".zip": "application/zip",
};

export interface StaticServer {
  /** Where the site is, without a trailing slash: http://127.0.0.1:<port>, then the base path if any. */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the files under `root` (a built site) on a free loopback port; a directory serves its index.html.
 * With `gzip`, text answers are compressed when the browser accepts it, as a real web host does. With
 * `base` (a path with a slash at each end), the site is served under that path only, as GitHub Pages
 * serves a project site under /<repository>/: anything outside it is not found.
 */
export async function startStaticServer(
  root: string,
  options: { gzip?: boolean; base?: string } = {},
): Promise<StaticServer> {
  const base = options.base ?? "/";
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    let file = normalize(join(root, path.slice(base.length - 1)));
    try {
      if (!path.startsWith(base)) throw new Error("outside the base path");
      if (!file.startsWith(normalize(root + sep)) && file !== normalize(root)) throw new Error("outside the site");
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      const type = CONTENT_TYPES[extname(file)] ?? "application/octet-stream";
      const compress =
        options.gzip && /gzip/.test(request.headers["accept-encoding"] ?? "") && /text|javascript|json|svg/.test(type);
      response.writeHead(200, { "content-type": type, ...(compress ? { "content-encoding": "gzip" } : {}) });
      response.end(compress ? gzipSync(body) : body);
    } catch {
      response.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      response.end(`Not found: ${path}`);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${base.replace(/\/$/, "")}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
