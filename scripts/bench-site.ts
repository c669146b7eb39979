/**
 * `npm run bench:site`: what a first visit to each page loads (HTML, CSS and JS, gzip bytes), next
 * to a bare Starlight build of the same pages made in the same run (the same content, Starlight
 * with no plugins and none of this site's configuration), as a ratio; both build times; and
 * Lighthouse's four scores for every page of both builds, served with gzip as a host would, with
 * Debian's Chromium. Lighthouse's blocking time moves with the machine's load, so each page is
 * measured several times, the two builds in turn, and the medians are printed with the load average.
 * Prints figures; nothing passes or fails.
 *
 * Lighthouse and chrome-launcher are a package of their own, benchmarks/, which this script installs
 * (npm ci) on its first run, so the site's install and its tests never download them.
 *
 *   --skip-lighthouse   leave out the Lighthouse runs
 *   --page=PATH         only this page (repeat for more), e.g. --page=/keycloak/
 *   --runs=N            Lighthouse runs per page and build (default 3)
 *   --cpu-slowdown=N    Lighthouse's simulated CPU slowdown (its default is 4): 8 shows, on a quiet
 *                       machine, what a busy one does to blocking time
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { chromiumPath, launchChromium } from "../tooling/chromium";
import { projectRoot } from "../tooling/paths";
import { run } from "../tooling/process";
import { sitemapPaths } from "../tooling/sitemap";
import { startStaticServer } from "../tooling/static-server";

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

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;

/** What one Lighthouse run gives for a page: its four scores (0 to 100), Total Blocking Time, and the load then. */
interface LighthouseRun {
  scores: Record<(typeof CATEGORIES)[number], number>;
  blockingMs: number;
  /** The machine's one-minute load average when the run started. */
  load: number;
  lighthouseVersion: string;
  userAgent: string;
}

/** What this script uses of Lighthouse and chrome-launcher (benchmarks/lighthouse.mjs). */
interface BenchmarkTools {
  launch(options: { chromePath: string; chromeFlags: string[] }): Promise<{ port: number; kill(): void }>;
  lighthouse(
    url: string,
    flags: { port: number; logLevel: string; onlyCategories: string[]; throttling?: object },
  ): Promise<
    | {
        lhr: {
          categories: Record<string, { score: number | null } | undefined>;
          audits: Record<string, { numericValue?: number } | undefined>;
          lighthouseVersion: string;
          environment: { hostUserAgent: string };
        };
      }
    | undefined
  >;
}

/** benchmarks/, installed with its own lock file when it is not yet, or older than the lock file. */
async function benchmarkTools(): Promise<BenchmarkTools> {
  const dir = join(projectRoot, "benchmarks");
  const installed = join(dir, "node_modules/.package-lock.json");
  if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(join(dir, "package-lock.json")).mtimeMs) {
    console.log("Installing Lighthouse and chrome-launcher into benchmarks/ (npm ci), once.");
    const install = spawnSync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], {
      cwd: dir,
      stdio: "inherit",
    });
    if (install.status !== 0) throw new Error(`npm ci in benchmarks/ failed (${install.status ?? install.signal}).`);
  }
  // A path, not a package name: these packages resolve from benchmarks/node_modules, not the site's.
  return (await import(pathToFileURL(join(dir, "lighthouse.mjs")).href)) as BenchmarkTools;
}

