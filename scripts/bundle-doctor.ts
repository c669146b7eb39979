/**
 * examples/package.json's prepack and postpack: writes the doctor as one file (src/lib/doctor-bundle.ts)
 * to examples/dist/, where the package's `bin` points, and `--remove` deletes it once npm has packed
 * it, so the examples the site zips never include it.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bundleDoctor, DOCTOR_FILE } from "../src/lib/doctor-bundle";
import { examplesDir, projectRoot } from "../tooling/paths";

const folder = join(examplesDir, "dist");
if (process.argv.includes("--remove")) {
  rmSync(folder, { recursive: true, force: true });
} else {
  mkdirSync(folder, { recursive: true });
  // Executable, as npm's bin links expect.
  writeFileSync(join(folder, DOCTOR_FILE), await bundleDoctor(projectRoot), { mode: 0o755 });
}
