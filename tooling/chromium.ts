import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/** The Chromium the browser tests drive: CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export function chromiumPath(env: Record<string, string | undefined> = process.env): string {
  const path = env.CHROMIUM_PATH || "/usr/bin/chromium";
  if (!existsSync(path)) {
    throw new Error(
      `No Chromium at ${path}. Install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH ` +
        "to any Chromium or Chrome binary.",
    );
  }
  return path;
}

/** A headless Chromium that stays off the network except for the pages a test opens. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
