#!/usr/bin/env bash
# Builds every service image from its own Dockerfile and runs the compose steps end to end, asserting
# through curl on ports published on 127.0.0.1 only. Docker where an engine answers, podman otherwise.
# Usage: ci/container-smoke.sh   (see ci/README.md; the last line reads "N passed, N failed")
set -uo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

version=1.0.0
prefix=jc-smoke
gateway_port=${GATEWAY_PORT:-8080}
gateway_image_port=${GATEWAY_IMAGE_PORT:-9080}
up_timeout=${UP_TIMEOUT:-420}
passed=0
failed=0
failures=()
projects=()
containers=()
health_loop_pid=
started_api_pid=

log() { printf '\n==> %s\n' "$*"; }
pass() { passed=$((passed + 1)); printf '    PASS  %s\n' "$1"; }
fail() { failed=$((failed + 1)); failures+=("$1"); printf '    FAIL  %s\n' "$1"; }

# check NAME COMMAND...: one counted assertion; its status is the command's.
check() {
  local name=$1
  shift
  if "$@"; then pass "$name"; else fail "$name"; return 1; fi
}

equals() { [ "$1" = "$2" ] || { printf '      expected [%s], got [%s]\n' "$2" "$1"; return 1; }; }
matches() { [[ "$1" =~ $2 ]] || { printf '      [%s] does not match /%s/\n' "$1" "$2"; return 1; }; }

# get URL [curl options...]: the body, with a few retries for a service that has only just turned healthy.
get() {
  local url=$1 attempt
  shift
  for attempt in 1 2 3; do
    curl -fsS --max-time 10 "$@" "$url" && return 0
    sleep 2
  done
  return 1
}

# ---------------------------------------------------------------------------------------------------
# Engine

