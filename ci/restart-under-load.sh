# Sourced by ci/container-smoke.sh (after checks.sh): steady load through the gateway while replicas stop, start
# and are replaced, counting every answer that is not a 2xx (a connection error counts as code 000).
# Bounded: each worker sends at most load_max requests within load_seconds, to 127.0.0.1 only.
load_paths=(/echo /users)
load_max=${LOAD_MAX:-20000}
load_seconds=${LOAD_SECONDS:-300}

# load_start GW OUT-DIR: one sequential worker per path, until OUT-DIR/stop exists or a bound is reached.
load_start() {
    local gw=$1 out=$2 path
    [[ $gw == http://127.0.0.1:* ]] || { echo "      load only goes to 127.0.0.1, not $gw"; return 1; }
    rm -f "$out/stop" "$out"/codes-*
    load_pids=()
    for path in "${load_paths[@]}"; do
        (
            end=$((SECONDS + load_seconds)) sent=0
            while [ ! -e "$out/stop" ] && [ "$sent" -lt "$load_max" ] && [ "$SECONDS" -lt "$end" ]; do
                curl -s -o /dev/null --max-time 10 -w '%{http_code}\n' "$gw$path"
                sent=$((sent + 1))
            done >"$out/codes-${path#/}"
        ) &
        load_pids+=($!)
    done
}

# load_stop OUT-DIR: stops the workers; sets load_sent and load_failed and prints them per path.
load_stop() {
    local out=$1 path sent bad
    touch "$out/stop"
    wait "${load_pids[@]}"
    load_sent=0 load_failed=0
    for path in "${load_paths[@]}"; do
        sent=$(grep -c . "$out/codes-${path#/}")
        bad=$(grep -vc '^2' "$out/codes-${path#/}")
        printf '      %s: %s requests, %s not 2xx%s\n' "$path" "$sent" "$bad" \
            "$( [ "$bad" -gt 0 ] && grep -v '^2' "$out/codes-${path#/}" | sort | uniq -c | tr -s ' ' | sed 's/^/; codes:/' | tr '\n' ' ')"
        load_sent=$((load_sent + sent)) load_failed=$((load_failed + bad))
    done
}

# restart_under_load DIR PROJECT GW: one echo replica stopped and started, then users-api replaced the way a
# rolling update does it (a second replica, healthy, before the first stops), all under load.
restart_under_load() {
    local dir=$1 project=$2 gw=$3 out echo_one old_users
    out=$(mktemp -d)
    check "restart under load: load starts on ${load_paths[*]}" load_start "$gw" "$out" || return
    sleep 3
    echo_one=$(container_of "$dir" "$project" echo)
    check "restart under load: one echo replica stopped" silent "$engine" stop "$echo_one" \
        && sleep 3 && check "restart under load: it starts again, healthy" silent "$engine" start "$echo_one" \
        && check "restart under load: echo healthy" wait_healthy "$dir" "$project"
    old_users=$(container_of "$dir" "$project" users-api)
    # The gateway looks names up every 5 s: the pause lets it learn the second replica before the first goes.
    check "restart under load: a second users-api starts beside the first, healthy" \
        silent in_step "$dir" "$project" up -d --no-deps --no-recreate --no-build --scale users-api=2 users-api \
        && check "restart under load: both users-api healthy" wait_healthy "$dir" "$project" && sleep 6 \
        && check "restart under load: the first users-api stopped (SIGTERM, graceful) and removed" \
            silent eval '"$engine" stop "$old_users" && "$engine" rm "$old_users"'
    sleep 5
    load_stop "$out"
    rm -rf "$out"
    check "restart under load: $load_failed of $load_sent requests failed" equals "$load_failed" 0
    reliability_figures+=("restart under load (compose): $load_sent requests through the gateway, $load_failed failed")
}
