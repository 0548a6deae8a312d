#!/bin/sh
# As nginx's image does at start: when the host has IPv6 and /etc/nginx/conf.d/default.conf is still the
# image's own (its checksum is kept in /usr/share/nginx/default.conf.sha256), it listens on IPv6 as well.
set -e

ME=$(basename "$0")
CONF=/etc/nginx/conf.d/default.conf

entrypoint_log() {
    if [ -z "${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then
        echo "$@"
    fi
}

if [ ! -f /proc/net/if_inet6 ]; then
    entrypoint_log "$ME: info: ipv6 not available"
    exit 0
fi
if [ ! -f "$CONF" ]; then
    entrypoint_log "$ME: info: $CONF is not a file or does not exist"
    exit 0
fi
if ! touch "$CONF" 2>/dev/null; then
    entrypoint_log "$ME: info: can not modify $CONF (read-only file system?)"
    exit 0
fi
if grep -q 'listen  \[::\]:' "$CONF"; then
    entrypoint_log "$ME: info: IPv6 listen already enabled"
    exit 0
fi
entrypoint_log "$ME: info: Getting the checksum of $CONF"
if ! sha256sum --status -c /usr/share/nginx/default.conf.sha256 2>/dev/null; then
    entrypoint_log "$ME: info: $CONF differs from the packaged version"
    exit 0
fi

sed -i -E 's,^( *)listen( +)([0-9]+);,&\n\1listen  [::]:\3;,' "$CONF"
entrypoint_log "$ME: info: Enabled listen on IPv6 in $CONF"
exit 0
