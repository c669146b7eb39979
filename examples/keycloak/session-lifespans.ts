/**
 * Sets how long a realm's tokens and sign-in sessions last, the Keycloak side of how long users
 * stay signed in to OpenMetadata (see the Sessions and tokens page). Prints the values before and
 * after; leave a setting out to keep it.
 *
 * Prerequisites: Node.js 22.12 or newer, and settings in the environment:
 *   KEYCLOAK_URL             Keycloak's base URL, e.g. https://keycloak.example.com (no /auth)
 *   KEYCLOAK_ADMIN_USERNAME  an admin of the master realm
 *   KEYCLOAK_ADMIN_PASSWORD  that admin's password
 *   KEYCLOAK_REALM           optional, default "openmetadata"
 *   ACCESS_TOKEN_LIFESPAN    optional, seconds: Realm settings › Tokens › Access Token Lifespan
 *   SSO_SESSION_IDLE         optional, seconds: Realm settings › Sessions › SSO Session Idle
 *   SSO_SESSION_MAX          optional, seconds: Realm settings › Sessions › SSO Session Max
 *
 * Run from the examples folder, after `npm ci`:
 *   SSO_SESSION_IDLE=28800 npx tsx keycloak/session-lifespans.ts
 */
import { signInAsAdmin } from "../shared/admin.js";
import { exitWith, keycloakUrlSetting, setting } from "../shared/failures.js";

function seconds(name: string): number | undefined {
  const value = process.env[name]?.trim();
  if (!value) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 60) exitWith(`${name} must be whole seconds, at least 60.`);
  return Number(value);
}

const keycloakUrl = keycloakUrlSetting();
const realm = setting("KEYCLOAK_REALM", "openmetadata");
const wanted = {
  accessTokenLifespan: seconds("ACCESS_TOKEN_LIFESPAN"),
  ssoSessionIdleTimeout: seconds("SSO_SESSION_IDLE"),
  ssoSessionMaxLifespan: seconds("SSO_SESSION_MAX"),
};

const admin = await signInAsAdmin(keycloakUrl);

const before = await admin.realms.findOne({ realm });
if (!before) exitWith(`Keycloak has no realm "${realm}": check KEYCLOAK_REALM.`);
const changes = Object.fromEntries(Object.entries(wanted).filter(([, value]) => value !== undefined));
if (Object.keys(changes).length > 0) await admin.realms.update({ realm }, { ...before, ...changes });
const after = (await admin.realms.findOne({ realm })) ?? before;

for (const name of Object.keys(wanted) as (keyof typeof wanted)[]) {
  const [was, is] = [before[name], after[name]];
  console.log(`${name}: ${is} s${was === is ? "" : ` (was ${was} s)`}`);
}