choose_engine() {
  if [ -n "${CONTAINER_ENGINE:-}" ]; then
    engine=$CONTAINER_ENGINE
  elif docker info >/dev/null 2>&1; then
    engine=docker
  else
    engine=podman
  fi

  if [ "$engine" = docker ]; then
    if docker compose version >/dev/null 2>&1; then compose_cmd=(docker compose); else compose_cmd=(docker-compose); fi
  else
    # podman-compose ignores depends_on conditions and profiles; docker-compose on podman's API honours them.
    pinged=$(curl -fsS --unix-socket /run/podman/podman.sock http://d/_ping 2>/dev/null || true)
    DOCKER_HOST=$(bash "$root/ci/podman-setup.sh") || return 1
    export DOCKER_HOST
    [ -z "$pinged" ] && started_api_pid=$(cat /run/podman/java-cluster-ci.pid 2>/dev/null)
    compose_cmd=(docker-compose)
    # The OCI image format drops HEALTHCHECK; the Docker format keeps it.
    export BUILDAH_FORMAT=docker
    start_health_loop
  fi
  "$engine" --version
  echo "compose $("${compose_cmd[@]}" version --short)"
}

# Without systemd podman never runs healthchecks by itself: run those of this script's containers.
start_health_loop() {
  (
    while sleep 2; do
      podman ps --format '{{.ID}} {{index .Labels "com.docker.compose.project"}} {{.Status}}' 2>/dev/null \
        | awk -v p="$prefix-" 'index($2, p) == 1 && /\((starting|healthy|unhealthy)\)/ {print $1}' \
        | while read -r id; do podman healthcheck run "$id" >/dev/null 2>&1 & done
      wait
    done
  ) &
  health_loop_pid=$!
}

# ---------------------------------------------------------------------------------------------------
# Compose projects

# in_step DIR PROJECT COMPOSE-ARGS...: bounded compose in DIR, with the committed .env.example as its .env.
in_step() {
  local dir=$root/$1 project=$2
  shift 2
  local env=()
  [ -f "$dir/.env.example" ] && env=(--env-file "$dir/.env.example")
  (cd "$dir" && timeout "$up_timeout" "${compose_cmd[@]}" "${env[@]}" -p "$project" "$@")
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

# wait_healthy DIR PROJECT: every container healthy, running without a healthcheck, or exited 0.
wait_healthy() {
  local dir=$1 project=$2 deadline=$((SECONDS + up_timeout)) id state pending
  while :; do
    pending=0
    for id in $(in_step "$dir" "$project" ps -q); do
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

dump_logs() { # DIR PROJECT
  local id
  for id in $(in_step "$1" "$2" ps -q); do
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
  [ -n "$health_loop_pid" ] && kill "$health_loop_pid" 2>/dev/null
  [ -n "$started_api_pid" ] && kill "$started_api_pid" 2>/dev/null
}

# ---------------------------------------------------------------------------------------------------
# Images

base_images() {
  local mode=${BASE_IMAGES:-}
  [ -z "$mode" ] && { [ "$engine" = podman ] && mode=local || mode=official; }
  if [ "$mode" = local ]; then
    local lines
    lines=$(bash "$root/ci/images/build.sh" "$engine") || return 1
    while IFS= read -r line; do export "${line?}"; echo "    $line"; done <<<"$lines"
  else
    echo "    the Dockerfiles' and compose files' default (official) images"
  fi
}

build_service() { # MODULE
  local module=$1 image=java-cluster/$1:$version args=()
  [ -f "$module/Dockerfile" ] || { echo "      $module/Dockerfile does not exist yet"; return 1; }
  [ -n "${JDK_IMAGE:-}" ] && args+=(--build-arg "JDK_IMAGE=$JDK_IMAGE")
  [ -n "${JRE_IMAGE:-}" ] && args+=(--build-arg "JRE_IMAGE=$JRE_IMAGE")
  [ -n "${RUNTIME_IMAGE:-}" ] && args+=(--build-arg "RUNTIME_IMAGE=$RUNTIME_IMAGE")
  [ -n "${NGINX_UNPRIVILEGED_IMAGE:-}" ] && args+=(--build-arg "NGINX_IMAGE=$NGINX_UNPRIVILEGED_IMAGE")
  local started=$SECONDS
  if ! timeout 900 "$engine" build -q -f "$module/Dockerfile" "${args[@]}" -t "$image" . >"/tmp/$prefix-build-$module.log" 2>&1; then
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

epoch_ns() { date -d "$("$engine" inspect -f "{{.State.$2}}" "$1" | sed 's/ +0000 UTC$/Z/')" +%s%N; }

# after DIR PROJECT JOB SERVICE: the job exited 0 before the service started.
migrated_first() {
  local job service
  job=$(in_step "$1" "$2" ps -a -q "$3" | head -1)
  service=$(container_of "$1" "$2" "$4")
  equals "$("$engine" inspect -f '{{.State.ExitCode}}' "$job")" 0 \
    && [ "$(epoch_ns "$job" FinishedAt)" -le "$(epoch_ns "$service" StartedAt)" ]
}

step_full() {
  local dir=$1 project=$2 gw=http://127.0.0.1:$gateway_port body id hosts
  check "full suite comes up" up "$dir" "$project" && check "full suite healthy" wait_healthy "$dir" "$project" || return
  check "migrate-users completed before users-api started" migrated_first "$dir" "$project" migrate-users users-api
  check "migrate-chain completed before hello1403 started" migrated_first "$dir" "$project" migrate-chain hello1403
  check "gateway /hello answers hello world" equals "$(get "$gw/hello")" "hello world"
  body=$(get "$gw/chain")
  check "gateway /chain returns both hops" matches "$body" 'hop 1: [^ ]+ on [^ ]+:1403 -> http://hello1402:1402 .*hop 2: [^ ]+ on [^ ]+:1402: hello world'

  body=$(get "$gw/users" -X POST -H 'Content-Type: application/json' \
    -d '{"name":"Smoke Test","email":"smoke-test@example.com"}')
  id=$(jq -r '.id // empty' <<<"$body" 2>/dev/null)
  check "gateway POST /users creates a user" matches "$id" '^[0-9]+$'
  check "gateway GET /users lists it" \
    equals "$(get "$gw/users?size=100" | jq -r --argjson id "${id:-0}" '[.[] | select(.id == $id)] | length')" 1
  check "gateway GET /users/$id returns it" \
    equals "$(get "$gw/users/$id" | jq -r .email)" smoke-test@example.com
  check "gateway DELETE /users/$id answers 204" \
    equals "$(curl -sS --max-time 10 -o /dev/null -w '%{http_code}' -X DELETE "$gw/users/$id")" 204
  check "gateway GET /users/$id then answers 404" \
    equals "$(curl -sS --max-time 10 -o /dev/null -w '%{http_code}' "$gw/users/$id")" 404

  hosts=$(for _ in $(seq 1 30); do get "$gw/echo" -H 'Accept: application/json' | jq -r .host; done | sort -u | grep -c .)
  check "gateway: 30 calls to /echo show 3 host names" equals "$hosts" 3

  gateway_image "$project"
}

# The gateway image as k8s/base/gateway.yaml runs it, on the suite's network: upstreams by service name,
# UID and GID 10001, no capabilities, a read-only root and writable scratch directories only (the emptyDirs).
run_gateway_image() { # PROJECT NAME
  local dir scratch=()
  # Writable like an emptyDir: podman 4 gives a tmpfs the image directory's mode, so it hands it to the user instead.
  for dir in /tmp /var/cache/nginx /etc/nginx/conf.d; do
    if [ "$engine" = podman ]; then scratch+=(--tmpfs "$dir:rw,U"); else scratch+=(--tmpfs "$dir:rw,mode=1777"); fi
  done
  containers+=("$2")
  "$engine" run -d --name "$2" --network "$1_default" --user 10001:10001 --cap-drop ALL \
    --security-opt no-new-privileges --read-only "${scratch[@]}" \
    -p "127.0.0.1:$gateway_image_port:8080" \
    -e HELLO1400_UPSTREAM=hello1400:1400 -e HELLO1401_UPSTREAM=hello1401:1401 -e CHAIN_UPSTREAM=hello1403:1403 \
    -e ECHO_UPSTREAM=echo:1404 -e USERS_UPSTREAM=users-api:1405 \
    "java-cluster/gateway:$version" >/dev/null
}

gateway_image() { # PROJECT
  local name=$1-gateway-image url=http://127.0.0.1:$gateway_image_port
  check "gateway image starts read-only as UID 10001" run_gateway_image "$1" "$name" || return
  if ! check "gateway image /healthz answers ok" equals "$(get "$url/healthz")" ok; then
    "$engine" logs --tail 40 "$name" 2>&1
    return
  fi
  check "gateway image serves the dashboard at /" matches "$(get "$url/")" '<title>java-cluster dashboard'
  check "gateway image /hello answers hello world" equals "$(get "$url/hello")" "hello world"
  check "gateway image /users-api/health/readiness answers UP" \
    matches "$(get "$url/users-api/health/readiness")" '"status" *: *"UP"'
}

# ---------------------------------------------------------------------------------------------------

trap teardown EXIT
stage_started=$SECONDS

log "engine"
check "container engine ready" choose_engine || { printf '\n%s passed, %s failed\n' "$passed" "$failed"; exit 1; }

log "base images"
check "base images" base_images || { printf '\n%s passed, %s failed\n' "$passed" "$failed"; exit 1; }

log "service images, each from its own Dockerfile"
for module in hello1400 hello1401 hello-chain echo users-api db-migrations gateway; do
  check "image $module builds" build_service "$module" && check "image $module runs as UID 10001" runs_as_10001 "$module"
done

step "step 01: one service" compose/01-single-service "$prefix-01" step_01
step "step 02: the dev loop" compose/02-dev-loop "$prefix-02" step_02
step "step 03: chained services" compose/03-chained-services "$prefix-03" step_03
step "step 04: one database" compose/04-one-database "$prefix-04" step_04
step "step 05: a database per service" compose/05-database-per-service "$prefix-05" step_05
step "step 06: migrations" compose/06-migrations "$prefix-06" step_06
step "the whole suite behind the gateway" compose "$prefix-full" step_full

log "container smoke test took $((SECONDS - stage_started))s"
if [ "$failed" -gt 0 ]; then
  printf 'failed: %s\n' "${failures[@]}"
fi
printf '\n%s passed, %s failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
