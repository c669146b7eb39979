# Keycloak from its official server distribution (the Maven zip, unpacked into ./keycloak), laid out
# like the official image: /opt/keycloak owned by user 1000 in group 0, entrypoint bin/kc.sh,
# ports 8080, 8443 and 9000.
ARG JRE_IMAGE
FROM ${JRE_IMAGE}
ENV LANG=C.UTF-8
RUN echo "keycloak:x:1000:0:keycloak user:/opt/keycloak:/sbin/nologin" >> /etc/passwd
COPY --chown=1000:0 keycloak /opt/keycloak
COPY augment-only.sh /usr/local/lib/keycloak/augment-only.sh
USER 1000
# Augment for start-dev with the options the tests start it with, so a container starts without
# re-augmenting (about 20 s saved at every start). `kc.sh build` cannot do this: it only builds for
# production mode, and start-dev would then augment again.
ARG BUILD_OPTIONS
RUN JAVA=/usr/local/lib/keycloak/augment-only.sh timeout 600 /opt/keycloak/bin/kc.sh start-dev ${BUILD_OPTIONS} \
 && test -f /opt/keycloak/lib/quarkus/quarkus-application.dat
EXPOSE 8080 8443 9000
ENTRYPOINT ["/opt/keycloak/bin/kc.sh"]
