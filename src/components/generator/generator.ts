/**
 * The generator in the reader's browser: reads the form, checks it, and renders every file with the
 * modules in engine.ts, loaded on first use. Nothing is sent or stored.
 */
import type { KeycloakSsoSettings, SettingError } from "../../lib/openmetadata/settings";

type Engine = typeof import("./engine");

const root = document.querySelector<HTMLElement>("[data-generator]");
const form = root?.querySelector("form");

if (root && form) {
  let engine: Promise<Engine> | undefined;
  const loadEngine = () => {
    engine ??= import("./engine");
    return engine;
  };
  const all = <T extends HTMLElement>(selector: string) => [...root.querySelectorAll<T>(selector)];
  const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement | null;
  const scope = field("scope");
  const offline = field("generator-offline");
  const offlineChoice = root.querySelector<HTMLElement>("[data-offline-access]");
  const status = root.querySelector("[data-status]");
  const copyStatus = root.querySelector("[data-copy-status]");

  const read = (documented: KeycloakSsoSettings): KeycloakSsoSettings => {
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? "").trim();
    const list = (name: string) =>
      text(name)
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean);
    return {
      ...documented,
      openMetadataLine: text("openMetadataLine") as KeycloakSsoSettings["openMetadataLine"],
      keycloakUrl: text("keycloakUrl"),
      realm: text("realm"),
      clientId: text("clientId"),
      // Empty until the reader pastes it: the files keep the documented placeholder meanwhile.
      clientSecret: text("clientSecret") || documented.clientSecret,
      openMetadataUrl: text("openMetadataUrl"),
      adminPrincipals: list("adminPrincipals"),
      principalDomain: text("principalDomain"),
      principalClaims: list("principalClaims"),
      scope: text("scope").split(/\s+/).join(" "),
      clientAuthMethod: text("clientAuthMethod") as KeycloakSsoSettings["clientAuthMethod"],
      // Optional: left empty, OpenMetadata's default.
      sessionExpirySeconds: text("sessionExpirySeconds")
        ? Number(text("sessionExpirySeconds"))
        : documented.sessionExpirySeconds,
      useRolesFromProvider: text("useRolesFromProvider") === "true",
    };
  };

  const update = async () => {
    const {
      CONFIGURATION_FILES,
      documentedSettings,
      keycloakClientSettings,
      RENEWS_KEYCLOAK_TOKENS,
      settingNotes,
      showCode,
      ssoScreenRows,
      validateSettings,
    } = await loadEngine();
    const settings = read(documentedSettings);
    // The offline_access box only where the line has a use for it; a scope typed by hand gets a note.
    if (offlineChoice) offlineChoice.hidden = !RENEWS_KEYCLOAK_TOKENS[settings.openMetadataLine];
    const errors = validateSettings(settings);
    const notes = settingNotes(settings);
    /** What `found` says about one field, in one paragraph. */
    const about = (found: SettingError[], field = "") =>
      found
        .filter((item) => item.field === field)
        .map((item) => item.message)
        .join(" ");
    for (const note of all("[data-note-for]")) note.textContent = about(notes, note.dataset.noteFor);
    for (const message of all("[data-error-for]")) {
      const name = message.dataset.errorFor ?? "";
      message.textContent = about(errors, name);
      const input = root.querySelector(`#generator-${name}`);
      if (message.textContent) input?.setAttribute("aria-invalid", "true");
      else input?.removeAttribute("aria-invalid");
    }
    root.toggleAttribute("data-invalid", errors.length > 0);
    const fields = new Set(errors.map((error) => error.field)).size;
    if (status) {
      status.textContent = errors.length
        ? `Fix the ${fields === 1 ? "marked field" : `${fields} marked fields`} to update the files below.`
        : "The files below match these values.";
    }
    if (errors.length) return;
    for (const file of CONFIGURATION_FILES) {
      const block = root.querySelector(`[data-file="${file.id}"]`);
      if (block) showCode(block, file.render(settings));
    }
    const keycloak: Record<string, string> = keycloakClientSettings(settings);
    for (const code of all("[data-keycloak]")) code.textContent = keycloak[code.dataset.keycloak ?? ""] ?? "";
    for (const code of all("[data-client-id]")) code.textContent = settings.clientId;
    const sso = new Map(ssoScreenRows(settings).map((row) => [row.key, row.value]));
    for (const row of all("[data-sso-row]")) row.hidden = !sso.has(row.dataset.ssoRow ?? "");
    for (const code of all("[data-sso-value]")) code.textContent = sso.get(code.dataset.ssoValue ?? "") ?? "";
  };

  // Loaded when the reader first reaches the form, so it is there by the first keystroke.
  form.addEventListener("focusin", () => void loadEngine(), { once: true });
  // A browser that restores what was typed (back, forward, reload) shows values the files must follow.
  const typed = [...form.querySelectorAll("input")].some((input) =>
    input.type === "radio" || input.type === "checkbox"
      ? input.checked !== input.defaultChecked
      : input.value !== input.defaultValue,
  );
  if (typed) void update();
  form.addEventListener("input", (event) => {
    if (scope && offline) {
      // The box's value is the scope it stands for (offline_access).
      const offlineAccess = offline.value;
      const scopes = scope.value.split(/\s+/).filter(Boolean);
      if (event.target === offline) {
        scope.value = (offline.checked ? [...scopes, offlineAccess] : scopes.filter((s) => s !== offlineAccess)).join(
          " ",
        );
      } else {
        offline.checked = scopes.includes(offlineAccess);
      }
    }
    void update();
  });
  form.addEventListener("submit", (event) => event.preventDefault());

  for (const button of all<HTMLButtonElement>("button[data-copy]")) {
    button.addEventListener("click", async () => {
      const text = document.getElementById(button.dataset.copy ?? "")?.textContent ?? "";
      const what = button.getAttribute("aria-label")?.replace(/^Copy /, "");
      try {
        await navigator.clipboard.writeText(text);
        button.textContent = "Copied";
      } catch {
        button.textContent = "Copy failed";
      }
      if (copyStatus) copyStatus.textContent = `${button.textContent}: ${what}`;
      setTimeout(() => {
        button.textContent = "Copy";
      }, 2000);
    });
  }
}
