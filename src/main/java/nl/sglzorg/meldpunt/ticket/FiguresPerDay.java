package nl.sglzorg.meldpunt.ticket;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiConsumer;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.jdbc.Sql;
import nl.sglzorg.meldpunt.kernel.Priority;
import nl.sglzorg.meldpunt.kernel.TicketStatus;

/**
 * The statistics' figures kept per day (docs/design.md, "Figures per day"). The day rows are
 * rebuilt from the tickets, a day at a time, by a refresh every {@code meldpunt.stats.refresh-interval};
 * a period's figures are the sum of its days' rows, except for the days the rows may not hold
 * exactly: the partial days at the period's edges, the days of tickets changed since the last
 * refresh, and the days with a running deadline that has passed since they were counted. Those are
 * counted from the tickets, so the figures are always the same as counting every ticket.
 */
@ApplicationScoped
public class FiguresPerDay {

    /**
     * How long after its {@code updated_at} a change to a ticket may commit: the longest transaction
     * (60 s by default) plus 60 s for the clocks of two instances to differ. A refresh takes up the
     * changes made after the previous one's start less this margin, so a change that committed late is
     * never missed.
     */
    static final Duration MARGIN = Duration.ofMinutes(2);

    /**
     * How long a day whose running deadline passed waits before it is counted again, when none of its
     * tickets changed. Only the figures page reads deadlines, and it counts such a day from its tickets
     * meanwhile; a day with many open tickets (the benchmark's million) has a deadline passing every
     * few seconds, and counting it afresh every refresh would take the cores from the requests.
     */
    static final Duration RECOUNT_PAUSE = Duration.ofMinutes(10);

    /** How long a refresh may run before another instance may take over. */
    static final Duration LEASE = Duration.ofMinutes(10);

    /** The figures counted per combination of values, in the order of the columns that hold them. */
    private static final DayFigures.Figure[] COMBINATION = {DayFigures.Figure.STATUS, DayFigures.Figure.CATEGORY,
            DayFigures.Figure.PLATFORM, DayFigures.Figure.TOPIC, DayFigures.Figure.FUNCTION, DayFigures.Figure.CHANNEL};

    /** What the figures need of each ticket, in plain SQL: a day's tickets are counted every refresh. */
    private static final String COUNTED_TICKETS = "SELECT created_at, status, category, platform, topic, routed_function,"
            + " channel, priority, first_response_seconds, first_response_due, first_response_warn_at, first_response_at,"
            + " first_response_warned, first_response_breached, resolution_due, resolution_warn_at, resolved_at,"
            + " resolution_warned, resolution_breached, waiting_since, paused_seconds"
            + " FROM ticket WHERE created_at >= ? AND created_at < ?";

    @Inject
    Clock clock;

    @Inject
    MeldpuntConfig config;

    @Inject
    SlaPolicy policy;

    private final String instance = UUID.randomUUID().toString();

    @Scheduled(every = "${meldpunt.stats.refresh-interval}", delayed = "${meldpunt.stats.refresh-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        refresh();
    }

