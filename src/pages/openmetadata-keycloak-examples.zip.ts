/** The examples/ folder as a zip, written into the site at build time: see src/lib/examples-archive.ts. */
import type { APIRoute } from "astro";
import { examplesArchive } from "../lib/examples-archive";

export const prerender = true;

export const GET: APIRoute = () =>
  new Response(Buffer.from(examplesArchive()), { headers: { "Content-Type": "application/zip" } });
