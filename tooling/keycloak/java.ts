import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";

export interface JavaHome {
  home: string;
  major: number;
}

/** The major version of the JDK or JRE at `home`, from its `release` file or `java -version`. */
export function javaMajorVersion(home: string): number | undefined {
  const release = join(home, "release");
  const text = existsSync(release)
    ? readFileSync(release, "utf8")
    : spawnSync(join(home, "bin/java"), ["-version"], { encoding: "utf8" }).stderr;
  const match = /(?:JAVA_VERSION=|version )"(\d+)(?:\.(\d+))?/.exec(text ?? "");
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 ? Number(match[2]) : first; // "1.8" means 8
}

/** Where `name` is on PATH, or undefined. */
export function commandPath(name: string): string | undefined {
  const found = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).stdout ?? "";
  return found.trim() || undefined;
}

function candidateHomes(env: Record<string, string | undefined>): string[] {
  const homes: string[] = [];
  if (env.JAVA_HOME) homes.push(env.JAVA_HOME);
  for (const root of ["/usr/lib/jvm", "/usr/java", "/opt/java", "/Library/Java/JavaVirtualMachines"]) {
    if (!existsSync(root)) continue;
    for (const entry of readdirSync(root)) {
      homes.push(join(root, entry), join(root, entry, "Contents/Home"));
    }
  }
  const onPath = commandPath("java");
  if (onPath) homes.push(dirname(dirname(realpathSync(onPath))));
  return [...new Set(homes)].filter((home) => existsSync(join(home, "bin/java")));
}

/**
 * A Java that runs Keycloak: JAVA_HOME when it is 17 or newer, else the newest JDK ≥ 17 on the machine.
 * Throws with what to install when there is none.
 */
export function findJava(env: Record<string, string | undefined> = process.env, minimum = 17): JavaHome {
  const found = candidateHomes(env)
    .map((home) => ({ home, major: javaMajorVersion(home) ?? 0 }))
    .filter((java) => java.major >= minimum);
  const fromJavaHome = found.find((java) => java.home === env.JAVA_HOME);
  if (fromJavaHome) return fromJavaHome;
  const newest = found.sort((a, b) => b.major - a.major)[0];
  if (newest) return newest;
  throw new Error(
    `No Java ${minimum} or newer found (looked at JAVA_HOME, /usr/lib/jvm and java on PATH). ` +
      "Keycloak needs one: install a JDK, e.g. `apt-get install openjdk-17-jre-headless` or Temurin 21/25, " +
      "or point JAVA_HOME at it.",
  );
}