    /**
     * Counts afresh the days whose rows no longer hold: every day the first time, then the days of
     * the tickets changed since the last refresh and the days whose running deadlines have passed.
     * One instance at a time, under a lease; returns the number of days counted, or -1 when another
     * instance holds the lease.
     */
    public int refresh() {
        Instant start = Instant.now(clock);
        if (!lease(start)) {
            return -1;
        }
        Instant since = QuarkusTransaction.requiringNew().call(
                () -> instant(Sql.column("SELECT refreshed_at FROM ticket_day_refresh WHERE id = 1").get(0)));
        Set<LocalDate> days = QuarkusTransaction.requiringNew().call(() -> {
            Set<LocalDate> due = daysToCount(since, start);
            if (since != null) {
                // A day with a ticket changed within MARGIN of this refresh would not hold after it either:
                // reads take it from its hour rows and its changed hours' tickets until a refresh finds it
                // settled, and the next refresh takes up the changes since start less MARGIN, so it finds
                // this day again. Counting it now would be work for nothing: while signals arrive that is
                // today, every refresh. A day without rows yet is counted, so that it has hour rows.
                due.removeAll(withRows(daysChangedSince(start.minus(MARGIN))));
            }
            return due;
        });
        int counted = 0;
        for (LocalDate day : days) {
            boolean held = QuarkusTransaction.requiringNew().call(() -> {
                // Renewing the lease locks its row until this day is written: no other instance writes it meanwhile.
                if (!renewLease(start)) {
                    return false;
                }
                write(day, count(day, start), start);
                return true;
            });
            if (!held) {
                Log.warnf("Figures per day: the refresh lost its lease after %d of %d days", counted, days.size());
                return -1;
            }
            counted++;
        }
        if (finish(since, start) && since == null) {
            Log.infof("Figures per day: counted %d days", days.size());
        }
        return days.size();
    }

    /** Takes the refresh's lease, unless another instance holds it. */
    boolean lease(Instant start) {
        return QuarkusTransaction.requiringNew().call(() -> Sql.update("UPDATE ticket_day_refresh SET leased_by = ?,"
                + " leased_until = ? WHERE id = 1 AND (leased_until IS NULL OR leased_until < ?)", instance,
                start.plus(LEASE), start) == 1);
    }

    /**
     * Records the refresh that started at {@code start}, having read {@code since} as the last one, and
     * gives its lease back. Only when the figures were not reset meanwhile: a migration (V27) or the
     * benchmark's seeder sets {@code refreshed_at} to {@code NULL} so that every day is counted again, and
     * a refresh that was already under way, or an instance of the previous version during a rolling
     * update, must not write over that. The next refresh then counts every day. Returns whether it recorded.
     */
    boolean finish(Instant since, Instant start) {
        return QuarkusTransaction.requiringNew().call(() -> {
            int recorded = since == null
                    ? Sql.update("UPDATE ticket_day_refresh SET refreshed_at = ? WHERE id = 1 AND leased_by = ?"
                            + " AND refreshed_at IS NULL", start, instance)
                    : Sql.update("UPDATE ticket_day_refresh SET refreshed_at = ? WHERE id = 1 AND leased_by = ?"
                            + " AND refreshed_at = ?", start, instance, since);
            Sql.update("UPDATE ticket_day_refresh SET leased_by = NULL, leased_until = NULL WHERE id = 1 AND leased_by = ?",
                    instance);
            if (recorded == 0) {
                Log.info("Figures per day: the refresh was not recorded (the figures were reset, or another instance"
                        + " took over, meanwhile); the next one counts again");
            }
            return recorded == 1;
        });
    }

    private boolean renewLease(Instant start) {
        Instant until = Instant.now(clock).plus(LEASE);
        return Sql.update("UPDATE ticket_day_refresh SET leased_until = ? WHERE id = 1 AND leased_by = ?",
                until.isAfter(start) ? until : start.plus(LEASE), instance) == 1;
    }

    private Set<LocalDate> daysToCount(Instant since, Instant start) {
        ZoneId zone = config.timeZone();
        Set<LocalDate> days = new TreeSet<>();
        if (since == null) {
            // Every day with tickets, found a day at a time by the index on created_at.
            Instant next = instant(Sql.column("SELECT MIN(created_at) FROM ticket").get(0));
            while (next != null) {
                LocalDate day = next.atZone(zone).toLocalDate();
                days.add(day);
                next = instant(Sql.column("SELECT MIN(created_at) FROM ticket WHERE created_at >= ?",
                        start(day.plusDays(1))).get(0));
            }
            return days;
        }
        days.addAll(daysChangedSince(since.minus(MARGIN)));
        Sql.column("SELECT filed_on FROM ticket_day WHERE valid_until < ? AND counted_at < ?", start,
                start.minus(RECOUNT_PAUSE)).forEach(day -> days.add(date(day)));
        return days;
    }

