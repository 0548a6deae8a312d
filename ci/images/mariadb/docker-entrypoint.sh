#!/usr/bin/env bash
# The mysql stand-in's entrypoint: the steps and the environment contract of the official image's
# (docker-library/mysql, 8.4/docker-entrypoint.sh), written anew for MariaDB. For `mysqld` on an empty data
# directory: MYSQL_ROOT_PASSWORD (or MYSQL_ALLOW_EMPTY_PASSWORD, MYSQL_RANDOM_ROOT_PASSWORD), root also at
# MYSQL_ROOT_HOST (default %), time zone tables unless MYSQL_INITDB_SKIP_TZINFO, MYSQL_DATABASE, MYSQL_USER
# with MYSQL_PASSWORD, /docker-entrypoint-initdb.d (*.sh, *.sql, *.sql.gz, *.sql.bz2, *.sql.xz, *.sql.zst) and
# MYSQL_ONETIME_PASSWORD, all on a temporary socket-only server; on an existing one with MYSQL_DATABASE,
# /docker-entrypoint-startdb.d. Each VAR may be given as VAR_FILE. As root it drops to mysql.
# MariaDB's mysqld has no --daemonize: the temporary server runs in the background until it answers a ping.
set -eo pipefail
shopt -s nullglob

log() { # TYPE TEXT... (or the text on standard input)
    local type=$1 text
    shift
    text="$*"
    [ "$#" -eq 0 ] && text=$(cat)
    printf '%s [%s] [Entrypoint]: %s\n' "$(date --rfc-3339=seconds)" "$type" "$text"
}
note() { log Note "$@"; }
warn() { log Warn "$@" >&2; }
error() { log ERROR "$@" >&2; exit 1; }

file_env() { # VAR [DEFAULT]: export VAR from itself, else from the file named by VAR_FILE, else DEFAULT
    local var=$1 file_var="${1}_FILE" value=${2:-}
    if [ -n "${!var:-}" ] && [ -n "${!file_var:-}" ]; then
        error "Both $var and $file_var are set (but are exclusive)"
    fi
    if [ -n "${!var:-}" ]; then
        value=${!var}
    elif [ -n "${!file_var:-}" ]; then
        value=$(<"${!file_var}")
    fi
    export "$var=$value"
    unset "$file_var"
}

wants_help() { # ARGS...: true when mysqld would only print something and exit
    local arg
    for arg; do
        case "$arg" in -'?' | --help | --print-defaults | -V | --version) return 0 ;; esac
    done
    return 1
}

help_args=(--verbose --help --log-bin-index="$(mktemp -u)")

check_config() { # mysqld ARGS...
    local errors
    if ! errors=$("$@" "${help_args[@]}" 2>&1 >/dev/null); then
        error $'mysqld failed while attempting to check config\n\tcommand was: '"$* ${help_args[*]}"$'\n\t'"$errors"
    fi
}

get_config() { # NAME mysqld ARGS...: the value mysqld would use
    local name=$1
    shift
    "$@" "${help_args[@]}" 2>/dev/null \
        | awk -v name="$name" '$1 == name && /^[^ \t]/ { sub(/^[^ \t]+[ \t]+/, ""); print; exit }'
}

setup_env() { # mysqld ARGS...
    DATADIR=$(get_config datadir "$@")
    DATADIR=${DATADIR%/}
    SOCKET=$(get_config socket "$@")
    file_env MYSQL_ROOT_HOST %
    file_env MYSQL_DATABASE
    file_env MYSQL_USER
    file_env MYSQL_PASSWORD
    file_env MYSQL_ROOT_PASSWORD
    DATABASE_ALREADY_EXISTS=
    if [ -d "$DATADIR/mysql" ]; then
        DATABASE_ALREADY_EXISTS=true
    fi
}

