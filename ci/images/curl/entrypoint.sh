#!/bin/sh
# curl/curl-container's etc/entrypoint.sh: curl for an option or an unknown command, the command otherwise.
set -e

if [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}")" ]; then
  set -- curl "$@"
fi

exec "$@"