    /** Which of {@code days} have rows. */
    private static Set<LocalDate> withRows(Set<LocalDate> days) {
        Set<LocalDate> found = new TreeSet<>();
        if (!days.isEmpty()) {
            TreeSet<LocalDate> sorted = new TreeSet<>(days);
            Sql.column("SELECT filed_on FROM ticket_day WHERE filed_on >= ? AND filed_on <= ?", sorted.first(),
                    sorted.last()).forEach(day -> found.add(date(day)));
            found.retainAll(days);
        }
        return found;
    }

    /** One day's figures, and per UTC hour of filing the figures without deadlines. */
    private record Counted(DayFigures day, TreeMap<Instant, DayFigures> hours) {
    }

    /** The figures of one day's tickets, their deadlines as they stand at {@code now}. */
    private Counted count(LocalDate day, Instant now) {
        Counted counted = new Counted(new DayFigures(), new TreeMap<>());
        tickets(start(day), start(day.plusDays(1)), (created, facts) -> {
            counted.day().add(facts, now, policy);
            counted.hours().computeIfAbsent(created.truncatedTo(ChronoUnit.HOURS), hour -> new DayFigures())
                    .addWithoutDeadlines(facts);
        });
        return counted;
    }

    /** Replaces the day's rows and its hour rows. */
    private static void write(LocalDate day, Counted counted, Instant countedAt) {
        DayFigures figures = counted.day();
        Sql.update("DELETE FROM ticket_day_count WHERE filed_on = ?", day);
        Sql.update("DELETE FROM ticket_day_time WHERE filed_on = ?", day);
        Sql.update("DELETE FROM ticket_hour_count WHERE filed_on = ?", day);
        Sql.update("DELETE FROM ticket_hour_time WHERE filed_on = ?", day);
        Sql.update("DELETE FROM ticket_day WHERE filed_on = ?", day);
        Sql.update("INSERT INTO ticket_day (filed_on, counted_at, valid_until) VALUES (?, ?, ?)", day, countedAt,
                figures.validUntil());
        List<Object[]> counts = new ArrayList<>();
        for (DayFigures.Figure figure : DayFigures.Figure.values()) {
            figures.counts(figure).forEach((value, n) -> counts.add(new Object[] {day, figure.name(), value, n}));
        }
        Sql.batch("INSERT INTO ticket_day_count (filed_on, figure, val, tickets) VALUES (?, ?, ?, ?)", counts);
        List<Object[]> times = new ArrayList<>();
        for (DayFigures.Measure measure : DayFigures.Measure.values()) {
            figures.times(measure).forEach((seconds, n) -> times.add(new Object[] {day, measure.name(), seconds, n}));
        }
        Sql.batch("INSERT INTO ticket_day_time (filed_on, measure, seconds, tickets) VALUES (?, ?, ?, ?)", times);
        List<Object[]> hourCounts = new ArrayList<>();
        List<Object[]> hourTimes = new ArrayList<>();
        counted.hours().forEach((hour, part) -> {
            for (DayFigures.Figure figure : COMBINATION) {
                part.counts(figure).forEach((value, n) -> hourCounts.add(new Object[] {day, hour, figure.name(), value, n}));
            }
            part.times(DayFigures.Measure.FIRST_STAFF_ACTION)
                    .forEach((seconds, n) -> hourTimes.add(new Object[] {day, hour, seconds, n}));
        });
        Sql.batch("INSERT INTO ticket_hour_count (filed_on, filed_hour, figure, val, tickets) VALUES (?, ?, ?, ?, ?)",
                hourCounts);
        Sql.batch("INSERT INTO ticket_hour_time (filed_on, filed_hour, seconds, tickets) VALUES (?, ?, ?, ?)", hourTimes);
    }

