#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback for the test suite. No containers, no system service.
#
#   .ci/postgres.sh start DIR   Installs Debian's `postgresql` when initdb/pg_ctl are missing, creates a
#                               cluster in DIR (empty or absent), starts it on 127.0.0.1 and a free port
#                               (MELDPUNT_PG_PORT to fix one), creates the role and the empty database
#                               `meldpunt`, and prints the environment that points Meldpunt at it:
#                                   eval "$(.ci/postgres.sh start /tmp/pg)"
#   .ci/postgres.sh stop DIR    Stops that server and removes DIR. Safe to call twice or after a failed start.
#   .ci/postgres.sh restart DIR [SECONDS]
#                               Stops that server the hard way (immediate mode: no checkpoint, as in a
#                               crash), waits SECONDS (default 5) and starts it again on the same port.
#   .ci/postgres.sh psql DIR [psql arguments...]
#                               psql as the superuser on database meldpunt (for checks of what it holds).
#
# MELDPUNT_PG_DURABLE=1 keeps PostgreSQL's durability (fsync, synchronous commit) on: for the fault
# benchmark, where a committed signal must survive a crash of the server. Otherwise it is off, for speed.
#
# As root (CI), the cluster belongs to the `postgres` user: initdb refuses to run as root.
# Everything but the printed environment goes to stderr.
set -euo pipefail

log() { echo "postgres.sh: $*" >&2; }
die() { log "$*"; exit 1; }

# The newest PostgreSQL binaries: Debian keeps them in /usr/lib/postgresql/<version>/bin.
find_bin() {
    local dir
    if [[ -n "${MELDPUNT_PG_BIN:-}" ]]; then
        echo "$MELDPUNT_PG_BIN"
        return
    fi
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
        echo "$dir"
    elif command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
        dirname "$(command -v initdb)"
    fi
}

install_postgresql() {
    [[ $(id -u) -eq 0 ]] || die "PostgreSQL is not installed; run as root or install the Debian package 'postgresql'"
    log "installing Debian's postgresql package"
    # The package would create (and, where services may start, run) a cluster 'main' on port 5432;
    # this script wants none of that, only the binaries.
    local dropin=/etc/postgresql-common/createcluster.d/zz-meldpunt-ci-no-main-cluster.conf status=0
    mkdir -p "$(dirname "$dropin")"
    echo "create_main_cluster = false" >"$dropin"
    {
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql
    } >&2 || status=$?
    rm -f "$dropin"
    rmdir --ignore-fail-on-non-empty "$(dirname "$dropin")"
    ((status == 0)) || die "apt-get install postgresql failed"
}

