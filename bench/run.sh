#!/usr/bin/env bash
# Benchmarks the Java ports beside the original Node and Flask apps and nginx, in one run on this machine:
# each server pinned to one core, wrk pinned to another. Writes bench/results/<date>.md and the summary in
# bench/README.md. Usage, from anywhere: bench/run.sh   (DURATION=10 WARMUP=8 WARMUP_MAX=64 CONNECTIONS=50 by default)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
BENCH=$ROOT/bench
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-8}
WARMUP_MAX=${WARMUP_MAX:-64}
CONNECTIONS=${CONNECTIONS:-50}
SERVER_CPU=${SERVER_CPU:-1}
LOAD_CPU=${LOAD_CPU:-0}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
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

# measure NAME PORT PATH COMMAND...: start, time to the first 200, warm up, load, resident memory, stop.
measure() {
    local name=$1 port=$2 path=$3; shift 3
    local url="http://127.0.0.1:$port$path" start first pid
    say "$name"
    start=$(date +%s%N)
    taskset -c "$SERVER_CPU" env PORT="$port" "$@" >"$LOGS/$name.log" 2>&1 &
    pid=$!
    until taskset -c "$LOAD_CPU" curl -fso /dev/null --max-time 1 "$url"; do
        kill -0 "$pid" 2>/dev/null || { tail -20 "$LOGS/$name.log" >&2; die "$name exited before answering"; }
        [ $(( ($(date +%s%N) - start) / 1000000000 )) -lt 60 ] || die "$name did not answer within 60 s"
        sleep 0.01
    done
    first=$(( ($(date +%s%N) - start) / 1000000 ))
    local warmed
    warmed=$(warm_up "$url")
    taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$url" >"$LOGS/$name.wrk"
    local rss rps p50 p99 errors
    rss=$(rss_mb "$pid")
    kill "$pid"; wait "$pid" 2>/dev/null || true
    rps=$(awk '/Requests\/sec/ {printf "%d", $2}' "$LOGS/$name.wrk")
    p50=$(ms "$(awk '$1 == "50%" {print $2}' "$LOGS/$name.wrk")")
    p99=$(ms "$(awk '$1 == "99%" {print $2}' "$LOGS/$name.wrk")")
    errors=$(awk '/Non-2xx|Socket errors/ {print}' "$LOGS/$name.wrk" | tr '\n' ' ')
    [ -z "$errors" ] || die "$name answered errors under load: $errors"
    ROWS+=("$name|$rps|$p50|$p99|$first|$rss|$warmed")
}

# warm_up URL: WARMUP-second rounds until two agree within 5 %, at most WARMUP_MAX s; prints the seconds taken.
# The same rule for every server: a JIT on one shared core needs far longer than node or nginx to settle.
warm_up() {
    local url=$1 previous=0 current elapsed=0
    while [ "$elapsed" -lt "$WARMUP_MAX" ]; do
        current=$(taskset -c "$LOAD_CPU" wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" "$url" | awk '/Requests\/sec/ {printf "%d", $2}')
        elapsed=$((elapsed + WARMUP))
        if [ "$previous" -gt 0 ] && [ $(( (current - previous) * (current - previous) * 400 )) -le $(( previous * previous )) ]; then
            break
        fi
        previous=$current
    done
    echo "$elapsed"
}

# train NAME AOT PORT PATH COMMAND...: one run with -XX:AOTCacheOutput, some traffic, then a clean exit writes it.
train() {
    local name=$1 aot=$2 port=$3 path=$4; shift 4
    say "$name: AOT cache training run"
    PORT="$port" "$@" >"$LOGS/$name-training.log" 2>&1 &
    local pid=$!
    until curl -fso /dev/null --max-time 1 "http://127.0.0.1:$port$path"; do
        kill -0 "$pid" 2>/dev/null || die "$name training run exited"
        sleep 0.1
    done
    wrk -t1 -c10 -d3s "http://127.0.0.1:$port$path" >/dev/null
    kill "$pid"; wait "$pid" 2>/dev/null || true
    [ -s "$aot" ] || die "$name: no AOT cache written"
}

install_missing
say "building the jars and the Node peers"
./mvnw -B -q -pl hello1400,hello1401,users-api,db-migrations -am package -DskipTests
(cd bench/peers/node-hello && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
prepare_database

WORK=$WORK PORT=18080 envsubst '${WORK} ${PORT}' <bench/peers/nginx/nginx.conf.template >"$WORK/nginx.conf"
USERS_DB=(DATABASE_KIND=mysql DATABASE_HOST=127.0.0.1 DATABASE_PORT=3306 DATABASE_USER=root DATABASE_PASSWORD= DATABASE_NAME=$DB_NAME)

measure nginx 18080 / /usr/sbin/nginx -c "$WORK/nginx.conf" -p "$WORK"
measure node-bare 18081 / node bench/peers/node-hello/index.js
measure node-express 18082 / node bench/peers/node-hello/express.js
measure hello1400 18083 / "$JAVA25" "${HELLO1400_FLAGS[@]}" -jar hello1400/target/hello1400.jar
train hello1400 "$WORK/hello1400.aot" 18091 / "$JAVA25" -XX:+UseSerialGC -XX:AOTCacheOutput="$WORK/hello1400.aot" -jar hello1400/target/hello1400.jar
measure hello1400-aot 18092 / "$JAVA25" "${HELLO1400_FLAGS[@]}" -XX:AOTCache="$WORK/hello1400.aot" -jar hello1400/target/hello1400.jar
measure hello1401 18084 / "$JAVA25" "${CONTAINER_HEAP[@]}" -jar hello1401/target/hello1401.jar
train hello1401 "$WORK/hello1401.aot" 18085 / "$JAVA25" -XX:+UseG1GC -XX:AOTCacheOutput="$WORK/hello1401.aot" -jar hello1401/target/hello1401.jar
measure hello1401-aot 18086 / "$JAVA25" "${CONTAINER_HEAP[@]}" -XX:AOTCache="$WORK/hello1401.aot" -jar hello1401/target/hello1401.jar
measure flask-users 18087 '/users?size=100' env "${USERS_DB[@]}" "$PYTHON" bench/peers/flask-users/app.py
measure users-api 18088 '/users?size=100' env "${USERS_DB[@]}" "$JAVA25" "${CONTAINER_HEAP[@]}" -jar users-api/target/users-api.jar
train users-api "$WORK/users-api.aot" 18089 '/users?size=100' env "${USERS_DB[@]}" "$JAVA25" -XX:+UseG1GC -XX:AOTCacheOutput="$WORK/users-api.aot" -jar users-api/target/users-api.jar
measure users-api-aot 18090 '/users?size=100' env "${USERS_DB[@]}" "$JAVA25" "${CONTAINER_HEAP[@]}" -XX:AOTCache="$WORK/users-api.aot" -jar users-api/target/users-api.jar

BENCH_ROWS=$(printf '%s\n' "${ROWS[@]}") JAVA25="$JAVA25" DURATION="$DURATION" CONNECTIONS="$CONNECTIONS" WARMUP="$WARMUP" WARMUP_MAX="$WARMUP_MAX" \
    python3 bench/report.py "$BENCH"
