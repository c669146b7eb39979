import { projectRoot } from "../paths";
import { run } from "../process";

/** Builds the site into dist/ exactly as `npm run build` does; resolves with everything it printed. */
export async function buildSite(): Promise<string> {
  // Vitest sets NODE_ENV=test, which would make a development build (no search index, for one).
  const result = await run("npx", ["astro", "build"], {
    cwd: projectRoot,
    env: { ...process.env, NODE_ENV: "production" },
  });
  const log = `${result.stdout}\n${result.stderr}`;
  if (result.code !== 0) throw new Error(`astro build failed (exit ${result.code}):\n${log.slice(-4000)}`);
  return log;
}
