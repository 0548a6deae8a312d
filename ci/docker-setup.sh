#!/usr/bin/env bash
# Makes a real Docker engine available on a CI machine, as users have one on a laptop: Debian's docker.io
# (dockerd with runc and containerd) and docker-compose 1.29, started without systemd. Idempotent.
# Usage: sudo ci/docker-setup.sh   (prints the docker client that can build with BuildKit on its last line)
set -euo pipefail

log() { printf '    [docker-setup] %s\n' "$*" >&2; }

# shellcheck source=install-missing.sh
source "$(dirname "$0")/install-missing.sh"

start_dockerd() {
    docker info >/dev/null 2>&1 && return 0
    log "starting dockerd (log: /var/log/java-cluster-ci-dockerd.log)"
    nohup dockerd >/var/log/java-cluster-ci-dockerd.log 2>&1 &
    local _
    for _ in $(seq 1 60); do
        docker info >/dev/null 2>&1 && return 0
        sleep 1
    done
    tail -20 /var/log/java-cluster-ci-dockerd.log >&2
    log "dockerd did not answer within 60 s"
    return 1
}

# BuildKit (RUN --mount) needs either the buildx plugin or a client with BuildKit built in, as Debian's 20.10 is.
buildkit_client() {
    if docker buildx version >/dev/null 2>&1; then
        command -v docker
    elif [ -x /usr/bin/docker ] && DOCKER_BUILDKIT=1 /usr/bin/docker build --help >/dev/null 2>&1 \
        && /usr/bin/docker version --format '{{.Client.Version}}' | grep -q '^20\.'; then
        echo /usr/bin/docker
    else
        log "no docker client here can build with BuildKit: install the buildx plugin"
        return 1
    fi
}

install_missing docker.io docker-compose iptables debootstrap jq curl
start_dockerd
buildkit_client
