#!/usr/bin/env bash
# /__cacert_entrypoint.sh of the JDK and JRE stand-ins: the behaviour of Temurin's entrypoint
# (adoptium/containers, 25/jdk/ubuntu/noble/entrypoint.sh), written anew. It does nothing unless
# USE_SYSTEM_CA_CERTS is set; then the JVM trust store is rebuilt from the system's CA certificates plus
# /certificates/*.crt (a temporary copy when the store is not writable), and, as root, those certificates
# are also added to the system store. JRE_CACERTS_PATH names the store in use; then the command runs.
set -e

TMPDIR=${TMPDIR:-/tmp}
JRE_CACERTS_PATH=$JAVA_HOME/lib/security/cacerts

if [ -n "${USE_SYSTEM_CA_CERTS:-}" ]; then
    if [ ! -w "$TMPDIR" ]; then
        echo "Using additional CA certificates requires write permissions to $TMPDIR. Cannot create truststore."
        exit 1
    fi

    if [ ! -w "$JRE_CACERTS_PATH" ]; then
        copy=$(mktemp)
        echo "Using a temporary truststore at $copy"
        cp "$JRE_CACERTS_PATH" "$copy"
        JRE_CACERTS_PATH=$copy
        export JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:-} -Djavax.net.ssl.trustStore=$JRE_CACERTS_PATH -Djavax.net.ssl.trustStorePassword=changeit"
    fi

    # The system's trust anchors replace the store's content; then the store is made writable again.
    trust extract --overwrite --format=java-cacerts --filter=ca-anchors --purpose=server-auth "$JRE_CACERTS_PATH" >/dev/null
    chmod u+w "$JRE_CACERTS_PATH"

    for bundle in /certificates/*crt; do
        [ -f "$bundle" ] || continue
        parts=$(mktemp -d)
        name=$(basename "$bundle" .crt)
        # keytool imports one certificate per file.
        csplit -s -z -b %02d.crt -f "$parts/$name-" "$bundle" '/-----BEGIN CERTIFICATE-----/' '{*}'
        for cert in "$parts/$name"-*; do
            cn=$(openssl x509 -in "$cert" -noout -subject -nameopt -space_eq | sed -n 's/^.*CN=\([^,]*\).*$/\1/p')
            alias=$cn
            if keytool -list -keystore "$JRE_CACERTS_PATH" -storepass changeit -alias "$alias" >/dev/null 2>&1; then
                alias="${cn}_$(openssl x509 -in "$cert" -noout -serial | sed -n 's/^serial=//p')"
            fi
            echo "Adding certificate with alias $alias to the JVM truststore"
            keytool -import -noprompt -alias "$alias" -file "$cert" -keystore "$JRE_CACERTS_PATH" -storepass changeit >/dev/null
        done
        rm -rf "$parts"
    done

    if [ "$(id -u)" -eq 0 ]; then
        if [ -d /certificates ] && [ -n "$(ls -A /certificates 2>/dev/null)" ]; then
            cp -La /certificates/* /usr/local/share/ca-certificates/
        fi
        update-ca-certificates
    fi
fi

export JRE_CACERTS_PATH

exec "$@"
