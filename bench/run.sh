#!/usr/bin/env bash
# Benchmarks the Java ports beside the original Node and Flask apps, nginx and a bare Micronaut app, in one run on
# this machine: each server pinned to one core, wrk pinned to another. Writes bench/results/<date>.md and the summary
# in bench/README.md. Usage, from anywhere: bench/run.sh
# (DURATION=10 WARMUP=8 WARMUP_MAX=64 CONNECTIONS=50 START_RUNS=3 PAIR_ROUNDS=6 by default; SERVERS="a b" runs only those rows;
# OUT=dir writes the report to dir/results and dir/README.md, which needs the results markers, instead of bench/)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
BENCH=$ROOT/bench
OUT=${OUT:-$BENCH}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-8}
WARMUP_MAX=${WARMUP_MAX:-64}
CONNECTIONS=${CONNECTIONS:-50}
START_RUNS=${START_RUNS:-3}
PAIR_ROUNDS=${PAIR_ROUNDS:-6}
SERVER_CPU=${SERVER_CPU:-1}
LOAD_CPU=${LOAD_CPU:-0}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
# The README's minimum JDK, which `java -jar` users may bring; it has no AOT cache.
JAVA17=${JAVA17:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}
# The distribution's Python, where its python3-flask packages live (a pyenv or venv python3 on PATH has none).
PYTHON=/usr/bin/python3
# The images' JVM flags under compose's memory limits (384M, 128M for hello1400), so resident memory is what a container would show.
CONTAINER_HEAP=(-XX:MaxRAM=384m -XX:MaxRAMPercentage=75 -XX:+UseG1GC)
HELLO1400_FLAGS=(-XX:MaxRAM=128m -XX:MaxRAMPercentage=75 -XX:+UseSerialGC)
DB_NAME=bench_users
WORK=$(mktemp -d)
LOGS=$WORK/logs
mkdir -p "$LOGS"
ROWS=()
ALL_SERVERS=(nginx node-bare node-express
    hello1400 hello1400-aot hello1400-jdk17
    micronaut-minimal micronaut-minimal-aot micronaut-minimal-jdk17
    hello1401 hello1401-aot hello1401-jdk17 hello1401-accesslog
    echo echo-aot echo-jdk17
    hello-chain hello-chain-aot hello-chain-jdk17
    flask-users users-api users-api-aot users-api-jdk17 users-api-get-auth users-api-post users-api-post-auth)
