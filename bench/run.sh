#!/usr/bin/env bash
# Meldpunt's benchmark, one command: builds the packaged app and the baseline (bench/baseline), runs
# each on a fresh database, loads them from this process on loopback, stops all it started, and
# prints one table. See docs/benchmarks.md for what each figure means and what limits it.
#
#   bench/run.sh [--quick] [--postgres] [--no-build] [--profile] [--update-docs]
#   bench/run.sh --postgres --faults [--no-build] [--update-docs]
#
#   --quick        short runs, 10 k and 100 k tickets only (about 3 minutes); for development
#   --postgres     on a throwaway PostgreSQL cluster (.ci/postgres.sh) instead of an H2 file
#   --no-build     use the jars already built (target/quarkus-app, bench/baseline/target/...)
#   --profile      also record the intake path with JFR and print its top frames
#   --update-docs  write the table into docs/benchmarks.md, between its bench:table markers
#   --faults       instead of the figures: the fault run (bench/faults.sh), two instances filing at
#                  100/s while one is killed with kill -9 and PostgreSQL is restarted; counts what was lost
#
# Environment: BENCH_SECONDS (measured seconds per figure), BENCH_KEEP=1 keeps the work directory,
# BENCH_JAVA_OPTS more options for Meldpunt's JVM (e.g. -Xlog:gc:file=/tmp/gc-%p.log),
# BENCH_ONLY=web only the reporter's figures at the largest size (duplicate filing, the form post
# beside the API's filing, and ten 10 MB uploads at once with the RSS they take), for working on them; no baseline.
set -euo pipefail
shopt -s inherit_errexit

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
QUICK=0 PG=0 BUILD=1 PROFILE=0 UPDATE_DOCS=0 FAULTS=0
for arg in "$@"; do
    case "$arg" in
        --quick) QUICK=1 ;;
        --postgres) PG=1 ;;
        --no-build) BUILD=0 ;;
        --profile) PROFILE=1 ;;
        --update-docs) UPDATE_DOCS=1 ;;
        --faults) FAULTS=1 ;;
        -h | --help) awk 'NR > 1 && !/^#/ {exit} NR > 1' "$0"; exit 0 ;; # the comment above
        *) echo "unknown option $arg" >&2; exit 2 ;;
    esac
done

if ((QUICK)); then
    SIZES=(10000 100000); SECONDS_PER=${BENCH_SECONDS:-5}; WARMUP=3; OUTBOX=2000; OUTBOX_WAIT=30
else
    SIZES=(10000 100000 1000000); SECONDS_PER=${BENCH_SECONDS:-15}; WARMUP=5; OUTBOX=10000; OUTBOX_WAIT=90
fi
ONLY=${BENCH_ONLY:-}
case "$ONLY" in
    '') ;;
    web) SIZES=("${SIZES[-1]}") ;; # seeded straight to the largest size
    *) echo "BENCH_ONLY=$ONLY: only 'web' is known" >&2; exit 2 ;;
esac
all() { [[ -z "$ONLY" ]]; }
((UPDATE_DOCS)) && ! all && { echo "--update-docs writes the whole table: not with BENCH_ONLY" >&2; exit 2; }
# Open-loop rates: intake at the target's 200/s; look-ups at rates a 2-core host sustains with
# room to spare, so the latency is the request's own and not a queue's. The statistics at 10/s: at
# 1/s a 15 s run had 15 requests, whose p99 was their slowest one. Every staff request
# carries HTTP Basic (a bcrypt check the first time, then a keyed hash: StaffIdentityProvider).
POST_RATE=200 TRACK_RATE=100 LIST_RATE=50 STATS_RATE=10 DUP_RATE=200 PAGE_RATE=50 CONNECTIONS=16
# The reporter's form at the API's filing rate; evidence uploads ten at once (the issue's figure).
FORM_RATE=200 UPLOADS_AT_ONCE=10
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
ADMIN_PASSWORD=bench-communicatie-$RANDOM$RANDOM
HEAP=-Xmx256m
DB_KIND=h2
((PG)) && DB_KIND=postgresql

