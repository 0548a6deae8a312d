#!/usr/bin/env bash
# The documented contract of the official redis image's entrypoint, in short.
set -euo pipefail

case "$1" in -*|*.conf) set -- redis-server "$@" ;; esac

if [ "$1" = redis-server ]; then
  shift
  conf=()
  case "${1:-}" in *.conf) conf=("$1"); shift ;; esac
  chown -R redis:redis /data
  exec setpriv --reuid=redis --regid=redis --init-groups \
    redis-server "${conf[@]}" --bind '* -::*' --protected-mode no --dir /data --daemonize no "$@"
fi
exec "$@"
