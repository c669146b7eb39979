/**
 * Reads the versions src/versions.ts names and writes new ones into it, literal by literal: the
 * text around them (comments, the `KEYCLOAK_VERSION` inside `KEYCLOAK_VERSIONS`, the layout) stays
 * as it was. TypeScript's parser finds the literals, so a reformatted file is read the same.
 */
import ts from "typescript";
import { compareVersions, lineOf, type OpenMetadataRelease, type Versions, VersionsCheckError } from "./releases";

interface Literal {
  node: ts.StringLiteral;
  value: string;
}

interface Located {
  pin: Literal;
  /** KEYCLOAK_VERSIONS' elements: a literal, or the KEYCLOAK_VERSION identifier. */
  keycloakVersions: (Literal | { node: ts.Identifier; value: string })[];
  openMetadataReleases: { line: Literal; version: Literal; ingestionPackage: Literal }[];
}

function initializer(source: ts.SourceFile, name: string, file: string): ts.Expression {
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.name.text === name && declaration.initializer) {
        let expression = declaration.initializer;
        while (ts.isAsExpression(expression) || ts.isSatisfiesExpression(expression))
          expression = expression.expression;
        return expression;
      }
    }
  }
  throw new VersionsCheckError(`${file} has no \`const ${name} = …\`: restore it from git, and run again.`);
}

function literal(node: ts.Node | undefined, what: string, file: string): Literal {
  if (!node || !ts.isStringLiteral(node)) {
    throw new VersionsCheckError(`${what} in ${file} is not a string literal: write it as one, and run again.`);
  }
  return { node, value: node.text };
}

function locate(text: string, file: string): { source: ts.SourceFile; located: Located } {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const pin = literal(initializer(source, "KEYCLOAK_VERSION", file), "KEYCLOAK_VERSION", file);
  const versions = initializer(source, "KEYCLOAK_VERSIONS", file);
  if (!ts.isArrayLiteralExpression(versions)) {
    throw new VersionsCheckError(
      `KEYCLOAK_VERSIONS in ${file} is not an array literal: write it as one, and run again.`,
    );
  }
  const keycloakVersions = versions.elements.map((element) =>
    ts.isIdentifier(element) && element.text === "KEYCLOAK_VERSION"
      ? { node: element, value: pin.value }
      : literal(element, "An element of KEYCLOAK_VERSIONS", file),
  );
  const releases = initializer(source, "OPENMETADATA_RELEASES", file);
  if (!ts.isArrayLiteralExpression(releases)) {
    throw new VersionsCheckError(
      `OPENMETADATA_RELEASES in ${file} is not an array literal: write it as one, and run again.`,
    );
  }
  const openMetadataReleases = releases.elements.map((element) => {
    if (!ts.isObjectLiteralExpression(element)) {
      throw new VersionsCheckError(
        `An element of OPENMETADATA_RELEASES in ${file} is not an object literal: write it as one, and run again.`,
      );
    }
    const property = (name: string) =>
      literal(
        element.properties.find(
          (candidate): candidate is ts.PropertyAssignment =>
            ts.isPropertyAssignment(candidate) && ts.isIdentifier(candidate.name) && candidate.name.text === name,
        )?.initializer,
        `OPENMETADATA_RELEASES' ${name}`,
        file,
      );
    return { line: property("line"), version: property("version"), ingestionPackage: property("ingestionPackage") };
  });
  return { source, located: { pin, keycloakVersions, openMetadataReleases } };
}

/** The versions `text` (the contents of src/versions.ts, called `file` in messages) names. */
export function readVersions(text: string, file: string): Versions {
  const { located } = locate(text, file);
  return {
    keycloakPin: located.pin.value,
    keycloakVersions: located.keycloakVersions.map((element) => element.value),
    openMetadataReleases: located.openMetadataReleases.map(
      ({ line, version, ingestionPackage }): OpenMetadataRelease => ({
        line: line.value,
        version: version.value,
        ingestionPackage: ingestionPackage.value,
      }),
    ),
  };
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * `text` with the versions of `next`: each changed literal's contents replaced, and each new
 * Keycloak line inserted into KEYCLOAK_VERSIONS after the line before it. Lines are never removed;
 * a new OpenMetadata line is not added (see updatedVersions).
 */
export function writeVersions(text: string, next: Versions, file: string): string {
  const { source, located } = locate(text, file);
  const edits: Edit[] = [];
  const replace = (target: Literal, value: string) => {
    if (target.value !== value)
      edits.push({ start: target.node.getStart(source) + 1, end: target.node.end - 1, text: value });
  };

  replace(located.pin, next.keycloakPin);
  const elements = located.keycloakVersions;
  for (const version of next.keycloakVersions) {
    const same = elements.find((element) => lineOf(element.value) === lineOf(version));
    if (same) {
      if (ts.isStringLiteral(same.node)) replace(same as Literal, version);
      else if (version !== next.keycloakPin) {
        throw new VersionsCheckError(
          `KEYCLOAK_VERSIONS in ${file} names KEYCLOAK_VERSION for line ${lineOf(version)}, yet ${version} is not the pin: a bug in versions:check.`,
        );
      }
      continue;
    }
    const before = elements.filter((element) => compareVersions(lineOf(element.value), lineOf(version)) < 0).at(-1);
    if (before) edits.push({ start: before.node.end, end: before.node.end, text: `, "${version}"` });
    else
      edits.push({
        start: elements[0].node.getStart(source),
        end: elements[0].node.getStart(source),
        text: `"${version}", `,
      });
  }
  for (const listed of elements) {
    if (!next.keycloakVersions.some((version) => lineOf(version) === lineOf(listed.value))) {
      throw new VersionsCheckError(
        `Keycloak ${lineOf(listed.value)} would leave KEYCLOAK_VERSIONS: a bug in versions:check.`,
      );
    }
  }
  for (const release of located.openMetadataReleases) {
    const updated = next.openMetadataReleases.find((candidate) => candidate.line === release.line.value);
    if (!updated) continue;
    replace(release.version, updated.version);
    replace(release.ingestionPackage, updated.ingestionPackage);
  }

  // From the end, so earlier positions stay valid; at one position the later insertion goes in first.
  let written = text;
  const order = edits.map((edit, index) => ({ ...edit, index }));
  for (const edit of order.sort((a, b) => b.start - a.start || b.index - a.index)) {
    written = written.slice(0, edit.start) + edit.text + written.slice(edit.end);
  }
  const byLine = (versions: Versions) => ({
    ...versions,
    keycloakVersions: [...versions.keycloakVersions].sort(compareVersions),
  });
  if (JSON.stringify(byLine(readVersions(written, file))) !== JSON.stringify(byLine(next))) {
    throw new VersionsCheckError(`Rewriting ${file} did not give the versions intended: a bug in versions:check.`);
  }
  return written;
}
