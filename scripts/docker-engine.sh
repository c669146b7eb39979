#!/usr/bin/env bash
# Makes sure a Docker engine answers, for the tests' Keycloak container.
#   - An engine already answers (`docker info`): print one line, exit 0. Nothing else runs.
#   - Root with apt-get: install docker.io (and debootstrap, which builds a Debian base image
#     without a registry), start dockerd in the background, wait until it answers.
#   - Otherwise: print the command to run as root and exit 1.
# The engine is started with --bridge=none --iptables=false: the tests run containers with host
# networking on loopback ports, so no bridge, NAT rules or private-range addresses are needed.
# DOCKERD_LOG (default /var/log/dockerd.log) receives the engine's log.
set -euo pipefail

log_file="${DOCKERD_LOG:-/var/log/dockerd.log}"

answers() { docker info --format '{{.ServerVersion}}' >/dev/null 2>&1; }
describe() { docker info --format 'Docker engine {{.ServerVersion}} answers ({{.OperatingSystem}}, storage driver {{.Driver}}).'; }

if command -v docker >/dev/null && answers; then
  describe
  exit 0
fi

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  refusal=$(docker info 2>&1 | grep -i 'permission denied' || true)
  if [ -n "$refusal" ]; then
    echo "The Docker engine refuses this user: run sudo usermod -aG docker $(id -un), then log in again." >&2
  else
    echo "No Docker engine answers. Start one as root: sudo bash $0 (Debian/Ubuntu), or start Docker Desktop." >&2
  fi
  exit 1
fi

if ! command -v dockerd >/dev/null || ! command -v debootstrap >/dev/null; then
  echo "Installing docker.io and debootstrap with apt-get…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker.io debootstrap >/dev/null
fi

# An engine we started earlier that has died leaves its pid file; dockerd refuses to start over it.
pid_file=/var/run/docker.pid
if [ -f "$pid_file" ] && ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then rm -f "$pid_file"; fi

start_engine() { # $1: storage driver
  echo "Starting dockerd (storage driver $1, log: $log_file)…"
  # setsid: a Ctrl-C in the terminal that ran this script must not reach the engine.
  setsid nohup dockerd --storage-driver="$1" --bridge=none --iptables=false >>"$log_file" 2>&1 </dev/null &
  local pid=$! waited=0
  while [ "$waited" -lt 60 ]; do
    if answers; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then return 1; fi
    sleep 0.5
    waited=$((waited + 1))
  done
  kill "$pid" 2>/dev/null || true
  return 1
}

# overlay2 is fast but needs kernel and filesystem support (not on every VM or nested container); vfs always works.
if start_engine overlay2 || start_engine vfs; then
  describe
  exit 0
fi
echo "dockerd did not start with overlay2 or vfs: see the last lines of $log_file:" >&2
tail -n 20 "$log_file" >&2
exit 1
