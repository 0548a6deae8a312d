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
