#!/usr/bin/env bash
# `npm run setup`, which `npm test` runs first with its arguments: makes sure what the Vitest
# projects being run need is here, and nothing more. `npm test -- --project unit` needs Node.js
# alone; with no --project, every project, and actionlint for `npm run lint`.
# Each one already here costs a version check, so the whole script takes about a second then.
# A missing one is installed with apt-get when this runs as root on Debian or Ubuntu; otherwise the
# script prints the command that installs it and stops. Under CI=true, what a project being run needs
# is required.
#
#   every project   Node.js 22.12+
#   openmetadata    Python 3, pip, venv    OpenMetadata's release definitions, from PyPI's openmetadata-ingestion
#                   Go 1.21+               Docker Compose's own reader of the env file and compose files (tests/support/compose)
#                   OpenMetadata files     its Helm chart and development-line conf/openmetadata.yaml
#                                          (scripts/openmetadata-files.ts: the variables, ../shared/fixtures,
#                                          the cache, else downloaded at pinned commits and checked)
#                   Docker engine, Docker Compose CLI   the Docker page's commands, run for real
#                                          (scripts/compose-cli.sh builds the CLI with Go, once). Optional
#                                          outside CI: without them, that test is skipped.
#   keycloak        Java 17+, Maven        Keycloak's server distribution (also where Docker runs and no registry
#                                          serves the official image: the image is built from it)
#                   Docker engine          Keycloak in a container (scripts/docker-engine.sh). Optional outside
#                                          CI: without it, the tests run the server distribution with Java.
#                   Chromium, curl         sign-in and the admin console in a browser; the script that saves
#                                          the settings through OpenMetadata's API
#   site            Chromium               the browser tests (CHROMIUM_PATH names another Chromium or Chrome)
#   no --project    also Go and actionlint (scripts/actionlint.sh), which npm run lint runs on the workflows
set -euo pipefail
cd "$(dirname "$0")/.."

# Vitest's projects (vitest.config.ts; tests/harness/setup.unit.test.ts holds the two lists equal).
projects=(unit openmetadata keycloak site)

# The --project options among Vitest's arguments: names, globs, and !exclusions, as Vitest reads them.
patterns=()
while [ "$#" -gt 0 ]; do
  case "$1" in
    --project=*) patterns+=("${1#--project=}") ;;
    --project) [ "$#" -ge 2 ] && { patterns+=("$2"); shift; } ;;
  esac
  shift
done

included=()
excluded=()
for pattern in ${patterns[@]+"${patterns[@]}"}; do
  case "$pattern" in
    '!'*) excluded+=("${pattern#!}") ;;
    *) included+=("$pattern") ;;
  esac
done
for pattern in ${included[@]+"${included[@]}"} ${excluded[@]+"${excluded[@]}"}; do
  matched=""
  for project in "${projects[@]}"; do
    # shellcheck disable=SC2053 # the pattern is a glob, as Vitest's
    [[ $project == $pattern ]] && matched=1
  done
  if [ -z "$matched" ]; then
    echo "setup: no Vitest project is called $pattern: the projects are ${projects[*]} (vitest.config.ts)." >&2
    exit 1
  fi
done

selected=()
for project in "${projects[@]}"; do
  run=""
  [ "${#included[@]}" -eq 0 ] && run=1
  for pattern in ${included[@]+"${included[@]}"}; do
    # shellcheck disable=SC2053
    [[ $project == $pattern ]] && run=1
  done
  for pattern in ${excluded[@]+"${excluded[@]}"}; do
    # shellcheck disable=SC2053
    [[ $project == $pattern ]] && run=""
  done
  [ -n "$run" ] && selected+=("$project")
done

need=" "
for project in ${selected[@]+"${selected[@]}"}; do
  case "$project" in
    openmetadata) need+="python go openmetadata-files docker compose java maven " ;; # java, maven: versions:check
    keycloak) need+="java maven docker chromium curl " ;;
    site) need+="chromium " ;;
  esac
done
[ "${#patterns[@]}" -eq 0 ] && need+="go actionlint "
needs() { [[ $need == *" $1 "* ]]; }

missing=()
note() { printf 'setup: %s\n' "$*"; }
ci() { [ "${CI:-}" = "true" ]; }

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
  echo "Node.js $(node --version) is too old: the site and its tests need 22.12 or newer (24 recommended, see .nvmrc and the README)." >&2
  exit 1
fi

if needs java && ! java_ok; then install openjdk-17-jre-headless; fi
if needs maven && ! command -v mvn >/dev/null; then install maven; fi
if needs go; then
  if ! command -v go >/dev/null; then
    install golang-go
  elif ! go version | grep -Eq 'go1\.(2[1-9]|[3-9][0-9])'; then
    echo "$(go version) is too old: install Go 1.21 or newer." >&2
    exit 1
  fi
fi
if needs python && ! python3 -c 'import ensurepip, venv' 2>/dev/null; then install python3-venv python3-pip; fi
if needs chromium && [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then install chromium; fi
if needs curl && ! command -v curl >/dev/null; then install curl; fi

if [ "${#missing[@]}" -gt 0 ]; then
  echo "Missing for the ${selected[*]} tests: ${missing[*]}. Install them, e.g. sudo apt-get install ${missing[*]}, then run npm test again." >&2
  exit 1
fi

if needs openmetadata-files; then npx tsx scripts/openmetadata-files.ts; fi

# Docker: required in CI, where Keycloak must run in a container and the Docker page's commands
# must run; a choice elsewhere.
if needs docker && ! docker info >/dev/null 2>&1; then
  if ci || [ "$(id -u)" -eq 0 ]; then
    bash scripts/docker-engine.sh
  else
    if needs java; then note "no Docker engine answers: the tests will run Keycloak's server distribution with Java instead."; fi
    if needs compose; then note "no Docker engine answers: the test of the Docker page's commands is skipped."; fi
  fi
fi

# Docker Compose's CLI plugin, where an engine answers: required in CI, built here as root, else a note.
if needs compose && docker info >/dev/null 2>&1 && ! docker compose version >/dev/null 2>&1; then
  if ci || [ "$(id -u)" -eq 0 ]; then
    bash scripts/compose-cli.sh
  else
    note "docker compose does not answer: the test of the Docker page's commands is skipped (bash scripts/compose-cli.sh installs it)."
  fi
fi

if needs actionlint; then bash scripts/actionlint.sh --install; fi
