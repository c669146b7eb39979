#!/usr/bin/env bash
# Where the deploy workflow (.github/workflows/deploy.yml) publishes the site, from the GitHub
# context: prints SITE_URL, BASE_PATH and REPOSITORY_URL lines for $GITHUB_ENV, which the build
# reads (src/lib/site-address.ts), and says where on stderr.
#   a project site      https://<owner>.github.io/<repository>/
#   <owner>.github.io   https://<owner>.github.io/ (a user or organization site)
#   SITE_DOMAIN=<host>  https://<host>/ (a custom domain, set as a repository variable)
# Reads GITHUB_REPOSITORY_OWNER, GITHUB_REPOSITORY and GITHUB_SERVER_URL, set on every runner.
set -euo pipefail

: "${GITHUB_REPOSITORY_OWNER:?is not set: run this in a GitHub workflow, or set it to the repository owner}"
: "${GITHUB_REPOSITORY:?is not set: run this in a GitHub workflow, or set it to <owner>/<repository>}"
: "${GITHUB_SERVER_URL:?is not set: run this in a GitHub workflow, or set it to https://github.com}"
domain="${SITE_DOMAIN:-}"
repository="${GITHUB_REPOSITORY#*/}"
lower() { printf '%s' "$1" | tr '[:upper:]' '[:lower:]'; }
# Host names are lower case; GitHub keeps the owner's capitals.
owner="$(lower "$GITHUB_REPOSITORY_OWNER")"

if [ -n "$domain" ]; then
  if ! [[ "$domain" =~ ^[A-Za-z0-9.-]+$ ]]; then
    echo "SITE_DOMAIN=$domain is not a host name: set the repository variable to the domain alone, e.g. docs.example.com" >&2
    exit 1
  fi
  site="https://$(lower "$domain")" base=/
elif [ "$(lower "$repository")" = "$owner.github.io" ]; then
  site="https://$owner.github.io" base=/
else
  site="https://$owner.github.io" base="/$repository/"
fi

echo "SITE_URL=$site"
echo "BASE_PATH=$base"
echo "REPOSITORY_URL=$GITHUB_SERVER_URL/$GITHUB_REPOSITORY"
echo "The site is published at $site$base, from $GITHUB_SERVER_URL/$GITHUB_REPOSITORY" >&2
