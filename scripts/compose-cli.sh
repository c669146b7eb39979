#!/usr/bin/env bash
# Makes sure `docker compose` (Docker Compose v2+ as a CLI plugin) is there, for the test that runs
# the Docker page's commands with the real Compose CLI (tests/lib/openmetadata/compose-apply.test.ts).
# scripts/setup.sh runs it where a Docker engine answers and `docker compose` does not (CI, root).
#   - `docker compose version` answers: print it, exit 0.
#   - Otherwise: build Docker Compose from its Go module (no registry here serves the binary), once,
#     into the cache (KEYCLOAK_CACHE_DIR, default ~/.cache/openmetadata-keycloak-guide), and install
#     it as a CLI plugin in ~/.docker/cli-plugins. The build takes about ten minutes on two cores.
# `go install` refuses the module (its go.mod has exclude directives), so it is downloaded with
# `go mod download` and built in its own folder, as Docker Compose's own Makefile does.
set -euo pipefail

version="${COMPOSE_VERSION:-v5.6.0}"
cache="${KEYCLOAK_CACHE_DIR:-$HOME/.cache/openmetadata-keycloak-guide}/docker-compose-$version"
plugin_dir="${DOCKER_CONFIG:-$HOME/.docker}/cli-plugins"

if docker compose version >/dev/null 2>&1; then
  docker compose version
  exit 0
fi

if [ ! -x "$cache/docker-compose" ]; then
  command -v go >/dev/null || { echo "Go is needed to build Docker Compose: install Go 1.21 or newer (apt-get install golang-go)." >&2; exit 1; }
  echo "Building Docker Compose $version from its Go module into $cache (about ten minutes, once)…"
  module_dir=$(go mod download -json "github.com/docker/compose/v5@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -d "$module_dir" ] || { echo "go mod download did not give Docker Compose $version's folder." >&2; exit 1; }
  mkdir -p "$cache"
  (cd "$module_dir" && GOFLAGS=-mod=mod go build -trimpath \
    -ldflags "-X github.com/docker/compose/v5/internal.Version=$version" \
    -o "$cache/docker-compose.partial" ./cmd)
  mv "$cache/docker-compose.partial" "$cache/docker-compose"
fi

mkdir -p "$plugin_dir"
install -m 0755 "$cache/docker-compose" "$plugin_dir/docker-compose"
docker compose version
