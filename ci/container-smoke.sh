#!/usr/bin/env bash
# Builds every service image from its own Dockerfile and runs the compose steps end to end on a real Docker
# engine, asserting through curl on ports published on 127.0.0.1 only.
# Usage: ci/container-smoke.sh   (see ci/README.md; the last line reads "N passed, N failed")
# BASE_IMAGES=local builds stand-ins for the official base images and tags them with the official names
# (CI does, having no registry); the default uses the official images themselves.
set -uo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

version=1.0.0
prefix=jc-smoke
gateway_port=${GATEWAY_PORT:-8080}
up_timeout=${UP_TIMEOUT:-420}
passed=0
failed=0
failures=()
inventory_output=
inventory_status=0
db_files_up=
projects=()
reliability_figures=()
containers=()
build_client=

# shellcheck source=checks.sh
source "$root/ci/checks.sh"
# shellcheck source=gateway-edge.sh
source "$root/ci/gateway-edge.sh"
# shellcheck source=restart-under-load.sh
source "$root/ci/restart-under-load.sh"

# ---------------------------------------------------------------------------------------------------
# Engine

choose_engine() {
    engine=docker
    # BuildKit (RUN --mount) needs the buildx plugin or a client with BuildKit built in; the setup finds one.
    build_client=$(bash "$root/ci/docker-setup.sh") || return 1
    if docker compose version >/dev/null 2>&1; then compose_cmd=(docker compose); else compose_cmd=(docker-compose); fi
    docker version --format 'docker client {{.Client.Version}}, engine {{.Server.Version}}'
    echo "builds with $build_client (BuildKit); compose $("${compose_cmd[@]}" version --short)"
}

# ---------------------------------------------------------------------------------------------------
# Compose projects

# in_step DIR PROJECT COMPOSE-ARGS...: bounded compose in DIR. A step whose README copies .env.example to .env
# gets it as its env file; PROJECT "-" is compose's own default, for files run exactly as their README types them.
in_step() {
    local step=$1 dir=$root/$1 project=$2
    shift 2
    local opts=()
    [[ $step == compose/0* && -f $dir/.env.example ]] && opts=(--env-file "$dir/.env.example")
    [ "$project" != - ] && opts+=(-p "$project")
    (cd "$dir" && timeout "$up_timeout" "${compose_cmd[@]}" "${opts[@]}" "$@")
}

# up DIR PROJECT [SERVICES...]: start detached, remembering the project for the teardown.
up() {
    local dir=$1 project=$2
    shift 2
    projects+=("$dir|$project")
    in_step "$dir" "$project" up -d --no-build "$@"
}

down() { # DIR PROJECT [-v]
    in_step "$1" "$2" down --remove-orphans "${@:3}" >/dev/null 2>&1
}

container_of() { in_step "$1" "$2" ps -q "$3" | head -1; }

# wait_healthy DIR PROJECT [FILE-ARGS...]: every container healthy, running without a healthcheck, or exited 0.
wait_healthy() {
    local dir=$1 project=$2 deadline=$((SECONDS + up_timeout)) id state pending
    shift 2
    while :; do
        pending=0
        for id in $(in_step "$dir" "$project" "$@" ps -q); do
            state=$("$engine" inspect -f '{{.State.Status}} {{.State.ExitCode}} {{if .State.Health}}{{.State.Health.Status}}{{end}}' "$id")
            case "$state" in
                "running "*" healthy" | "running 0 " | "exited 0 "*) ;;
                *unhealthy* | "exited "*) printf '      %s: %s\n' "$id" "$state"; return 1 ;;
                *) pending=1 ;;
            esac
        done
        [ "$pending" = 0 ] && return 0
        [ "$SECONDS" -ge "$deadline" ] && { echo "      not healthy after ${up_timeout}s"; return 1; }
        sleep 2
    done
}

dump_logs() { # DIR PROJECT [FILE-ARGS...]
    local id
    for id in $(in_step "$@" ps -q); do
        printf '\n----- logs of %s\n' "$("$engine" inspect -f '{{.Name}}' "$id")"
        "$engine" logs --tail 80 "$id" 2>&1
    done
}

# step NAME DIR PROJECT FUNCTION: runs one step's assertions, then always takes the step down.
step() {
    local name=$1 dir=$2 project=$3 body=$4 before=$failed
    log "$name ($dir)"
    "$body" "$dir" "$project"
    [ "$failed" -gt "$before" ] && dump_logs "$dir" "$project"
    down "$dir" "$project" -v
}