WORK=$(mktemp -d /tmp/meldpunt-bench.XXXXXX)
LOG=$WORK/log
mkdir -p "$LOG"
PIDS=()
PG_DIRS=()
log() { printf '%s bench: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

cleanup() {
    local pid dir
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    done
    # An application started in the background (the fault run's restart) is found by its marker.
    pkill -f -- "-Dbench.work=$WORK" 2>/dev/null || true
    for dir in "${PG_DIRS[@]}"; do
        "$ROOT/.ci/postgres.sh" stop "$dir" 2>/dev/null || true
    done
    if [[ "${BENCH_KEEP:-0}" == 1 ]]; then
        log "work directory kept: $WORK"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

forget_pid() {
    local keep=() p
    for p in "${PIDS[@]}"; do [[ "$p" == "$1" ]] || keep+=("$p"); done
    PIDS=("${keep[@]}")
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# Below Linux's ephemeral range (32768-60999): a port above it can be taken by any outgoing connection
# (the load generator's, the mailer's) between this check and the application's bind.
free_port() {
    local port
    while :; do
        port=$((20000 + RANDOM % 12768))
        port_in_use "$port" || { echo "$port"; return; }
    done
}
now_ms() { date +%s%3N; }
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
ratio() { awk -v a="${1%% *}" -v b="${2%% *}" 'BEGIN {if (b + 0 == 0) print "-"; else printf "%.2f", a / b}'; }
verdict() { [[ "$1" == *failed* ]] && { echo MISS; return; }; awk "BEGIN {print ($(sed -E 's/ \([0-9]+\/[0-9]+ failed\)//g' <<<"$1")) ? \"PASS\" : \"MISS\"}"; }
kilo() { awk -v n="$1" 'BEGIN {if (n >= 1000000) printf "%g M", n / 1000000; else printf "%g k", n / 1000}'; }

# --- tools -------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
    log "installing wrk and hey"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk hey; } >"$LOG/apt.log" 2>&1 \
        || die "apt-get install wrk hey (see $LOG/apt.log)"
fi
command -v curl >/dev/null || die "curl is needed"

# --- build -------------------------------------------------------------------------------------
APP_DIR=$ROOT/target/quarkus-app
BASE_DIR=$ROOT/bench/baseline/target/quarkus-app
if ((PG)); then
    APP_DIR=$ROOT/target/bench-postgresql/quarkus-app
    BASE_DIR=$ROOT/bench/baseline/target/bench-postgresql/quarkus-app
fi
# Both with an AppCDS archive (app-cds.jsa beside quarkus-run.jar), as docs/operations.md builds for
# production; once the databases are set up, deploy/cds-archive.sh writes it anew ("the archives").
build() { # pom output-dir
    local pom=$1 out=$2
    if ((PG)); then
        QUARKUS_DATASOURCE_DB_KIND=postgresql "$ROOT/mvnw" -B -q -f "$pom" -DskipTests package \
            -Dquarkus.package.jar.appcds.enabled=true -Dquarkus.package.output-directory="$out" >>"$LOG/build.log" 2>&1
    else
        "$ROOT/mvnw" -B -q -f "$pom" -DskipTests package -Dquarkus.package.jar.appcds.enabled=true \
            >>"$LOG/build.log" 2>&1
    fi
}
if ((BUILD)); then
    log "building Meldpunt and the baseline ($DB_KIND)"
    build "$ROOT/pom.xml" bench-postgresql/quarkus-app || { tail -40 "$LOG/build.log" >&2; die "build of Meldpunt"; }
    if ((!FAULTS)) && all; then
        build "$ROOT/bench/baseline/pom.xml" bench-postgresql/quarkus-app \
            || { tail -40 "$LOG/build.log" >&2; die "build of the baseline"; }
    fi
fi
[[ -f "$APP_DIR/quarkus-run.jar" ]] || die "no packaged app in $APP_DIR"
((FAULTS)) || ! all || [[ -f "$BASE_DIR/quarkus-run.jar" ]] || die "no packaged baseline in $BASE_DIR"
JDBC_JARS=$(ls "$APP_DIR"/lib/main/com.h2database.h2-*.jar "$APP_DIR"/lib/main/org.postgresql.postgresql-*.jar | tr '\n' ':')
mkdir -p "$WORK/classes"
javac -d "$WORK/classes" "$ROOT"/bench/Seed.java "$ROOT"/bench/Load.java "$ROOT"/bench/SmtpSink.java "$ROOT"/bench/Faults.java
CP=$WORK/classes:$JDBC_JARS

# --- the SMTP sink -----------------------------------------------------------------------------
start_sink() { # name -> SINK_PORT, SINK_STATUS
    local name=$1
    rm -f "$WORK/$name.port"
    java -Xmx64m -cp "$WORK/classes" SmtpSink "$WORK/$name.port" "$WORK/$name.status" >"$LOG/$name.log" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 100); do [[ -s "$WORK/$name.port" ]] && break; sleep 0.1; done
    SINK_PORT=$(cat "$WORK/$name.port")
    SINK_STATUS=$WORK/$name.status
}
start_sink smtp
MAIN_SINK_PORT=$SINK_PORT

# --- databases ---------------------------------------------------------------------------------
# On H2, the options of Meldpunt's default URL (its mode, and the page cache's size) for Meldpunt, the
# baseline and the seeder alike, so that H2 runs as deployed and both applications run the same settings.
if ((!PG)); then
    H2_OPTIONS=$(sed -n 's/^quarkus\.datasource\.jdbc\.url=jdbc:h2:file:[^;]*\(;[^[:space:]]*\)[[:space:]]*$/\1/p' \
        "$ROOT/src/main/resources/application.properties")
    [[ "$H2_OPTIONS" == ";MODE=PostgreSQL;"* && "$H2_OPTIONS" != *$'\n'* ]] \
        || { echo "application.properties: not one default URL jdbc:h2:file:…;MODE=PostgreSQL;…" >&2; exit 1; }
fi
fresh_db() { # name -> DB_URL DB_USER DB_PASSWORD
    local name=$1
    if ((PG)); then
        local dir
        dir=$(mktemp -d /tmp/meldpunt-bench-pg.XXXXXX)
        PG_DIRS+=("$dir")
        eval "$("$ROOT/.ci/postgres.sh" start "$dir" 2>>"$LOG/postgres.log")"
        DB_URL=$QUARKUS_DATASOURCE_JDBC_URL DB_USER=$QUARKUS_DATASOURCE_USERNAME DB_PASSWORD=$QUARKUS_DATASOURCE_PASSWORD
    else
        DB_URL="jdbc:h2:file:$WORK/h2-$name/db$H2_OPTIONS"
        DB_USER=meldpunt DB_PASSWORD=
    fi
}

# --- the archives ------------------------------------------------------------------------------
# Each freshly built application gets the archive production gets (docs/operations.md, step 2):
# deploy/cds-archive.sh starts it on a throwaway database of its own, sends it its first requests and
# writes every class it loaded, in place of Quarkus's archive, which holds only what loads before the
# start. Both applications alike, so that their startups compare as before.
train() { # name dir [--other-application]
    fresh_db "cds-$1"
    QUARKUS_DATASOURCE_JDBC_URL=$DB_URL QUARKUS_DATASOURCE_USERNAME=$DB_USER QUARKUS_DATASOURCE_PASSWORD=$DB_PASSWORD \
        "$ROOT/deploy/cds-archive.sh" ${3:-} "$2" >>"$LOG/cds.log" 2>&1 || { tail -30 "$LOG/cds.log" >&2; die "the archive of $1"; }
    if ((PG)); then
        "$ROOT/.ci/postgres.sh" stop "${PG_DIRS[-1]}" 2>>"$LOG/postgres.log" || true
    fi
}
if ((BUILD)); then
    log "writing the archives from a whole start (deploy/cds-archive.sh)"
    train meldpunt "$APP_DIR"
    if ((!FAULTS)) && all; then
        train baseline "$BASE_DIR" --other-application
    fi
fi

# --- the applications --------------------------------------------------------------------------
# start_app name dir [extra JVM options...] -> APP_PID, PORT, STARTUP_MS
# A free port can be taken by someone else before the app binds it: then it starts again on another.
start_app() {
    local name=$1 dir=$2 attempt
    shift 2
    for attempt in 1 2 3 4 5; do
        launch_app "$name" "$dir" "$@" && return 0
        grep -q "seems to be in use\|Address already in use" "$LOG/$name.attempt.log" \
            || { tail -30 "$LOG/$name.attempt.log" >&2; die "$name exited at start"; }
        log "port $PORT was taken; starting $name again on another"
    done
    die "$name found no free port"
}
# The production JVM options (deploy/jvm.options) for both applications, and the AppCDS archive when built.
# The archive holds the class path as it was written (quarkus-run.jar, relative): the JVM uses it only
# when started from the application's directory, so launch_app starts java there.
cds_option() { [[ -f "$1/app-cds.jsa" ]] && echo "-XX:SharedArchiveFile=$1/app-cds.jsa" || true; }
launch_app() {
    local name=$1 dir=$2
    shift 2
    PORT=${FIXED_PORT:-$(free_port)}
    local t0
    t0=$(now_ms)
    : >"$LOG/$name.attempt.log"
    # The management port (health, metrics) too: a fixed 9000 could be taken by another instance.
    MANAGEMENT_PORT=$(free_port)
    QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$MANAGEMENT_PORT \
        QUARKUS_DATASOURCE_JDBC_URL=$DB_URL QUARKUS_DATASOURCE_USERNAME=$DB_USER QUARKUS_DATASOURCE_PASSWORD=$DB_PASSWORD \
        MELDPUNT_ADMIN_PASSWORD=$ADMIN_PASSWORD MELDPUNT_LIMITS_EXEMPT_ADDRESSES=127.0.0.1 \
        MELDPUNT_SMTP_HOST=127.0.0.1 MELDPUNT_SMTP_PORT=${APP_SMTP_PORT:-$MAIN_SINK_PORT} \
        MELDPUNT_MAIL_POLL_INTERVAL=${APP_POLL:-5s} MELDPUNT_STATS_REFRESH_DELAY=1s QUARKUS_LOG_CONSOLE_LEVEL=WARN \
        bash -c 'cd "$0" && exec "$@"' "$dir" \
        java $HEAP @"$ROOT/deploy/jvm.options" $(cds_option "$dir") -Dbench.work="$WORK" \
        $([[ "$name" == meldpunt* ]] && echo "${BENCH_JAVA_OPTS:-}") "$@" -jar quarkus-run.jar > >(tee -a "$LOG/$name.log" >"$LOG/$name.attempt.log") 2>&1 &
    APP_PID=$!
    PIDS+=("$APP_PID")
    local code
    for _ in $(seq 3000); do
        code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/" 2>/dev/null || true)
        [[ "$code" != 000 ]] && break
        if ! kill -0 "$APP_PID" 2>/dev/null; then
            wait "$APP_PID" 2>/dev/null || true
            forget_pid "$APP_PID"
            sleep 0.2
            return 1
        fi
        sleep 0.02
    done
    [[ "$code" != 000 ]] || die "$name did not answer within 60 s"
    STARTUP_MS=$(($(now_ms) - t0))
    if command -v ss >/dev/null && ! ss -Hltnp "sport = :$PORT" | grep -q "pid=$APP_PID,"; then
        # Someone else's server answered on that port: ours will fail to bind; try again.
        kill "$APP_PID" 2>/dev/null; wait "$APP_PID" 2>/dev/null || true
        forget_pid "$APP_PID"
        echo "seems to be in use" >>"$LOG/$name.attempt.log"
        return 1
    fi
    log "$name up on port $PORT in $STARTUP_MS ms"
    if grep -q "Unable to use shared archive" "$LOG/$name.attempt.log"; then
        log "WARNING: $name runs without its AppCDS archive ($(grep -m1 'Unable to use shared archive' "$LOG/$name.attempt.log"))"
    fi
}
stop_app() {
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
    forget_pid "$APP_PID"
}

# The highest RSS of a process while a command runs.
with_rss_peak() { # pid outfile command...
    local pid=$1 out=$2 sampler
    shift 2
    rss_mb "$pid" >"$out"
    (set +e; peak=$(cat "$out"); while kill -0 "$pid" 2>/dev/null; do
        r=$(rss_mb "$pid" 2>/dev/null); r=${r:-0}
        if ((r > peak)); then peak=$r; echo "$peak" >"$out"; fi
        sleep 0.25
    done) &
    sampler=$!
    "$@"
    kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
}

# wrk, closed loop: requests/s of 2xx answers.
closed_post() { # port seconds -> stdout rps
    local out
    out=$(wrk -t2 -c"$CONNECTIONS" -d"$2"s --timeout 10s -s "$ROOT/bench/post.lua" "http://127.0.0.1:$1")
    echo "$out" >>"$LOG/wrk.log"
    local rps errors total
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    errors=$(awk '/Non-2xx/ {print $5}' <<<"$out")
    total=$(awk '/requests in/ {print $1}' <<<"$out")
    if [[ -n "$errors" ]]; then
        log "wrk: $errors of $total answers were not 2xx; counting only the 2xx"
        rps=$(awk -v r="$rps" -v e="$errors" -v t="$total" 'BEGIN {printf "%.1f", r * (t - e) / t}')
    fi
    echo "$rps"
}

# Waits (at most 120 s) until the running app's outbox has nothing pending (its meldpunt_mail_pending
# gauge, refreshed after every poll), so a figure does not measure the previous phase's backlog.
await_outbox() {
    local pending
    for _ in $(seq 600); do
        pending=$(curl -s "http://127.0.0.1:$MANAGEMENT_PORT/q/metrics" | awk '/^meldpunt_mail_pending / {print int($2)}')
        [[ "$pending" == 0 ]] && return 0
        sleep 0.2
    done
    log "WARNING: the outbox still had ${pending:-?} e-mails pending after 120 s"
}

# Open loop at a fixed rate: "sent=.. ok=.. errors=.. rate=.. p50=.. p90=.. p99=.. max=..". For the
# mode upload the rate is the uploads at once, of a 10 MB PNG of noise made once in the work directory
# ("sent=.. ok=.. refused=.. errors=.. rounds=.. p50=.. p99=.. statuses=..").
open_loop() { # port mode rate [auth]
    local out
    out=$(java -Xmx128m -Dimage="$WORK/upload.png" -cp "$WORK/classes" Load "http://127.0.0.1:$1" "$2" "$3" \
        "$SECONDS_PER" "$WARMUP" "$WORK/ranges" "${4:-}" 2>>"$LOG/load.log")
    local at="@$3/s"
    [[ "$2" == upload ]] && at="x$3 at once"
    echo "$2 $at: $out" >>"$LOG/load.log"
    log "$2 $at: $out"
    local errors
    errors=$(field errors "$out")
    ((errors == 0)) || log "WARNING: $errors failed requests in $2 (see $LOG/load.log)"
    echo "$out"
}
field() { sed -E "s/.*(^| )$1=([^ ]*).*/\2/" <<<"$2"; }
# A latency, marked when requests failed or timed out: "12.3 (4/500 failed)". Such a figure never passes.
failed() { local e; e=$(field errors "$2"); ((e == 0)) && echo "$1" || echo "$1 ($e/$(field sent "$2") failed)"; }
num() { echo "${1%% *}"; }

declare -A R # results

if ((FAULTS)); then
    source "$ROOT/bench/faults.sh"
    exit 0
fi

# --- baseline ----------------------------------------------------------------------------------
if all; then
fresh_db baseline
start_app baseline "$BASE_DIR"
R[base_startup]=$STARTUP_MS
sleep 2
R[base_rss_idle]=$(rss_mb "$APP_PID")
log "baseline: warming up"
closed_post "$PORT" "$WARMUP" >/dev/null
with_rss_peak "$APP_PID" "$WORK/base_rss" closed_post "$PORT" "$SECONDS_PER" >"$WORK/base_rps"
R[base_rps]=$(cat "$WORK/base_rps")
R[base_rss_load]=$(cat "$WORK/base_rss")
out=$(open_loop "$PORT" post "$POST_RATE")
R[base_p50]=$(field p50 "$out") R[base_p99]=$(failed "$(field p99 "$out")" "$out")
log "baseline: ${R[base_rps]} req/s closed loop"
stop_app
fi

# --- Meldpunt ----------------------------------------------------------------------------------
fresh_db app
APP_DB_URL=$DB_URL APP_DB_USER=$DB_USER APP_DB_PASSWORD=$DB_PASSWORD
start_app meldpunt "$APP_DIR"
R[app_startup]=$STARTUP_MS
sleep 2
R[app_rss_idle]=$(rss_mb "$APP_PID")
BASE="http://127.0.0.1:$PORT"

# Templates for the seeder: real filings of every kind, some with a reporter who wants updates.
log "filing template signals"
k=0
for category in MENTION DERAILED_DISCUSSION CONFIDENTIAL_INFORMATION UNWANTED_CONTACT BRAND_ASSET_REQUEST LOCATION_PAGE_REQUEST; do
    for platform in FACEBOOK TWITTER LINKEDIN INSTAGRAM; do
        for topic in GENERAL EMPLOYMENT CARE; do
            reporter=''
            ((k % 3 == 0)) && reporter=',"reporter":{"name":"Bench Melder","email":"melder'$k'@example.org","relation":"EMPLOYEE"},"wantsUpdates":true'
            body='{"category":"'$category'","platform":"'$platform'","topic":"'$topic'","url":"https://www.facebook.com/sglzorg/posts/bench-template-'$k'","description":"Benchmark-sjabloon '$k'.","activityCentre":"AC Bench"'$reporter'}'
            code=$(curl -s -o "$LOG/template.json" -w '%{http_code}' -H 'Content-Type: application/json' -d "$body" "$BASE/api/signals")
            if [[ "$code" != 201 ]]; then
                echo "template $k ($category $platform $topic): $code $(cat "$LOG/template.json")" >>"$LOG/templates.log"
            fi
            k=$((k + 1))
        done
    done
done
templates=$(grep -c . "$LOG/templates.log" 2>/dev/null || true)
log "templates filed: $((k - ${templates:-0})) of $k (refusals in $LOG/templates.log)"
sleep 6 # let the outbox send the templates' e-mails, so their events are copied too
stop_app

seed() { # command args...
    java -Xmx1g -cp "$CP" Seed "$APP_DB_URL" "$APP_DB_USER" "$APP_DB_PASSWORD" "$@" 2>>"$LOG/seed.log" \
        || { tail -20 "$LOG/seed.log" >&2; die "seeding"; }
}

# How long after a filing the statistics read only settled figures: the figures per day count a
# ticket changed within FiguresPerDay.MARGIN (2 minutes) of their last count from the tickets, at every
# request, until a refresh (every meldpunt.stats.refresh-interval, 1 minute) counts its day again;
# 30 s more for that refresh to count it.
FIGURES_SETTLE_MS=$(((120 + 60 + 30) * 1000))
FILED_AT= # when a phase last filed or changed tickets

# Look-ups at a size: tracking, staff list, statistics, and the staff desk's queue and ticket pages.
# The statistics' ratio compares like with like: the first size's figure is measured before any filing
# (here); a later size's at the end of its phase, once every filing and change before it has settled
# into the figures per day (settled_stats). Measured within FIGURES_SETTLE_MS of a filing, at the start
# of a later size, they are reported as well, beside the settled figure (info).
measure_size() { # size
    local n=$1 out
    if [[ "$n" == "$FIRST" ]]; then
        out=$(open_loop "$PORT" stats "$STATS_RATE" "communicatie:$ADMIN_PASSWORD")
        R[stats_p50_$n]=$(field p50 "$out") R[stats_p99_$n]=$(failed "$(field p99 "$out")" "$out")
    elif [[ -n "$FILED_AT" ]] && (($(now_ms) - FILED_AT < FIGURES_SETTLE_MS)); then
        R[stats_fresh_age_$n]=$((($(now_ms) - FILED_AT) / 1000))
        out=$(open_loop "$PORT" stats "$STATS_RATE" "communicatie:$ADMIN_PASSWORD")
        R[stats_fresh_p50_$n]=$(field p50 "$out") R[stats_fresh_p99_$n]=$(failed "$(field p99 "$out")" "$out")
    fi
    out=$(open_loop "$PORT" track "$TRACK_RATE")
    R[track_p50_$n]=$(field p50 "$out") R[track_p99_$n]=$(failed "$(field p99 "$out")" "$out")
    out=$(open_loop "$PORT" list "$LIST_RATE" "communicatie:$ADMIN_PASSWORD")
    R[list_p50_$n]=$(field p50 "$out") R[list_p99_$n]=$(failed "$(field p99 "$out")" "$out")
    out=$(open_loop "$PORT" queue "$PAGE_RATE" "communicatie:$ADMIN_PASSWORD")
    R[queue_p50_$n]=$(field p50 "$out") R[queue_p99_$n]=$(failed "$(field p99 "$out")" "$out")
    out=$(open_loop "$PORT" page "$PAGE_RATE" "communicatie:$ADMIN_PASSWORD")
    R[page_p50_$n]=$(field p50 "$out") R[page_p99_$n]=$(failed "$(field p99 "$out")" "$out")
}

# The statistics at a later size, last in its phase: once FIGURES_SETTLE_MS have passed since the last
# filing or change, so that nothing measured after it waits idle (an idle wait before the duplicate
# filing, the form and the uploads made all three slower in the session-31 run that tried it).
settled_stats() { # size
    local n=$1 out wait_ms
    if [[ -n "$FILED_AT" ]]; then
        wait_ms=$((FILED_AT + FIGURES_SETTLE_MS - $(now_ms)))
        if ((wait_ms > 0)); then
            log "waiting $((wait_ms / 1000)) s for the filings to settle into the figures per day"
            sleep "$((wait_ms / 1000)).$(printf '%03d' $((wait_ms % 1000)))"
        fi
    fi
    out=$(open_loop "$PORT" stats "$STATS_RATE" "communicatie:$ADMIN_PASSWORD")
    R[stats_p50_$n]=$(field p50 "$out") R[stats_p99_$n]=$(failed "$(field p99 "$out")" "$out")
}

FIRST=${SIZES[0]} LAST=${SIZES[-1]}
for n in "${SIZES[@]}"; do
    log "seeding up to $n tickets"
    t0=$(now_ms)
    seed settle-outbox
    seed tickets "$n" "$WORK/ranges"
    R[seed_ms_$n]=$(($(now_ms) - t0))
    start_app meldpunt "$APP_DIR"
    R[app_startup_$n]=$STARTUP_MS
    t0=$(now_ms)
    if ((PG)); then
        seed await-figures # the statistics read the figures per day, which the seeded tickets bypassed
        R[figures_ms_$n]=$(($(now_ms) - t0))
        log "figures per day counted in ${R[figures_ms_$n]} ms"
    else
        # An H2 file is open in one process only: the statistics count from the tickets until the app has counted its days.
        log "H2: not waiting for the figures per day (the seeder cannot open the app's database file)"
    fi
    if all; then
        log "warming up at $n tickets"
        (SECONDS_PER=$WARMUP WARMUP=0; open_loop "$PORT" track "$TRACK_RATE" >/dev/null
            open_loop "$PORT" list "$LIST_RATE" "communicatie:$ADMIN_PASSWORD" >/dev/null
            open_loop "$PORT" queue "$PAGE_RATE" "communicatie:$ADMIN_PASSWORD" >/dev/null
            open_loop "$PORT" page "$PAGE_RATE" "communicatie:$ADMIN_PASSWORD" >/dev/null)
        measure_size "$n"
    fi
    if all && [[ "$n" == "$FIRST" ]]; then
        log "Meldpunt: intake"
        closed_post "$PORT" "$WARMUP" >/dev/null
        with_rss_peak "$APP_PID" "$WORK/app_rss" closed_post "$PORT" "$SECONDS_PER" >"$WORK/app_rps"
        R[app_rps]=$(cat "$WORK/app_rps")
        R[app_rss_load]=$(cat "$WORK/app_rss")
        # The closed loop left thousands of e-mails queued; at 200/s the outbox keeps up by itself.
        await_outbox
        out=$(open_loop "$PORT" post "$POST_RATE")
        R[app_p50]=$(field p50 "$out") R[app_p99]=$(failed "$(field p99 "$out")" "$out")
        FILED_AT=$(now_ms)
    fi
    if [[ "$n" == "$LAST" ]]; then
        out=$(open_loop "$PORT" dup "$DUP_RATE")
        R[dup_p50]=$(field p50 "$out") R[dup_p99]=$(failed "$(field p99 "$out")" "$out")
        out=$(open_loop "$PORT" post "$POST_RATE")
        R[post_p50_last]=$(field p50 "$out") R[post_p99_last]=$(failed "$(field p99 "$out")" "$out")
        # The reporter's form: one GET /melden for the CSRF cookie, then the filing form's POSTs.
        out=$(open_loop "$PORT" form "$FORM_RATE")
        R[form_p50]=$(field p50 "$out") R[form_p99]=$(failed "$(field p99 "$out")" "$out")
        log "Meldpunt: $UPLOADS_AT_ONCE evidence uploads at once"
        R[upload_rss_before]=$(rss_mb "$APP_PID")
        with_rss_peak "$APP_PID" "$WORK/upload_rss" open_loop "$PORT" upload "$UPLOADS_AT_ONCE" >"$WORK/upload_out"
        R[upload_rss]=$(cat "$WORK/upload_rss")
        R[upload]=$(cat "$WORK/upload_out")
        FILED_AT=$(now_ms) # the duplicate filings, the new signals, the form's and the uploads' changes
    fi
    if all && [[ "$n" != "$FIRST" ]]; then
        settled_stats "$n"
    fi
    stop_app
done

# --- the outbox --------------------------------------------------------------------------------
if all; then
log "queueing $OUTBOX e-mails"
seed settle-outbox
seed outbox "$OUTBOX"
start_sink outbox
APP_SMTP_PORT=$SINK_PORT APP_POLL=1s start_app meldpunt "$APP_DIR"
t0=$(now_ms)
deadline=$((t0 + OUTBOX_WAIT * 1000))
while :; do
    read -r count first last <"$SINK_STATUS" || true
    ((${count:-0} >= OUTBOX)) && break
    (($(now_ms) > deadline)) && break
    sleep 0.2
done
if ((${count:-0} >= OUTBOX && last > first)); then
    R[outbox_rate]=$(awk -v c="$count" -v f="$first" -v l="$last" 'BEGIN {printf "%.0f", (c - 1) * 1000 / (l - f)}')
else
    R[outbox_rate]=$(awk -v c="${count:-0}" -v t0="$t0" -v n="$(now_ms)" 'BEGIN {printf "%.0f", c * 1000 / (n - t0)}')
    log "WARNING: only ${count:-0} of $OUTBOX e-mails arrived within $OUTBOX_WAIT s"
fi
R[outbox_count]=${count:-0}
log "outbox: ${R[outbox_rate]} e-mails/s"
stop_app
fi

# --- profile of the intake path ----------------------------------------------------------------
# The first N lines, reading all the rest: head would stop reading, and the sort before it, killed by
# SIGPIPE once its output outgrows the pipe's buffer, would end this script (pipefail, set -e).
first() { awk -v n="$1" 'NR <= n'; }
if ((PROFILE)) && all; then
    log "profiling the intake path with JFR"
    start_app meldpunt "$APP_DIR"
    closed_post "$PORT" "$WARMUP" >/dev/null
    jcmd "$APP_PID" JFR.start name=intake settings=profile >>"$LOG/jfr.log" 2>&1
    closed_post "$PORT" "$SECONDS_PER" >"$WORK/profile_rps"
    jcmd "$APP_PID" JFR.stop name=intake filename="$WORK/intake.jfr" >>"$LOG/jfr.log" 2>&1
    stop_app
    jfr print --stack-depth 64 --events jdk.ExecutionSample "$WORK/intake.jfr" >"$WORK/samples.txt"
    {
        echo
        echo "Intake profile: JFR jdk.ExecutionSample during POST /api/signals, closed loop, $CONNECTIONS connections," \
            "$(cat "$WORK/profile_rps") req/s, at $(kilo "$LAST")+ tickets; $(grep -c 'jdk.ExecutionSample' "$WORK/samples.txt") samples"
        echo "By layer (package of the top frame):"
        awk '/stackTrace = \[/ {getline; sub(/^[ \t]+/, ""); n = split($0, p, "."); print p[1] "." p[2] "." (n > 3 ? p[3] : "")}' \
            "$WORK/samples.txt" | sort | uniq -c | sort -rn | first 12
        echo "Top frames (self):"
        awk '/stackTrace = \[/ {getline; sub(/^[ \t]+/, ""); sub(/[ \t]+line:.*/, ""); print}' "$WORK/samples.txt" \
            | sort | uniq -c | sort -rn | first 15
        echo "Top application frames (nearest nl.sglzorg frame on the stack):"
        awk '/stackTrace = \[/ {inside = 1; found = 0; next}
             inside && /^[ \t]*\]/ {inside = 0; next}
             inside && !found && /nl\.sglzorg/ {sub(/^[ \t]+/, ""); sub(/[ \t]+line:.*/, ""); print; found = 1}' \
            "$WORK/samples.txt" | sort | uniq -c | sort -rn | first 12
    } | tee "$WORK/profile.txt" >&2
