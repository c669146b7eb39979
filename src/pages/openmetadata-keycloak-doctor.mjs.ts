/** The doctor as one file for plain Node.js, bundled when the site is built: see src/lib/doctor-bundle.ts. */
import type { APIRoute } from "astro";
import { bundleDoctor } from "../lib/doctor-bundle";

export const prerender = true;

// Astro builds and serves the site from the repository's root (its default `root` is the working directory).
export const GET: APIRoute = async () =>
  new Response(await bundleDoctor(process.cwd()), { headers: { "Content-Type": "text/javascript; charset=utf-8" } });
