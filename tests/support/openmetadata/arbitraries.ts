/**
 * Settings a reader might type or paste into the generator: mostly well-formed, now and then one of
 * YAML's special words or anything at all, so the properties see what validation accepts next to
 * what it rejects.
 */
import fc from "fast-check";
import { documentedSettings, type KeycloakSsoSettings, validateSettings } from "../../../src/lib/openmetadata/settings";
import { OPENMETADATA_RELEASES, type OpenMetadataLine } from "../../../src/versions";

/**
 * The documented settings for `line` with every optional setting a reader can change away from the
 * server's default, so that every setting the guide can write is written.
 */
export const everyOptionalSetting = (line: OpenMetadataLine): KeycloakSsoSettings => ({
  ...documentedSettings,
  openMetadataLine: line,
  principalClaims: ["preferred_username", "email", "sub"],
  scope: "openid email profile offline_access",
  clientAuthMethod: "client_secret_basic",
  sessionExpirySeconds: 86400,
  useRolesFromProvider: true,
});

const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
export const DIGITS = "0123456789";
/** What YAML 1.1 reads as a boolean, null, number or date, and near misses of those. */
export const YAML_SPECIAL_WORDS = [
  ...["yes", "Yes", "YES", "no", "No", "on", "On", "off", "OFF", "y", "Y", "n", "N", "true", "False"],
  ...["null", "Null", "NULL", "~", "0", "0777", "0x1F", "0o17", "0b101", "1e5", "1E5", "1.5", "1.0", "10.0.0.1"],
  ...["1_000", "12:30", "1:20:30", ".inf", "-.Inf", ".NaN", "2001-01-01", "+1", "-1", "=", "<<", "-", "---"],
  ...["...", "@", "&a", "*a", "!a", "|", ">", "%"],
];
export const ADVERSARIAL_CHARS = [
  ..."$#'\"` \t\\:,[]{}!&*|>%@?;()<",
  ...["ä", "é", "€", "😀", "\u00a0", "\u2028", "\u0085", "\u0001", "\n", "\r"],
];

export const stringOf = (chars: string, minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...chars), minLength, maxLength });

/** Half safe characters, half characters that quote, comment, interpolate or break lines. */
const adversarialString = fc.string({
  unit: fc.oneof(fc.constantFrom(...LETTERS, ...DIGITS, ..."._-"), fc.constantFrom(...ADVERSARIAL_CHARS)),
  maxLength: 12,
});

/** A value as a reader might type or paste it. */
const pasted = (wellFormed: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 60, arbitrary: wellFormed },
    { weight: 3, arbitrary: fc.constantFrom(...YAML_SPECIAL_WORDS) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...YAML_SPECIAL_WORDS), wellFormed).map(([a, b]) => a + b) },
    { weight: 1, arbitrary: adversarialString },
  );

const name = fc
  .tuple(stringOf(LETTERS + DIGITS, 1, 1), stringOf(`${LETTERS}${DIGITS}._-`, 0, 15))
  .map(([first, rest]) => first + rest);

/** Characters a URL may hold in its path, including ones env files, YAML and shells treat specially. */
const URL_PATH_CHARS = `abcdef012._-~!$&'()*+,;=:@%[]{}"\`|^\\<>äé`;

const baseUrl: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 40,
    arbitrary: fc
      .tuple(
        fc.constantFrom("http://", "https://"),
        fc.oneof(
          {
            weight: 3,
            arbitrary: fc.constantFrom("localhost", "keycloak.example.com", "127.0.0.1", "kéycloak.example"),
          },
          { weight: 1, arbitrary: fc.constantFrom("[::1]", "[2001:db8::5]", ":password@keycloak.example.com") },
          {
            weight: 3,
            arbitrary: fc
              .array(
                fc.tuple(stringOf("abcxyz", 1, 1), stringOf("abcxyz019-", 0, 5)).map(([first, rest]) => first + rest),
                { minLength: 1, maxLength: 3 },
              )
              .map((labels) => labels.join(".")),
          },
        ),
        fc.oneof(
          { weight: 6, arbitrary: fc.constant("") },
          { weight: 3, arbitrary: fc.integer({ min: 1, max: 65535 }).map((port) => `:${port}`) },
          { weight: 1, arbitrary: fc.constant(":") },
        ),
        fc.oneof(
          { weight: 12, arbitrary: fc.constant("") },
          {
            weight: 4,
            arbitrary: fc
              .array(stringOf("abkc019._-", 1, 8), { minLength: 1, maxLength: 2 })
              .map((path) => `/${path.join("/")}`),
          },
          { weight: 3, arbitrary: stringOf(URL_PATH_CHARS, 1, 8).map((segment) => `/${segment}`) },
          { weight: 1, arbitrary: fc.constantFrom("\\", "/?", "/#", "/a?", "/a#") },
        ),
      )
      .map((parts) => parts.join("")),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "keycloak.example.com",
      "https://keycloak.example.com/",
      "https://keycloak.example.com/auth",
      "https://keycloak.example.com/realms/openmetadata",
      "ftp://keycloak.example.com",
      "https://keycloak.example.com?x=1",
      "https://user@keycloak.example.com",
      "https://keycloak.example.com/a b",
    ),
  },
  { weight: 1, arbitrary: adversarialString.map((rest) => `https://keycloak.example${rest}`) },
);

