# Sourced by the smoke scripts: counted assertions and their helpers. The script sets passed=0 failed=0 failures=().
log() { printf '\n==> %s\n' "$*"; }
pass() { passed=$((passed + 1)); printf '    PASS  %s\n' "$1"; }
fail() { failed=$((failed + 1)); failures+=("$1"); printf '    FAIL  %s\n' "$1"; }

# check NAME COMMAND...: one counted assertion; its status is the command's.
check() {
    local name=$1
    shift
    if "$@"; then pass "$name"; else fail "$name"; return 1; fi
}

# silent COMMAND...: its output is dropped, its status kept.
silent() { "$@" >/dev/null 2>&1; }

equals() { [ "$1" = "$2" ] || { printf '      expected [%s], got [%s]\n' "$2" "$1"; return 1; }; }
matches() { [[ "$1" =~ $2 ]] || { printf '      [%s] does not match /%s/\n' "$1" "$2"; return 1; }; }

# get URL [curl options...]: the body, with a few retries for a service that has only just turned ready.
get() {
    local url=$1
    shift
    for _ in 1 2 3; do
        curl -fsS --max-time 10 "$@" "$url" && return 0
        sleep 2
    done
    return 1
}

# http_code [curl options] URL: the status code of one bounded request, its body dropped.
http_code() { curl -sS --max-time 10 -o /dev/null -w '%{http_code}' "$@"; }

# token_kid TOKEN: the kid in a JWT's header, which names the key that signed it; empty for anything else.
token_kid() { jq -rR 'split(".")[0] | gsub("-"; "+") | gsub("_"; "/") | @base64d | fromjson | .kid' <<<"$1" 2>/dev/null; }

# sign_in GATEWAY: the DEV ONLY demo account's token, from auth through the gateway; empty when the login fails.
sign_in() {
    get "$1/auth/login" -X POST -H 'Content-Type: application/json' -d '{"username":"admin","password":"admin-dev-only"}' \
        | jq -r '.access_token // empty'
}

# users_crud GATEWAY NAME EMAIL TOKEN: a write without the token is refused; with it, create a user through the
# gateway, find it in the list, get it, delete it, then 404.
users_crud() {
    local gw=$1 token=$4 body id
    check "gateway POST /users without a token answers 401" \
        equals "$(http_code -X POST -H 'Content-Type: application/json' -d "{\"name\":\"$2\",\"email\":\"$3\"}" "$gw/users")" 401
    body=$(get "$gw/users" -X POST -H 'Content-Type: application/json' -H "Authorization: Bearer $token" -d "{\"name\":\"$2\",\"email\":\"$3\"}")
    id=$(jq -r '.id // empty' <<<"$body" 2>/dev/null)
    check "gateway POST /users with the token creates a user" matches "$id" '^[0-9]+$'
    check "gateway GET /users lists it" \
        equals "$(get "$gw/users?size=100" | jq -r --argjson id "${id:-0}" '[.[] | select(.id == $id)] | length')" 1
    check "gateway GET /users/$id returns it" equals "$(get "$gw/users/$id" | jq -r .email)" "$3"
    check "gateway DELETE /users/$id without the token answers 401" \
        equals "$(http_code -X DELETE "$gw/users/$id")" 401
    check "gateway DELETE /users/$id with the token answers 204" \
        equals "$(http_code -X DELETE -H "Authorization: Bearer $token" "$gw/users/$id")" 204
    check "gateway GET /users/$id then answers 404" \
        equals "$(http_code "$gw/users/$id")" 404
}
