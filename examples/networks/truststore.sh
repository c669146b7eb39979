#!/bin/sh
# Builds a truststore for OpenMetadata's Java: the authorities the JDK trusts, plus yours, so that
# OpenMetadata trusts a Keycloak whose certificate your own certificate authority signed.
# Run it with Java's keytool on the PATH: sh truststore.sh ca.pem
set -eu
ca_file="${1:?Give the PEM file of your certificate authority, e.g. ca.pem}"
store="openmetadata-truststore.p12"
password="${TRUSTSTORE_PASSWORD:-changeit}"
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"

keytool -importkeystore -noprompt \
  -srckeystore "$java_home/lib/security/cacerts" -srcstorepass changeit \
  -destkeystore "$store" -deststoretype PKCS12 -deststorepass "$password"
keytool -importcert -noprompt -alias private-ca -file "$ca_file" -keystore "$store" -storepass "$password"

echo "Start OpenMetadata with:"
echo "OPENMETADATA_OPTS=\"-Djavax.net.ssl.trustStore=$PWD/$store -Djavax.net.ssl.trustStorePassword=$password\""
