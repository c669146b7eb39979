#!/bin/sh
# Stands in for `java` while the image is built. kc.sh start-dev first runs Java to augment the
# server for dev mode; that run exits with status 10, and kc.sh then runs Java again with
# -Dkc.config.built=true to start the server (see the end of bin/kc.sh). Stopping at that second
# call leaves the augmented server in /opt/keycloak/lib/quarkus without starting it.
case "$1" in -Dkc.config.built=true) exit 0 ;; esac
exec java "$@"
