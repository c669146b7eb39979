/**
 * `npm run bench:site`: what a first visit to each page loads (HTML, CSS and JS, gzip bytes), next
 * to a bare Starlight build of the same pages made in the same run (the same content, Starlight
 * with no plugins), as a ratio; both build times; and Lighthouse's four scores for three pages,
 * with Debian's Chromium. Prints figures; nothing passes or fails.
 *
 *   --skip-lighthouse   leave out the Lighthouse runs
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { chromiumPath, launchChromium } from "../tests/support/chromium";
import { projectRoot } from "../tests/support/paths";
import { run } from "../tests/support/process";
import { guidePages } from "../tests/support/site/pages";
import { startStaticServer } from "../tests/support/site/static-server";

const bareConfig = `import starlight from "@astrojs/starlight";
import { defineConfig } from "astro/config";
export default defineConfig({
  site: "https://openmetadata-keycloak.example.org",
  integrations: [starlight({ title: "OpenMetadata + Keycloak SSO" })],
});
`;

async function timedBuild(root: string, outDir: string): Promise<number> {
  const started = Date.now();
  const result = await run("npx", ["astro", "build", "--outDir", outDir], { cwd: root, env: process.env });
  if (result.code !== 0) throw new Error(`astro build in ${root} failed:\n${result.stdout}\n${result.stderr}`);
  return (Date.now() - started) / 1000;
}

/** gzip bytes of the HTML, CSS and JS a fresh browser loads for `path`, by kind, from the built files. */
async function firstVisit(distDir: string, path: string) {
  const server = await startStaticServer(distDir);
  const browser = await launchChromium();
  const loaded = new Map<string, "html" | "css" | "js">();
  try {
    const page = await browser.newPage();
    page.on("request", (request) => {
      const type = request.resourceType();
      const kind = type === "document" ? "html" : type === "stylesheet" ? "css" : type === "script" ? "js" : undefined;
      if (kind) loaded.set(new URL(request.url()).pathname, kind);
    });
    await page.goto(`${server.url}${path}`, { waitUntil: "load" });
    await page.waitForLoadState("networkidle");
  } finally {
    await browser.close();
    await server.close();
  }
  const bytes = { html: 0, css: 0, js: 0 };
  for (const [urlPath, kind] of loaded) {
    const file = join(distDir, urlPath.endsWith("/") ? `${urlPath}index.html` : urlPath);
    bytes[kind] += gzipSync(readFileSync(file), { level: 9 }).length;
  }
  return bytes;
}

/** Lighthouse's performance, accessibility, best-practices and SEO scores (0 to 100) for one URL. */
async function lighthouseScores(url: string): Promise<Record<string, number>> {
  const chrome = await chromeLauncher.launch({
    chromePath: chromiumPath(),
    chromeFlags: [
      "--headless=new",
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      logLevel: "error",
      onlyCategories: ["performance", "accessibility", "best-practices", "seo"],
    });
    const categories = result?.lhr.categories ?? {};
    return Object.fromEntries(
      Object.entries(categories).map(([id, category]) => [id, Math.round((category.score ?? 0) * 100)]),
    );
  } finally {
    chrome.kill();
  }
}

const work = mkdtempSync(join(tmpdir(), "bench-site-"));
// Inside the repository (ignored by git), so the bare build resolves this project's node_modules.
const bare = join(projectRoot, ".cache/bench-bare-starlight");
try {
  rmSync(bare, { recursive: true, force: true });
  for (const part of ["src", "examples", "public", "tsconfig.json", "package.json"]) {
    cpSync(join(projectRoot, part), join(bare, part), { recursive: true });
  }
  writeFileSync(join(bare, "astro.config.mjs"), bareConfig);
  // The bare build has no image-zoom plugin: show the screenshots as plain images there.
  const screenshot = join(bare, "src/components/KeycloakScreenshot.astro");
  writeFileSync(
    screenshot,
    readFileSync(screenshot, "utf8")
      .replace(/import \{ Zoom \} from "starlight-image-zoom\/components";\n/, "")
      .replace(/<Zoom label=\{entry\.alt\}>|<\/Zoom>/g, ""),
  );

  const guideSeconds = await timedBuild(projectRoot, join(work, "guide-dist"));
  const bareSeconds = await timedBuild(bare, join(work, "bare-dist"));

  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log("\nFirst visit, gzip (HTML + CSS + JS), this site vs bare Starlight of the same pages\n");
  console.log(
    `${"Page".padEnd(28)}${"HTML".padStart(9)}${"CSS".padStart(9)}${"JS".padStart(9)}${"Total".padStart(10)}${"Bare".padStart(10)}${"Ratio".padStart(8)}`,
  );
  for (const page of guidePages) {
    const guide = await firstVisit(join(work, "guide-dist"), page.path);
    const baseline = await firstVisit(join(work, "bare-dist"), page.path);
    const total = guide.html + guide.css + guide.js;
    const bareTotal = baseline.html + baseline.css + baseline.js;
    console.log(
      `${page.path.padEnd(28)}${kb(guide.html).padStart(9)}${kb(guide.css).padStart(9)}${kb(guide.js).padStart(9)}` +
        `${kb(total).padStart(10)}${kb(bareTotal).padStart(10)}${(total / bareTotal).toFixed(2).padStart(7)}x`,
    );
  }
  console.log(
    `\nFull build: ${guideSeconds.toFixed(1)} s, bare Starlight ${bareSeconds.toFixed(1)} s, ratio ${(guideSeconds / bareSeconds).toFixed(2)}x`,
  );

  if (!process.argv.includes("--skip-lighthouse")) {
    console.log("\nLighthouse, default settings (a throttled mobile visit), this site\n");
    const server = await startStaticServer(join(work, "guide-dist"), { gzip: true });
    try {
      for (const path of ["/", "/keycloak/auth-code-flow/", "/keycloak/generator/"]) {
        const scores = await lighthouseScores(`${server.url}${path}`);
        console.log(
          `${path.padEnd(28)}${Object.entries(scores)
            .map(([id, score]) => `${id} ${score}`)
            .join(", ")}`,
        );
      }
    } finally {
      await server.close();
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
  rmSync(bare, { recursive: true, force: true });
}
