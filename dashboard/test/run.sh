#!/usr/bin/env bash
# Starts the suite from its jars on free 127.0.0.1 ports behind the real gateway template, runs the browser
# tests against it and always stops everything. Usage, from anywhere: dashboard/test/run.sh
set -euo pipefail

cd "$(dirname "$0")/../.."
ROOT=$PWD
OUT=$ROOT/dashboard/target
LOGS=$OUT/logs
JARS=(hello1400/target/hello1400.jar hello1401/target/hello1401.jar hello-chain/target/hello-chain.jar
    echo/target/echo.jar users-api/target/users-api.jar auth/target/auth.jar)
# Nine JVMs share the runner: small heaps and the quick JIT keep start-up short.
JAVA_OPTS=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx160m)

say() { printf '==> %s\n' "$*"; }
die() { printf 'run.sh: %s\n' "$*" >&2; exit 1; }

install_missing() {
    local missing=()
    command -v chromium >/dev/null || missing+=(chromium)
    command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
    command -v envsubst >/dev/null || missing+=(gettext-base)
    command -v curl >/dev/null || missing+=(curl)
    [ ${#missing[@]} -eq 0 ] && return
    command -v apt-get >/dev/null || die "missing ${missing[*]} and no apt-get to install them"
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    say "installing ${missing[*]}"
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_missing
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
command -v java >/dev/null || die "java is missing: install a JDK 17 or newer"
command -v node >/dev/null || die "node is missing: install Node.js 20 or newer"
[ "$(node -p 'process.versions.node.split(".")[0]')" -ge 20 ] || die "Node.js 20 or newer is needed, found $(node -v)"

say "npm ci"
(cd dashboard/test && npm ci --no-audit --no-fund --loglevel=error)

for jar in "${JARS[@]}"; do
    if [ ! -f "$jar" ]; then
        say "building the jars"
        ./mvnw -B -q -pl hello1400,hello1401,hello-chain,echo,users-api,auth -am package -DskipTests
        break
    fi
done

rm -rf "$OUT/screenshots" "$LOGS"
mkdir -p "$LOGS"
WORK=$(mktemp -d)
chmod 755 "$WORK"
declare -A PIDS=()

stop_all() {
    local name
    for name in "${!PIDS[@]}"; do kill "${PIDS[$name]}" 2>/dev/null || true; done
    for name in "${!PIDS[@]}"; do wait "${PIDS[$name]}" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap stop_all EXIT

# Ports the kernel hands out for port 0 are free right now.
read -r -a PORTS < <(node -e '
    const net = require("node:net");
    const servers = Array.from({ length: 11 }, () => net.createServer().listen(0, "127.0.0.1"));
    Promise.all(servers.map((s) => new Promise((ok) => s.on("listening", ok)))).then(() => {
        console.log(servers.map((s) => s.address().port).join(" "));
        servers.forEach((s) => s.close());
    });')
P1400=${PORTS[0]} P1401=${PORTS[1]} P1402=${PORTS[2]} P1403=${PORTS[3]} PUSERS=${PORTS[4]}
PECHO=("${PORTS[5]}" "${PORTS[6]}" "${PORTS[7]}") PECHO_ALL=${PORTS[8]} PGATEWAY=${PORTS[9]}
PAUTH=${PORTS[10]}

# The embedded databases and a key made at start, whatever the calling shell exports.
start() {
    local name=$1; shift
    env -u DATABASE_HOST -u REDIS_URI -u AUTH_SIGNING_KEY_FILE -u AUTH_PREVIOUS_KEYS_FILE -u AUTH_ISSUER -u AUTH_JWKS_URL \
        MICRONAUT_SERVER_HOST=127.0.0.1 "$@" >"$LOGS/$name.log" 2>&1 &
    PIDS[$name]=$!
}

say "starting the services"
start hello1400 PORT="$P1400" java "${JAVA_OPTS[@]}" -jar hello1400/target/hello1400.jar
start hello1401 PORT="$P1401" java "${JAVA_OPTS[@]}" -jar hello1401/target/hello1401.jar
start hello1402 PORT="$P1402" java "${JAVA_OPTS[@]}" -jar hello-chain/target/hello-chain.jar
start hello1403 PORT="$P1403" UPSTREAM_URL="http://127.0.0.1:$P1402" java "${JAVA_OPTS[@]}" -jar hello-chain/target/hello-chain.jar
for i in 1 2 3; do
    start "echo-$i" PORT="${PECHO[$((i - 1))]}" HOSTNAME="echo-$i" java "${JAVA_OPTS[@]}" -jar echo/target/echo.jar
done
start auth PORT="$PAUTH" java "${JAVA_OPTS[@]}" -jar auth/target/auth.jar
# Secured writes, as in the suite: users-api checks tokens against the keys of the auth started here.
start users-api PORT="$PUSERS" AUTH_JWKS_URL="http://127.0.0.1:$PAUTH/auth/keys" java "${JAVA_OPTS[@]}" -jar users-api/target/users-api.jar

# Bounded: a service that dies or never gets ready fails the run with its log.
wait_ready() {
    local name=$1 url=$2 deadline=$((SECONDS + 120))
    until curl -fsS -o /dev/null "$url" 2>/dev/null; do
        if ! kill -0 "${PIDS[$name]}" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
            tail -n 30 "$LOGS/$name.log" >&2
            die "$name did not get ready at $url"
        fi
        sleep 0.5
    done
}
wait_ready hello1400 "http://127.0.0.1:$P1400/"
for name in hello1401:$P1401 hello1402:$P1402 hello1403:$P1403 echo-1:${PECHO[0]} echo-2:${PECHO[1]} \
    echo-3:${PECHO[2]} users-api:$PUSERS auth:$PAUTH; do
    wait_ready "${name%%:*}" "http://127.0.0.1:${name##*:}/health/readiness"
done

say "starting the gateway on 127.0.0.1:$PGATEWAY"
# The same template compose mounts into the nginx image, rendered the same way (envsubst, named variables only).
# Every upstream here is an address, so the resolver is never asked.
NGINX_LOCAL_RESOLVERS=127.0.0.1 HELLO1400_UPSTREAM=127.0.0.1:$P1400 HELLO1401_UPSTREAM=127.0.0.1:$P1401 CHAIN_UPSTREAM=127.0.0.1:$P1403 \
ECHO_UPSTREAM=127.0.0.1:$PECHO_ALL USERS_UPSTREAM=127.0.0.1:$PUSERS AUTH_UPSTREAM=127.0.0.1:$PAUTH NGINX_PORT=127.0.0.1:$PGATEWAY \
DASHBOARD_ROOT=$ROOT/dashboard/public GATEWAY_WRITE_RATE=10r/s GATEWAY_WRITE_BURST=20 \
envsubst '${NGINX_PORT} ${NGINX_LOCAL_RESOLVERS} ${DASHBOARD_ROOT} ${HELLO1400_UPSTREAM} ${HELLO1401_UPSTREAM} ${CHAIN_UPSTREAM} ${ECHO_UPSTREAM} ${USERS_UPSTREAM} ${AUTH_UPSTREAM} ${GATEWAY_WRITE_RATE} ${GATEWAY_WRITE_BURST}' \
    <gateway/templates/default.conf.template >"$WORK/gateway.conf"
cat >"$WORK/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $WORK/nginx.pid;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log $LOGS/gateway-access.log;
    client_body_temp_path $WORK/client_body;
    proxy_temp_path $WORK/proxy;
    fastcgi_temp_path $WORK/fastcgi;
    uwsgi_temp_path $WORK/uwsgi;
    scgi_temp_path $WORK/scgi;

    # Stands in for compose's DNS, where the one name "echo" resolves to every replica.
    upstream echo_replicas {
        server 127.0.0.1:${PECHO[0]};
        server 127.0.0.1:${PECHO[1]};
        server 127.0.0.1:${PECHO[2]};
    }
    server {
        listen 127.0.0.1:$PECHO_ALL;
        location / { proxy_pass http://echo_replicas; }
    }

    include $WORK/gateway.conf;
}
EOF
start gateway "$NGINX" -p "$WORK" -e stderr -c "$WORK/nginx.conf"
wait_ready gateway "http://127.0.0.1:$PGATEWAY/healthz"

say "running the browser tests"
status=0
GATEWAY_URL=http://127.0.0.1:$PGATEWAY USERS_API_PID=${PIDS[users-api]} HELLO1402_PID=${PIDS[hello1402]} AUTH_PID=${PIDS[auth]} \
    node --test --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$OUT/results.tap" dashboard/test/dashboard.test.mjs || status=$?

passed=$(sed -n 's/^# pass //p' "$OUT/results.tap")
failed=$(sed -n 's/^# fail //p' "$OUT/results.tap")
echo "screenshots: dashboard/target/screenshots, logs: dashboard/target/logs"
echo "${passed:-0} passed, ${failed:-0} failed"
[ "$status" -eq 0 ] && [ "${failed:-1}" -eq 0 ]
