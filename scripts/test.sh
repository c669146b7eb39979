#!/usr/bin/env bash
# `npm test`: the setup check, then lint, type checks and every Vitest project; under CI=true, then
# the Keycloak suites on every other supported Keycloak version (scripts/keycloak-versions.ts).
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
if [ "${CI:-}" != "true" ]; then
  exec npx vitest run
fi
# Under CI, Vitest also writes its results to a file, so the version matrix takes the pinned
# version's from this run instead of running its suites a second time. (Reporters given on the
# command line replace the config's, so both are named again.)
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
npx vitest run --reporter=default --reporter=./tests/support/summary-reporter.ts \
  --reporter=json --outputFile.json="$results/vitest.json"
npx tsx scripts/keycloak-versions.ts --in-ci --results "$results/vitest.json"
