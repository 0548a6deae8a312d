# Sourced by ci/k8s-smoke.sh (after failures.sh and ../restart-under-load.sh): `kubectl rollout restart` of echo and
# users-api as the Deployment controller runs it with maxUnavailable 0 and maxSurge 1, under load through the gateway.
# For each old pod: a new pod of the workload plays and turns ready; then the old one terminates as the kubelet
# ends a pod: its preStop hook, then SIGTERM, with whatever is left of terminationGracePeriodSeconds before SIGKILL.
# Not emulated: the endpoints controller takes a terminating pod out of its Service at once, and kube-proxy stops
# sending it new connections; here its DNS name stays until its containers stop, so during the drain nginx may
# still try it, is refused, and moves on to the next address (proxy_next_upstream).

# stop_spec POD: the app container's preStop command (JSON) and the pod's grace period, from the pod's file.
stop_spec() {
    "$python" - "$work/pod-$1.yaml" <<'PY'
import json, sys, yaml
pod = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d and d["kind"] == "Pod"][0]["spec"]
app = [c for c in pod["containers"] if c["name"] == "app"][0]
print(json.dumps(app.get("lifecycle", {}).get("preStop", {}).get("exec", {}).get("command", [])))
print(pod.get("terminationGracePeriodSeconds", 30))
PY
}

# terminate POD: preStop, then SIGTERM and the rest of the grace period, then the pod is removed.
terminate() {
    local pod=$1 spec cmd=() grace started
    spec=$(stop_spec "$pod") || return 1
    mapfile -t cmd < <(jq -r '.[]' <<<"${spec%%$'\n'*}")
    grace=${spec##*$'\n'}
    started=$SECONDS
    [ ${#cmd[@]} -gt 0 ] && timeout "$grace" podman exec "$pod-app" "${cmd[@]}" >/dev/null 2>&1
    # The app container first, then the pod, as the kubelet keeps a pod's network until its containers have exited.
    podman stop -t "$((grace - (SECONDS - started) > 0 ? grace - (SECONDS - started) : 0))" "$pod-app" >/dev/null 2>&1
    podman pod rm -f -t 0 "$pod" >/dev/null 2>&1
}

# roll WORKLOAD: every pod of WORKLOAD replaced, one at a time, a ready new pod before the old one goes.
roll() {
    local workload=$1 old new probe
    for old in $(pods_of "$workload"); do
        another "$old" || return 1
        new=$new_pod
        probe=$(rows probe | awk -F'\t' -v c="$old-app" '$1 == c && $2 == "readinessProbe"' | cut -f3-7)
        play_pod "$work/pod-$new.yaml" "$new_net" "$new" || return 1
        # shellcheck disable=SC2086
        ready "$new-app" ${probe//$'\t'/ } "$new" || return 1
        # The gateway looks names up every 5 s: it knows the new pod before the old one goes.
        sleep 6
        terminate "$old" || return 1
        echo "      $old replaced by $new"
    done
}

# rollout_under_load: echo, then users-api, rolled while the load runs; 0 answers may fail.
rollout_under_load() {
    local gw=http://127.0.0.1:$gateway_port out
    log "a rolling restart of echo and users-api under load through the gateway"
    out=$(mktemp -d)
    check "load starts on ${load_paths[*]}" load_start "$gw" "$out" || return
    sleep 3
    check "echo rolled: each pod replaced by a ready one before it stops" roll Deployment/echo
    check "users-api rolled: each pod replaced by a ready one before it stops" roll Deployment/users-api
    sleep 3
    load_stop "$out"
    rm -rf "$out"
    check "rolling restart under load: $load_failed of $load_sent requests failed" equals "$load_failed" 0
    reliability_figures+=("rolling restart under load ($release_label): $load_sent requests through the gateway, $load_failed failed")
}
