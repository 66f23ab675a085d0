# The fault run of bench/run.sh (--postgres --faults), sourced by it after the build and the SMTP sink:
# files signals at FAULT_RATE/s against two instances on one PostgreSQL, kills one with kill -9 and
# starts it again, restarts PostgreSQL the hard way (immediate mode, as in a crash), then checks that
# every signal that got 201 is in the database with its history, and that every e-mail was sent,
# once. See docs/benchmarks.md, "Faults under load".
#
# Timeline (seconds from the start of the load): kill -9 of instance A at 15, A started again at 30,
# PostgreSQL stopped at 50 and started again at 58, load until 80.

FAULT_RATE=${FAULT_RATE:-100} FAULT_SECONDS=80
((PG)) || die "--faults needs --postgres: the run restarts the database server"

# A durable server: a signal committed before the crash must be there after it.
dir=$(mktemp -d /tmp/meldpunt-bench-pg.XXXXXX)
PG_DIRS+=("$dir")
eval "$(MELDPUNT_PG_DURABLE=1 "$ROOT/.ci/postgres.sh" start "$dir" 2>>"$LOG/postgres.log")"
DB_URL=$QUARKUS_DATASOURCE_JDBC_URL DB_USER=$QUARKUS_DATASOURCE_USERNAME DB_PASSWORD=$QUARKUS_DATASOURCE_PASSWORD
PG_DIR=$dir
sql() { "$ROOT/.ci/postgres.sh" psql "$PG_DIR" "$@" 2>>"$LOG/postgres.log"; }

# The e-mails' Message-IDs, a line each as the sink accepts them.
rm -f "$WORK/mail.port"
java -Xmx64m -cp "$WORK/classes" SmtpSink "$WORK/mail.port" "$WORK/mail.status" "$WORK/message-ids" >"$LOG/mail.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do [[ -s "$WORK/mail.port" ]] && break; sleep 0.1; done
export APP_SMTP_PORT=$(cat "$WORK/mail.port") APP_POLL=1s

start_app meldpunt-a "$APP_DIR"
A_PID=$APP_PID A_PORT=$PORT
start_app meldpunt-b "$APP_DIR"
B_PID=$APP_PID B_PORT=$PORT
log "faults: instances A on $A_PORT, B on $B_PORT; $FAULT_RATE signals/s for $FAULT_SECONDS s"

java -Xmx256m -cp "$WORK/classes" Faults "http://127.0.0.1:$A_PORT,http://127.0.0.1:$B_PORT" "$FAULT_RATE" \
    "$FAULT_SECONDS" "$WORK" >"$WORK/faults.out" 2>>"$LOG/load.log" &
LOAD_PID=$!
PIDS+=("$LOAD_PID")
T0=$(now_ms)
at() { local wait_ms=$(($1 * 1000 - ($(now_ms) - T0))); ((wait_ms > 0)) && sleep "$(awk -v m="$wait_ms" 'BEGIN {print m / 1000}')"; return 0; }

at 15
log "faults: kill -9 instance A (pid $A_PID)"
kill -9 "$A_PID"; wait "$A_PID" 2>/dev/null || true; forget_pid "$A_PID"
at 30
# In the background, so the timeline holds however long the start takes; until A listens, the load
# sends its requests to B (refused, then the other instance). Like the orchestrator
# (deploy/docker-compose.yml: restart: unless-stopped), an instance that exits at start is started
# again: on a busy host A's start can take 20 s, into the database's outage, and without a database
# it stops (Flyway cannot migrate).
log "faults: starting instance A again on port $A_PORT"
(
    for _ in 1 2 3 4 5 6 7 8; do
        (FIXED_PORT=$A_PORT start_app meldpunt-a "$APP_DIR") && exit 0
        log "faults: instance A exited at start; starting it again in 2 s"
        sleep 2
    done
    exit 1
) &
A_STARTER=$!
at 50
log "faults: PostgreSQL down (immediate) for 8 s"
"$ROOT/.ci/postgres.sh" restart "$PG_DIR" 8 2>>"$LOG/postgres.log"
log "faults: PostgreSQL up again"
wait "$LOAD_PID" || die "the fault load failed (see $LOG/load.log)"
wait "$A_STARTER" || die "instance A did not start again (see $LOG/meldpunt-a.log)"
forget_pid "$LOAD_PID"
RESULT=$(cat "$WORK/faults.out")
log "faults: $RESULT"

# Both instances serve again by themselves: each answered 201 in the load's last 10 seconds.
for instance in A B; do
    recovered=$(awk -v i="$instance" '$1 >= 70 && $2 == i && $3 == 201 {n += $4} END {print n + 0}' "$WORK/seconds")
    R[recovered_$instance]=$recovered
