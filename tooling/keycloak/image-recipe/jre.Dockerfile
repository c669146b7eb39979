# The Java layer under the locally built Keycloak image, shared by every Keycloak version.
# BASE_IMAGE is a Debian bookworm image made without a registry (debootstrap) or debian:bookworm-slim.
ARG BASE_IMAGE
FROM ${BASE_IMAGE}
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb \
 && java -version
