#!/usr/bin/env bash
# Makes Debian's podman usable as root on a CI machine without a Docker engine, and serves its
# Docker-compatible API so docker-compose can drive it. Idempotent: safe to run on every CI run.
# Usage: sudo ci/podman-setup.sh   (prints the DOCKER_HOST to use on its last line)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
socket_dir=/run/podman
socket="$socket_dir/podman.sock"
dropin=/etc/containers/containers.conf.d/50-java-cluster-ci.conf
wrapper=/usr/local/libexec/java-cluster-ci/runc-no-rlimits

log() { printf '    [podman-setup] %s\n' "$*" >&2; }

# shellcheck source=install-missing.sh
source "$(dirname "$0")/install-missing.sh"

# CAP_SYS_RESOURCE is bit 24 of the effective capability mask.
lacks_sys_resource() {
    local caps
    caps=$(awk '/^CapEff:/ {print $2}' /proc/self/status)
    (( (0x$caps >> 24 & 1) == 0 ))
}

# crun refuses hybrid cgroup v1/v2 layouts; runc copes with them.
cgroup_is_unified() {
    [ "$(stat -fc %T /sys/fs/cgroup)" = cgroup2fs ]
}

write_config() {
    local runtime_lines=""
    if lacks_sys_resource; then
        install -D -m 0755 "$here/runc-no-rlimits" "$wrapper"
        runtime_lines=$'runtime = "runc-no-rlimits"\n\n[engine.runtimes]\nrunc-no-rlimits = ["'"$wrapper"$'"]'
        log "no CAP_SYS_RESOURCE: runc through $wrapper"
    elif ! cgroup_is_unified; then
        runtime_lines='runtime = "runc"'
        log "hybrid cgroups: runc"
    fi
    local content
    content=$(printf '%s\n' \
        '# Written by java-cluster ci/podman-setup.sh for the container smoke test.' \
        '[engine]' "$runtime_lines" '' \
        '# Debian ships a CNI config without the CNI plugins; netavark gives service-name DNS.' \
        '[network]' 'network_backend = "netavark"')
    if [ "$(cat "$dropin" 2>/dev/null)" != "$content" ]; then
        mkdir -p "$(dirname "$dropin")"
        printf '%s\n' "$content" >"$dropin"
        log "wrote $dropin"
    fi
}

start_api_service() {
    if curl -fsS --unix-socket "$socket" http://d/_ping >/dev/null 2>&1; then
        return 0
    fi
    mkdir -p "$socket_dir"
    rm -f "$socket"
    log "starting podman system service on $socket"
    nohup podman system service --time=0 "unix://$socket" >/var/log/podman-service.log 2>&1 &
    echo $! >"$socket_dir/java-cluster-ci.pid"
    local i
    for i in $(seq 1 50); do
        curl -fsS --unix-socket "$socket" http://d/_ping >/dev/null 2>&1 && return 0
        sleep 0.2
    done
    log "podman API did not answer on $socket; see /var/log/podman-service.log"
    return 1
}

install_missing podman netavark aardvark-dns runc conmon catatonit iptables debootstrap docker-compose jq curl
write_config
podman info --format 'runtime={{.Host.OCIRuntime.Name}} network={{.Host.NetworkBackend}} storage={{.Store.GraphDriverName}} cgroups={{.Host.CgroupsVersion}}' >&2
start_api_service
echo "unix://$socket"