fi

# --- the table ---------------------------------------------------------------------------------
ROWS=()
row() { ROWS+=("| $1 | $2 | $3 | $4 | $5 | $6 |"); }

if all; then

row "Startup to first served request (ms, empty DB)" "${R[app_startup]}" "${R[base_startup]}" \
    "$(ratio "${R[app_startup]}" "${R[base_startup]}")" "< 3000 ms" "$(verdict "${R[app_startup]} < 3000")"
row "Startup at $(kilo "$LAST") tickets (ms)" "${R[app_startup_$LAST]}" "${R[app_startup]} (empty)" \
    "$(ratio "${R[app_startup_$LAST]}" "${R[app_startup]}")" "< 3000 ms" "$(verdict "${R[app_startup_$LAST]} < 3000")"
row "RSS idle (MB, -Xmx256m)" "${R[app_rss_idle]}" "${R[base_rss_idle]}" \
    "$(ratio "${R[app_rss_idle]}" "${R[base_rss_idle]}")" "-" "info"
row "RSS under load, peak (MB)" "${R[app_rss_load]}" "${R[base_rss_load]}" \
    "$(ratio "${R[app_rss_load]}" "${R[base_rss_load]}")" "< 300 MB" "$(verdict "${R[app_rss_load]} < 300")"
