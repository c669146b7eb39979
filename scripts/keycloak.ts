/**
 * `npm run keycloak`: starts the same Keycloak the tests use, for trying the examples by hand.
 * Stops it on Ctrl-C.
 */
import { startKeycloak } from "../tooling/keycloak";

const keycloak = await startKeycloak();
console.log(`
Keycloak ${keycloak.version} is running (${keycloak.source}).
  URL:           ${keycloak.url}
  Admin console: ${keycloak.url}/admin/
  Admin login:   ${keycloak.admin.username} / ${keycloak.admin.password}
  Port:          ${new URL(keycloak.url).port}, ${process.env.KEYCLOAK_PORT ? "from KEYCLOAK_PORT" : "a free one, new at every start (set KEYCLOAK_PORT to keep one)"}
  Data:          in memory only: the realms, clients and users you make are gone once it stops
${keycloak.container ? `  Image:         ${keycloak.container.image}, ${keycloak.container.imageHow}\n  Container:     ${keycloak.container.name}\n` : ""}${keycloak.logFile ? `  Log:           ${keycloak.logFile}\n` : ""}
Try: KEYCLOAK_URL=${keycloak.url} KEYCLOAK_ADMIN_USERNAME=${keycloak.admin.username} KEYCLOAK_ADMIN_PASSWORD=${keycloak.admin.password} ADMIN_USER_PASSWORD=change-me npx tsx examples/keycloak/provision.ts
Press Ctrl-C to stop it.`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping Keycloak…");
    void keycloak.stop().then(() => process.exit(0));
  });
}
// Keep running until a signal arrives.
setInterval(() => {}, 1 << 30);
