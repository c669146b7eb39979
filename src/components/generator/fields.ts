/**
 * The generator's form: which settings a reader types, grouped, with labels and hints. The values
 * shown first are the documented ones, so the page reads well before its script runs.
 */
import { documentedSettings as documented, type KeycloakSsoSettings } from "../../lib/openmetadata/settings";
import { OPENMETADATA_RELEASES } from "../../versions";

export interface Field {
  name: keyof KeycloakSsoSettings;
  label: string;
  hint: string;
  /** The value shown before the reader types. */
  value: string;
  /** Shown greyed in an empty box; the files then hold the documented value. */
  placeholder?: string;
  type?: "text" | "url" | "number" | "checkbox";
  /** Radio buttons instead of a text box: value and label of each. */
  choices?: { value: string; label: string }[];
  /** Takes a whole row of the form. */
  wide?: boolean;
}

export const FIELD_GROUPS: { legend: string; fields: Field[] }[] = [
  {
    legend: "Keycloak",
    fields: [
      {
        name: "keycloakUrl",
        label: "Keycloak URL",
        hint: "As both browsers and the OpenMetadata server reach it: no /auth, no trailing slash, and not localhost when OpenMetadata runs in a container (there, localhost is the container).",
        value: documented.keycloakUrl,
        type: "url",
        wide: true,
      },
      { name: "realm", label: "Realm", hint: "The realm of the client, not master.", value: documented.realm },
      { name: "clientId", label: "Client ID", hint: "From the client's Settings tab.", value: documented.clientId },
      {
        name: "clientSecret",
        label: "Client secret",
        hint: "From the client's Credentials tab; until you paste it, the files hold a placeholder. It never leaves this page.",
        // Empty, so that what the reader pastes is the whole value; shown, as it is in the files below.
        value: "",
        placeholder: documented.clientSecret,
        wide: true,
      },
    ],
  },
  {
    legend: "OpenMetadata",
    fields: [
      {
        name: "openMetadataLine",
        label: "OpenMetadata version",
        hint: "Where a few settings live differs between versions.",
        value: documented.openMetadataLine,
        choices: OPENMETADATA_RELEASES.map(({ line }) => ({ value: line, label: `${line}.x` })),
        wide: true,
      },
      {
        name: "openMetadataUrl",
        label: "OpenMetadata URL",
        hint: "The address users open OpenMetadata at, without /callback.",
        value: documented.openMetadataUrl,
        type: "url",
        wide: true,
      },
      {
        name: "adminPrincipals",
        label: "Admin principals",
        hint: "User names that become administrators, separated by commas: for a user with an email, the part before the @.",
        value: documented.adminPrincipals.join(", "),
      },
      {
        name: "principalDomain",
        label: "Principal domain",
        hint: "The domain of your users' email addresses.",
        value: documented.principalDomain,
      },
    ],
  },
  {
    legend: "Optional",
    fields: [
      {
        name: "scope",
        label: "Scope",
        hint: "Scopes OpenMetadata asks Keycloak for, separated by spaces; openid is required.",
        value: documented.scope,
        wide: true,
      },
      {
        name: "clientAuthMethod",
        label: "Client authentication",
        hint: "How the server sends the secret to Keycloak: in the body of the token request, or in its Authorization header.",
        value: documented.clientAuthMethod,
        choices: [
          { value: "client_secret_post", label: "client_secret_post" },
          { value: "client_secret_basic", label: "client_secret_basic" },
        ],
        wide: true,
      },
      {
        name: "principalClaims",
        label: "Principal claims",
        hint: "Claims a user's name and email come from, first found wins; keep OpenMetadata's order on a server with users.",
        value: documented.principalClaims.join(", "),
      },
      {
        name: "useRolesFromProvider",
        label: "Take users' roles from Keycloak",
        hint: "At each sign-in, a user's roles follow the token's roles claim; see Roles and teams.",
        value: String(documented.useRolesFromProvider),
        type: "checkbox",
        wide: true,
      },
      {
        name: "sessionExpirySeconds",
        label: "Session expiry (seconds)",
        hint: "How long a sign-in lasts; 604800 is 7 days.",
        value: String(documented.sessionExpirySeconds),
        type: "number",
      },
    ],
  },
];

/** The id of a field's input, and of what describes it. */
export const fieldId = (name: string) => `generator-${name}`;