    /**
     * The figures of {@code [from, to)} per day, deadlines as they stand at {@code now}: from the
     * day rows where they hold, else from the tickets.
     */
    Map<LocalDate, DayFigures> perDay(Instant from, Instant to, Instant now) {
        Map<LocalDate, DayFigures> days = new TreeMap<>();
        Plan plan = plan(from, to, now, false, DayFigures.Measure.values());
        days.putAll(plan.fromRows());
        ZoneId zone = config.timeZone();
        for (Instant[] range : plan.fromTickets()) {
            tickets(range[0], range[1], (created, facts) -> days
                    .computeIfAbsent(created.atZone(zone).toLocalDate(), d -> new DayFigures()).add(facts, now, policy));
        }
        return days;
    }

    /**
     * The counts and the time to the first staff action over {@code [from, to)}, without the deadlines:
     * what {@code GET /api/stats} shows. The tickets counted directly are counted per combination of
     * values, from the index that holds them all (V24).
     */
    DayFigures total(Instant from, Instant to) {
        DayFigures total = new DayFigures();
        // No deadlines: a day's counts hold until one of its tickets changes, whatever its valid_until says.
        Plan plan = plan(from, to, null, true, DayFigures.Measure.FIRST_STAFF_ACTION);
        plan.fromRows().values().forEach(total::add);
        plan.fromHourRows().forEach((day, hours) -> readHourRows(day, hours, total));
        for (Instant[] range : plan.fromTickets()) {
            for (Object[] row : Sql.rows("SELECT status, category, platform, topic, routed_function, channel, COUNT(*)"
                    + " FROM ticket WHERE created_at >= ? AND created_at < ?"
                    + " GROUP BY status, category, platform, topic, routed_function, channel", range[0], range[1])) {
                long n = ((Number) row[COMBINATION.length]).longValue();
                for (int i = 0; i < COMBINATION.length; i++) {
                    total.count(COMBINATION[i], (String) row[i], n);
                }
            }
            for (Object[] row : Sql.rows("SELECT first_response_seconds, COUNT(*) FROM ticket"
                    + " WHERE created_at >= ? AND created_at < ? AND first_response_seconds IS NOT NULL"
                    + " GROUP BY first_response_seconds", range[0], range[1])) {
                total.time(DayFigures.Measure.FIRST_STAFF_ACTION, ((Number) row[0]).longValue(),
                        ((Number) row[1]).longValue());
            }
        }
        return total;
    }

    /** How many tickets stand in each status now, over every day that has tickets: as {@link #total} counts them. */
    Map<String, Long> byStatus() {
        Object[] span = Sql.rows("SELECT MIN(created_at), MAX(created_at) FROM ticket").get(0);
        if (span[0] == null) {
            return Map.of();
        }
        return total(instant(span[0]), instant(span[1]).plusSeconds(1)).counts(DayFigures.Figure.STATUS);
    }

    /**
     * Which whole days come from their rows, which days' hours from their hour rows, and which ranges
     * from the tickets (adjacent ones joined).
     */
    private record Plan(TreeMap<LocalDate, DayFigures> fromRows, TreeMap<LocalDate, HourRows> fromHourRows,
            List<Instant[]> fromTickets) {
    }

    /** A day's hour rows of the UTC hours {@code [from, to)}, without the hours {@code changed} since it was counted. */
    private record HourRows(Instant from, Instant to, Set<Instant> changed) {
    }

