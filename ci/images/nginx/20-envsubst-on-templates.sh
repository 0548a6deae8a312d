#!/bin/sh
# As nginx's image does at start: every *.template under /etc/nginx/templates (NGINX_ENVSUBST_TEMPLATE_DIR,
# _TEMPLATE_SUFFIX) is rendered by envsubst into /etc/nginx/conf.d (NGINX_ENVSUBST_OUTPUT_DIR), keeping its
# subdirectory, with only the defined variables whose names match NGINX_ENVSUBST_FILTER replaced, so nginx's
# own $variables stay. *.stream-template files go to /etc/nginx/stream-conf.d (NGINX_ENVSUBST_STREAM_*),
# and nginx.conf gets a stream block that includes them.
set -e

ME=$(basename "$0")

entrypoint_log() {
    if [ -z "${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then
        echo "$@"
    fi
}

render() { # TEMPLATE-DIR SUFFIX OUTPUT-DIR
    find "$1" -follow -type f -name "*$2" -print | while read -r template; do
        relative=${template#"$1/"}
        output="$3/${relative%"$2"}"
        mkdir -p "$(dirname "$output")"
        entrypoint_log "$ME: Running envsubst on $template to $output"
        envsubst "$defined_envs" <"$template" >"$output"
    done
}

add_stream_block() { # STREAM-OUTPUT-DIR
    conf=/etc/nginx/nginx.conf
    if grep -q -E '^\s*stream\s*\{' "$conf"; then
        entrypoint_log "$ME: $conf contains a stream block; include $1/*.conf to enable stream templates"
    elif ! touch "$conf" 2>/dev/null; then
        entrypoint_log "$ME: info: can not modify $conf (read-only file system?)"
    else
        entrypoint_log "$ME: Appending stream block to $conf to include $1/*.conf"
        printf '\n# added by "%s" on "%s"\nstream {\n  include %s/*.conf;\n}\n' "$ME" "$(date)" "$1" >>"$conf"
    fi
}

template_dir=${NGINX_ENVSUBST_TEMPLATE_DIR:-/etc/nginx/templates}
suffix=${NGINX_ENVSUBST_TEMPLATE_SUFFIX:-.template}
output_dir=${NGINX_ENVSUBST_OUTPUT_DIR:-/etc/nginx/conf.d}
stream_suffix=${NGINX_ENVSUBST_STREAM_TEMPLATE_SUFFIX:-.stream-template}
stream_output_dir=${NGINX_ENVSUBST_STREAM_OUTPUT_DIR:-/etc/nginx/stream-conf.d}
filter=${NGINX_ENVSUBST_FILTER:-}

# The environment's names that match the filter, as envsubst's SHELL-FORMAT.
defined_envs=$(printf '${%s} ' $(awk "END { for (name in ENVIRON) { print ( name ~ /${filter}/ ) ? name : \"\" } }" </dev/null))

[ -d "$template_dir" ] || exit 0
if [ ! -w "$output_dir" ]; then
    entrypoint_log "$ME: ERROR: $template_dir exists, but $output_dir is not writable"
    exit 0
fi
render "$template_dir" "$suffix" "$output_dir"

if [ -n "$(find "$template_dir" -name "*$stream_suffix" -print -quit)" ]; then
    mkdir -p "$stream_output_dir"
    if [ ! -w "$stream_output_dir" ]; then
        entrypoint_log "$ME: ERROR: $template_dir exists, but $stream_output_dir is not writable"
        exit 0
    fi
    add_stream_block "$stream_output_dir"
    render "$template_dir" "$stream_suffix" "$stream_output_dir"
fi
exit 0