teardown() {
    local entry
    restore_dev_loop_source
    for entry in "${containers[@]}"; do "$engine" rm -f "$entry" >/dev/null 2>&1; done
    for entry in "${projects[@]}"; do down "${entry%%|*}" "${entry#*|}" -v; done
    [ ${#registry_tags[@]} -gt 0 ] && "$engine" rmi "${registry_tags[@]}" >/dev/null 2>&1
    [ -n "$db_files_up" ] && in_step compose - -f db.yaml -f db-tools.yaml down -v --remove-orphans >/dev/null 2>&1
    rm -f "$signing_key" "$suite_signing_key"
}

# ---------------------------------------------------------------------------------------------------
# Images

# The stand-ins and the official names they take, so every file runs as written, with no image variable.
stand_ins=(
    "JDK_IMAGE eclipse-temurin:25-jdk"
    "JRE_IMAGE eclipse-temurin:25-jre"
    "RUNTIME_IMAGE debian:bookworm-slim"
    "POSTGRES_IMAGE postgres:17"
    "MYSQL_IMAGE mysql:8.4"
    "REDIS_IMAGE redis:7.4"
    "NGINX_UNPRIVILEGED_IMAGE nginxinc/nginx-unprivileged:1.27"
    "CURL_IMAGE curlimages/curl:8.11.1"
    "REGISTRY_IMAGE registry:2"
)

base_images() {
    if [ "${BASE_IMAGES:-official}" != local ]; then
        echo "    the official images, as the Dockerfiles and compose files name them"
        return 0
    fi
    local lines line
    lines=$(bash "$root/ci/images/build.sh" "$engine") || return 1
    for line in "${stand_ins[@]}"; do
        tag_as_official "$(sed -n "s/^${line% *}=//p" <<<"$lines")" "${line#* }" || return 1
    done
    inventory_output=$(bash "$root/ci/images/check-inventory.sh" "$engine" - <<<"$lines" 2>&1)
    inventory_status=$?
}

# tag_as_official STAND-IN NAME: never over an image that is not a stand-in (a real one pulled on this machine).
tag_as_official() {
    local stand_in=$1 name=$2 current
    [ -n "$stand_in" ] || { echo "      build.sh named no stand-in for $name"; return 1; }
    current=$("$engine" image inspect -f '{{.Id}} {{join .RepoTags " "}}' "$name" 2>/dev/null || true)
    if [ -n "$current" ] && [[ $current != "$("$engine" image inspect -f '{{.Id}}' "$stand_in")"* ]] \
        && [[ $current != *java-cluster-ci/* ]]; then
        echo "      refusing to tag $stand_in as $name: $name here is not a stand-in"
        return 1
    fi
    "$engine" tag "$stand_in" "$name" && echo "    $name <- $stand_in"
}

# The stand-ins hold exactly the programs of ci/images/inventory.txt; each of its lines counts as a check.
inventory_checks() {
    local result text
    while read -r result text; do
        case "$result" in
            PASS) pass "$text" ;;
            FAIL) fail "$text" ;;
        esac
    done <<<"$inventory_output"
    [ "$inventory_status" = 0 ] || check "check-inventory.sh exited 0 (status $inventory_status)" false
}

build_service() { # MODULE
    local module=$1 image=java-cluster/$1:$version
    [ -f "$module/Dockerfile" ] || { echo "      $module/Dockerfile does not exist yet"; return 1; }
    local started=$SECONDS
    if ! DOCKER_BUILDKIT=1 timeout 900 "$build_client" build -q -f "$module/Dockerfile" -t "$image" . >"/tmp/$prefix-build-$module.log" 2>&1; then
        tail -40 "/tmp/$prefix-build-$module.log"
        return 1
    fi
    echo "      built $image in $((SECONDS - started))s"
}

runs_as_10001() { # MODULE
    equals "$("$engine" run --rm --no-healthcheck --entrypoint id "java-cluster/$1:$version" -u)" 10001
}

# ---------------------------------------------------------------------------------------------------
# Steps

step_01() {
    local dir=$1 project=$2
    check "01 comes up healthy" up "$dir" "$project" && check "01 healthy" wait_healthy "$dir" "$project" || return
    check "01 GET 127.0.0.1:1401/ answers hello world" equals "$(get http://127.0.0.1:1401/)" "hello world"
}

# Step 02 as its README tells it: the mounted source is edited and the running service answers with the change.
dev_loop_source=hello1401/src/main/java/hello1401/HelloController.java
dev_loop_backup=
step_02() {
    local dir=$1 project=$2 body= deadline
    check "02 comes up" up "$dir" "$project" && check "02 healthy (mn:run, the first start downloads)" wait_healthy "$dir" "$project" || return
    check "02 GET 127.0.0.1:1401/ answers hello world" equals "$(get http://127.0.0.1:1401/)" "hello world"
    dev_loop_backup=$(mktemp)
    cp "$root/$dev_loop_source" "$dev_loop_backup"
    sed -i 's/"hello world\\n"/"hello dev loop\\n"/' "$root/$dev_loop_source"
    deadline=$((SECONDS + 180))
    while [ "$SECONDS" -lt "$deadline" ] && [ "$body" != "hello dev loop" ]; do
        sleep 2
        body=$(curl -fsS --max-time 5 http://127.0.0.1:1401/ 2>/dev/null)
    done
    restore_dev_loop_source
    check "02 an edit of HelloController.java is served without a rebuild" equals "$body" "hello dev loop"
}

restore_dev_loop_source() {
    [ -n "$dev_loop_backup" ] || return 0
    cp "$dev_loop_backup" "$root/$dev_loop_source" && rm -f "$dev_loop_backup"
    dev_loop_backup=
}

step_03() {
    local dir=$1 project=$2 body upstream
    check "03 comes up" up "$dir" "$project" && check "03 healthy" wait_healthy "$dir" "$project" || return
    body=$(get http://127.0.0.1:1403/)
    check "03 first hop is the caller on 1403 calling http://hello1402:1402" matches "$body" 'hop 1: [^ ]+ on [^ ]+:1403 -> http://hello1402:1402 '
    check "03 second hop is the upstream on 1402 answering hello world" matches "$body" 'hop 2: [^ ]+ on [^ ]+:1402: hello world'
    upstream=$(container_of "$dir" "$project" hello1402)
    check "03 hello1402 publishes no port" equals "$("$engine" port "$upstream")" ""
}

psql_chain() { in_step "$1" "$2" exec -T chain-db psql -U chain -d chain -v ON_ERROR_STOP=1 -qtAc "$3"; }
mysql_users() { in_step "$1" "$2" exec -T users-db sh -c 'MYSQL_PWD="$MYSQL_PASSWORD" mysql -u users -N users -e "$0"' "$3"; }
volume_of() { "$engine" inspect -f '{{range .Mounts}}{{.Name}}{{end}}' "$(container_of "$@")"; }

# host_psql PASSWORD PSQL-ARGS...: psql from the host's side: its own, else the image's on the host network.
host_psql() {
    local password=$1
    shift
    if command -v psql >/dev/null; then
        PGPASSWORD=$password psql "$@"
    else
        "$engine" run --rm --network host -e PGPASSWORD="$password" --entrypoint psql "${POSTGRES_IMAGE:-postgres:17}" "$@"
    fi
}

# Step 04 as its README tells it: a row survives down/up, the host reaches the published port, and a
# missing .env stops compose with the variable's message.
step_04() {
    local dir=$1 project=$2 missing no_env
    check "04 comes up" up "$dir" "$project" && check "04 healthy" wait_healthy "$dir" "$project" || return
    check "04 write a row" psql_chain "$dir" "$project" "CREATE TABLE notes(text varchar(100)); INSERT INTO notes VALUES ('still here');"
    check "04 down (volume kept)" down "$dir" "$project"
    check "04 up again" up "$dir" "$project" && check "04 healthy again" wait_healthy "$dir" "$project" || return
    check "04 the row survived down/up" equals "$(psql_chain "$dir" "$project" 'SELECT text FROM notes')" "still here"
    check "04 the host reaches chain-db on 127.0.0.1:15432" equals "$(host_psql "$(sed -n 's/^CHAIN_DB_PASSWORD=//p' "$root/$dir/.env.example")" \
        -h 127.0.0.1 -p 15432 -U chain -d chain -qtAc 'SELECT text FROM notes')" "still here"
    no_env=$(mktemp)
    missing=$(cd "$root/$dir" && "${compose_cmd[@]}" --env-file "$no_env" -p "$project-noenv" config 2>&1 || true)
    rm -f "$no_env"
    check "04 without .env compose names the missing password" matches "$missing" 'CHAIN_DB_PASSWORD'
}

step_05() {
    local dir=$1 project=$2 chain_volume users_volume
    check "05 comes up" up "$dir" "$project" && check "05 healthy" wait_healthy "$dir" "$project" || return
    chain_volume=$(volume_of "$dir" "$project" chain-db)
    users_volume=$(volume_of "$dir" "$project" users-db)
    check "05 each database has its own named volume ($chain_volume, $users_volume)" \
        eval '[ -n "$chain_volume" ] && [ -n "$users_volume" ] && [ "$chain_volume" != "$users_volume" ]'
    check "05 write a row to chain-db (PostgreSQL)" \
        psql_chain "$dir" "$project" "CREATE TABLE smoke(v text); INSERT INTO smoke VALUES ('chain');"
    check "05 write a row to users-db (MySQL role)" \
        mysql_users "$dir" "$project" "CREATE TABLE smoke(v varchar(20)); INSERT INTO smoke VALUES ('users');"
    check "05 down (volumes kept)" down "$dir" "$project"
    check "05 up again" up "$dir" "$project" && check "05 healthy again" wait_healthy "$dir" "$project" || return
    check "05 chain-db kept its row" equals "$(psql_chain "$dir" "$project" 'SELECT v FROM smoke')" chain
    check "05 users-db kept its row" equals "$(mysql_users "$dir" "$project" 'SELECT v FROM smoke')" users
    check "05 chain-db does not see users-db's database" \
        equals "$(psql_chain "$dir" "$project" "SELECT count(*) FROM pg_database WHERE datname = 'users'")" 0
}

# job DIR PROJECT SERVICE: a one-shot compose service that must exit 0.
job() { in_step "$1" "$2" run --rm "$3" >"/tmp/$prefix-job.log" 2>&1 || { tail -20 "/tmp/$prefix-job.log"; return 1; }; }
users_changesets() { mysql_users "$1" "$2" 'SELECT count(*) FROM DATABASECHANGELOG'; }
chain_changesets() { psql_chain "$1" "$2" 'SELECT count(*) FROM databasechangelog'; }

step_06() {
    local dir=$1 project=$2 users_all chain_all
    check "06 databases come up" up "$dir" "$project" && check "06 healthy" wait_healthy "$dir" "$project" || return
    check "06 migrate-users (update)" job "$dir" "$project" migrate-users || return
    check "06 migrate-chain (update)" job "$dir" "$project" migrate-chain || return
    users_all=$(users_changesets "$dir" "$project")
    chain_all=$(chain_changesets "$dir" "$project")
    check "06 update applied changesets (users ${users_all:-none}, chain ${chain_all:-none})" \
        eval '[[ "$users_all" =~ ^[1-9][0-9]*$ && "$chain_all" =~ ^[1-9][0-9]*$ ]]' || return
    check "06 rollback-users" job "$dir" "$project" rollback-users
    check "06 rollback-chain" job "$dir" "$project" rollback-chain
    check "06 rollback undid one users changeset" equals "$(users_changesets "$dir" "$project")" "$((users_all - 1))"
    check "06 rollback undid one chain changeset" equals "$(chain_changesets "$dir" "$project")" "$((chain_all - 1))"
    check "06 migrate-users again" job "$dir" "$project" migrate-users
    check "06 migrate-chain again" job "$dir" "$project" migrate-chain
    check "06 update reapplied the users changeset" equals "$(users_changesets "$dir" "$project")" "$users_all"
    check "06 update reapplied the chain changeset" equals "$(chain_changesets "$dir" "$project")" "$chain_all"
}

# Step 09 as its README tells it: a signing key from the new-signing-key job, then users-api's writes with and
# without a token from auth, on their published ports.
signing_key=$root/compose/09-auth/signing.jwk
status_of() { curl -sS --max-time 10 -o "/tmp/$prefix-body" -w '%{http_code}' "$@"; }
# new_signing_key DIR PROJECT FILE: the README's `docker compose run --rm -T new-signing-key > signing.jwk`, into FILE.
new_signing_key() {
    in_step "$1" "$2" run --rm -T new-signing-key >"$3" 2>"/tmp/$prefix-job.log" || { tail -20 "/tmp/$prefix-job.log"; return 1; }
}
step_09() {
    local dir=$1 project=$2 users=http://127.0.0.1:1405 auth=http://127.0.0.1:1406 token id json=(-H 'Content-Type: application/json')
    check "09 docker compose run --rm -T new-signing-key > signing.jwk" new_signing_key "$dir" "$project" "$signing_key" || return
    check "09 signing.jwk holds a P-256 private key named dev-1" \
        equals "$(jq -r '"\(.kty) \(.crv) \(.kid) \(has("d"))"' "$signing_key")" "EC P-256 dev-1 true"
    check "09 up" up "$dir" "$project" && check "09 healthy" wait_healthy "$dir" "$project" || return
    check "09 GET /users without a token lists the demo users" \
        equals "$(get "$users/users" | jq -r '[.[].email] | map(select(endswith("@example.com"))) | length')" 3
    check "09 POST /users without a token answers 401" \
        equals "$(status_of -D "/tmp/$prefix-headers" -X POST "${json[@]}" -d '{"name":"Eve","email":"eve@example.com"}' "$users/users")" 401
    check "09 ... with WWW-Authenticate: Bearer" grep -qi '^WWW-Authenticate: Bearer' "/tmp/$prefix-headers"
    check "09 a wrong password answers 401" \
        equals "$(status_of -X POST "${json[@]}" -d '{"username":"admin","password":"wrong"}' "$auth/auth/login")" 401
    token=$(get "$auth/auth/login" -X POST "${json[@]}" -d '{"username":"admin","password":"admin-dev-only"}' | jq -r .access_token)
    check "09 admin's token is signed with signing.jwk's key (kid dev-1)" \
        equals "$(token_kid "$token")" dev-1
    check "09 GET /auth/keys serves that key's public half only" \
        equals "$(get "$auth/auth/keys" | jq -c '[.keys[] | {kid, d}]')" '[{"kid":"dev-1","d":null}]'
    check "09 POST /users with the token answers 201" \
        equals "$(status_of -X POST "${json[@]}" -H "Authorization: Bearer $token" -d '{"name":"Eve","email":"eve@example.com"}' "$users/users")" 201
    id=$(jq -r .id "/tmp/$prefix-body")
    check "09 DELETE /users/$id without a token answers 401" equals "$(status_of -X DELETE "$users/users/$id")" 401
    check "09 DELETE /users/$id with the token answers 204" \
        equals "$(status_of -X DELETE -H "Authorization: Bearer $token" "$users/users/$id")" 204
    check "09 users-api cannot open auth-db:5432" unreachable "$dir" "$project" users-api auth-db 5432
    check "09 auth opens auth-db:5432" reaches "$dir" "$project" auth auth-db 5432
    check "09 auth cannot open users-db:3306" unreachable "$dir" "$project" auth users-db 3306
}

# Step 07 as its README tells it: a registry on 127.0.0.1:5000, the images pushed to it, the registry's tags removed
# (never java-cluster/*, which the other stages run), then a file with no build: that pulls them back from the registry.
registry_url=http://127.0.0.1:5000
registry_pushed=(hello1401 echo)
# The 127.0.0.1:5000 tags step 07 made; the teardown removes them (only these: java-cluster/* stays).
registry_tags=()
in_registry() { in_step "$1" "$2" -f registry/compose.yaml "${@:3}"; }
# The digest the registry serves for java-cluster/MODULE:1.0.0, as a pull records it.
registry_digest() {
    curl -fsS -o /dev/null -D - -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
        "$registry_url/v2/java-cluster/$1/manifests/$version" | tr -d '\r' | sed -n 's/^[Dd]ocker-[Cc]ontent-[Dd]igest: //p'
}
local_tags_gone() { ! "$engine" image inspect "${@/#/127.0.0.1:5000/java-cluster/}" >/dev/null 2>&1; }
suite_images_kept() { local m; for m in "${registry_pushed[@]}"; do "$engine" image inspect "java-cluster/$m:$version" >/dev/null 2>&1 || return; done; }
facts_of() { "$engine" inspect -f 'user={{.Config.User}} ro={{.HostConfig.ReadonlyRootfs}} caps={{.HostConfig.CapDrop}} sec={{.HostConfig.SecurityOpt}} restart={{.HostConfig.RestartPolicy.Name}}' "$1"; }
step_07() {
    local dir=$1 project=$2 registry_project=$2-registry module id before=$failed
    # The registry is its own project (registry/compose.yaml): the teardown takes it down with its volume too.
    projects+=("$dir/registry|$registry_project")
    check "07 docker compose -f registry/compose.yaml up -d" silent in_registry "$dir" "$registry_project" up -d \
        && check "07 the registry is healthy (busybox wget --spider /v2/)" wait_healthy "$dir" "$registry_project" -f registry/compose.yaml \
        || { dump_logs "$dir" "$registry_project" -f registry/compose.yaml; return; }
    id=$(container_of "$dir/registry" "$registry_project" registry)
    check "07 the registry publishes 127.0.0.1:5000 only" equals "$("$engine" port "$id")" "5000/tcp -> 127.0.0.1:5000"
    check "07 the registry runs as its image does, otherwise hardened ($(facts_of "$id"))" \
        equals "$(facts_of "$id")" "user= ro=true caps=[ALL] sec=[no-new-privileges:true] restart=unless-stopped"
    check "07 GET $registry_url/v2/ answers {}" equals "$(get "$registry_url/v2/")" "{}"
    for module in "${registry_pushed[@]}"; do
        registry_tags+=("127.0.0.1:5000/java-cluster/$module:$version")
        check "07 docker tag and push java-cluster/$module:$version to 127.0.0.1:5000" \
            silent eval '"$engine" tag "java-cluster/$module:$version" "${registry_tags[-1]}" && "$engine" push "${registry_tags[-1]}"'
    done
    check "07 the catalog lists the pushed images" \
        equals "$(get "$registry_url/v2/_catalog")" '{"repositories":["java-cluster/echo","java-cluster/hello1401"]}'
    check "07 the echo repository has tag $version" \
        equals "$(get "$registry_url/v2/java-cluster/echo/tags/list")" "{\"name\":\"java-cluster/echo\",\"tags\":[\"$version\"]}"
    check "07 docker rmi removes the 127.0.0.1:5000 tags" silent "$engine" rmi "${registry_tags[@]}"
    check "07 the 127.0.0.1:5000 images are gone from the engine" local_tags_gone "${registry_pushed[@]/%/:$version}"
    check "07 java-cluster/hello1401 and java-cluster/echo are still there" suite_images_kept
    projects+=("$dir|$project")
    check "07 docker compose up -d pulls the images from the registry" silent in_step "$dir" "$project" up -d \
        && check "07 hello1401 and echo healthy" wait_healthy "$dir" "$project" || return
    for module in "${registry_pushed[@]}"; do
        check "07 127.0.0.1:5000/java-cluster/$module:$version was pulled: its digest is the registry's" \
            matches "$("$engine" image inspect -f '{{join .RepoDigests " "}}' "127.0.0.1:5000/java-cluster/$module:$version")" \
            "127\.0\.0\.1:5000/java-cluster/$module@$(registry_digest "$module")"
    done
    check "07 GET 127.0.0.1:1401/ answers hello world" equals "$(get http://127.0.0.1:1401/)" "hello world"
    check "07 GET 127.0.0.1:1404/ answers echo from the container" matches "$(get http://127.0.0.1:1404/)" '^echo from [0-9a-f]{12}: GET /$'
    for id in $(in_step "$dir" "$project" ps -q); do
        check "07 $("$engine" inspect -f '{{.Name}}' "$id") runs as 10001, hardened ($(facts_of "$id"))" \
            equals "$(facts_of "$id")" "user=10001:10001 ro=true caps=[ALL] sec=[no-new-privileges:true] restart=unless-stopped"
        check "07 $("$engine" inspect -f '{{.Name}}' "$id") publishes on 127.0.0.1 only" eval '! "$engine" port "$id" | grep -v " -> 127\.0\.0\.1:"'
    done
    check "07 the pushed images survive the registry's down and up (named volume)" silent in_registry "$dir" "$registry_project" down \
        && silent in_registry "$dir" "$registry_project" up -d && wait_healthy "$dir" "$registry_project" -f registry/compose.yaml \
        && equals "$(get "$registry_url/v2/_catalog")" '{"repositories":["java-cluster/echo","java-cluster/hello1401"]}'
    [ "$failed" -gt "$before" ] && dump_logs "$dir" "$registry_project" -f registry/compose.yaml
    # The README's cleanup: the pulled tags, the app, then the registry with its volume.
    down "$dir" "$project" -v
    "$engine" rmi "${registry_tags[@]}" >/dev/null 2>&1
    registry_tags=()
    check "07 docker compose -f registry/compose.yaml down -v" silent in_registry "$dir" "$registry_project" down -v
}

# echo_hosts GW N: how many echo replicas answered N calls through the gateway.
echo_hosts() { for _ in $(seq 1 "$2"); do get "$1/echo" -H 'Accept: application/json' | jq -r .host; done | sort -u | grep -c .; }

# Step 08 as its README tells it: 3 replicas, 5 after --scale, then 2 one at a time, no call lost, no gateway restart.
step_08() {
    local dir=$1 project=$2 gw=http://127.0.0.1:$gateway_port gateway started codes load n
    check "08 comes up" up "$dir" "$project" && check "08 healthy" wait_healthy "$dir" "$project" || return
    gateway=$(container_of "$dir" "$project" gateway)
    started=$("$engine" inspect -f '{{.State.StartedAt}}' "$gateway")
    check "08 30 calls to /echo through the gateway show 3 host names" equals "$(echo_hosts "$gw" 30)" 3
    check "08 echo scaled to 5, healthy" silent in_step "$dir" "$project" up -d --no-deps --no-recreate --no-build --scale echo=5 echo \
        && wait_healthy "$dir" "$project" && sleep 6 || return
    check "08 50 calls show 5 host names" equals "$(echo_hosts "$gw" 50)" 5
    codes=$(mktemp)
    (while [ ! -e "$codes.stop" ]; do curl -s -o /dev/null --max-time 10 -w '%{http_code}\n' "$gw/echo"; done >"$codes") &
    load=$!
    # 6 s apart, as the README does it: the gateway's 5 s answer then holds at most one removed address.
    for n in 4 3 2; do
        check "08 echo scaled down to $n" silent in_step "$dir" "$project" up -d --no-deps --no-recreate --no-build --scale echo=$n echo
        sleep 6
    done
    touch "$codes.stop" && wait "$load"
    check "08 no call failed while scaling down ($(grep -vc '^200$' "$codes") of $(grep -c . "$codes"))" equals "$(grep -vc '^200$' "$codes")" 0
    rm -f "$codes" "$codes.stop"
    check "08 30 calls show 2 host names" equals "$(echo_hosts "$gw" 30)" 2
    check "08 the gateway was never restarted" equals "$("$engine" inspect -f '{{.State.StartedAt}}' "$gateway")" "$started"
}

epoch_ns() { date -d "$("$engine" inspect -f "{{.State.$2}}" "$1" | sed 's/ +0000 UTC$/Z/')" +%s%N; }

# after DIR PROJECT JOB SERVICE: the job exited 0 before the service started.
migrated_first() {
    local job service
    job=$(in_step "$1" "$2" ps -a -q "$3" | head -1)
    service=$(container_of "$1" "$2" "$4")
    equals "$("$engine" inspect -f '{{.State.ExitCode}}' "$job")" 0 \
        && [ "$(epoch_ns "$job" FinishedAt)" -le "$(epoch_ns "$service" StartedAt)" ]
}

suite_signing_key=$root/compose/signing.jwk
step_full() {
    local dir=$1 project=$2 gw=http://127.0.0.1:$gateway_port body hosts token
    check "full suite: docker compose run --rm -T new-signing-key > signing.jwk" \
        new_signing_key "$dir" "$project" "$suite_signing_key" || return
    check "full suite comes up (no .env: the dev-only defaults)" up "$dir" "$project" \
        && check "full suite healthy" wait_healthy "$dir" "$project" || return
    check "migrate-users completed before users-api started" migrated_first "$dir" "$project" migrate-users users-api
    check "migrate-chain completed before hello1403 started" migrated_first "$dir" "$project" migrate-chain hello1403
    check "migrate-auth completed before auth started" migrated_first "$dir" "$project" migrate-auth auth
    check "gateway /hello answers hello world" equals "$(get "$gw/hello")" "hello world"
    check "gateway /hello1400 answers hello world" equals "$(get "$gw/hello1400")" "hello world"
    body=$(get "$gw/chain")
    check "gateway /chain returns both hops" matches "$body" 'hop 1: [^ ]+ on [^ ]+:1403 -> http://hello1402:1402 .*hop 2: [^ ]+ on [^ ]+:1402: hello world'
    check "gateway / serves the dashboard" matches "$(get "$gw/")" '<title>java-cluster dashboard'
    check "gateway /users-api/health/readiness answers UP" matches "$(get "$gw/users-api/health/readiness")" '"status" *: *"UP"'

    check "gateway /auth/health/readiness answers UP" matches "$(get "$gw/auth/health/readiness")" '"status" *: *"UP"'
    check "gateway POST /auth/login with a wrong password answers 401" \
        equals "$(http_code -X POST -H 'Content-Type: application/json' -d '{"username":"admin","password":"wrong"}' "$gw/auth/login")" 401
    token=$(sign_in "$gw")
    check "gateway POST /auth/login signs admin in, with the key of signing.jwk" \
        equals "$(token_kid "$token")" "$(jq -r .kid "$suite_signing_key")"
    check "gateway GET /auth/keys serves that key's public half only" \
        equals "$(get "$gw/auth/keys" | jq -c '[.keys[] | {kid, d}]')" "[{\"kid\":\"$(jq -r .kid "$suite_signing_key")\",\"d\":null}]"
    users_crud "$gw" "Smoke Test" smoke-test@example.com "$token"

    hosts=$(for _ in $(seq 1 30); do get "$gw/echo" -H 'Accept: application/json' | jq -r .host; done | sort -u | grep -c .)
    check "gateway: 30 calls to /echo show 3 host names" equals "$hosts" 3

    gateway_edge "$gw"
    junk_through_gateway "$gw" "$token"
    check "hello1400 stopped" silent in_step "$dir" "$project" stop hello1400 \
        && check "edge: /hello1400 then answers the gateway's own 502 or 504 as application/problem+json" \
            gateway_unreachable "$gw" /hello1400
    # The gateway looks hello1400 up again (5 s): no gateway restart.
    check "hello1400 started again, healthy" silent in_step "$dir" "$project" start hello1400 \
        && wait_healthy "$dir" "$project" \
        && check "gateway /hello1400 answers hello world again, the gateway not restarted" equals "$(get "$gw/hello1400")" "hello world"
    scaled_echo "$dir" "$project" "$gw"

    hardened "$dir" "$project"
    isolated "$dir" "$project"
    rollback_in_suite "$dir" "$project"
    # Last: it replaces users-api, and `compose exec users-api` looks for the first replica.
    restart_under_load "$dir" "$project" "$gw"
}

# junk_through_gateway GW TOKEN: users-api's junk corpus with a writer's token, as the gateway passes it on: no 500,
# every answer problem+json.
junk_through_gateway() {
    local out summary
    out=$(JUNK_TOKEN=$2 "$root/ci/junk-corpus.sh" "$1") || printf '%s\n' "$out" | head -20 | sed 's/^/      /'
    summary=$(tail -1 <<<"$out")
    check "junk corpus through the gateway: $summary" matches "$summary" '^[0-9]+ requests, 0 answers of 500, 0 not problem\+json$'
    reliability_figures+=("junk corpus through the gateway: $summary")
}

# scaled_echo DIR PROJECT GW: --scale echo=5 is served by all five, without a gateway restart, then back to 3.
scaled_echo() {
    local dir=$1 project=$2 gw=$3 hosts
    check "echo scaled to 5, healthy" silent in_step "$dir" "$project" up -d --no-deps --no-recreate --no-build --scale echo=5 echo \
        && wait_healthy "$dir" "$project" && sleep 6 || return
    hosts=$(for _ in $(seq 1 50); do get "$gw/echo" -H 'Accept: application/json' | jq -r .host; done | sort -u | grep -c .)
    check "gateway: 50 calls to /echo show 5 host names, the gateway not restarted" equals "$hosts" 5
    check "echo scaled back to 3" silent in_step "$dir" "$project" up -d --no-deps --no-recreate --no-build --scale echo=3 echo
}

# Every long-running container as compose.yaml declares it: non-root, read-only root, no capabilities,
# no privilege escalation, a restart policy, and a stop grace longer than the service's own.
hardened() {
    local dir=$1 project=$2 id name facts
    for id in $(in_step "$dir" "$project" ps -q); do
        [ "$("$engine" inspect -f '{{.State.Running}}' "$id")" = true ] || continue
        name=$("$engine" inspect -f '{{index .Config.Labels "com.docker.compose.service"}}' "$id")
        facts=$("$engine" inspect -f 'user={{.Config.User}} ro={{.HostConfig.ReadonlyRootfs}} caps={{.HostConfig.CapDrop}} sec={{.HostConfig.SecurityOpt}} restart={{.HostConfig.RestartPolicy.Name}} stop={{.Config.StopTimeout}}' "$id")
        check "$name is hardened ($facts)" matches "$facts" \
            '^user=[1-9][0-9]*(:[0-9]+)? ro=true caps=\[ALL\] sec=\[no-new-privileges:true\] restart=unless-stopped stop=[0-9]+$'
    done
    check "a Java service runs as UID 10001 inside" equals "$(in_step "$dir" "$project" exec -T users-api id -u)" 10001
    check "the gateway runs as UID 10001 inside" equals "$(in_step "$dir" "$project" exec -T gateway id -u)" 10001
}

# reaches DIR PROJECT FROM HOST PORT: a TCP connection from a container of service FROM (bash's /dev/tcp).
reaches() {
    in_step "$1" "$2" exec -T "$3" bash -c 'timeout 3 bash -c "exec 3<>/dev/tcp/$0/$1"' "$4" "$5" >/dev/null 2>&1
}
unreachable() { ! reaches "$@"; }

# The isolation lesson, both ways: each database only for its owner, Redis only for users-api, the gateway
# only for the services it routes to.
isolated() {
    local dir=$1 project=$2 target
    for target in users-db:3306 chain-db:5432 auth-db:5432 redis:6379 hello1402:1402; do
        check "the gateway cannot open $target" unreachable "$dir" "$project" gateway "${target%:*}" "${target#*:}"
    done
    for target in hello1400:1400 hello1401:1401 hello1403:1403 echo:1404 users-api:1405 auth:1406; do
        check "the gateway opens $target" reaches "$dir" "$project" gateway "${target%:*}" "${target#*:}"
    done
    check "users-api opens users-db:3306" reaches "$dir" "$project" users-api users-db 3306
    check "users-api opens redis:6379" reaches "$dir" "$project" users-api redis 6379
    check "users-api cannot open chain-db:5432" unreachable "$dir" "$project" users-api chain-db 5432
    check "users-api opens auth:1406 (its keys)" reaches "$dir" "$project" users-api auth 1406
    check "users-api cannot open auth-db:5432" unreachable "$dir" "$project" users-api auth-db 5432
    check "auth opens auth-db:5432" reaches "$dir" "$project" auth auth-db 5432
    check "auth cannot open users-db:3306" unreachable "$dir" "$project" auth users-db 3306
    check "hello1403 opens chain-db:5432" reaches "$dir" "$project" hello1403 chain-db 5432
    check "hello1403 opens hello1402:1402" reaches "$dir" "$project" hello1403 hello1402 1402
    check "hello1403 cannot open users-db:3306" unreachable "$dir" "$project" hello1403 users-db 3306
    check "echo cannot open redis:6379" unreachable "$dir" "$project" echo redis 6379
}

last_users_changeset() { mysql_users "$1" "$2" 'SELECT ID FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED DESC LIMIT 1'; }

# rollback-users uses migrate-users' contexts: rollback 1 undoes the last applied changeset, whatever its context.
rollback_in_suite() {
    local dir=$1 project=$2 all last
    all=$(users_changesets "$dir" "$project")
    last=$(last_users_changeset "$dir" "$project")
    check "compose.yaml rollback-users" job "$dir" "$project" rollback-users || return
    check "rollback-users undid the last applied changeset ($last)" \
        equals "$(users_changesets "$dir" "$project") $(mysql_users "$dir" "$project" "SELECT count(*) FROM DATABASECHANGELOG WHERE ID = '$last'")" "$((all - 1)) 0"
    check "compose.yaml migrate-users applies it again" job "$dir" "$project" migrate-users
    check "the changeset is back ($last)" equals "$(last_users_changeset "$dir" "$project")" "$last"
}

# db.yaml and db-tools.yaml exactly as compose/README.md types them: this folder's default project, no .env.
db_compose() { in_step compose - "$@"; }
db_tools() { db_compose -f db.yaml -f db-tools.yaml "$@"; }

step_db_files() {
    local ids users host_users env_file
    log "db.yaml and db-tools.yaml as the README types them (compose)"
    db_files_up=1
    check "docker compose -f db.yaml up -d" db_compose -f db.yaml up -d || return
    check "db.yaml healthy" wait_healthy_files || { dump_db_logs; return; }
    check "db-tools run --rm migrate-users" db_job migrate-users
    check "db-tools run --rm migrate-chain" db_job migrate-chain
    check "db-tools run --rm status-users" db_job status-users
    # -T: CI has no terminal; the shells read their statements from standard input instead.
    check "db-tools psql lists the chain tables" matches "$(echo '\dt' | db_tools run --rm -T psql 2>&1)" 'calls'
    users=$(echo 'SELECT count(*) FROM users;' | db_tools run --rm -T mysql 2>&1 | tail -1)
    check "db-tools mysql counts the demo users ($users)" matches "$users" '^[1-9][0-9]*$'
    host_users=$(MYSQL_PWD=users-dev-only mysql -h 127.0.0.1 -P 13306 -u users -N users -e 'SELECT count(*) FROM users' 2>&1)
    check "the host reaches users-db on 127.0.0.1:13306 with the dev-only password" equals "$host_users" "$users"
    ids=$(db_compose -f db.yaml ps -q)
    check "db.yaml publishes on 127.0.0.1 only" eval '! for id in $ids; do "$engine" port "$id"; done | grep -v " -> 127\.0\.0\.1:"'
    env_file=$(mktemp)
    echo CHAIN_DB_PASSWORD=from-env-file >"$env_file"
    check "a .env overrides the dev-only password" matches \
        "$(cd "$root/compose" && "${compose_cmd[@]}" --env-file "$env_file" -f db.yaml config)" 'POSTGRES_PASSWORD: from-env-file'
    rm -f "$env_file"
    [ "$failed" -gt 0 ] && dump_db_logs
    db_compose -f db.yaml -f db-tools.yaml down -v >/dev/null 2>&1
    db_files_up=
}

db_job() { db_tools run --rm "$1" >"/tmp/$prefix-job.log" 2>&1 || { tail -20 "/tmp/$prefix-job.log"; return 1; }; }
wait_healthy_files() { wait_healthy compose - -f db.yaml; }
dump_db_logs() { dump_logs compose - -f db.yaml; }

# ---------------------------------------------------------------------------------------------------

trap teardown EXIT
stage_started=$SECONDS

log "engine"
check "container engine ready" choose_engine || { printf '\n%s passed, %s failed\n' "$passed" "$failed"; exit 1; }

log "base images"
check "base images" base_images || { printf '\n%s passed, %s failed\n' "$passed" "$failed"; exit 1; }
[ -n "$inventory_output" ] && { log "stand-ins against ci/images/inventory.txt"; inventory_checks; }

log "service images, each from its own Dockerfile"
for module in hello1400 hello1401 hello-chain echo users-api auth db-migrations gateway; do
    check "image $module builds" build_service "$module" && check "image $module runs as UID 10001" runs_as_10001 "$module"
done

step "step 01: one service" compose/01-single-service "$prefix-01" step_01
step "step 02: the dev loop" compose/02-dev-loop "$prefix-02" step_02
step "step 03: chained services" compose/03-chained-services "$prefix-03" step_03
step "step 04: one database" compose/04-one-database "$prefix-04" step_04
step "step 05: a database per service" compose/05-database-per-service "$prefix-05" step_05
step "step 06: migrations" compose/06-migrations "$prefix-06" step_06
step "step 07: a local registry" compose/07-local-registry "$prefix-07" step_07
step "step 08: scaling" compose/08-scaling "$prefix-08" step_08
step "step 09: auth" compose/09-auth "$prefix-09" step_09
step_db_files
step "the whole suite behind the gateway" compose "$prefix-full" step_full

log "container smoke test took $((SECONDS - stage_started))s"
[ ${#reliability_figures[@]} -gt 0 ] && printf 'reliability: %s\n' "${reliability_figures[@]}"
if [ "$failed" -gt 0 ]; then
    printf 'failed: %s\n' "${failures[@]}"
fi
printf '\n%s passed, %s failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