row "POST /api/signals, closed loop $CONNECTIONS conns (req/s)" "${R[app_rps]}" "${R[base_rps]}" \
    "$(ratio "${R[app_rps]}" "${R[base_rps]}")" ">= 0.5 x baseline" \
    "$(verdict "${R[app_rps]} >= 0.5 * ${R[base_rps]}")"
row "POST p50 at $POST_RATE/s, open loop (ms)" "${R[app_p50]}" "${R[base_p50]}" \
    "$(ratio "${R[app_p50]}" "${R[base_p50]}")" "-" "info"
row "POST p99 at $POST_RATE/s, open loop (ms)" "${R[app_p99]}" "${R[base_p99]}" \
    "$(ratio "${R[app_p99]}" "${R[base_p99]}")" "< 50 ms" "$(verdict "${R[app_p99]} < 50")"
for kind in track list stats queue page; do
    case $kind in
        track) label="Tracking GET /api/signals/{ref} p99 at $TRACK_RATE/s"; target=20 ;;
        list) label="Staff list GET /api/tickets?filters p99 at $LIST_RATE/s"; target=20 ;;
        stats) label="GET /api/stats p99 at $STATS_RATE/s"; target="" ;;
        queue) label="Desk queue page GET /beheer/wachtrij?filters p99 at $PAGE_RATE/s"; target=50 ;;
        page) label="Desk ticket page GET /beheer/meldingen/{ref} p99 at $PAGE_RATE/s"; target=50 ;;
    esac
    for n in "${SIZES[@]}"; do
        p99=${R[${kind}_p99_$n]} ref=${R[${kind}_p99_$FIRST]}
        if [[ "$n" == "$FIRST" ]]; then
            row "$label, $(kilo "$n") tickets (ms; p50 ${R[${kind}_p50_$n]})" "$p99" "-" "-" \
                "${target:+< $target ms}" "$([[ -n "$target" ]] && verdict "$p99 < $target" || echo info)"
        else
            row "$label, $(kilo "$n") tickets (ms; p50 ${R[${kind}_p50_$n]})" "$p99" "$ref (at $(kilo "$FIRST"))" \
                "$(ratio "$p99" "$ref")" "${target:+< $target ms, }<= 1.5 x" \
                "$(if [[ -n "$target" ]]; then verdict "$p99 < $target && $p99 <= 1.5 * $ref"; else verdict "$p99 <= 1.5 * $ref"; fi)"
        fi
        if [[ "$kind" == stats && -n "${R[stats_fresh_p99_$n]:-}" ]]; then
            row "$label, $(kilo "$n") tickets, $((R[stats_fresh_age_$n])) s after the intake's last filing (ms; p50 ${R[stats_fresh_p50_$n]})" \
                "${R[stats_fresh_p99_$n]}" "$p99 (settled)" "$(ratio "${R[stats_fresh_p99_$n]}" "$p99")" "-" "info"
        fi
    done
