#!/bin/sh
# Builds a truststore for OpenMetadata's Java: the authorities the JDK trusts, plus yours, so that
# OpenMetadata trusts a Keycloak whose certificate your own certificate authority signed. It builds
# the file anew on each run: give it every authority you need. Each gets its file name as alias.
# Prerequisites: Java's keytool on the PATH.
# Run from the examples folder: sh networks/truststore.sh ca.pem [other-ca.pem …]
set -eu
if [ "$#" -eq 0 ]; then
  echo "Give the PEM file of your certificate authority, e.g. ca.pem" >&2
  exit 2
fi
store="openmetadata-truststore.p12"
password="${TRUSTSTORE_PASSWORD:-changeit}"
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"

# keytool reports every entry it copies: show what it says only when it fails. The store is built
# aside and moved into place at the end, so a run that fails leaves it as it was.
quietly() {
  if ! said=$("$@" 2>&1); then
    printf '%s\n' "$said" >&2
    rm -f "$store.new"
    exit 1
  fi
}

rm -f "$store.new"
quietly keytool -importkeystore -noprompt \
  -srckeystore "$java_home/lib/security/cacerts" -srcstorepass changeit \
  -destkeystore "$store.new" -deststoretype PKCS12 -deststorepass "$password"
for ca_file in "$@"; do
  name="$(basename "$ca_file" .pem)"
  quietly keytool -importcert -noprompt -alias "$name" -file "$ca_file" \
    -keystore "$store.new" -storepass "$password"
  echo "Added $ca_file (alias $name), next to the authorities Java trusts."
done
mv "$store.new" "$store"

options="-Djavax.net.ssl.trustStore=$PWD/$store -Djavax.net.ssl.trustStorePassword=$password"
echo "Start OpenMetadata with:"
echo "OPENMETADATA_OPTS=\"$options\""
