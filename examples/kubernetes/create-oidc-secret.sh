#!/bin/sh
# Creates the Secret the OpenMetadata chart reads the Keycloak client ID and secret from.
# Run it in the namespace you install OpenMetadata into.
# Its client ID is clientId in values.yaml too: keep the two the same.
kubectl create secret generic oidc-secrets \
  --namespace openmetadata \
  --from-literal=openmetadata-oidc-client-id=open-metadata \
  --from-literal=openmetadata-oidc-client-secret='paste-the-secret-from-the-credentials-tab'
