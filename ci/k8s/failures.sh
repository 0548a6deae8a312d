# Sourced by ci/k8s-smoke.sh: the failures a runtime can show, run against the release that is up (the dev
# overlay or the Helm chart), on its users-db pod.
#
# A migration killed midway: the demo changeset is rolled back with db-migrations' own `rollback 1` (the image,
# on the release's network, with the migrations' settings), so the next `update` has a changeset to apply. A
# session of users-api's database user holds `LOCK TABLES users WRITE`; another pod of the migrating workload (a
# ReplicaSet's new pod for the overlay's init container, the Job's next pod for Helm's hook) takes Liquibase's
# lock and blocks on its INSERT; its container is then killed (SIGKILL, as by the OOM killer) and the pod removed. The
# lock row stays set; once the table lock is gone, one more pod must finish the migration by itself.
#
# The database stopped, then started: `podman stop` of users-db's container, then `podman start`. A kubelet
# restarts a container inside its pod's sandbox, whose address and Service membership stay; podman stops a played
# pod, and takes it off the network, with its last container. A second container (the database image running
# `sleep`) holds users-db's pod meanwhile, so its address and DNS name stay, as in a cluster.

users_db() { printf '%s-app' "$(pods_of StatefulSet/users-db | head -1)"; }

# users_sql SQL: one statement as users-api's database user, with the database container's own client.
users_sql() {
    podman exec "$(users_db)" sh -c 'MYSQL_PWD="$MYSQL_PASSWORD" exec mysql -N -B -u"$MYSQL_USER" "$MYSQL_DATABASE" -e "$0"' "$1"
}

changelog_lock() { users_sql 'SELECT LOCKED FROM DATABASECHANGELOGLOCK WHERE ID = 1'; }
demo_users() {
    users_sql "SELECT COUNT(*) FROM users WHERE email IN ('ada@example.com', 'grace@example.com', 'alan@example.com')"
}

# completes CONTAINER: it exits 0 within $ready_timeout.
completes() {
    local ctr=$1 deadline=$((SECONDS + ready_timeout)) state
    while state=$(podman inspect -f '{{.State.Status}} {{.State.ExitCode}}' "$ctr" 2>/dev/null); [[ $state != exited* ]]; do
        [ "$SECONDS" -ge "$deadline" ] && { echo "      $ctr is still '$state' after ${ready_timeout}s"; return 1; }
        sleep 1
    done
    equals "$state" "exited 0" || { podman logs --tail 20 "$ctr" 2>&1 | sed 's/^/      /'; return 1; }
}

# until_true SECONDS COMMAND...: polls COMMAND every half second.
until_true() {
    local deadline=$((SECONDS + $1))
    shift
    until "$@"; do
        [ "$SECONDS" -ge "$deadline" ] && return 1
        sleep 0.5
    done
}

# rollback_demo CARRIER: `db-migrations users-api rollback 1` with the settings of CARRIER, a migrations container.
rollback_demo() {
    local envs=() line image
    image=$(podman inspect -f '{{.ImageName}}' "$1") || return 1
    while IFS= read -r line; do envs+=(--env "$line"); done < <(env_of "$1" | grep -E '^(DATABASE_[A-Z]+|MIGRATIONS_CONTEXTS|LOG_FORMAT)=')
    podman run --rm --network "$network" --user 10001:10001 --read-only --tmpfs /tmp "${envs[@]}" "$image" \
        users-api rollback 1 >"$work/rollback.log" 2>&1 || { tail -20 "$work/rollback.log" | sed 's/^/      /'; return 1; }
}

# another POD: writes another pod of POD's workload (another-pod.py); sets new_pod, and new_net with POD's aliases.
another() {
    local row aliases
    row=$(awk -F'\t' -v p="$1" '$2 == p' "$work/plan.tsv")
    aliases=$(cut -f5 <<<"$row")
    new_pod=$("$python" "$root/ci/k8s/another-pod.py" "$(cut -f3 <<<"$row")" "$work") || return 1
    new_net=$network
    [ -n "$aliases" ] && new_net+=":alias=${aliases//,/,alias=}"
    played+=("$new_pod")
}

holds_lock() { [ "$(changelog_lock)" = 1 ]; }
blocked_insert() { [ "$(users_sql "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE 'INSERT INTO%users%'")" -ge 1 ]; }
sleeper() { users_sql "SELECT ID FROM information_schema.PROCESSLIST WHERE INFO = 'DO SLEEP(120)'"; }
has_sleeper() { [ -n "$(sleeper)" ]; }

