/**
 * What the generator needs to render files in the reader's browser: the same modules the pages'
 * examples and the tests use. The page loads it when the reader first touches the form, so a reader
 * who only reads pays nothing for it (it carries a YAML parser and writer).
 */
export { CONFIGURATION_FILES } from "../../lib/openmetadata/files";
export { keycloakClientSettings } from "../../lib/openmetadata/render";
export { ssoScreenRows } from "../../lib/openmetadata/security-config";
export {
  documentedSettings,
  RENEWS_KEYCLOAK_TOKENS,
  settingNotes,
  validateSettings,
} from "../../lib/openmetadata/settings";
export { showCode } from "./highlight";
