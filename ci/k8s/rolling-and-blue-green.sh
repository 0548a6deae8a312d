# Sourced by ci/k8s-smoke.sh (after rollout.sh): step k8s/05-rolling-and-blue-green as its README runs it, with
# the README's watch loop and a steady load on the node port 31402 throughout; no request may fail.
#   rolling:    `kubectl set image` to java-cluster/echo:v2, then `kubectl rollout undo`, as the Deployment controller
#               runs them with maxUnavailable 0, maxSurge 1 and minReadySeconds 5: a new pod plays, turns ready and
#               joins the Service; 5 s later an old pod leaves the Service, then terminates (preStop, SIGTERM).
#   blue-green: `kubectl patch service echo` to echo-green, then back to echo-blue.
# The Service's endpoints are what kube-proxy would program: new connections to 127.0.0.1:31402 are spread over
# the ready pods the Service selects, by iptables rules rewritten in one iptables-restore call when the endpoints
# change; a connection already open stays with its pod (conntrack), as with kube-proxy.
# Not emulated: the Service's in-cluster name follows no patch (podman's DNS alias stays on the pods first
# selected; the step only uses the node port), `rollout status` and `history` (nothing here keeps revisions).

step_port=31402
step_url=http://localhost:$step_port/

# node_port_to POD...: the Service's endpoints are now PODs (their port 1404).
node_port_to() {
    local n=$# pod ip rules nth
    rules=$'*nat\n:JC-K8S-OUTPUT - [0:0]\n:JC-K8S-POSTROUTING - [0:0]\n'
    for pod; do
        ip=$(pod_ip "$pod") || return 1
        nth=
        [ "$n" -gt 1 ] && nth=" -m statistic --mode nth --every $n --packet 0"
        rules+="-A JC-K8S-OUTPUT -d 127.0.0.1/32 -p tcp --dport $step_port$nth -j DNAT --to-destination $ip:1404"$'\n'
        rules+="-A JC-K8S-POSTROUTING -s 127.0.0.1/32 -d $ip/32 -p tcp --dport 1404 -j MASQUERADE"$'\n'
        n=$((n - 1))
    done
    iptables-restore --noflush <<<"${rules}COMMIT" || return 1
    iptables -t nat -C OUTPUT -j JC-K8S-OUTPUT 2>/dev/null || iptables -t nat -I OUTPUT 1 -j JC-K8S-OUTPUT || return 1
    iptables -t nat -C POSTROUTING -j JC-K8S-POSTROUTING 2>/dev/null || iptables -t nat -I POSTROUTING 1 -j JC-K8S-POSTROUTING
}

# traffic_start OUT: the README's watch loop, as typed, into OUT/watch, and a steady load (load_start) beside it.
traffic_start() {
    local out=$1
    (
        end=$((SECONDS + load_seconds))
        while [ ! -e "$out/stop" ] && [ "$SECONDS" -lt "$end" ]; do
            curl -s --max-time 2 "$step_url" || echo FAILED; sleep 0.2
        done >"$out/watch"
    ) &
    watch_pid=$!
    local load_paths=(/load)
    load_start "http://127.0.0.1:$step_port" "$out"
}

# traffic_stop OUT: sets load_sent and load_failed, the watch loop's lines included.
traffic_stop() {
    local out=$1 watched load_paths=(/load)
    load_stop "$out"
    wait "$watch_pid"
    watched=$(grep -c . "$out/watch")
    printf '      the watch loop: %s answers, %s FAILED\n' "$watched" "$(grep -c '^FAILED' "$out/watch")"
    load_sent=$((load_sent + watched)) load_failed=$((load_failed + $(grep -c '^FAILED' "$out/watch")))
}

# watched_pods OUT [FROM-LINE [TO-LINE]]: the pod names the watch loop saw, in those lines.
watched_pods() { sed -n "${2:-1},${3:-\$}p" "$1/watch" | sed -n 's/^echo from \([^:]*\):.*/\1/p' | sort -u | xargs; }

# only_from SEEN ALLOWED: SEEN (pod names) is not empty and holds only names of ALLOWED.
only_from() {
    local pod
    [ -n "$1" ] || { echo "      no answer in that window"; return 1; }
    for pod in $1; do [[ " $2 " == *" $pod "* ]] || { echo "      $pod answered, not one of [$2]"; return 1; }; done
}

# hash_of POD: the template hash in a ReplicaSet's pod name.
hash_of() { local rest=${1%-*}; echo "${rest##*-}"; }