const scopeName = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom("email", "profile", "offline_access", "roles", "groups", "microprofile-jwt"),
  },
  { weight: 2, arbitrary: stringOf(`${LETTERS.slice(0, 4)}${DIGITS.slice(0, 3)}_.:-`, 1, 8) },
  { weight: 1, arbitrary: fc.constantFrom(...YAML_SPECIAL_WORDS) },
);

const scope: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 40,
    arbitrary: fc
      .tuple(fc.array(scopeName, { maxLength: 4 }), fc.nat())
      .map(([others, at]) => others.toSpliced(at % (others.length + 1), 0, "openid").join(" ")),
  },
  { weight: 1, arbitrary: adversarialString },
);

export const anySettings: fc.Arbitrary<KeycloakSsoSettings> = fc.record({
  openMetadataLine: fc.constantFrom(...OPENMETADATA_RELEASES.map((release) => release.line)),
  keycloakUrl: baseUrl,
  realm: fc.oneof({ weight: 1, arbitrary: fc.constant("master") }, { weight: 60, arbitrary: pasted(name) }),
  clientId: pasted(name),
  clientSecret: pasted(
    fc.oneof(
      // What Keycloak generates, and anything else validation lets through.
      stringOf(LETTERS + DIGITS, 32, 32),
      stringOf(`${LETTERS.slice(20, 30)}${DIGITS.slice(0, 4)}._~+/=-`, 1, 40),
    ),
  ),
  openMetadataUrl: baseUrl,
  adminPrincipals: fc.oneof(
    { weight: 60, arbitrary: fc.array(pasted(name), { minLength: 1, maxLength: 2 }) },
    { weight: 1, arbitrary: fc.constant<string[]>([]) },
  ),
  principalDomain: pasted(
    fc.array(stringOf("abcxyzXYZ019-", 1, 8), { minLength: 2, maxLength: 4 }).map((labels) => labels.join(".")),
  ),
  principalClaims: fc.oneof(
    {
      weight: 60,
      arbitrary: fc.array(
        pasted(
          fc.oneof(
            fc.constantFrom("preferred_username", "email", "sub"),
            fc
              .tuple(stringOf(`${LETTERS}_`, 1, 1), stringOf(`${LETTERS.slice(0, 8)}${DIGITS.slice(0, 3)}_.-`, 0, 10))
              .map(([first, rest]) => first + rest),
          ),
        ),
        { minLength: 1, maxLength: 3 },
      ),
    },
    { weight: 1, arbitrary: fc.constant<string[]>([]) },
  ),
  scope,
  clientAuthMethod: fc.constantFrom("client_secret_post", "client_secret_basic"),
  useRolesFromProvider: fc.boolean(),
  sessionExpirySeconds: fc.oneof(
    { weight: 60, arbitrary: fc.integer({ min: 3600, max: 2 ** 31 - 1 }) },
    { weight: 1, arbitrary: fc.integer({ min: -1, max: 3599 }) },
    { weight: 1, arbitrary: fc.double({ min: 3600, max: 1e7, noNaN: true }) },
    { weight: 1, arbitrary: fc.integer({ min: 2 ** 31, max: Number.MAX_SAFE_INTEGER }) },
  ),
});

// validateSettings parses YAML and is slow; properties draw the same settings again while shrinking.
const verdicts = new Map<string, boolean>();
export function isAccepted(settings: KeycloakSsoSettings): boolean {
  const key = JSON.stringify(settings);
  let accepted = verdicts.get(key);
  if (accepted === undefined) {
    accepted = validateSettings(settings).length === 0;
    verdicts.set(key, accepted);
  }
  return accepted;
}

/** Settings validation accepts. */
export const acceptedSettings = anySettings.filter(isAccepted);

/** The documented settings with a secret a reader might paste instead of Keycloak's generated one, when accepted. */
export const acceptedAdversarialSecrets = fc
  .oneof(
    fc.constantFrom(...YAML_SPECIAL_WORDS),
    fc.tuple(fc.constantFrom(...YAML_SPECIAL_WORDS), stringOf(`ab01._~+/=-`, 0, 6)).map(([word, rest]) => word + rest),
    fc.string({
      unit: fc.oneof(fc.constantFrom(..."._~+/=-"), fc.constantFrom(...DIGITS), fc.constantFrom(...ADVERSARIAL_CHARS)),
      minLength: 1,
      maxLength: 12,
    }),
  )
  .map((clientSecret): KeycloakSsoSettings => ({ ...documentedSettings, clientSecret }))
  .filter(isAccepted);
