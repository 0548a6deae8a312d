#!/bin/sh
# The redis stand-in's entrypoint: the behaviour of the official image's (redis/docker-library-redis,
# docker-entrypoint.sh of 7.4), written anew, plus protected mode off, which the official image compiles in
# and Debian's build does not.
set -e

# An option or a configuration file as first argument: they are redis-server's.
if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then
    set -- redis-server "$@"
fi

# As root: the working directory (/data) goes to redis, and so does the server.
if [ "$1" = redis-server ] && [ "$(id -u)" = 0 ]; then
    find . \! -user redis -exec chown redis '{}' +
    exec gosu redis "$0" "$@"
fi

if [ "$1" = redis-server ]; then
    shift
    conf=
    case "${1:-}" in
        -) conf=-; shift ;;
        -*) ;;
        ?*) conf=$1; shift ;;
    esac
    if [ -n "$conf" ] && [ "$conf" != - ] && grep -qiE '^[[:space:]]*protected-mode[[:space:]]' "$conf" 2>/dev/null; then
        set -- redis-server "$conf" "$@"
    elif [ -n "$conf" ]; then
        set -- redis-server "$conf" --protected-mode no "$@"
    else
        set -- redis-server --protected-mode no "$@"
    fi
fi

# Files the server writes are private to it unless a umask was set on purpose.
if [ "$(umask)" = 0022 ]; then
    umask 0077
fi

exec "$@"