done
fi
row "Duplicate filing p99 at $DUP_RATE/s, $(kilo "$LAST") tickets (ms; p50 ${R[dup_p50]})" "${R[dup_p99]}" \
    "${R[post_p99_last]} (new URL, p50 ${R[post_p50_last]})" "$(ratio "${R[dup_p99]}" "${R[post_p99_last]}")" "< 50 ms" \
    "$(verdict "${R[dup_p99]} < 50")"
row "Reporter form POST /melden/versturen p99 at $FORM_RATE/s, $(kilo "$LAST") tickets (ms; p50 ${R[form_p50]})" \
    "${R[form_p99]}" "${R[post_p99_last]} (API, new URL, p50 ${R[post_p50_last]})" \
    "$(ratio "${R[form_p99]}" "${R[post_p99_last]}")" "< 50 ms" "$(verdict "${R[form_p99]} < 50")"
up=${R[upload]}
row "RSS during $UPLOADS_AT_ONCE concurrent 10 MB uploads, peak (MB; $(field rounds "$up") rounds, before them ${R[upload_rss_before]})" \
    "${R[upload_rss]}" "-" "-" "< 300 MB" "$(verdict "${R[upload_rss]} < 300")"
row "Evidence upload POST /api/signals/{ref}/evidence, $UPLOADS_AT_ONCE at once, accepted p99 (ms; p50 $(field p50 "$up"); $(field statuses "$up"))" \
    "$(failed "$(field p99 "$up")" "$up")" "$(field ok "$up") of $(field sent "$up") accepted (201), $(field refused "$up") refused (503)" "-" \
    "no failures" "$( (($(field errors "$up") == 0 && $(field ok "$up") > 0)) && echo PASS || echo MISS)"