    /**
     * {@code deadlinesAt}: when the deadlines are to stand, or null when they are not wanted.
     * {@code byHour}: a counted day whose row does not hold (tickets changed since, or a period that
     * starts or ends inside it) is read from its hour rows (which hold no deadlines) for the whole hours
     * of the period that did not change, and from the tickets for the rest: at most an hour at each of
     * the period's edges and the changed hours, rather than all its tickets (docs/design.md, "Hour rows").
     */
    private Plan plan(Instant from, Instant to, Instant deadlinesAt, boolean byHour, DayFigures.Measure... measures) {
        ZoneId zone = config.timeZone();
        LocalDate first = from.atZone(zone).toLocalDate();
        LocalDate last = to.minusNanos(1).atZone(zone).toLocalDate();
        DayRows rows = dayRows(first, last, deadlinesAt);
        TreeMap<LocalDate, DayFigures> fromRows = new TreeMap<>();
        TreeMap<LocalDate, HourRows> fromHourRows = new TreeMap<>();
        List<Instant[]> fromTickets = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            Instant dayStart = start(day);
            Instant dayEnd = start(day.plusDays(1));
            Instant lo = from.isAfter(dayStart) ? from : dayStart;
            Instant hi = to.isBefore(dayEnd) ? to : dayEnd;
            boolean usable = rows.usable().contains(day);
            Instant countedAt = byHour ? rows.countedAt().get(day) : null;
            boolean edgesHold = (usable || countedAt != null) && (!from.isAfter(dayStart) || noTickets(dayStart, from))
                    && (!to.isBefore(dayEnd) || noTickets(to, dayEnd));
            if (usable && edgesHold) {
                fromRows.put(day, new DayFigures());
            } else if (countedAt != null && (edgesHold || wholeHour(lo).isBefore(hi.truncatedTo(ChronoUnit.HOURS)))) {
                // Hour rows are kept per UTC hour: where the edges hold, every one of the day's; otherwise the
                // whole hours inside [lo, hi), with the parts of an hour at either edge from the tickets.
                Instant hoursFrom = edgesHold ? dayStart.truncatedTo(ChronoUnit.HOURS) : wholeHour(lo);
                Instant hoursTo = edgesHold ? dayEnd : hi.truncatedTo(ChronoUnit.HOURS);
                Set<Instant> changed = hoursChangedSince(countedAt.minus(MARGIN), dayStart, dayEnd);
                changed.removeIf(hour -> hour.isBefore(hoursFrom) || !hour.isBefore(hoursTo));
                fromHourRows.put(day, new HourRows(hoursFrom, hoursTo, changed));
                addRange(fromTickets, lo, hoursFrom);
                for (Instant hour : changed) {
                    Instant end = hour.plus(Duration.ofHours(1));
                    addRange(fromTickets, hour.isAfter(lo) ? hour : lo, end.isBefore(hi) ? end : hi);
                }
                addRange(fromTickets, hoursTo, hi);
            } else {
                addRange(fromTickets, lo, hi);
            }
        }
        if (!fromRows.isEmpty()) {
            readRows(fromRows, measures);
        }
        return new Plan(fromRows, fromHourRows, fromTickets);
    }

    /** The first whole UTC hour at or after {@code instant}. */
    private static Instant wholeHour(Instant instant) {
        Instant hour = instant.truncatedTo(ChronoUnit.HOURS);
        return hour.equals(instant) ? hour : hour.plus(Duration.ofHours(1));
    }

    /** Adds {@code [lo, hi)} after the ranges before it, joined to the last one where they meet. */
    private static void addRange(List<Instant[]> ranges, Instant lo, Instant hi) {
        if (!lo.isBefore(hi)) {
            return;
        }
        Instant[] previous = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
        if (previous != null && previous[1].equals(lo)) {
            previous[1] = hi;
        } else {
            ranges.add(new Instant[] {lo, hi});
        }
    }

    /** The UTC hours of {@code [dayStart, dayEnd)} with a ticket changed at or after {@code since}. */
    private static Set<Instant> hoursChangedSince(Instant since, Instant dayStart, Instant dayEnd) {
        Set<Instant> hours = new TreeSet<>();
        for (Instant edge : changedHourEdges(" AND created_at >= ? AND created_at < ?", since, dayStart, dayEnd)) {
            hours.add(edge.truncatedTo(ChronoUnit.HOURS));
        }
        return hours;
    }

    /**
     * The first and the last instant of every hour of filing with a ticket changed at or after
     * {@code parameters[0]} ({@code andCreated}: a further condition on {@code created_at}, with the
     * other parameters). A few rows from the index on {@code (updated_at, created_at)} however many
     * tickets changed. The database truncates an hour in its own zone, which may differ from UTC, and
     * from {@link MeldpuntConfig#timeZone()}, by a part of an hour: such an hour stands for the hours
     * and days of both its edges.
     */
    private static List<Instant> changedHourEdges(String andCreated, Object... parameters) {
        List<Instant> edges = new ArrayList<>();
        for (Object value : Sql.column("SELECT DISTINCT DATE_TRUNC('hour', created_at) FROM ticket WHERE updated_at >= ?"
                + andCreated, parameters)) {
            Instant hour = instant(value);
            edges.add(hour);
            edges.add(hour.plus(Duration.ofHours(1)).minusNanos(1));
        }
        return edges;
    }

    /** Adds a day's hour rows of {@code hours} to {@code total}. */
    private static void readHourRows(LocalDate day, HourRows hours, DayFigures total) {
        StringBuilder without = new StringBuilder(" AND filed_hour >= ? AND filed_hour < ?");
        List<Object> parameters = new ArrayList<>(List.of(day, hours.from(), hours.to()));
        Set<Instant> left = hours.changed();
        if (!left.isEmpty()) {
            without.append(" AND filed_hour NOT IN (").append("?, ".repeat(left.size() - 1)).append("?)");
            parameters.addAll(left);
        }
        Object[] bound = parameters.toArray();
        for (Object[] row : Sql.rows("SELECT figure, val, SUM(tickets) FROM ticket_hour_count WHERE filed_on = ?"
                + without + " GROUP BY figure, val", bound)) {
            total.count(DayFigures.Figure.valueOf((String) row[0]), (String) row[1], ((Number) row[2]).longValue());
        }
        for (Object[] row : Sql.rows("SELECT seconds, SUM(tickets) FROM ticket_hour_time WHERE filed_on = ?"
                + without + " GROUP BY seconds", bound)) {
            total.time(DayFigures.Measure.FIRST_STAFF_ACTION, ((Number) row[0]).longValue(), ((Number) row[1]).longValue());
        }
    }

    /**
     * Whether no ticket was filed in {@code [from, to)}: then a day's row also holds for the part of
     * the day outside it. Today up to now is today's row, as long as no ticket changed since the
     * refresh (one probe of the {@code created_at} index instead of a day's tickets).
     */
    private static boolean noTickets(Instant from, Instant to) {
        return Sql.column("SELECT created_at FROM ticket WHERE created_at >= ? AND created_at < ? LIMIT 1", from, to)
                .isEmpty();
    }

    /**
     * {@code usable}: the days whose rows hold at {@code now}: counted, not passed their
     * {@code valid_until} (unless {@code now} is null: no deadlines wanted), and without a ticket
     * changed since the last refresh. {@code countedAt}: when each day with rows was counted, as long
     * as a refresh has run since the rows were last forgotten (otherwise none of them hold).
     */
    private record DayRows(Set<LocalDate> usable, Map<LocalDate, Instant> countedAt) {
    }

    private DayRows dayRows(LocalDate first, LocalDate last, Instant now) {
        Set<LocalDate> usable = new TreeSet<>();
        Map<LocalDate, Instant> countedAt = new TreeMap<>();
        Instant refreshed = instant(Sql.column("SELECT refreshed_at FROM ticket_day_refresh WHERE id = 1").get(0));
        if (refreshed == null) {
            return new DayRows(usable, countedAt);
        }
        for (Object[] row : Sql.rows("SELECT filed_on, valid_until, counted_at FROM ticket_day"
                + " WHERE filed_on >= ? AND filed_on <= ?", first, last)) {
            Instant validUntil = instant(row[1]);
            countedAt.put(date(row[0]), instant(row[2]));
            if (now == null || validUntil == null || !now.isAfter(validUntil)) {
                usable.add(date(row[0]));
            }
        }
        usable.removeAll(daysChangedSince(refreshed.minus(MARGIN)));
        return new DayRows(usable, countedAt);
    }

    /**
     * The days of the tickets changed at or after {@code since}, read as the hours they were filed in
     * (at 200 filings a second, tens of thousands of tickets change in the refresh's window).
     */
    private Set<LocalDate> daysChangedSince(Instant since) {
        ZoneId zone = config.timeZone();
        Set<LocalDate> days = new TreeSet<>();
        for (Instant edge : changedHourEdges("", since)) {
            days.add(edge.atZone(zone).toLocalDate());
        }
        return days;
    }

    private static void readRows(TreeMap<LocalDate, DayFigures> days, DayFigures.Measure... measures) {
        LocalDate first = days.firstKey();
        LocalDate last = days.lastKey();
        for (Object[] row : Sql.rows("SELECT filed_on, figure, val, tickets FROM ticket_day_count WHERE filed_on >= ? AND filed_on <= ?",
                first, last)) {
            DayFigures day = days.get(date(row[0]));
            if (day != null) {
                day.count(DayFigures.Figure.valueOf((String) row[1]), (String) row[2], ((Number) row[3]).longValue());
            }
        }
        for (DayFigures.Measure measure : measures) {
            for (Object[] row : Sql.rows("SELECT filed_on, seconds, tickets FROM ticket_day_time"
                    + " WHERE measure = ? AND filed_on >= ? AND filed_on <= ?", measure.name(), first, last)) {
                DayFigures day = days.get(date(row[0]));
                if (day != null) {
                    day.time(measure, ((Number) row[1]).longValue(), ((Number) row[2]).longValue());
                }
            }
        }
    }

    /**
     * What the figures need of each ticket filed in {@code [from, to)}, read as a stream in plain
     * JDBC: the refresh counts today's tickets every minute while signals arrive, and through
     * Hibernate's query that was a fifth of the CPU of filing at full speed (docs/benchmarks.md).
     */
    private static void tickets(Instant from, Instant to, BiConsumer<Instant, DayFigures.TicketFacts> each) {
        Sql.forEach(COUNTED_TICKETS, 1000, row -> {
            Instant created = Sql.instant(row, 1);
            ServiceLevel sla = new ServiceLevel();
            sla.firstResponseDue = Sql.instant(row, 10);
            sla.firstResponseWarnAt = Sql.instant(row, 11);
            sla.firstResponseAt = Sql.instant(row, 12);
            sla.firstResponseWarned = row.getBoolean(13);
            sla.firstResponseBreached = row.getBoolean(14);
            sla.resolutionDue = Sql.instant(row, 15);
            sla.resolutionWarnAt = Sql.instant(row, 16);
            sla.resolvedAt = Sql.instant(row, 17);
            sla.resolutionWarned = row.getBoolean(18);
            sla.resolutionBreached = row.getBoolean(19);
            sla.waitingSince = Sql.instant(row, 20);
            sla.pausedSeconds = row.getLong(21);
            long seconds = row.getLong(9);
            Long firstStaffAction = row.wasNull() ? null : seconds;
            each.accept(created, new DayFigures.TicketFacts(created, TicketStatus.valueOf(row.getString(2)),
                    row.getString(3), row.getString(4), row.getString(5), row.getString(6), row.getString(7),
                    Priority.valueOf(row.getString(8)), firstStaffAction, sla));
        }, from, to);
    }

    private Instant start(LocalDate day) {
        return day.atStartOfDay(config.timeZone()).toInstant();
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof Timestamp time) {
            return time.toInstant();
        }
        return (Instant) value;
    }

    private static LocalDate date(Object value) {
        return value instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) value;
    }
}
