#!/usr/bin/env bash
# The documented contract of the official nginx image's entrypoint: /docker-entrypoint.d scripts,
# NGINX_LOCAL_RESOLVERS on request, and envsubst of templates with only the defined variables.
set -euo pipefail

if [ "$1" = nginx ] || [ "$1" = nginx-debug ]; then
  if [ -n "${NGINX_ENTRYPOINT_LOCAL_RESOLVERS:-}" ]; then
    NGINX_LOCAL_RESOLVERS=$(awk 'BEGIN{ORS=" "} $1=="nameserver" {print ($2 ~ ":") ? "[" $2 "]" : $2}' /etc/resolv.conf)
    export NGINX_LOCAL_RESOLVERS="${NGINX_LOCAL_RESOLVERS% }"
  fi
  for f in /docker-entrypoint.d/*; do
    case "$f" in
      *.envsh) [ -x "$f" ] && . "$f" ;;
      *.sh) [ -x "$f" ] && "$f" ;;
    esac
  done

  template_dir=${NGINX_ENVSUBST_TEMPLATE_DIR:-/etc/nginx/templates}
  suffix=${NGINX_ENVSUBST_TEMPLATE_SUFFIX:-.template}
  output_dir=${NGINX_ENVSUBST_OUTPUT_DIR:-/etc/nginx/conf.d}
  filter=${NGINX_ENVSUBST_FILTER:-}
  defined_envs=$(printf '${%s} ' $(awk "END { for (name in ENVIRON) { print ( name ~ /${filter}/ ) ? name : \"\" } }" </dev/null))
  if [ -d "$template_dir" ]; then
    find "$template_dir" -follow -type f -name "*$suffix" -print | while read -r template; do
      relative=${template#"$template_dir/"}
      output="$output_dir/${relative%"$suffix"}"
      mkdir -p "$(dirname "$output")"
      envsubst "$defined_envs" <"$template" >"$output"
      echo "$template -> $output"
    done
  fi
fi
exec "$@"