# killed_migration POD CONTAINER: POD's workload runs the users-api migrations in CONTAINER ("migrate", an init
# container, or "db-migrations", a Job's).
killed_migration() {
    local pod=$1 ctr=$2 killed next hold_pid play_pid
    log "a migration killed midway: $(awk -F'\t' -v p="$pod" '$2 == p { print $4 }' "$work/plan.tsv")'s $ctr"
    check "db-migrations users-api rollback 1 (the image, with $pod-$ctr's settings) removes the demo users" \
        rollback_demo "$pod-$ctr" && check "the demo users are gone" equals "$(demo_users)" 0 || return
    podman exec "$(users_db)" sh -c 'MYSQL_PWD="$MYSQL_PASSWORD" exec mysql -u"$MYSQL_USER" "$MYSQL_DATABASE" -e "LOCK TABLES users WRITE; DO SLEEP(120)"' \
        >/dev/null 2>&1 &
    hold_pid=$!
    check "a session holds LOCK TABLES users WRITE" until_true 10 has_sleeper || return
    another "$pod" || return
    killed=$new_pod
    # kube play returns once the init containers have exited: in the background, so the lock can be watched.
    play_pod "$work/pod-$killed.yaml" "$new_net" "$killed" >/dev/null 2>&1 &
    play_pid=$!
    check "another pod ($killed): its $ctr takes Liquibase's lock and waits on its INSERT into users" \
        until_true 120 eval 'holds_lock && blocked_insert'
    # SIGKILL, as the OOM killer or a lost node stops it: no shutdown hook gets to release anything.
    podman kill -s KILL "$killed-$ctr" >/dev/null 2>&1
    podman pod rm -f -t 0 "$killed" >/dev/null 2>&1
    wait "$play_pid"
    check "$killed killed midway: Liquibase's lock row stays set" equals "$(changelog_lock)" 1
    users_sql "KILL $(sleeper)" >/dev/null 2>&1
    wait "$hold_pid"
    another "$pod" || return
    next=$new_pod
    check "the next pod ($next) plays" play_pod "$work/pod-$next.yaml" "$new_net" "$next" \
        && check "$next-$ctr finishes the migration with no release-locks run" completes "$next-$ctr"
    check "$next-$ctr logged the stale lock's release" \
        grep -q 'db-migrations: WARN released a stale changelog lock' <(podman logs "$next-$ctr" 2>&1)
    check "the lock row is free and the demo users are back" equals "$(changelog_lock) $(demo_users)" "0 3"
    if [ "$ctr" = migrate ]; then
        local probe
        probe=$(rows probe | awk -F'\t' -v c="$pod-app" '$1 == c && $2 == "readinessProbe"' | cut -f3-7)
        # shellcheck disable=SC2086
        check "$next's app container starts and turns ready" ready "$next-app" ${probe//$'\t'/ } "$next"
    fi
    podman pod rm -f -t 5 "$next" >/dev/null
}

# status_within URL SECONDS [curl options]: "CODE CONTENT-TYPE" of one request, which must end within SECONDS.
status_within() {
    local url=$1 limit=$2 out
    shift 2
    out=$(curl -sS -o "$work/body" --max-time 10 -w '%{http_code} %{content_type} %{time_total}' "$@" "$url")
    awk -v t="${out##* }" -v l="$limit" 'BEGIN { exit !(t < l) }' || { echo "      took ${out##* }s"; return 1; }
    echo "${out% *}"
}

database_outage() {
    local gw=http://127.0.0.1:$gateway_port users_api id db probe bearer
    users_api=$(pods_of Deployment/users-api | head -1)
    db=$(users_db)
    log "the database stopped, then started again"
    bearer="Authorization: Bearer $(sign_in "$gw")"
    id=$(get "$gw/users" -X POST -H 'Content-Type: application/json' -H "$bearer" -d '{"name":"Outage","email":"outage@example.com"}' | jq -r .id)
    # A read before the outage: Redis caches it.
    check "GET /users/$id before the outage" equals "$(get "$gw/users/$id" | jq -r .email)" outage@example.com
    check "a second container holds users-db's pod while its database is down" quiet podman run -d --pod "${db%-app}" \
        --name "${db%-app}-holder" --entrypoint sleep "$(podman inspect -f '{{.ImageName}}' "$db")" 600
    # podman's complaint that it has no systemd to stop the healthcheck timer with is dropped.
    check "podman stop $db" quiet podman stop -t 10 "$db" 2>/dev/null
    check "POST /users answers 503 problem+json within 2 s through the gateway (not its 502)" \
        equals "$(status_within "$gw/users" 2 -X POST -H 'Content-Type: application/json' -H "$bearer" -d '{"name":"X","email":"x@example.com"}')" \
        "503 application/problem+json"
    check "... with users-api's own problem (status 503, database unavailable)" \
        equals "$(jq -r '"\(.status) \(.detail)"' "$work/body")" "503 database unavailable, try again later"
    check "GET /users?page=9 (never read, not cached) answers 503 problem+json within 2 s" \
        equals "$(status_within "$gw/users?page=9" 2)" "503 application/problem+json"
    check "GET /users/$id, cached, still answers 200" equals "$(status_within "$gw/users/$id" 2 | cut -d' ' -f1)" 200
    check "/users-api/health/database answers 503" equals "$(status_within "$gw/users-api/health/database" 2 | cut -d' ' -f1)" 503
    probe=$(rows probe | awk -F'\t' -v c="$users_api-app" '$1 == c && $2 == "readinessProbe"' | cut -f3,4,7)
    # shellcheck disable=SC2086
    check "users-api's readinessProbe still succeeds: its pod stays in the Service" probe_once "$users_api-app" ${probe//$'\t'/ } "$users_api"
    check "podman start $db" quiet podman start "$db" 2>/dev/null
    podman rm -f -t 0 "${db%-app}-holder" >/dev/null
    check "users-api recovers by itself: GET /users?page=9 answers 200 within 90 s" \
        until_true 90 eval '[ "$(curl -s -o /dev/null --max-time 5 -w "%{http_code}" "$gw/users?page=9")" = 200 ]'
    check "/users-api/health/database answers UP" matches "$(get "$gw/users-api/health/database")" '"status" *: *"UP"'
    check "DELETE /users/$id after the outage answers 204" \
        equals "$(http_code -X DELETE -H "$bearer" "$gw/users/$id")" 204
}