/** One Lighthouse run, default settings (a throttled mobile visit) unless `--cpu-slowdown`, in a fresh Chromium. */
async function lighthouseRun({ launch, lighthouse }: BenchmarkTools, url: string): Promise<LighthouseRun> {
  const chrome = await launch({
    chromePath: chromiumPath(),
    chromeFlags: [
      "--headless=new",
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const load = loadavg()[0] ?? Number.NaN;
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      logLevel: "error",
      onlyCategories: [...CATEGORIES],
      ...(cpuSlowdown ? { throttling: { cpuSlowdownMultiplier: cpuSlowdown } } : {}),
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const { lhr } = result;
    const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
    return {
      scores: {
        performance: score("performance"),
        accessibility: score("accessibility"),
        "best-practices": score("best-practices"),
        seo: score("seo"),
      },
      blockingMs: lhr.audits["total-blocking-time"]?.numericValue ?? Number.NaN,
      load,
      lighthouseVersion: lhr.lighthouseVersion,
      userAgent: lhr.environment.hostUserAgent,
    };
  } finally {
    chrome.kill();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/** "100", or "97 (91–100)" when the runs disagree: the median, then the lowest and highest run. */
function scoreCell(runs: LighthouseRun[], category: (typeof CATEGORIES)[number]): string {
  const values = runs.map((run) => run.scores[category]);
  const [low, high] = [Math.min(...values), Math.max(...values)];
  const middle = Math.round(median(values));
  return low === high ? `${middle}` : `${middle} (${low}–${high})`;
}

/** The value of `--name=N`, a whole number of at least 1, or `fallback` when it is not given. */
function numberArgument(name: string, fallback?: number): number | undefined {
  const argument = process.argv.find((candidate) => candidate.startsWith(`${name}=`));
  if (!argument) return fallback;
  const value = Number(argument.slice(name.length + 1));
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} wants a whole number of at least 1, got ${argument}`);
  return value;
}

const lighthouseRuns = numberArgument("--runs", 3) ?? 3;
const cpuSlowdown = numberArgument("--cpu-slowdown");

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
  // Every page the built site lists, the same walk the site tests make.
  const only = process.argv.filter((argument) => argument.startsWith("--page=")).map((argument) => argument.slice(7));
  const guidePages = sitemapPaths(join(work, "guide-dist"))
    .filter((path) => only.length === 0 || only.includes(path))
    .map((path) => ({ path }));
  if (guidePages.length === 0) throw new Error(`No page of the built site is ${only.join(" or ")}.`);

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
    const tools = await benchmarkTools();
    const guideServer = await startStaticServer(join(work, "guide-dist"), { gzip: true });
    const bareServer = await startStaticServer(join(work, "bare-dist"), { gzip: true });
    const results = new Map<string, { guide: LighthouseRun[]; bare: LighthouseRun[] }>();
    try {
      for (const page of guidePages) {
        const runs = { guide: [] as LighthouseRun[], bare: [] as LighthouseRun[] };
        // In turn, so a burst of load elsewhere on the machine falls on both builds alike.
        for (let run = 0; run < lighthouseRuns; run++) {
          runs.guide.push(await lighthouseRun(tools, `${guideServer.url}${page.path}`));
          runs.bare.push(await lighthouseRun(tools, `${bareServer.url}${page.path}`));
        }
        results.set(page.path, runs);
      }
    } finally {
      await guideServer.close();
      await bareServer.close();
    }
    const first = results.values().next().value?.guide[0];
    const chromium = first?.userAgent.match(/Chrome\/(\d+)/)?.[1] ?? "unknown";
    const settings = cpuSlowdown
      ? `default settings but the CPU slowed ${cpuSlowdown}x (the default is 4x)`
      : "default settings (a throttled mobile visit)";
    console.log(
      `\nLighthouse ${first?.lighthouseVersion}, ${settings}, Chromium ${chromium}, ` +
        `pages served with gzip; median of ${lighthouseRuns} run${lighthouseRuns > 1 ? "s" : ""} per page and build ` +
        "(lowest–highest in brackets where they differ); Load: the median one-minute load average at the page's runs\n",
    );
    const headings = ["Perf", "A11y", "BP", "SEO", "TBT"];
    const cellWidth = 13;
    console.log(
      `${"".padEnd(28)}${"This site".padEnd(cellWidth * headings.length)}Bare Starlight\n${"Page".padEnd(28)}` +
        [...headings, ...headings].map((heading) => heading.padEnd(cellWidth)).join("") +
        "Load",
    );
    for (const [path, runs] of results) {
      const cells = (build: LighthouseRun[]) => [
        ...CATEGORIES.map((category) => scoreCell(build, category)),
        `${Math.round(median(build.map((run) => run.blockingMs)))} ms`,
      ];
      const load = median([...runs.guide, ...runs.bare].map((run) => run.load)).toFixed(1);
      console.log(
        `${path.padEnd(28)}${[...cells(runs.guide), ...cells(runs.bare)].map((cell) => cell.padEnd(cellWidth)).join("")}${load}`,
      );
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
  rmSync(bare, { recursive: true, force: true });
}
