#!/bin/sh
# Saves OpenMetadata's single sign-on settings through its API, as the Settings › SSO screen
# does: first the server checks them without saving anything, then it stores and applies them.
#   OPENMETADATA_URL    the address OpenMetadata answers at, e.g. http://localhost:8585
#   OPENMETADATA_TOKEN  an administrator's token; to keep it out of shell history (bash, zsh):
#     printf 'Token: '; read -rs OPENMETADATA_TOKEN; echo
#     export OPENMETADATA_TOKEN
#   $1                  the settings file, openmetadata-ui/security-config.json by default
# Needs curl 7.76 or newer. Run from the examples folder:
#   sh openmetadata-ui/apply-security-config.sh openmetadata-ui/security-config.json
set -eu

file="${1:-openmetadata-ui/security-config.json}"
: "${OPENMETADATA_URL:?Set OPENMETADATA_URL to the address OpenMetadata answers at, e.g. http://localhost:8585}"
: "${OPENMETADATA_TOKEN:?Set OPENMETADATA_TOKEN to an administrator's token (see the page)}"
[ -r "$file" ] || { echo "$file: no such file. Save the settings from the page under that name first." >&2; exit 1; }
api="${OPENMETADATA_URL%/}/api/v1/system/security"

# METHOD PATH: sends the file, prints the answer; fails on an HTTP error. The token goes in on
# standard input, so it is not in the process list.
call() {
  printf 'Authorization: Bearer %s\n' "$OPENMETADATA_TOKEN" |
    curl --silent --show-error --fail-with-body --header @- --header 'Content-Type: application/json' \
      --request "$1" --data-binary "@$file" "$api/$2"
}

echo "Checking the settings with OpenMetadata (nothing is saved yet)…"
if ! answer=$(call POST validate); then
  printf '%s\n' "$answer" >&2
  echo "OpenMetadata did not check them: is OPENMETADATA_URL right, and is the token an administrator's?" >&2
  exit 1
fi
printf '%s\n' "$answer"
if ! printf '%s' "$answer" | grep -Eq '"status" *: *"success"'; then
  echo "Not saved: fix what the errors above name, then run this again." >&2
  exit 1
fi

echo "Saving them. OpenMetadata applies them at once: sign in again with Keycloak."
call PUT config >/dev/null
echo "Saved."
