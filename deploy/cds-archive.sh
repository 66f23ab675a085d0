#!/usr/bin/env bash
# Writes a packaged Meldpunt's class-data archive, app-cds.jsa beside quarkus-run.jar, from a whole
# start and its first requests, in place of the one Quarkus writes while it packages.
#
#   deploy/cds-archive.sh target/quarkus-app
#       a package for H2 (the default): it runs on a throwaway H2 file in a temporary directory
#   QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/meldpunt_cds \
#   QUARKUS_DATASOURCE_USERNAME=… QUARKUS_DATASOURCE_PASSWORD=… deploy/cds-archive.sh target/quarkus-app
#       a package for PostgreSQL: give it an empty, throwaway database (or schema, ?currentSchema=…)
#
# Why: Quarkus's archive (-Dquarkus.package.jar.appcds.enabled=true) is written by a run that stops
# before the application starts, so what the start itself loads (Flyway, most of Hibernate's boot,
# the HTTP server) is read and verified from the jars at every start. This script starts the package
# as production does (from its directory, with deploy/jvm.options), lets it migrate its database and
# answer a page, a filing, a tracking request and a staff request, and stops it; the JVM writes every
# class it loaded to the archive as it exits (-XX:ArchiveClassesAtExit). docs/operations.md, step 2,
# and docs/benchmarks.md (session 25) say what it saves.
#
# The application writes to the database it is given: it migrates it, creates the first user and
# files one signal. Never point it at production's: a database in which the start finds a staff user
# already is refused before anything is filed in it, but the start has migrated it by then. Its
# e-mails go nowhere (SMTP on a closed loopback port, so the outbox only retries); it listens on
# loopback only, on ports the system picks. The archive is valid only for the JDK that wrote it and
# this package: write it again after every build, with the JDK that runs it. A JVM that cannot use it
# says so and starts without it.
set -euo pipefail

log() { echo "cds-archive.sh: $*" >&2; }
die() { log "$*"; exit 1; }

# --other-application: for the benchmark's baseline (bench/run.sh), a Quarkus application that is not
# Meldpunt: it has no first user to check for, and its answers are not Meldpunt's.
other=0
if [[ "${1:-}" == --other-application ]]; then
    other=1
    shift
fi
[[ $# -eq 1 ]] || die "usage: deploy/cds-archive.sh [--other-application] APP_DIR (the directory holding quarkus-run.jar)"
[[ -f "$1/quarkus-run.jar" ]] || die "$1/quarkus-run.jar: no packaged application there (./mvnw package builds target/quarkus-app)"
app=$(cd "$1" && pwd)
options=$(cd "$(dirname "$0")" && pwd)/jvm.options
command -v curl >/dev/null || die "curl is needed"

work=$(mktemp -d /tmp/meldpunt-cds.XXXXXX)
pid=""
cleanup() {
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

if [[ -z "${QUARKUS_DATASOURCE_JDBC_URL:-}" ]]; then
    # The default URL's options (application.properties), on a file of this run's own.
    export QUARKUS_DATASOURCE_JDBC_URL="jdbc:h2:file:$work/meldpunt;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
fi

# The first user's password, of this run alone: should the database be a real one after all, nobody knows it.
password=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
# The archive is written to the work directory first: a run that fails leaves the package's archive as it was.
log "starting $app with -XX:ArchiveClassesAtExit"
# The log exists before the start: the background shell opens its redirection only once it runs, which on
# a busy machine can be after the first read below (under `set -e` a failed read ended the script).
: >"$work/app.log"
(
    cd "$app"
    # Ports the system picks (0), read back from the start's log line; SMTP on port 1 of loopback, where
    # nothing listens.
    QUARKUS_HTTP_PORT=0 QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT=0 QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
        QUARKUS_LOG_LEVEL=INFO MELDPUNT_SMTP_HOST=127.0.0.1 MELDPUNT_SMTP_PORT=1 \
        MELDPUNT_ADMIN_PASSWORD="$password" \
        exec java -Xmx256m @"$options" -XX:ArchiveClassesAtExit="$work/app-cds.jsa" -jar quarkus-run.jar
) >"$work/app.log" 2>&1 &
pid=$!

# The start's line: "… Listening on: http://127.0.0.1:N. Management interface listening on http://127.0.0.1:M."
base=""
for _ in $(seq 1200); do
    base=$(sed -n 's/.*Listening on: \(http:[^ ]*[0-9]\).*/\1/p' "$work/app.log")
    [[ -n "$base" ]] && break
    if ! kill -0 "$pid" 2>/dev/null; then
        tail -40 "$work/app.log" >&2
        die "the application stopped during its start (its log above)"
    fi
    sleep 0.1
done
[[ -n "$base" ]] || { tail -40 "$work/app.log" >&2; die "the application did not start within 120 s"; }
# A database that had a user before this start is not a throwaway one: nothing is filed in it.
if ((!other)) && ! grep -q "created the first user" "$work/app.log"; then
    die "the database already holds Meldpunt's data (its first user was there before this start): give an empty, throwaway one; nothing was filed and the package's archive is unchanged"
fi
management=$(sed -n 's/.*Management interface listening on \(http:[^ ]*[0-9]\).*/\1/p' "$work/app.log")

# request EXPECTED CURL-ARGUMENTS...: one request; a status other than expected is reported, not fatal:
# the archive holds what was loaded either way.
request() {
    local expected=$1 status
    shift
    status=$(curl -s -o "$work/answer" -w '%{http_code}' "$@" || true)
    # Only the address: the other arguments may hold the tracking code or the password.
    [[ "$status" == "$expected" ]] || ((other)) || log "${*: -1} answered $status, not $expected"
}
request 200 "$base/melden"
request 201 -H 'Content-Type: application/json' -d '{"category":"MENTION","platform":"FACEBOOK","topic":"EMPLOYMENT",'\
'"url":"https://www.facebook.com/sglzorg/posts/cds-archive","description":"Een bericht om het archief mee te vullen."}' \
    "$base/api/signals"
reference=$(sed -n 's/.*"reference":"\([^"]*\)".*/\1/p' "$work/answer")
token=$(sed -n 's/.*"trackingToken":"\([^"]*\)".*/\1/p' "$work/answer")
if [[ -n "$reference" && -n "$token" ]]; then
    request 200 -H "X-Tracking-Token: $token" "$base/api/signals/$reference"
fi
request 200 -u "communicatie:$password" "$base/api/tickets?status=NEW"
if [[ -n "$management" ]]; then
    request 200 "$management/q/health/ready"
fi

log "stopping it; the JVM writes the archive as it exits"
kill -TERM "$pid"
for _ in $(seq 600); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
done
if kill -0 "$pid" 2>/dev/null; then
    die "the application did not stop within 60 s of SIGTERM; the package's archive is unchanged"
fi
wait "$pid" || true
pid=""
[[ -s "$work/app-cds.jsa" ]] || { tail -20 "$work/app.log" >&2; die "the JVM wrote no archive (its log above)"; }
mv -f "$work/app-cds.jsa" "$app/app-cds.jsa"
log "wrote $app/app-cds.jsa ($(($(stat -c %s "$app/app-cds.jsa") / 1048576)) MB); start the application from $app with -XX:SharedArchiveFile=app-cds.jsa"
