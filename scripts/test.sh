#!/usr/bin/env bash
# `npm test`: the setup check, then lint, type checks and every Vitest project; under CI=true, then
# the Keycloak suites on every supported Keycloak version (scripts/keycloak-versions.ts).
# With arguments, only the setup check of the projects they name and Vitest with them:
# npm test -- --project unit needs Node.js alone.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh "$@"
if [ "$#" -gt 0 ]; then
  exec npx vitest run "$@"
fi
npm run lint
npm run check
npx vitest run
npx tsx scripts/keycloak-versions.ts --in-ci
