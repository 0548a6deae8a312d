# Sourced by ci/container-smoke.sh and ci/k8s-smoke.sh (after checks.sh): the gateway as an edge, through its
# published port. The same assertions wherever it runs, as gateway/templates/default.conf.template is one file.

# Every path a service answers (its controllers, health groups, metrics and OpenAPI documents), tried under every
# gateway prefix.
edge_service_paths=(
    "" / health health/liveness health/readiness health/database prometheus calls version
    openapi/hello1401-1.yml openapi/hello-chain-1.yml openapi/echo-1.yml openapi/users-api-1.yml openapi/auth-1.yml
    users users/1 login keys auth/login auth/keys anything/else
)
edge_prefixes=(hello hello1400 chain echo users-api users auth)

# intended PATH: the routes gateway/README.md lists as public; everything else must be the gateway's 404.
intended() {
    case "$1" in
        /hello | /hello/health/readiness) return 0 ;;
        # hello1400 answers hello world on every path and has nothing internal.
        /hello1400 | /hello1400/*) return 0 ;;
        /chain | /chain/health/readiness) return 0 ;;
        /echo/prometheus | /echo/health | /echo/health/liveness | /echo/health/database | /echo/openapi/*) return 1 ;;
        # echo shows the path it was asked for: any other path is its lesson.
        /echo | /echo/*) return 0 ;;
        /users-api/health/readiness | /users-api/health/liveness | /users-api/health/database) return 0 ;;
        # users-api owns /users and /users/{id}; it answers for them, its own 404 included.
        /users | /users/*[!/]*) [[ $1 =~ ^/users(/[^/]+)?$ ]] ;;
        /auth/login | /auth/keys | /auth/health/readiness) return 0 ;;
        *) return 1 ;;
    esac
}

# fetch URL [curl options]: one request; sets fetched_body, and fetched ("CODE CONTENT-TYPE").
fetch() {
    local out
    out=$(curl -sS --max-time 10 -w '\n%{http_code} %{content_type}' "$@")
    fetched_body=${out%$'\n'*}
    fetched=${out##*$'\n'}
}
gateway_404() { [ "$fetched" = "404 application/problem+json" ] && [[ $fetched_body == *"no such route on the gateway"* ]]; }

# exposure GW: no route is public by accident.
exposure() {
    local gw=$1 prefix path url tried=0 wrong=0
    for prefix in "${edge_prefixes[@]}"; do
        for path in "${edge_service_paths[@]}"; do
            url=/$prefix${path:+/$path}
            [ "$path" = / ] && url=/$prefix/
            fetch "$gw$url"
            tried=$((tried + 1))
            if intended "$url"; then
                gateway_404 && { echo "      $url is a public route, yet the gateway answers its own 404"; wrong=$((wrong + 1)); }
            elif ! gateway_404; then
                echo "      $url answers $fetched, not the gateway's 404"
                wrong=$((wrong + 1))
            fi
        done
    done
    echo "      $tried paths tried under ${#edge_prefixes[@]} prefixes"
    [ "$wrong" -eq 0 ]
}

# headers URL: the edge's headers on one answer.
edge_headers() {
    local headers
    headers=$(curl -sS -D - -o /dev/null --max-time 10 "$1" | tr -d '\r')
    grep -qx 'Server: nginx' <<<"$headers" \
        && grep -qx 'X-Content-Type-Options: nosniff' <<<"$headers" \
        && grep -qx 'Referrer-Policy: no-referrer' <<<"$headers" \
        && grep -qx 'X-Frame-Options: DENY' <<<"$headers" \
        && grep -qx "Content-Security-Policy: frame-ancestors 'none'" <<<"$headers" \
        || { sed 's/^/      /' <<<"$headers"; return 1; }
}

# throttled GW: a burst of writes (malformed, so nothing is stored) meets 429 problem+json with Retry-After.
# The 40 go at once: one after another on a slow machine, each can take longer than the bucket needs to refill a
# request (10 a second), and the burst never outruns it.
throttled() {
    local gw=$1 dir limited
    dir=$(mktemp -d)
    curl -sS --no-progress-meter --parallel --parallel-immediate --parallel-max 40 --max-time 10 -i -X POST \
        -H 'Content-Type: application/json' -d '{' -o "$dir/answer-#1" "$gw/users?burst=[1-40]"
    echo "      40 malformed POSTs at once: $(head -qn1 "$dir"/answer-* | awk '{ print $2 }' | sort | uniq -c | xargs) (count code)"
    limited=$(grep -l '^HTTP/[0-9.]* 429' "$dir"/answer-* | head -1)
    [ -n "$limited" ] && grep -qix 'Content-Type: application/problem+json' <(tr -d '\r' <"$limited") \
        && grep -qix 'Retry-After: 1' <(tr -d '\r' <"$limited") && grep -q '"status":429' "$limited" \
        || { echo "      first 429: ${limited:+$(tr -d '\r' <"$limited" | xargs)}${limited:-none}"; rm -rf "$dir"; return 1; }
    rm -rf "$dir"
}

# slow_client_cut GW-HOST GW-PORT: a client that never finishes its headers is cut off after about 10 s.
slow_client_cut() {
    local started=$SECONDS took
    timeout 20 bash -c 'exec 3<>"/dev/tcp/$0/$1"; printf "GET / HTTP/1.1\r\nHost: x\r\n" >&3; cat <&3 >/dev/null' "$1" "$2"
    took=$((SECONDS - started))
    echo "      closed after ${took}s"
    [ "$took" -ge 8 ] && [ "$took" -le 13 ]
}

# gateway_edge GW: the checks that need nothing stopped.
gateway_edge() {
    local gw=$1 hostport=${1#http://}
    check "edge: every path under every prefix is a listed route or the gateway's 404 problem" exposure "$gw"
    check "edge: /hello carries nosniff, no-referrer, DENY and frame-ancestors, and no nginx version" edge_headers "$gw/hello"
    check "edge: the gateway's own 404 carries them too" edge_headers "$gw/hello/prometheus"
    check "edge: users-api's 404 through the gateway carries them too" edge_headers "$gw/users/999999999"
    check "edge: the dashboard carries them too" edge_headers "$gw/"
    check "edge: a client that never finishes its headers is cut off after about 10 s" slow_client_cut "${hostport%:*}" "${hostport#*:}"
    check "edge: a burst of writes is answered 429 application/problem+json with Retry-After" throttled "$gw"
    # The burst's bucket refills at 10 a second: later writes must not meet it.
    sleep 3
}

# gateway_unreachable GW PATH: the gateway's own answer for a stopped service, 502 (refused) or 504 (its address
# gone, the connect timed out), is problem+json.
gateway_unreachable() {
    fetch "$1$2"
    matches "$fetched $(jq -r '"\(.status) \(.detail)"' <<<"$fetched_body" 2>/dev/null)" \
        '^(502) application/problem\+json \1 the service is not reachable$|^(504) application/problem\+json \2 the service did not answer in time$'
}
