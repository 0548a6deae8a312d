#!/usr/bin/env bash
# Proves that each stand-in built by build.sh has the programs that ci/images/inventory.txt says its upstream
# image has ("IMAGE has PROGRAMS", "IMAGE needs PROGRAMS") and none that it says the upstream image lacks
# ("IMAGE lacks PROGRAMS"),
# with one container per stand-in: ENGINE run --rm --entrypoint sh IMAGE -c 'command -v PROGRAM ...'.
# Usage: ci/images/check-inventory.sh ENGINE -      reads the VAR=image lines that build.sh printed from stdin
#        ci/images/check-inventory.sh ENGINE        runs build.sh ENGINE (cached) for them
# Prints "    PASS  <text>" or "    FAIL  <text>" per check; exits non-zero when any check failed.
set -euo pipefail
shopt -s inherit_errexit

engine=${1:?usage: check-inventory.sh docker|podman [-]}
here="$(cd "$(dirname "$0")" && pwd)"
inventory=$here/inventory.txt

# The image each build.sh variable stands in for, as inventory.txt names it.
declare -A upstream_of=(
    [JDK_IMAGE]=eclipse-temurin:25-jdk
    [JRE_IMAGE]=eclipse-temurin:25-jre
    [RUNTIME_IMAGE]=debian:bookworm-slim
    [POSTGRES_IMAGE]=postgres:17
    [MYSQL_IMAGE]=mysql:8.4
    [REDIS_IMAGE]=redis:7.4
    [NGINX_IMAGE]=nginx:1.27
    [NGINX_UNPRIVILEGED_IMAGE]=nginxinc/nginx-unprivileged:1.27
    [CURL_IMAGE]=curlimages/curl:8.11.1
    [REGISTRY_IMAGE]=registry:2
)
variables=(JDK_IMAGE JRE_IMAGE RUNTIME_IMAGE POSTGRES_IMAGE MYSQL_IMAGE REDIS_IMAGE NGINX_IMAGE NGINX_UNPRIVILEGED_IMAGE CURL_IMAGE REGISTRY_IMAGE)

passed=0
failed=0
pass() { printf '    PASS  %s\n' "$*"; passed=$((passed + 1)); }
fail() { printf '    FAIL  %s\n' "$*"; failed=$((failed + 1)); }

if [ "${2:-}" = - ]; then
    lines=$(cat)
else
    lines=$(bash "$here/build.sh" "$engine")
fi
errors=$(mktemp)
trap 'rm -f "$errors"' EXIT
declare -A image_of=()
while IFS= read -r line; do
    case "$line" in
        *=*) image_of[${line%%=*}]=${line#*=} ;;
    esac
done <<<"$lines"

# The programs inventory.txt gives an upstream image for KIND (has, needs or lacks), one a line.
programs_of() { # UPSTREAM KIND
    awk -v image="$1" -v kind="$2" '
        /^[[:space:]]*(#|$)/ { next }
        $1 == image && $2 == kind { for (i = 3; i <= NF; i++) print $i }
    ' "$inventory"
}

for variable in "${variables[@]}"; do
    upstream=${upstream_of[$variable]}
    mapfile -t has < <(programs_of "$upstream" has)
    mapfile -t needs < <(programs_of "$upstream" needs)
    mapfile -t lacks < <(programs_of "$upstream" lacks)
    [ "$((${#has[@]} + ${#needs[@]} + ${#lacks[@]}))" -eq 0 ] && continue
    image=${image_of[$variable]:-}
    if [ -z "$image" ]; then
        fail "$variable ($upstream): no stand-in image given"
        continue
    fi
    # One container answers for every program: "PROGRAM PATH", or "PROGRAM -" when it is not on the PATH.
    if ! found=$("$engine" run --rm --entrypoint sh "$image" -c \
        'for p do printf "%s %s\n" "$p" "$(command -v "$p" || echo -)"; done' sh "${has[@]}" "${needs[@]}" "${lacks[@]}" \
        2>"$errors"); then
        fail "$variable ($upstream): $image does not run: $(grep -m 1 -i error "$errors" || head -n 1 "$errors")"
        continue
    fi
    declare -A path_of=()
    while read -r program path; do
        [ -n "$program" ] && path_of[$program]=$path
    done <<<"$found"
    for entry in "${has[@]/#/has }" "${needs[@]/#/needs }"; do
        kind=${entry%% *}
        program=${entry#* }
        path=${path_of[$program]:--}
        if [ "$path" != - ]; then
            pass "$variable ($upstream) $kind $program ($path)"
        else
            fail "$variable ($upstream) $kind $program: not found in $image"
        fi
    done
    for program in "${lacks[@]}"; do
        path=${path_of[$program]:--}
        if [ "$path" = - ]; then
            pass "$variable ($upstream) lacks $program"
        else
            fail "$variable ($upstream) lacks $program: $image has $path"
        fi
    done
    unset path_of
done

if [ $((passed + failed)) -eq 0 ]; then
    fail "no checks: $inventory names none of the stand-ins' upstream images"
fi
[ "$failed" -eq 0 ]