create_directories() { # mysqld ARGS...: data, socket, pid, log and secure-file-priv directories
    local -A dirs=(["$DATADIR"]=1 ["$(dirname "$SOCKET")"]=1)
    local name dir
    for name in general_log_file pid_file secure_file_priv slow_query_log_file; do
        dir=$(get_config "${name//_/-}" "$@")
        [ -z "$dir" ] && dir=$(get_config "$name" "$@")
        # Unset, or relative to the data directory (MariaDB's default log names): nothing to create.
        case "$dir" in /*) ;; *) continue ;; esac
        [ "$name" = secure_file_priv ] || dir=$(dirname "$dir")
        dirs["$dir"]=1
    done
    mkdir -p "${!dirs[@]}"
    if [ "$(id -u)" = 0 ]; then
        find "${!dirs[@]}" \! -user mysql -exec chown --no-dereference mysql '{}' +
    fi
}

verify_minimum_env() {
    if [ -z "$MYSQL_ROOT_PASSWORD" ] && [ -z "${MYSQL_ALLOW_EMPTY_PASSWORD:-}" ] && [ -z "${MYSQL_RANDOM_ROOT_PASSWORD:-}" ]; then
        error <<'EOF'
Database is uninitialized and password option is not specified
    You need to specify one of the following as an environment variable:
    - MYSQL_ROOT_PASSWORD
    - MYSQL_ALLOW_EMPTY_PASSWORD
    - MYSQL_RANDOM_ROOT_PASSWORD
EOF
    fi
    if [ "$MYSQL_USER" = root ]; then
        error 'MYSQL_USER="root", MYSQL_USER and MYSQL_PASSWORD are for configuring a regular user and cannot be used for the root user'
    fi
    if [ -n "$MYSQL_USER" ] && [ -z "$MYSQL_PASSWORD" ]; then
        warn 'MYSQL_USER specified, but missing MYSQL_PASSWORD; MYSQL_USER will not be created'
    elif [ -z "$MYSQL_USER" ] && [ -n "$MYSQL_PASSWORD" ]; then
        warn 'MYSQL_PASSWORD specified, but missing MYSQL_USER; MYSQL_PASSWORD will be ignored'
    fi
}

init_database_dir() { # mysqld ARGS...: root without a password, as mysqld --initialize-insecure leaves it
    note "Initializing database files"
    local as_user=()
    # As mysqld --initialize does under a non-root UID, leave the directory's owner alone (an emptyDir is root's,
    # group-writable through fsGroup); Debian's config names user=mysql, which would make it chown.
    [ "$(id -u)" = 0 ] || as_user=(--user=)
    mariadb-install-db --datadir="$DATADIR" --auth-root-authentication-method=normal --skip-test-db \
        --default-time-zone=SYSTEM "${as_user[@]}" "${@:2}" >/dev/null
    note "Database files initialized"
}

passfile() { # [--dont-use-mysql-root-password]: client options with root's password
    if [ "${1:-}" = --dont-use-mysql-root-password ] || [ -z "$MYSQL_ROOT_PASSWORD" ]; then
        return 0
    fi
    printf '[client]\nuser=root\npassword="%s"\n' "$MYSQL_ROOT_PASSWORD"
}

process_sql() { # [--dont-use-mysql-root-password] mysql ARGS...: over the socket, on MYSQL_DATABASE
    local pass_args=()
    if [ "${1:-}" = --dont-use-mysql-root-password ]; then
        pass_args=("$1")
        shift
    fi
    if [ -n "$MYSQL_DATABASE" ]; then
        set -- --database="$MYSQL_DATABASE" "$@"
    fi
    mysql --defaults-extra-file=<(passfile "${pass_args[@]}") --protocol=socket -uroot -hlocalhost --socket="$SOCKET" \
        --comments "$@"
}

temp_server_start() { # mysqld ARGS...
    "$@" --skip-networking --default-time-zone=SYSTEM --socket="$SOCKET" &
    TEMP_SERVER_PID=$!
    for _ in $(seq 60); do
        if mysqladmin --defaults-extra-file=<(passfile --dont-use-mysql-root-password) -uroot --socket="$SOCKET" ping >/dev/null 2>&1; then
            return 0
        fi
        kill -0 "$TEMP_SERVER_PID" 2>/dev/null || break
        sleep 0.5
    done
    error "Unable to start server."
}

temp_server_stop() {
    if ! mysqladmin --defaults-extra-file=<(passfile) -uroot --socket="$SOCKET" shutdown; then
        error "Unable to shut down server."
    fi
    wait "$TEMP_SERVER_PID" || true
}

setup_db() {
    # mysqld --initialize-insecure leaves only root@localhost; mariadb-install-db also adds root at 127.0.0.1, ::1
    # and the host name, and anonymous users: those go.
    process_sql --dont-use-mysql-root-password --database=mysql --skip-column-names --batch \
        <<<"SELECT CONCAT('DROP USER ', QUOTE(User), '@', QUOTE(Host), ';') FROM global_priv
            WHERE NOT (User = 'root' AND Host = 'localhost') AND User <> 'mariadb.sys';" \
        | process_sql --dont-use-mysql-root-password --database=mysql
    if [ -z "${MYSQL_INITDB_SKIP_TZINFO:-}" ]; then
        mariadb-tzinfo-to-sql /usr/share/zoneinfo 2>/dev/null \
            | sed 's/Local time zone must be set--see zic manual page/FCTY/' \
            | process_sql --dont-use-mysql-root-password --database=mysql
    fi
    if [ -n "${MYSQL_RANDOM_ROOT_PASSWORD:-}" ]; then
        MYSQL_ROOT_PASSWORD=$(openssl rand -base64 24)
        export MYSQL_ROOT_PASSWORD
        note "GENERATED ROOT PASSWORD: $MYSQL_ROOT_PASSWORD"
    fi
    local root_create=
    if [ -n "$MYSQL_ROOT_HOST" ] && [ "$MYSQL_ROOT_HOST" != localhost ]; then
        root_create="CREATE USER 'root'@'${MYSQL_ROOT_HOST}' IDENTIFIED BY '${MYSQL_ROOT_PASSWORD}' ;
GRANT ALL ON *.* TO 'root'@'${MYSQL_ROOT_HOST}' WITH GRANT OPTION ;"
    fi
    process_sql --dont-use-mysql-root-password --database=mysql <<EOSQL
SET autocommit = 1;
SET @@SESSION.SQL_LOG_BIN=0;
ALTER USER 'root'@'localhost' IDENTIFIED BY '${MYSQL_ROOT_PASSWORD}' ;
GRANT ALL ON *.* TO 'root'@'localhost' WITH GRANT OPTION ;
FLUSH PRIVILEGES ;
${root_create}
DROP DATABASE IF EXISTS test ;
EOSQL
    if [ -n "$MYSQL_DATABASE" ]; then
        note "Creating database ${MYSQL_DATABASE}"
        process_sql --database=mysql <<<"CREATE DATABASE IF NOT EXISTS \`$MYSQL_DATABASE\` ;"
    fi
    if [ -n "$MYSQL_USER" ] && [ -n "$MYSQL_PASSWORD" ]; then
        note "Creating user ${MYSQL_USER}"
        process_sql --database=mysql <<<"CREATE USER '$MYSQL_USER'@'%' IDENTIFIED BY '$MYSQL_PASSWORD' ;"
        if [ -n "$MYSQL_DATABASE" ]; then
            note "Giving user ${MYSQL_USER} access to schema ${MYSQL_DATABASE}"
            # _ is a wildcard in a grant's database name: escaped, it names this database only.
            local pattern
            pattern=$(sed 's/_/\\_/g' <<<"$MYSQL_DATABASE")
            process_sql --database=mysql <<<"GRANT ALL ON \`${pattern}\`.* TO '$MYSQL_USER'@'%' ;"
        fi
    fi
}

process_files() { # DATABASE-ARG FILES...: *.sh run (or sourced), SQL (plain or compressed) piped in
    local db_args=() f
    [ -n "$1" ] && db_args=("$1")
    shift
    # "${mysql[@]}" stays usable by sourced scripts, as in the official image.
    mysql=(process_sql)
    echo
    for f; do
        case "$f" in
            *.sh)
                if [ -x "$f" ]; then
                    note "$0: running $f"
                    "$f"
                else
                    note "$0: sourcing $f"
                    . "$f"
                fi
                ;;
            *.sql) note "$0: running $f"; process_sql "${db_args[@]}" <"$f"; echo ;;
            *.sql.bz2) note "$0: running $f"; bunzip2 -c "$f" | process_sql "${db_args[@]}"; echo ;;
            *.sql.gz) note "$0: running $f"; gunzip -c "$f" | process_sql "${db_args[@]}"; echo ;;
            *.sql.xz) note "$0: running $f"; xzcat "$f" | process_sql "${db_args[@]}"; echo ;;
            *.sql.zst) note "$0: running $f"; zstd -dc "$f" | process_sql "${db_args[@]}"; echo ;;
            *) warn "$0: ignoring $f" ;;
        esac
        echo
    done
}

expire_root_user() {
    if [ -n "${MYSQL_ONETIME_PASSWORD:-}" ]; then
        process_sql --database=mysql <<<"ALTER USER 'root'@'%' PASSWORD EXPIRE;"
    fi
}

main() {
    if [ "${1:0:1}" = - ]; then
        set -- mysqld "$@"
    fi

    if [ "$1" = mysqld ] && ! wants_help "$@"; then
        note "Entrypoint script for the mysql stand-in ($(mysqld --version | sed 's/^.*Ver //')) started."
        check_config "$@"
        setup_env "$@"
        create_directories "$@"
        if [ "$(id -u)" = 0 ]; then
            note "Switching to dedicated user 'mysql'"
            exec gosu mysql "${BASH_SOURCE[0]}" "$@"
        fi

        if [ -z "$DATABASE_ALREADY_EXISTS" ]; then
            verify_minimum_env
            ls /docker-entrypoint-initdb.d/ >/dev/null
            init_database_dir "$@"
            note "Starting temporary server"
            temp_server_start "$@"
            note "Temporary server started."
            setup_db
            process_files "" /docker-entrypoint-initdb.d/*
            expire_root_user
            note "Stopping temporary server"
            temp_server_stop
            note "Temporary server stopped"
            echo
            note "MySQL init process done. Ready for start up."
            echo
        elif [ -n "$MYSQL_DATABASE" ] && [ -n "$(find /docker-entrypoint-startdb.d/ -type f -print -quit)" ]; then
            note "Starting temporary server"
            temp_server_start "$@"
            note "Temporary server started."
            process_files --database="$MYSQL_DATABASE" /docker-entrypoint-startdb.d/*
            note "Stopping temporary server"
            temp_server_stop
            note "Temporary server stopped"
            echo
            note "MySQL pre-start process done. Ready for start up."
            echo
        fi
    fi

    exec "$@"
}

main "$@"
