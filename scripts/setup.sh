#!/usr/bin/env bash
# `npm run setup`, which `npm test` runs first: makes sure the programs the tests need are here.
# Each one already here costs a version check, so the whole script takes well under a second then.
# A missing one is installed with apt-get when this runs as root on Debian or Ubuntu; otherwise the
# script prints the command that installs it and stops. Under CI=true everything is required.
#
#   Java 17+, Maven     Keycloak's server distribution (also where Docker runs: the image is built from it)
#   Go 1.21+            Docker Compose's own reader of the env file and compose files (tests/support/compose)
#   Python 3, pip, venv OpenMetadata's release definitions, from PyPI's openmetadata-ingestion
#   Chromium            the browser tests (CHROMIUM_PATH names another Chromium or Chrome)
#   curl                the script that saves the settings through OpenMetadata's API
#   Docker engine       Keycloak in a container (scripts/docker-engine.sh). Optional outside CI: without
#                       it, the tests run the server distribution with Java.
#   Docker Compose CLI  the Docker page's commands, run for real (scripts/compose-cli.sh builds it with Go,
#                       once). Optional outside CI: without it, that test is skipped.
#   OpenMetadata files  its Helm chart and development-line conf/openmetadata.yaml, which no registry
#                       reachable here serves: ../shared/fixtures beside the repository, or the
#                       paths OPENMETADATA_HELM_CHART_DIR and OPENMETADATA_CONF name.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
note() { printf 'setup: %s\n' "$*"; }

install() {
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    note "installing $* with apt-get…"
    [ -n "${apt_updated:-}" ] || { apt-get update -qq; apt_updated=1; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  else
    missing+=("$@")
  fi
}

# A Java 17 or newer, where the harness looks for one (JAVA_HOME, /usr/lib/jvm, PATH); stops at the first.
java_ok() {
  local java version
  for java in "${JAVA_HOME:-/nonexistent}/bin/java" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [ -x "$java" ] || continue
    version=$("$java" -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p' | head -n 1)
    [ "${version:-0}" -ge 17 ] && return 0
  done
  return 1
}

node_ok=$(node -e 'const [a, b] = process.versions.node.split(".").map(Number); console.log(a > 22 || (a === 22 && b >= 12))')
if [ "$node_ok" != "true" ]; then
  echo "Node.js $(node --version) is too old: the site and its tests need 22.12 or newer (24 recommended, see .nvmrc)." >&2
  exit 1
fi

java_ok || install openjdk-17-jre-headless
command -v mvn >/dev/null || install maven
if ! command -v go >/dev/null; then
  install golang-go
elif ! go version | grep -Eq 'go1\.(2[1-9]|[3-9][0-9])'; then
  echo "$(go version) is too old to build tests/support/compose: install Go 1.21 or newer." >&2
  exit 1
fi
python3 -c 'import ensurepip, venv' 2>/dev/null || install python3-venv python3-pip
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || install chromium
command -v curl >/dev/null || install curl

chart_dir="${OPENMETADATA_HELM_CHART_DIR:-../shared/fixtures/openmetadata-helm}"
conf_file="${OPENMETADATA_CONF:-../shared/fixtures/openmetadata/conf/openmetadata.yaml}"
if [ ! -f "$chart_dir/values.schema.json" ] || [ ! -f "$conf_file" ]; then
  echo "OpenMetadata's Helm chart ($chart_dir) or conf/openmetadata.yaml ($conf_file) is not there: put ../shared/fixtures beside the repository, or set OPENMETADATA_HELM_CHART_DIR (helm pull open-metadata/openmetadata --untar) and OPENMETADATA_CONF (see CONTRIBUTING.md)." >&2
  exit 1
fi

if [ "${#missing[@]}" -gt 0 ]; then
  echo "Missing: ${missing[*]}. Install them, e.g. sudo apt-get install ${missing[*]}, then run npm test again." >&2
  exit 1
fi

# Docker: required in CI, where the tests must run Keycloak in a container; a choice elsewhere.
if ! docker info >/dev/null 2>&1; then
  if [ "${CI:-}" = "true" ] || [ "$(id -u)" -eq 0 ]; then
    bash scripts/docker-engine.sh
  else
    note "no Docker engine answers: the tests will run Keycloak's server distribution with Java instead."
  fi
fi

# Docker Compose's CLI plugin, where an engine answers: required in CI, built here as root, else a note.
if docker info >/dev/null 2>&1 && ! docker compose version >/dev/null 2>&1; then
  if [ "${CI:-}" = "true" ] || [ "$(id -u)" -eq 0 ]; then
    bash scripts/compose-cli.sh
  else
    note "docker compose does not answer: the test of the Docker page's commands is skipped (bash scripts/compose-cli.sh installs it)."
  fi
fi