done

# Let the outbox drain: nothing pending, nothing claimed.
deadline=$(($(now_ms) + 120000))
while :; do
    pending=$(sql -c "SELECT count(*) FROM outbox_email WHERE status <> 'SENT'")
    [[ "$pending" == 0 ]] && break
    (($(now_ms) > deadline)) && { log "WARNING: $pending e-mails still not sent after 120 s"; break; }
    sleep 1
done
sleep 2 # the sink writes each Message-ID before it answers; let the last answers land

created=$(grep -c . "$WORK/created" || true)
{
    echo "CREATE TEMP TABLE created (reference VARCHAR(40) PRIMARY KEY);"
    echo "COPY created FROM STDIN;"
    cat "$WORK/created"
    echo '\.'
    echo "SELECT count(*) FROM created c LEFT JOIN ticket t ON t.reference = c.reference WHERE t.id IS NULL;"
    echo "SELECT count(*) FROM created c JOIN ticket t ON t.reference = c.reference
          WHERE NOT EXISTS (SELECT 1 FROM ticket_event e WHERE e.ticket_id = t.id AND e.type = 'FILED')
             OR NOT EXISTS (SELECT 1 FROM ticket_event e WHERE e.ticket_id = t.id AND e.type = 'ROUTED')
             OR NOT EXISTS (SELECT 1 FROM outbox_email o WHERE o.ticket_id = t.id);"
    echo "SELECT count(*) FROM ticket;"
} | sql -f - >"$WORK/check.out" || die "the database check failed (see $LOG/postgres.log)"
read -r lost incomplete tickets < <(tr '\n' ' ' <"$WORK/check.out"; echo) || true
emails=$(sql -c "SELECT count(*) FROM outbox_email")
unsent=$(sql -c "SELECT count(*) FROM outbox_email WHERE status <> 'SENT'")
received=$(grep -c . "$WORK/message-ids" || true)
distinct=$(sort -u "$WORK/message-ids" | grep -c . || true)

{
    echo "Fault run: $(date -u '+%Y-%m-%d %H:%M UTC'), PostgreSQL (durable), two instances, commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- src pom.xml || echo '+changes')"
    echo "Machine: $(nproc) cores, load average at start $LOAD_BEFORE, at end $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "Timeline: $FAULT_RATE signals/s for $FAULT_SECONDS s; kill -9 of instance A at 15 s, A started again at 30 s;"
    echo "PostgreSQL stopped (immediate) at 50 s and started again 8 s later."
    echo
    echo "| Count | Value |"
    echo "|---|---|"
    echo "| Requests sent | $(field sent "$RESULT") |"
    echo "| \`201\` (filed) | $(field created "$RESULT") |"
    echo "| \`503\` (database unreachable; slowest answer $(field max_unavailable_ms "$RESULT") ms) | $(field unavailable "$RESULT") |"
    echo "| Other answers (\`500\` and the like) | $(field other "$RESULT") |"
    echo "| Cut off by the kill (sent, no answer) | $(field cut "$RESULT") |"
    echo "| No answer within 10 s | $(field timeout "$RESULT") |"
    echo "| Refused (instance down), sent to the other instance | $(field refused_then_other "$RESULT") |"
    echo "| Signals that got \`201\` but are missing afterwards (**lost**) | $lost |"
    echo "| Filed signals without their history (FILED, ROUTED) or e-mail | $incomplete |"
    echo "| Tickets in the database (\`201\` plus those cut off after commit) | $tickets |"
    echo "| Outbox e-mails / not sent at the end | $emails / $unsent |"
    echo "| E-mails received by the SMTP server / distinct Message-IDs | $received / $distinct |"
    echo "| E-mails received **twice** | $((received - distinct)) |"
    echo "| \`201\` answers from A / B in the last 10 s (recovered by themselves) | ${R[recovered_A]} / ${R[recovered_B]} |"
    echo "| \`201\` p99 over the whole run (ms) | $(field p99_ms "$RESULT") |"
} >"$WORK/table.md"

if ((UPDATE_DOCS)); then
    docs=$ROOT/docs/benchmarks.md
    grep -q "<!-- bench:table:faults:start -->" "$docs" || die "no bench:table:faults markers in $docs"
    awk -v table="$WORK/table.md" '
        $0 == "<!-- bench:table:faults:start -->" {print; while ((getline line < table) > 0) print line; skip = 1; next}
        $0 == "<!-- bench:table:faults:end -->" {skip = 0}
        !skip {print}' "$docs" >"$WORK/docs.md" && cp "$WORK/docs.md" "$docs"
    log "table written into $docs"
fi
echo
cat "$WORK/table.md"
