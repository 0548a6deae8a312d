#!/bin/sh
# As nginx's image does at start, only with NGINX_ENTRYPOINT_WORKER_PROCESSES_AUTOTUNE set: worker_processes
# in /etc/nginx/nginx.conf becomes the number of CPUs the container may use (its cgroup's CPU quota, rounded
# up, within the CPUs it may run on).
set -e

ME=$(basename "$0")
CONF=/etc/nginx/nginx.conf

entrypoint_log() {
    if [ -z "${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then
        echo "$@"
    fi
}

[ -n "${NGINX_ENTRYPOINT_WORKER_PROCESSES_AUTOTUNE:-}" ] || exit 0
if ! touch "$CONF" 2>/dev/null; then
    entrypoint_log "$ME: info: can not modify $CONF (read-only file system?)"
    exit 0
fi

cpus=$(nproc)
quota=
period=
if [ -r /sys/fs/cgroup/cpu.max ]; then
    read -r quota period </sys/fs/cgroup/cpu.max
elif [ -r /sys/fs/cgroup/cpu/cpu.cfs_quota_us ] && [ -r /sys/fs/cgroup/cpu/cpu.cfs_period_us ]; then
    quota=$(cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us)
    period=$(cat /sys/fs/cgroup/cpu/cpu.cfs_period_us)
fi
case "$quota" in
    '' | max | -*) ;;
    *)
        limit=$(((quota + period - 1) / period))
        [ "$limit" -ge 1 ] && [ "$limit" -lt "$cpus" ] && cpus=$limit
        ;;
esac

sed -i.bak -E "s/^([[:space:]]*worker_processes)([[:space:]].*)$/# Commented out by $ME on $(date)\n#\1\2\n\1 $cpus;/" "$CONF"
entrypoint_log "$ME: info: worker_processes set to $cpus"
exit 0