read -r -a SERVERS <<<"${SERVERS:-${ALL_SERVERS[*]}}"
# hello-chain is measured as the caller (hello1403 in compose); its upstream, the same jar answering itself, runs on
# the load core throughout, as compose's hello1402 would.
CHAIN_UPSTREAM_PORT=28079
# auth, on the load core, signs the token of the users-api-post-auth row and serves the keys that check it.
AUTH_PORT=28078
BENCH_TOKEN=
PORT_SEQ=28100

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }
cleanup() {
    pkill -P $$ 2>/dev/null || true
    mysql -h 127.0.0.1 -u root -e "DROP DATABASE IF EXISTS $DB_NAME" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

install_missing() {
    local missing=()
    command -v wrk >/dev/null || missing+=(wrk)
    [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
    "$PYTHON" -c 'import flask, flask_sqlalchemy, pymysql' 2>/dev/null || missing+=(python3-flask python3-flask-sqlalchemy python3-pymysql)
    command -v envsubst >/dev/null || missing+=(gettext-base)
    if [ ${#missing[@]} -gt 0 ]; then
        say "installing ${missing[*]}"
        apt-get -o DPkg::Lock::Timeout=300 update -qq
        DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
    [ -x "$JAVA25" ] || die "JDK 25 not found at $JAVA25 (set JAVA25)"
    [ "$(nproc)" -ge 2 ] || die "needs two cores: one for the server, one for wrk"
}

# The same 1,000 users for users-api and the Flask app, in a database of their own built by db-migrations.
prepare_database() {
    mysql -h 127.0.0.1 -u root -e "DROP DATABASE IF EXISTS $DB_NAME; CREATE DATABASE $DB_NAME CHARACTER SET utf8mb4"
    DATABASE_KIND=mysql DATABASE_HOST=127.0.0.1 DATABASE_PORT=3306 DATABASE_USER=root DATABASE_PASSWORD= \
        DATABASE_NAME=$DB_NAME java -jar db-migrations/target/db-migrations.jar users-api update >"$LOGS/migrations.log" 2>&1
    python3 - "$WORK/users.sql" <<'EOF'
import sys
rows = ",".join(f"('User {i}','user{i}@example.com')" for i in range(1, 1001))
open(sys.argv[1], "w").write(f"INSERT INTO users (name, email) VALUES {rows};\n")
EOF
    mysql -h 127.0.0.1 -u root "$DB_NAME" <"$WORK/users.sql"
}

ms() { # wrk's 123.45us / 1.23ms / 1.02s -> milliseconds
    awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/ && v !~ /ms$/) n *= 1000; printf "%.2f", n }'
}

rss_mb() { # the process and its children, e.g. nginx's worker
    local total=0 pid
    for pid in "$1" $(pgrep -P "$1" || true); do
        total=$((total + $(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)))
    done
    echo $((total / 1024))
}

# server NAME: runs that server in the foreground, on $PORT; the start runs, the training runs and the load runs all
# start a server through here, so they run the same command.
server() {
    local name=$1 java=$JAVA25 cache=() base jar
    case $name in
        nginx)
            WORK=$WORK envsubst '${WORK} ${PORT}' <bench/peers/nginx/nginx.conf.template >"$WORK/nginx-$PORT.conf"
            exec /usr/sbin/nginx -c "$WORK/nginx-$PORT.conf" -p "$WORK" ;;
        node-bare) exec node bench/peers/node-hello/index.js ;;
        node-express) exec node bench/peers/node-hello/express.js ;;
        flask-users) exec env "${USERS_DB[@]}" "$PYTHON" bench/peers/flask-users/app.py ;;
        # hello1401 as compose runs it: one JSON access line per request, into the row's log file like all output.
        hello1401-accesslog) exec env ACCESS_LOG=true LOG_FORMAT=json "$java" "${CONTAINER_HEAP[@]}" -jar hello1401/target/hello1401.jar ;;
    esac
    base=${name%-aot}
    [ "$base" = "$name" ] || cache=(-XX:AOTCache="$WORK/$base.aot")
    if [ "${name%-jdk17}" != "$name" ]; then base=${name%-jdk17}; java=$JAVA17; fi
    jar=$base/target/$base.jar
    case $base in
        hello1400) exec "$java" "${HELLO1400_FLAGS[@]}" "${cache[@]}" -jar "$jar" ;;
        micronaut-minimal) exec "$java" "${CONTAINER_HEAP[@]}" "${cache[@]}" -jar bench/peers/micronaut-minimal/target/micronaut-minimal.jar ;;
        hello-chain) exec env UPSTREAM_URL="http://127.0.0.1:$CHAIN_UPSTREAM_PORT" "$java" "${CONTAINER_HEAP[@]}" "${cache[@]}" -jar "$jar" ;;
        users-api) exec env "${USERS_DB[@]}" "$java" "${CONTAINER_HEAP[@]}" "${cache[@]}" -jar "$jar" ;;
        # POST /users with writes open (no AUTH_JWKS_URL); GET and POST with writes behind auth's tokens, checked
        # against its keys (reads stay public, through Micronaut Security's filter).
        users-api-post) exec env "${USERS_DB[@]}" "$java" "${CONTAINER_HEAP[@]}" -jar users-api/target/users-api.jar ;;
        users-api-get-auth | users-api-post-auth) exec env "${USERS_DB[@]}" AUTH_JWKS_URL="http://127.0.0.1:$AUTH_PORT/auth/keys" \
            "$java" "${CONTAINER_HEAP[@]}" -jar users-api/target/users-api.jar ;;
        *) exec "$java" "${CONTAINER_HEAP[@]}" "${cache[@]}" -jar "$jar" ;;
    esac
}

path_of() { case $1 in flask-users | users-api*) echo '/users?size=100' ;; *) echo / ;; esac; }
# load_args NAME: wrk's extra arguments; the POST rows send a new user per request (the start still waits on GET).
load_args() { case $1 in users-api-post*) echo "-s bench/load/post-users.lua" ;; esac; }

# start NAME CPU: starts NAME on a fresh port, pinned to CPU, and waits for its first 200; sets PID, URL and FIRST (ms).
start() {
    local name=$1 cpu=$2 began
    PORT_SEQ=$((PORT_SEQ + 1))
    URL="http://127.0.0.1:$PORT_SEQ$(path_of "$name")"
    began=$(date +%s%N)
    (taskset -pc "$cpu" $BASHPID >/dev/null && export PORT=$PORT_SEQ && server "$name") >"$LOGS/$name-$PORT_SEQ.log" 2>&1 &
    PID=$!
    until taskset -c "$LOAD_CPU" curl -fso /dev/null --max-time 1 "$URL"; do
        kill -0 "$PID" 2>/dev/null || { tail -20 "$LOGS/$name-$PORT_SEQ.log" >&2; die "$name exited before answering"; }
        [ $(( ($(date +%s%N) - began) / 1000000000 )) -lt 60 ] || die "$name did not answer within 60 s"
        sleep 0.01
    done
    FIRST=$(( ($(date +%s%N) - began) / 1000000 ))
}

stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; }

# refuse_errors NAME WRK_LOG: a round with any non-2xx answer or socket error measured something else; stop there.
refuse_errors() {
    local errors
    errors=$(awk '/Non-2xx|Socket errors/ {print}' "$2" | tr '\n' ' ')
    [ -z "$errors" ] || die "$1 answered errors under load: $errors"
}

# measure NAME: start, warm up, load, resident memory, stop. The first 200 is the median of the start runs.
measure() {
    local name=$1
    say "$name"
    start "$name" "$SERVER_CPU"
    local warmed
    warmed=$(warm_up "$URL" "$name")
    load "$name" -d"${DURATION}s" --latency "$URL" >"$LOGS/$name.wrk"
    local rss rps p50 p99
    rss=$(rss_mb "$PID")
    stop
    rps=$(awk '/Requests\/sec/ {printf "%d", $2}' "$LOGS/$name.wrk")
    p50=$(ms "$(awk '$1 == "50%" {print $2}' "$LOGS/$name.wrk")")
    p99=$(ms "$(awk '$1 == "99%" {print $2}' "$LOGS/$name.wrk")")
    refuse_errors "$name" "$LOGS/$name.wrk"
    ROWS+=("$name|$rps|$p50|$p99|${STARTS[$name]}|$rss|$warmed")
}

# load NAME WRK-ARGS...: wrk on the load core with NAME's script and token (warm-up and measurement alike).
load() {
    local name=$1 token=
    shift
    [ "$name" = users-api-post-auth ] && token=$BENCH_TOKEN
    # shellcheck disable=SC2046
    taskset -c "$LOAD_CPU" env BENCH_TOKEN="$token" wrk -t1 -c"$CONNECTIONS" $(load_args "$name") "$@"
}

# warm_up URL NAME: WARMUP-second rounds until three in a row agree within 5 %, at most WARMUP_MAX s; prints the
# seconds taken. The same rule for every server: a JIT on one shared core needs far longer than node or nginx to
# settle, and users-api climbs for about 40 s, where two rounds alone can agree on the way up (1,318 req/s at 24 s,
# against 3,639 settled, in a run on 2026-12-04).
warm_up() {
    local url=$1 name=$2 previous=0 current elapsed=0 agreed=0
    while [ "$elapsed" -lt "$WARMUP_MAX" ]; do
        current=$(load "$name" -d"${WARMUP}s" "$url" | awk '/Requests\/sec/ {printf "%d", $2}')
        elapsed=$((elapsed + WARMUP))
        if [ "$previous" -gt 0 ] && [ $(( (current - previous) * (current - previous) * 400 )) -le $(( previous * previous )) ]; then
            agreed=$((agreed + 1))
            [ "$agreed" -lt 2 ] || break
        else
            agreed=0
        fi
        previous=$current
    done
    echo "$elapsed"
}

# train NAME: one run of NAME (without -aot) with -XX:AOTCacheOutput, some traffic, then a clean exit writes the cache.
train() {
    local name=$1
    say "$name: AOT cache training run"
    (
        PORT_SEQ=$((PORT_SEQ + 500))
        CONTAINER_HEAP=(-XX:+UseG1GC -XX:AOTCacheOutput="$WORK/$name.aot")
        HELLO1400_FLAGS=(-XX:+UseSerialGC -XX:AOTCacheOutput="$WORK/$name.aot")
        start "$name" "$SERVER_CPU"
        wrk -t1 -c10 -d3s "$URL" >/dev/null
        stop
    )
    [ -s "$WORK/$name.aot" ] || die "$name: no AOT cache written"
}

