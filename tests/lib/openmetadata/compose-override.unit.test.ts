/**
 * The Docker override hands the server every variable the pages tell a reader to set, and the
 * Docker files of the OpenMetadata lines differ only where a setting lives (the Docker page says so).
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { COMPOSE_SERVER_SERVICE, renderComposeOverride, renderDockerEnv } from "../../../src/lib/openmetadata/render";
import { SERVER_SETTINGS, SESSION_EXPIRY_KEY, serverSetting } from "../../../src/lib/openmetadata/server";
import { documentedSettings } from "../../../src/lib/openmetadata/settings";
import { OPENMETADATA_LINE, OPENMETADATA_RELEASES, type OpenMetadataLine } from "../../../src/versions";
import { projectRoot } from "../../../tooling/paths";
import { everyOptionalSetting } from "../../support/openmetadata/arbitraries";
import { listContentFiles } from "../../support/site/pages";

const LINES = OPENMETADATA_RELEASES.map(({ line }) => line);

/** The variables the override lists under the server's `environment:`. */
function forwarded(override: string): string[] {
  const compose = parse(override) as { services: Record<string, { environment: Record<string, string> }> };
  return Object.keys(compose.services[COMPOSE_SERVER_SERVICE]?.environment ?? {});
}

/**
 * Every server variable (a name in src/lib/openmetadata/server.ts) a page or page part shows in
 * inline code, as `NAME` or `NAME=value`, with the files that name it. MDX comments do not count:
 * readers do not see them.
 */
function variablesNamedOnPages(): Map<string, string[]> {
  const known = new Set(Object.values(SERVER_SETTINGS).flatMap((settings) => settings.map(({ env }) => env)));
  const named = new Map<string, string[]>();
  for (const file of listContentFiles()) {
    const shown = readFileSync(join(projectRoot, file), "utf8").replace(/\{\/\*[\s\S]*?\*\/\}/g, "");
    for (const [, name = ""] of shown.matchAll(/`([A-Z][A-Z0-9_]*)(?:=[^`\n]*)?`/g)) {
      if (known.has(name)) named.set(name, [...new Set([...(named.get(name) ?? []), file])]);
    }
  }
  return named;
}

describe("the Docker override", () => {
  const named = variablesNamedOnPages();

  it("is checked against the variables the pages name", () => {
    // The Roles and teams page tells Docker readers to set this one in the env file.
    expect(named.get("AUTHORIZER_USE_ROLES_FROM_PROVIDER")).toContain("src/content/docs/keycloak/roles-and-teams.mdx");
  });

  it.each(LINES)("hands the server every variable a page names, on OpenMetadata %s", (line) => {
    const listed = forwarded(renderComposeOverride({ ...documentedSettings, openMetadataLine: line }));
    const missing = [...named]
      .filter(([name]) => SERVER_SETTINGS[line].some(({ env }) => env === name) && !listed.includes(name))
      .map(([name, files]) => `${name} (${files.join(", ")})`);
    expect(missing, "add them to optionalKeys in src/lib/openmetadata/render.ts").toEqual([]);
  });

  it.each(LINES)("hands the server every variable the env file can hold, on OpenMetadata %s", (line) => {
    for (const settings of [{ ...documentedSettings, openMetadataLine: line }, everyOptionalSetting(line)]) {
      const listed = forwarded(renderComposeOverride(settings));
      expect(listed).toEqual(expect.arrayContaining(Object.keys(parseEnv(renderDockerEnv(settings)))));
      expect(new Set(listed).size).toBe(listed.length);
    }
  });
});

describe("the Docker files of the OpenMetadata lines", () => {
  const others = LINES.filter((line) => line !== OPENMETADATA_LINE);

  it.each(others)(
    `differ from ${OPENMETADATA_LINE}'s on OpenMetadata %s only in the session expiry's variable`,
    (line) => {
      const sessionExpiry = (of: OpenMetadataLine) => serverSetting(of, SESSION_EXPIRY_KEY[of]).env;
      expect(sessionExpiry(line)).not.toBe(sessionExpiry(OPENMETADATA_LINE));
      for (const settings of [documentedSettings, everyOptionalSetting(OPENMETADATA_LINE)]) {
        for (const render of [renderDockerEnv, renderComposeOverride]) {
          const theirs = render({ ...settings, openMetadataLine: line })
            .replace(`OpenMetadata ${line} `, `OpenMetadata ${OPENMETADATA_LINE} `)
            .replaceAll(sessionExpiry(line), sessionExpiry(OPENMETADATA_LINE));
          expect(theirs).toBe(render({ ...settings, openMetadataLine: OPENMETADATA_LINE }));
        }
      }
    },
  );
});
