# Starts a throwaway PostgreSQL server for the storage tests and exports
# DATABASE_URL. Meant to be sourced (`source .ci/postgres.sh`) by a bash
# script: it installs PostgreSQL from the distribution's packages when no
# `initdb` is found, runs the server as the `postgres` user on a free port of
# 127.0.0.1 with its data and socket in a temporary directory, and registers
# an EXIT trap that stops the server and removes the directory.

pg_ci_find_bin() {
    local dir
    if command -v initdb >/dev/null 2>&1; then
        # The real directory (with createdb beside initdb), not a symlink's.
        dirname "$(readlink -f "$(command -v initdb)")"
        return 0
    fi
    for dir in /usr/lib/postgresql/*/bin; do
        if [ -x "$dir/initdb" ]; then
            printf '%s\n' "$dir"
            return 0
        fi
    done
    return 1
}

pg_ci_free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
        || shuf -i 20000-60000 -n 1
}

pg_ci_start() {
    local bin port db
    if ! bin="$(pg_ci_find_bin)"; then
        echo "postgres.sh: initdb not found; installing postgresql" >&2
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
        bin="$(pg_ci_find_bin)" || {
            echo "postgres.sh: initdb still not found after installing postgresql" >&2
            return 1
        }
    fi
    if ! id postgres >/dev/null 2>&1; then
        useradd --system --user-group --no-create-home --shell /bin/bash postgres
    fi

    PG_CI_DIR="$(mktemp -d /tmp/pg-ci.XXXXXX)"
    chown postgres:postgres "$PG_CI_DIR"
    chmod 700 "$PG_CI_DIR"
    port="$(pg_ci_free_port)"
    db="complaint_workflow_test"

    pg_ci_as_postgres() {
        # `cd /`: the postgres user may not be allowed into the caller's directory.
        (cd / && runuser -u postgres -- "$@")
    }
    pg_ci_stop() {
        if [ -n "${PG_CI_DIR:-}" ] && [ -d "$PG_CI_DIR" ]; then
            pg_ci_as_postgres "$PG_CI_BIN/pg_ctl" stop -D "$PG_CI_DIR/data" -m fast >/dev/null 2>&1 || true
            rm -rf "$PG_CI_DIR"
        fi
    }
    PG_CI_BIN="$bin"
    trap pg_ci_stop EXIT

    pg_ci_as_postgres "$bin/initdb" -D "$PG_CI_DIR/data" -U postgres \
        --auth=trust --encoding=UTF8 --no-locale >"$PG_CI_DIR/initdb.log" 2>&1 || {
        cat "$PG_CI_DIR/initdb.log" >&2
        return 1
    }
    pg_ci_as_postgres "$bin/pg_ctl" start -D "$PG_CI_DIR/data" -w -t 60 \
        -l "$PG_CI_DIR/server.log" \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_CI_DIR -c fsync=off -c max_connections=50" \
        >/dev/null || {
        cat "$PG_CI_DIR/server.log" >&2
        return 1
    }
    pg_ci_as_postgres "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$db"

    export DATABASE_URL="postgres://postgres@127.0.0.1:$port/$db"
    echo "postgres.sh: PostgreSQL $("$bin/pg_ctl" --version | awk '{print $3}') at $DATABASE_URL (data in $PG_CI_DIR)"
}

pg_ci_start