if all; then
row "Outbox drain, $OUTBOX queued e-mails (e-mails/s)" "${R[outbox_rate]}" "-" "-" ">= 200/s" \
    "$(verdict "${R[outbox_rate]} >= 200 && ${R[outbox_count]} >= $OUTBOX")"
fi

{
    echo "Run: $(date -u '+%Y-%m-%d %H:%M UTC'), $DB_KIND, $( ((QUICK)) && echo quick || echo full ) mode${ONLY:+, only $ONLY}," \
        "${SECONDS_PER} s per figure after ${WARMUP} s warm-up; commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- src pom.xml || echo '+changes')"
    echo "Machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/ {print $2}') GB," \
        "$(java -version 2>&1 | head -1); load average at start $LOAD_BEFORE, at end $(cut -d' ' -f1-3 /proc/loadavg)"
    seeds=""
    for n in "${SIZES[@]}"; do seeds+=" $(kilo "$n") in ${R[seed_ms_$n]} ms;"; done
    echo "Seeding (top-up, cumulative):${seeds%;}"
    echo
    echo "| Measure | Meldpunt | Baseline / reference | Ratio | Target | Verdict |"
    echo "|---|---|---|---|---|---|"
    printf '%s\n' "${ROWS[@]}"
} >"$WORK/table.md"
[[ -f "$WORK/profile.txt" ]] && { echo; echo '```'; cat "$WORK/profile.txt"; echo '```'; } >>"$WORK/table.md"

if ((UPDATE_DOCS)); then
    docs=$ROOT/docs/benchmarks.md
    marker=$([[ $DB_KIND == h2 ]] && echo h2 || echo postgresql)
    grep -q "<!-- bench:table:$marker:start -->" "$docs" || die "no bench:table:$marker markers in $docs"
    awk -v table="$WORK/table.md" -v m="$marker" '
        $0 == "<!-- bench:table:" m ":start -->" {print; while ((getline line < table) > 0) print line; skip = 1; next}
        $0 == "<!-- bench:table:" m ":end -->" {skip = 0}
        !skip {print}' "$docs" >"$WORK/docs.md" && cp "$WORK/docs.md" "$docs"
    log "table written into $docs"
fi
echo
cat "$WORK/table.md"