# The auth targets are ratios within a few per cent of 1, closer than one 10 s round per server can tell apart (the same
# code measured 78 % to 125 % in four runs): each pair runs side by side on the server core, both warmed, then
# PAIR_ROUNDS rounds of DURATION s each, alternating which goes first; prints "A|B|ratio ratio ..." (B's req/s over A's).
PAIRS=("users-api users-api-get-auth" "users-api-post users-api-post-auth")
# pair_round NAME URL ROUND: one DURATION s round of a pair, kept in the logs; prints its req/s.
pair_round() {
    load "$1" -d"${DURATION}s" "$2" >"$LOGS/$1-pair-$3.wrk"
    refuse_errors "$1" "$LOGS/$1-pair-$3.wrk"
    awk '/Requests\/sec/ {print $2}' "$LOGS/$1-pair-$3.wrk"
}
side_by_side() {
    local a=$1 b=$2 pid_a url_a pid_b url_b ratios=() round first second
    start "$a" "$SERVER_CPU"; pid_a=$PID url_a=$URL
    start "$b" "$SERVER_CPU"; pid_b=$PID url_b=$URL
    say "$a and $b side by side: warm-up $(warm_up "$url_a" "$a") s and $(warm_up "$url_b" "$b") s, then $PAIR_ROUNDS rounds"
    for round in $(seq "$PAIR_ROUNDS"); do
        if [ $((round % 2)) = 1 ]; then
            first=$(pair_round "$a" "$url_a" "$round")
            second=$(pair_round "$b" "$url_b" "$round")
        else
            second=$(pair_round "$b" "$url_b" "$round")
            first=$(pair_round "$a" "$url_a" "$round")
        fi
        ratios+=("$(awk -v a="$first" -v b="$second" 'BEGIN { printf "%.3f", b / a }')")
    done
    kill "$pid_a" "$pid_b"; wait "$pid_a" "$pid_b" 2>/dev/null || true
    echo "$a|$b|${ratios[*]}"
}

install_missing
say "building the jars and the Node peers"
./mvnw -B -q -pl hello1400,hello1401,echo,hello-chain,users-api,auth,db-migrations -am package -DskipTests
# The framework floor is no module of the suite: it is built here, with the suite's root POM as its parent.
./mvnw -B -q -f bench/peers/micronaut-minimal/pom.xml package -DskipTests
(cd bench/peers/node-hello && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
prepare_database

USERS_DB=(DATABASE_KIND=mysql DATABASE_HOST=127.0.0.1 DATABASE_PORT=3306 DATABASE_USER=root DATABASE_PASSWORD= DATABASE_NAME=$DB_NAME)

say "hello-chain's upstream, on the load core"
(taskset -pc "$LOAD_CPU" $BASHPID >/dev/null && PORT=$CHAIN_UPSTREAM_PORT exec "$JAVA25" "${CONTAINER_HEAP[@]}" -jar hello-chain/target/hello-chain.jar) \
    >"$LOGS/chain-upstream.log" 2>&1 &
until curl -fso /dev/null --max-time 1 "http://127.0.0.1:$CHAIN_UPSTREAM_PORT/"; do sleep 0.1; done

say "auth, on the load core: its embedded DEV ONLY demo account signs the token of users-api-post-auth"
(taskset -pc "$LOAD_CPU" $BASHPID >/dev/null && PORT=$AUTH_PORT AUTH_TOKEN_TTL=2h exec "$JAVA25" "${CONTAINER_HEAP[@]}" \
    -jar auth/target/auth.jar) >"$LOGS/auth.log" 2>&1 &
until curl -fso /dev/null --max-time 1 "http://127.0.0.1:$AUTH_PORT/health/readiness"; do sleep 0.1; done
BENCH_TOKEN=$(curl -fsS -X POST -H 'Content-Type: application/json' -d '{"username":"admin","password":"admin-dev-only"}' \
    "http://127.0.0.1:$AUTH_PORT/auth/login" | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')

for name in "${SERVERS[@]}"; do
    [ "${name%-aot}" = "$name" ] || train "${name%-aot}"
done

# Time to the first 200: START_RUNS rounds, each starting every server once in turn, so slow drifts hit all alike.
declare -A STARTS
for round in $(seq "$START_RUNS"); do
    say "start runs, round $round of $START_RUNS"
    for name in "${SERVERS[@]}"; do
        start "$name" "$SERVER_CPU"
        stop
        STARTS[$name]="${STARTS[$name]:+${STARTS[$name]} }$FIRST"
    done
done

for name in "${SERVERS[@]}"; do
    measure "$name"
done

touch "$WORK/pairs"
for pair in "${PAIRS[@]}"; do
    read -r a b <<<"$pair"
    if [[ " ${SERVERS[*]} " == *" $a "* && " ${SERVERS[*]} " == *" $b "* ]]; then side_by_side "$a" "$b" >>"$WORK/pairs"; fi
done

BENCH_ROWS=$(printf '%s\n' "${ROWS[@]}") BENCH_PAIRS=$(cat "$WORK/pairs") PAIR_ROUNDS="$PAIR_ROUNDS" JAVA25="$JAVA25" JAVA17="$JAVA17" DURATION="$DURATION" CONNECTIONS="$CONNECTIONS" \
    WARMUP="$WARMUP" WARMUP_MAX="$WARMUP_MAX" START_RUNS="$START_RUNS" python3 bench/report.py "$OUT"
