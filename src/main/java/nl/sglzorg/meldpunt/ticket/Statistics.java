package nl.sglzorg.meldpunt.ticket;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;
import java.util.TreeMap;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.jdbc.Sql;
import nl.sglzorg.meldpunt.common.time.QueryInstants;
import nl.sglzorg.meldpunt.common.web.InvalidInputException;
import nl.sglzorg.meldpunt.kernel.Category;
import nl.sglzorg.meldpunt.kernel.Platform;
import nl.sglzorg.meldpunt.kernel.Priority;
import nl.sglzorg.meldpunt.kernel.TicketStatus;

/** Statistics for communicatie's monthly report; the default period is the last 30 days. */
@ApplicationScoped
public class Statistics {

    @Inject
    Clock clock;

    @Inject
    MeldpuntConfig config;

    @Inject
    SlaPolicy policy;

    /** The statistics of the period {@code [from, to)}, each bound as typed in a query (or absent). */
    @Transactional
    public TicketStats of(String fromParam, String toParam) {
        Instant to = QueryInstants.parse("to", toParam, config.timeZone(), true);
        if (to == null) {
            to = Instant.now(clock);
        }
        Instant from = QueryInstants.parse("from", fromParam, config.timeZone(), false);
        if (from == null) {
            from = to.minus(Duration.ofDays(30));
        }
        if (!from.isBefore(to)) {
            throw new InvalidInputException("from", "moet voor 'to' liggen");
        }
        List<Object[]> rows = countPerCombination(from, to);
        Map<String, Long> byStatus = sumBy(rows, 0);
        long signals = byStatus.values().stream().mapToLong(Long::longValue).sum();
        long duplicates = byStatus.getOrDefault(TicketStatus.MERGED.name(), 0L);
        return new TicketStats(from, to, signals, signals - duplicates, duplicates,
                sumBy(rows, 1), sumBy(rows, 2), sumBy(rows, 3), sumBy(rows, 4), byStatus, medianMinutes(from, to));
    }

    /**
     * The figures of a calendar month in SGL's time zone, for the staff desk. One pass over the
     * month's tickets, found by the index on {@code created_at} (V11) and read as a stream, so only
     * counters and the month's response times are held. Deadlines stand as they are now; a duplicate
     * folded into another ticket counts as a signal but has no deadlines or response time of its own.
     */
    @Transactional
    public MonthFigures month(YearMonth month) {
        ZoneId zone = config.timeZone();
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        Instant now = Instant.now(clock);
        MonthFigures.Tally tally = new MonthFigures.Tally(month, zone);
        try (Stream<Object[]> rows = Panache.getEntityManager()
                .createQuery("select t.createdAt, t.category, t.platform, t.priority, t.status, t.sla"
                        + " from Ticket t where t.createdAt >= :from and t.createdAt < :to", Object[].class)
                .setParameter("from", from).setParameter("to", to)
                .setHint("org.hibernate.fetchSize", 1000).setHint("org.hibernate.readOnly", true)
                .getResultStream()) {
            rows.forEach(row -> {
                Instant filedAt = (Instant) row[0];
                tally.signal(filedAt, (Category) row[1], (Platform) row[2]);
                ServiceLevel sla = (ServiceLevel) row[5];
                if (row[4] == TicketStatus.MERGED || sla == null) {
                    return;
                }
                tally.deadlines(sla.firstResponseState(now), sla.resolutionState(now));
                if (sla.firstResponseAt != null) {
                    // As the deadline counts it: working hours, or around the clock for an urgent ticket.
                    tally.respondedAfter(policy.between(filedAt, sla.firstResponseAt, (Priority) row[3]));
                }
            });
        }
        return tally.figures(from, to);
    }

    /**
     * One scan of the period: the count per combination of status, category, platform, topic and
     * function (the last element of each row). There are few combinations; the index of V11 holds
     * every column, so PostgreSQL never reads the tickets themselves.
     */
    private static List<Object[]> countPerCombination(Instant from, Instant to) {
        return Panache.getEntityManager()
                .createQuery("select t.status, t.category, t.platform, t.topic, t.routedFunction, count(*)"
                        + " from Ticket t where t.createdAt >= :from and t.createdAt < :to"
                        + " group by t.status, t.category, t.platform, t.topic, t.routedFunction", Object[].class)
                .setParameter("from", from).setParameter("to", to).getResultList();
    }

    /** The counts per value of the rows' element {@code column}, summed over the other columns. */
    private static Map<String, Long> sumBy(List<Object[]> rows, int column) {
        Map<String, Long> counts = new TreeMap<>();
        rows.forEach(row -> counts.merge(String.valueOf(row[column]), (Long) row[row.length - 1], Long::sum));
        return counts;
    }

    /**
     * The median over the period, computed by the database (PERCENTILE_CONT runs on H2 and PostgreSQL);
     * exact, so it sorts the period's response times, read from the index of V11.
     */
    private static Double medianMinutes(Instant from, Instant to) {
        Object median = Sql.column("select percentile_cont(0.5) within group (order by first_response_seconds)"
                + " from ticket where created_at >= ? and created_at < ? and first_response_seconds is not null", from, to)
                .get(0);
        return median == null ? null : Math.round(((Number) median).doubleValue() / 6.0) / 10.0;
    }
}
