#!/usr/bin/env bash
# A throwaway Keycloak on loopback: the OpenID provider the sign-in tests (ProviderSignInIT) run against.
#
#   .ci/keycloak.sh start DIR   Fetches Keycloak's distribution (org.keycloak:keycloak-quarkus-dist, from Maven
#                               Central through Maven: cached in ~/.m2) and unpacks it under target/keycloak/
#                               (kept between runs), starts it in dev mode on a Temurin JDK (21 or newer; the
#                               newest /usr/lib/jvm/temurin-*, or MELDPUNT_KEYCLOAK_JAVA_HOME) on 127.0.0.1 and a
#                               free port, with an in-memory database and the realm
#                               src/test/resources/keycloak/meldpunt-realm.json imported, waits until the realm
#                               answers, and prints the environment that points the tests at it:
#                                   eval "$(.ci/keycloak.sh start /tmp/kc)"
#   .ci/keycloak.sh fetch       Only fetches and unpacks the distribution.
#   .ci/keycloak.sh stop DIR    Stops that server and removes DIR. Safe to call twice or after a failed start.
#
# Everything but the printed environment goes to stderr; the server's log is DIR/keycloak.log.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=${MELDPUNT_KEYCLOAK_VERSION:-26.7.3}
REALM=src/test/resources/keycloak/meldpunt-realm.json
CACHE=target/keycloak

log() { echo "keycloak.sh: $*" >&2; }
die() { log "$*"; exit 1; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Below Linux's ephemeral range (32768-60999), which outgoing connections draw from.
free_port() {
    local port
    for _ in $(seq 1 50); do
        port=$((20000 + RANDOM % 12768))
        port_in_use "$port" || { echo "$port"; return; }
    done
    die "no free port found"
}

java_home() {
    local dir
    if [[ -n "${MELDPUNT_KEYCLOAK_JAVA_HOME:-}" ]]; then
        echo "$MELDPUNT_KEYCLOAK_JAVA_HOME"
        return
    fi
    for dir in $(ls -d /usr/lib/jvm/temurin-*-jdk* 2>/dev/null | sort -V -r); do
        if [[ -x "$dir/bin/java" ]] && (($(basename "$dir" | sed -E 's/temurin-([0-9]+).*/\1/') >= 21)); then
            echo "$dir"
            return
        fi
    done
}

# The unpacked distribution, fetched and unpacked once.
distribution() {
    local home="$CACHE/keycloak-$VERSION"
    if [[ ! -x "$home/bin/kc.sh" ]]; then
        log "fetching org.keycloak:keycloak-quarkus-dist:$VERSION through Maven"
        mkdir -p "$CACHE"
        ./mvnw -B -q dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$VERSION:tar.gz" \
            -DoutputDirectory="$CACHE" >&2 || die "could not fetch Keycloak $VERSION"
        rm -rf "$home"
        tar -xzf "$CACHE/keycloak-quarkus-dist-$VERSION.tar.gz" -C "$CACHE" || die "could not unpack Keycloak"
        rm -f "$CACHE/keycloak-quarkus-dist-$VERSION.tar.gz"
    fi
    realpath "$home"
}

start() {
    local dir=$1 home java port management pid
    java=$(java_home)
    [[ -n "$java" ]] || die "no Temurin JDK 21 or newer under /usr/lib/jvm; set MELDPUNT_KEYCLOAK_JAVA_HOME"
    home=$(distribution)
    [[ ! -e "$dir" || -z "$(ls -A "$dir")" ]] || die "$dir is not empty"
    mkdir -p "$dir"
    # The realm to import; the database is in memory, so every start begins with exactly this realm.
    rm -rf "$home/data/import"
    mkdir -p "$home/data/import"
    cp "$REALM" "$home/data/import/"
    port=$(free_port)
    management=$(free_port)
    while [[ "$management" == "$port" ]]; do management=$(free_port); done
    log "starting Keycloak $VERSION on 127.0.0.1:$port with $java"
    (
        cd "$dir"
        JAVA_HOME="$java" JAVA_OPTS_KC_HEAP="-Xms64m -Xmx768m" \
            KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin-wachtwoord-123 \
            setsid nohup "$home/bin/kc.sh" start-dev --db=dev-mem --import-realm --cache=local \
            --http-host=127.0.0.1 --http-port="$port" --http-management-port="$management" \
            --hostname-strict=false >"$dir/keycloak.log" 2>&1 </dev/null &
        echo $! >"$dir/keycloak.pid"
    )
    pid=$(cat "$dir/keycloak.pid")
    for _ in $(seq 1 300); do
        if curl -sf -o /dev/null "http://127.0.0.1:$port/realms/meldpunt/.well-known/openid-configuration"; then
            log "Keycloak $VERSION listens on 127.0.0.1:$port, realm meldpunt"
            echo "export MELDPUNT_IT_KEYCLOAK_URL='http://127.0.0.1:$port'"
            return
        fi
        kill -0 "$pid" 2>/dev/null || { tail -n 40 "$dir/keycloak.log" >&2; die "Keycloak stopped during start-up"; }
        sleep 1
    done
    tail -n 40 "$dir/keycloak.log" >&2
    die "Keycloak did not answer within 300 s"
}

stop() {
    local dir=$1 pid
    [[ -d "$dir" ]] || return 0
    if [[ -f "$dir/keycloak.pid" ]]; then
        pid=$(cat "$dir/keycloak.pid")
        # setsid made it a process group of its own: kc.sh and the JVM it started.
        kill -TERM -- "-$pid" 2>/dev/null || true
        for _ in $(seq 1 30); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 1
        done
        kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    rm -rf "$dir"
    log "stopped and removed $dir"
}

case "${1:-}" in
    fetch) distribution >/dev/null ;;
    start) [[ $# -eq 2 ]] || die "usage: $0 start DIR"; start "$(realpath -m "$2")" ;;
    stop) [[ $# -eq 2 ]] || die "usage: $0 stop DIR"; stop "$(realpath -m "$2")" ;;
    *) die "usage: $0 fetch | start DIR | stop DIR" ;;
esac