# roll_to TEMPLATE-POD [IMAGE]: every pod in `serving` replaced, one at a time, by a pod of TEMPLATE-POD's
# template (with IMAGE: the template changed as `kubectl set image` changes it).
roll_to() {
    local template=$1 image=${2:-} old new probe aliases
    probe=$(rows probe | awk -F'\t' -v c="$template-app" '$1 == c && $2 == "readinessProbe"' | cut -f3-7)
    aliases=$(awk -F'\t' -v p="$template" '$2 == p { print $5 }' "$work/plan.tsv")
    for old in "${serving[@]}"; do
        new=$("$python" "$root/ci/k8s/another-pod.py" "$work/pod-$template.yaml" "$work" ${image:+"$image"}) || return 1
        played+=("$new")
        play_pod "$work/pod-$new.yaml" "$network${aliases:+:alias=${aliases//,/,alias=}}" "$new" || return 1
        # shellcheck disable=SC2086
        ready "$new-app" ${probe//$'\t'/ } "$new" || return 1
        serving+=("$new")
        node_port_to "${serving[@]}" || return 1
        sleep 5
        mapfile -t serving < <(printf '%s\n' "${serving[@]}" | grep -vxF "$old")
        node_port_to "${serving[@]}" || return 1
        terminate "$old" || return 1
        echo "      $old replaced by $new"
    done
}

# all_run IMAGE: every pod in `serving` runs IMAGE.
all_run() {
    local pod
    # podman names a local image localhost/NAME.
    for pod in "${serving[@]}"; do equals "$(podman inspect -f '{{.ImageName}}' "$pod-app" | sed 's,^localhost/,,')" "$1" || return 1; done
}

rolling_update() {
    local out first original_hash v2_hash
    mapfile -t serving < <(pods_of Deployment/echo)
    first=${serving[0]}
    original_hash=$(hash_of "$first")
    check "05 rolling: the node port 31402 reaches the 3 echo pods" node_port_to "${serving[@]}" || return
    check "05 rolling: docker tag java-cluster/echo:1.0.0 java-cluster/echo:v2, loaded like the first" \
        eval 'docker tag java-cluster/echo:1.0.0 java-cluster/echo:v2 && load_image java-cluster/echo:v2' || return
    out=$(mktemp -d)
    traffic_start "$out"
    sleep 3
    check "05 rolling: kubectl set image deployment/echo app=java-cluster/echo:v2 (3 pods, one at a time)" \
        roll_to "$first" java-cluster/echo:v2
    check "05 rolling: every echo pod runs java-cluster/echo:v2, under a new template hash" \
        eval 'all_run java-cluster/echo:v2 && [ "$(hash_of "${serving[0]}")" != "$original_hash" ]'
    v2_hash=$(hash_of "${serving[0]}")
    check "05 rolling: kubectl rollout undo deployment/echo (back to 1.0.0)" roll_to "$first"
    check "05 rolling: every echo pod runs java-cluster/echo:1.0.0 again, under the first template hash" \
        eval 'all_run java-cluster/echo:1.0.0 && [ "$(hash_of "${serving[0]}")" = "$original_hash" ]'
    sleep 3
    traffic_stop "$out"
    check "05 rolling: the watch loop saw the pods of both templates, and no other" equals \
        "$(watched_pods "$out" | tr ' ' '\n' | while read -r p; do hash_of "$p"; done | sort -u | xargs)" \
        "$(printf '%s\n' "$original_hash" "$v2_hash" | sort | xargs)"
    check "05 rolling: $load_failed of $load_sent requests failed during the update and the undo" equals "$load_failed" 0
    reliability_figures+=("k8s/05 rolling update and undo under load: $load_sent requests on the node port, $load_failed failed")
    rm -rf "$out"
    docker rmi java-cluster/echo:v2 >/dev/null 2>&1
    podman rmi java-cluster/echo:v2 >/dev/null 2>&1
}

blue_green_switch() {
    local out blue green at green_until back
    blue=$(pods_of Deployment/echo-blue | sort | xargs)
    green=$(pods_of Deployment/echo-green | sort | xargs)
    # shellcheck disable=SC2086
    check "05 blue-green: the Service echo selects echo-blue: the node port reaches its 2 pods" node_port_to $blue || return
    out=$(mktemp -d)
    traffic_start "$out"
    sleep 5
    check "05 blue-green: before the switch the watch loop saw only echo-blue's pods" only_from "$(watched_pods "$out")" "$blue"
    # From each switch on, the answer in flight may still come from either colour; every later one must not.
    # shellcheck disable=SC2086
    check "05 blue-green: kubectl patch service echo (instance echo-green)" node_port_to $green
    at=$(($(grep -c . "$out/watch") + 2))
    sleep 5
    green_until=$(grep -c . "$out/watch")
    # shellcheck disable=SC2086
    check "05 blue-green: kubectl patch service echo (back to echo-blue)" node_port_to $blue
    back=$(($(grep -c . "$out/watch") + 2))
    sleep 5
    traffic_stop "$out"
    check "05 blue-green: after the switch the watch loop saw only echo-green's pods" \
        only_from "$(watched_pods "$out" "$at" "$green_until")" "$green"
    check "05 blue-green: after the switch back, only echo-blue's" only_from "$(watched_pods "$out" "$back")" "$blue"
    check "05 blue-green: $load_failed of $load_sent requests failed during both switches" equals "$load_failed" 0
    reliability_figures+=("k8s/05 blue-green switch and back under load: $load_sent requests on the node port, $load_failed failed")
    rm -rf "$out"
}
