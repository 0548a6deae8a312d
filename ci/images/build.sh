#!/usr/bin/env bash
# Builds the local base images that stand in for the official ones where no registry is reachable,
# each tagged by a hash of its inputs: an unchanged image is reused, a changed input rebuilds it.
# Usage: ci/images/build.sh ENGINE   (docker or podman). Prints VAR=image lines for the smoke test.
# A stand-in is never kinder than the image it stands in for: it has the programs that image has and no
# more; each Containerfile names the upstream Dockerfile it mirrors and says where it differs, and
# check-inventory.sh proves the programs against inventory.txt.
set -euo pipefail
shopt -s inherit_errexit

engine=${1:?usage: build.sh docker|podman}
here="$(cd "$(dirname "$0")" && pwd)"
repo=localhost/java-cluster-ci
suite=bookworm
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

log() { printf '    [images] %s\n' "$*" >&2; }

hash_of() { # the inputs given as files, directories or strings -> 12 hex digits
    local input
    for input in "$@"; do
        if [ -d "$input" ]; then
            (cd "$input" && find . -type f -print0 | sort -z | xargs -0 sha256sum)
        elif [ -f "$input" ]; then
            sha256sum <"$input"
        else
            printf '%s\n' "$input"
        fi
    done | sha256sum | cut -c1-12
}

exists() { "$engine" image inspect "$1" >/dev/null 2>&1; }

# The JDK 25 of the CI machine: JDK_HOME_FOR_IMAGES, or the newest Temurin 25 under /usr/lib/jvm.
find_jdk() {
    local candidate
    if [ -n "${JDK_HOME_FOR_IMAGES:-}" ]; then
        echo "$JDK_HOME_FOR_IMAGES"
        return
    fi
    for candidate in $(ls -d /usr/lib/jvm/*25* 2>/dev/null | sort -rV); do
        if grep -q '^JAVA_VERSION="25' "$candidate/release" 2>/dev/null && [ -x "$candidate/bin/jlink" ]; then
            echo "$candidate"
            return
        fi
    done
    log "no JDK 25 found under /usr/lib/jvm; set JDK_HOME_FOR_IMAGES"
    return 1
}

# Stands in for debian:bookworm-slim (RUNTIME_IMAGE), which docker-library builds with debuerreotype from a
# minbase debootstrap of bookworm (debuerreotype/docker-debian-artifacts, bookworm/slim): the same packages,
# bash but no curl or wget. Differs: debuerreotype's slimming (no documentation, manual pages or locales, via
# dpkg path excludes) and its apt settings are not applied, and the host's local CA certificates are added.
build_base() { # debootstrap minbase, imported as a one-layer image
    local tag="$repo/$suite:$(hash_of "$suite" "$mirror" "$(declare -f build_base)" /usr/local/share/ca-certificates)"
    if ! exists "$tag"; then
        log "debootstrap $suite -> $tag"
        local rootfs
        rootfs=$(mktemp -d)
        debootstrap --variant=minbase "$suite" "$rootfs" "$mirror" >"$rootfs.log" 2>&1 \
            || { cat "$rootfs.log" >&2; return 1; }
        # The security and point-release updates, as in debian:bookworm-slim.
        rm -f "$rootfs/etc/apt/sources.list"
        cat >"$rootfs/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $mirror
Suites: $suite $suite-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: ${mirror%/debian}/debian-security
Suites: $suite-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
        # The CI machine's locally added CAs (a TLS-inspecting proxy's, say): builds then trust what the host trusts.
        mkdir -p "$rootfs/usr/local/share/ca-certificates"
        find /usr/local/share/ca-certificates -maxdepth 1 -name '*.crt' -exec cp {} "$rootfs/usr/local/share/ca-certificates/" \;
        rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
        tar -C "$rootfs" -c . | "$engine" import \
            --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
            --change 'CMD ["bash"]' - "$tag" >/dev/null 2>"$rootfs.log" || { cat "$rootfs.log" >&2; return 1; }
        rm -rf "$rootfs" "$rootfs.log"
    fi
    echo "$tag"
}

build_image() { # name parent-tag [extra build args...]; context is ci/images/<name>
    local name=$1 parent=$2
    shift 2
    local tag="$repo/$name:$(hash_of "$here/$name" "$parent" "$@")"
    if ! exists "$tag"; then
        log "building $tag"
        "$engine" build -q -f "$here/$name/Containerfile" --build-arg BASE_IMAGE="$parent" "$@" -t "$tag" "$here/$name" >/dev/null
    fi
    echo "$tag"
}

build_jdk() { # the folder and the machine's JDK, without its sources, as the build context
    local parent=$1 jdk version
    jdk=$(find_jdk)
    version=$(sed -n 's/^JAVA_RUNTIME_VERSION="\([^"-]*\).*"$/\1/p' "$jdk/release")
    local tag="$repo/jdk:$(hash_of "$here/jdk" "$parent" "$jdk/release" "$jdk/lib/security/cacerts")"
    if ! exists "$tag"; then
        log "building $tag from $jdk"
        local context
        context=$(mktemp -d)
        cp -a "$here/jdk/." "$context/"
        cp -a "$jdk" "$context/jdk"
        rm -f "$context/jdk/lib/src.zip"
        # Distribution JDKs link their trust store to the host's; the image needs its own copy.
        rm -f "$context/jdk/lib/security/cacerts"
        cp -L "$jdk/lib/security/cacerts" "$context/jdk/lib/security/cacerts"
        "$engine" build -q -f "$context/Containerfile" --build-arg BASE_IMAGE="$parent" \
            --build-arg JAVA_VERSION="jdk-$version" -t "$tag" "$context" >/dev/null
        rm -rf "$context"
    fi
    echo "$tag"
}

base=$(build_base)
jdk=$(build_jdk "$base")
jre=$(build_image jre "$base" --build-arg JDK_IMAGE="$jdk")
postgres=$(build_image postgres "$base")
mysql=$(build_image mariadb "$base")
redis=$(build_image redis "$base")
nginx=$(build_image nginx "$base")
nginx_unprivileged=$(build_image nginx-unprivileged "$nginx")
curl=$(build_image curl "$base")
registry=$(build_image registry "$base")

cat <<EOF
JDK_IMAGE=$jdk
JRE_IMAGE=$jre
RUNTIME_IMAGE=$base
POSTGRES_IMAGE=$postgres
MYSQL_IMAGE=$mysql
REDIS_IMAGE=$redis
NGINX_IMAGE=$nginx
NGINX_UNPRIVILEGED_IMAGE=$nginx_unprivileged
CURL_IMAGE=$curl
REGISTRY_IMAGE=$registry
EOF