# As root, run a command as the cluster's owner (from /, which it may enter).
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start() {
    local dir=$1 bin port password attempt
    bin=$(find_bin)
    if [[ -z "$bin" ]]; then
        install_postgresql
        bin=$(find_bin)
        [[ -n "$bin" ]] || die "no initdb/pg_ctl found after installing postgresql"
    fi
    local version
    version=$("$bin/pg_ctl" --version | sed -E 's/[^0-9]*([0-9]+).*/\1/')
    ((version >= 15)) || die "PostgreSQL $version in $bin; Meldpunt needs 15 or newer"

    [[ ! -e "$dir" || -z "$(ls -A "$dir")" ]] || die "$dir is not empty"
    mkdir -p "$dir/data"
    if [[ $(id -u) -eq 0 ]]; then
        getent passwd postgres >/dev/null || die "no 'postgres' user to own the cluster (it comes with the postgresql package)"
        chown -R postgres: "$dir"
    fi
    chmod 700 "$dir"
    as_owner test -w "$dir/data" || die "the postgres user cannot reach $dir; use a directory such as /tmp/meldpunt-pg.XXXXXX"

    log "creating a PostgreSQL $version cluster in $dir"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    # Loopback only; passwords over TCP; the superuser only through the socket in $dir.
    as_owner tee "$dir/data/pg_hba.conf" >/dev/null <<EOF
local all postgres              trust
host  all meldpunt 127.0.0.1/32 scram-sha-256
EOF

    # A test database: durability off, for speed, unless asked to keep it.
    local durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [[ "${MELDPUNT_PG_DURABLE:-0}" == 1 ]] && durability=""
    for attempt in 1 2 3 4 5; do
        # Below Linux's ephemeral range (32768-60999): while a restart keeps the port free for a few
        # seconds, any outgoing connection could take a port above it (one fault run found its
        # database unable to start again: "Address already in use").
        port=${MELDPUNT_PG_PORT:-$((20000 + RANDOM % 12768))}
        port_in_use "$port" && { [[ -z "${MELDPUNT_PG_PORT:-}" ]] || die "port $port is in use"; continue; }
        echo "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$dir' $durability -c max_connections=200" \
            | as_owner tee "$dir/options" >/dev/null
        if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start -o "$(cat "$dir/options")" >&2; then
            break
        fi
        port=""
        [[ -z "${MELDPUNT_PG_PORT:-}" ]] || break
    done
    [[ -n "${port:-}" ]] || { cat "$dir/server.log" >&2 || true; die "PostgreSQL did not start"; }
    echo "$port" | as_owner tee "$dir/port" >/dev/null

    password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
    as_owner "$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q >&2 <<EOF
CREATE ROLE meldpunt LOGIN PASSWORD '$password';
CREATE DATABASE meldpunt OWNER meldpunt ENCODING 'UTF8';
EOF
    log "PostgreSQL $version listens on 127.0.0.1:$port, database meldpunt (empty)"
    cat <<EOF
export QUARKUS_DATASOURCE_JDBC_URL='jdbc:postgresql://127.0.0.1:$port/meldpunt'
export QUARKUS_DATASOURCE_USERNAME='meldpunt'
export QUARKUS_DATASOURCE_PASSWORD='$password'
EOF
}

stop() {
    local dir=$1 bin
    [[ -d "$dir" ]] || return 0
    if [[ -f "$dir/data/postmaster.pid" ]]; then
        bin=$(find_bin)
        as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >&2 || log "pg_ctl stop failed"
    fi
    rm -rf "$dir"
    log "stopped and removed $dir"
}

restart() {
    local dir=$1 seconds=$2 bin
    bin=$(find_bin)
    [[ -f "$dir/options" ]] || die "no server started in $dir"
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 60 stop >&2 || die "pg_ctl stop failed"
    log "PostgreSQL in $dir stopped (immediate); starting again in $seconds s"
    sleep "$seconds"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start -o "$(cat "$dir/options")" >&2 \
        || { tail -20 "$dir/server.log" >&2; die "PostgreSQL did not start again"; }
    log "PostgreSQL in $dir runs again on port $(cat "$dir/port")"
}

run_psql() {
    local dir=$1 bin
    shift
    bin=$(find_bin)
    as_owner "$bin/psql" -h "$dir" -p "$(cat "$dir/port")" -U postgres -d meldpunt -v ON_ERROR_STOP=1 -qAt "$@"
}

case "${1:-}" in
    start) [[ $# -eq 2 ]] || die "usage: $0 start DIR"; start "$(realpath -m "$2")" ;;
    stop) [[ $# -eq 2 ]] || die "usage: $0 stop DIR"; stop "$(realpath -m "$2")" ;;
    restart) [[ $# -ge 2 ]] || die "usage: $0 restart DIR [SECONDS]"; restart "$(realpath -m "$2")" "${3:-5}" ;;
    psql) [[ $# -ge 2 ]] || die "usage: $0 psql DIR [psql arguments...]"; dir=$(realpath -m "$2"); shift 2; run_psql "$dir" "$@" ;;
    *) die "usage: $0 start|stop|restart|psql DIR" ;;
esac
