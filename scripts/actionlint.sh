#!/usr/bin/env bash
# The GitHub workflows' check, part of `npm run lint`: actionlint (github.com/rhysd/actionlint) on
# every file in .github/workflows. Built once with `go install` from the Go module proxy into the
# cache (KEYCLOAK_CACHE_DIR, default ~/.cache/openmetadata-keycloak-guide), as scripts/setup.sh
# does for npm test; `--install` only installs it.
# Without Go it cannot be had: a failure under CI=true, elsewhere a line saying the check was skipped.
# Its shellcheck and pyflakes integrations are off, so that it finds the same on every machine
# (whether shellcheck is installed or not); the workflows' run: steps call scripts or npm.
set -euo pipefail
cd "$(dirname "$0")/.."

version=v1.7.12
bin_dir="${KEYCLOAK_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/openmetadata-keycloak-guide}/actionlint-$version"

if [ ! -x "$bin_dir/actionlint" ]; then
  if ! command -v go >/dev/null; then
    message="actionlint $version is not installed, and Go (1.21 or newer) is not there to install it: install Go, then run npm run setup."
    if [ "${CI:-}" = "true" ]; then
      echo "$message" >&2
      exit 1
    fi
    echo "Skipped the workflows' check: $message" >&2
    exit 0
  fi
  echo "Installing actionlint $version into $bin_dir (go install, once)…" >&2
  GOBIN="$bin_dir" go install "github.com/rhysd/actionlint/cmd/actionlint@$version"
fi

if [ "${1:-}" = "--install" ]; then
  exit 0
fi
"$bin_dir/actionlint" -shellcheck= -pyflakes=
