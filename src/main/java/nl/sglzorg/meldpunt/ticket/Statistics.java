package nl.sglzorg.meldpunt.ticket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Map;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.time.QueryInstants;
import nl.sglzorg.meldpunt.common.web.InvalidInputException;
import nl.sglzorg.meldpunt.kernel.TicketStatus;

/**
 * Statistics for communicatie's monthly report (the default period is the last 30 calendar days:
 * {@code to}'s day and the 29 before it) and the desk's figures page, summed from the figures per day
 * ({@link FiguresPerDay}).
 */
@ApplicationScoped
public class Statistics {

    @Inject
    Clock clock;

    @Inject
    MeldpuntConfig config;

    @Inject
    FiguresPerDay perDay;

    /** The longest period one request counts: a century, any report's "all time", and a bound on its work. */
    static final Duration LONGEST_PERIOD = Duration.ofDays(36525);

    /** The statistics of the period {@code [from, to)}, each bound as typed in a query (or absent). */
    @Transactional
    public TicketStats of(String fromParam, String toParam) {
        Instant to = QueryInstants.parse("to", toParam, config.timeZone(), true);
        if (to == null) {
            to = Instant.now(clock);
        }
        Instant from = QueryInstants.parse("from", fromParam, config.timeZone(), false);
        if (from == null) {
            from = defaultFrom(to);
        }
        if (!from.isBefore(to)) {
            throw new InvalidInputException("from", "moet voor 'to' liggen");
        }
        if (Duration.between(from, to).compareTo(LONGEST_PERIOD) > 0) {
            // The figures are planned day by day: a period of millennia was seconds of work for nothing.
            throw new InvalidInputException("from", "hoogstens " + LONGEST_PERIOD.toDays() + " dagen voor 'to'");
        }
        DayFigures figures = perDay.total(from, to);
        Map<String, Long> byStatus = figures.counts(DayFigures.Figure.STATUS);
        long signals = figures.signals();
        long duplicates = byStatus.getOrDefault(TicketStatus.MERGED.name(), 0L);
        Double median = figures.medianSeconds(DayFigures.Measure.FIRST_STAFF_ACTION);
        return new TicketStats(from, to, signals, signals - duplicates, duplicates,
                figures.counts(DayFigures.Figure.CATEGORY), figures.counts(DayFigures.Figure.PLATFORM),
                figures.counts(DayFigures.Figure.TOPIC), figures.counts(DayFigures.Figure.FUNCTION), byStatus,
                figures.counts(DayFigures.Figure.CHANNEL), median == null ? null : Math.round(median / 6.0) / 10.0);
    }

    /**
     * The start of the default period: midnight in SGL's time zone, 29 days before the day that holds
     * {@code to}'s last moment. Whole days, as people count a month's figures, and as the figures per
     * day hold them: a period that started at this hour 30 days ago would count that first, partial
     * day from its tickets at every request.
     */
    private Instant defaultFrom(Instant to) {
        ZoneId zone = config.timeZone();
        return to.minusNanos(1).atZone(zone).toLocalDate().minusDays(29).atStartOfDay(zone).toInstant();
    }

    /**
     * The figures of a calendar month in SGL's time zone, for the staff desk, from the figures per
     * day. Deadlines stand as they are now; a duplicate folded into another ticket counts as a
     * signal but has no deadlines or response time of its own.
     */
    @Transactional
    public MonthFigures month(YearMonth month) {
        ZoneId zone = config.timeZone();
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        MonthFigures.Tally tally = new MonthFigures.Tally(month);
        perDay.perDay(from, to, Instant.now(clock)).forEach(tally::day);
        return tally.figures(from, to);
    }
}
