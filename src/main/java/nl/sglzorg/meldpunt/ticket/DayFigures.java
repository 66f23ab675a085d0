package nl.sglzorg.meldpunt.ticket;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import nl.sglzorg.meldpunt.kernel.Priority;
import nl.sglzorg.meldpunt.kernel.TicketStatus;

/**
 * The figures of a set of tickets — one day's, or a partial day's at a period's edge — in a form
 * that adds up: counts per value of each figure, and per measured time the number of tickets that
 * took that many seconds, so a median over several days is exact. What one ticket adds is decided
 * in {@link #add}, the one place; the day rows ({@link FiguresPerDay}) and the tickets read directly
 * both go through it.
 */
final class DayFigures {

    /** What is counted per value; the names are stored in {@code ticket_day_count.figure}. */
    enum Figure {
        STATUS, CATEGORY, PLATFORM, TOPIC, FUNCTION, CHANNEL,
        /** How the first-response deadline stands: MET, BREACHED or RUNNING; merged tickets left out. */
        FIRST_RESPONSE,
        /** How the resolution deadline stands, as {@link #FIRST_RESPONSE}. */
        RESOLUTION
    }

    /** What is measured in seconds; the names are stored in {@code ticket_day_time.measure}. */
    enum Measure {
        /** From filing to the first staff action, around the clock ({@code first_response_seconds}). */
        FIRST_STAFF_ACTION,
        /** From filing to the first response as the deadline counts time; merged tickets left out. */
        FIRST_RESPONSE
    }

    /** A deadline's state as the figures count it. */
    static final String MET = "MET";
    static final String BREACHED = "BREACHED";
    static final String RUNNING = "RUNNING";

    private final Map<Figure, Map<String, Long>> counts = new EnumMap<>(Figure.class);
    private final Map<Measure, TreeMap<Long, Long>> times = new EnumMap<>(Measure.class);
    private Instant validUntil;

    /** The facts of one ticket the figures are made of. */
    record TicketFacts(Instant createdAt, TicketStatus status, String category, String platform, String topic,
            String function, String channel, Priority priority, Long firstStaffActionSeconds, ServiceLevel sla) {
    }

    /** Adds one ticket as its deadlines stand at {@code now}. */
    void add(TicketFacts ticket, Instant now, SlaPolicy policy) {
        addWithoutDeadlines(ticket);
        ServiceLevel sla = ticket.sla();
        // A duplicate folded into another ticket counts as a signal but has no deadlines of its own.
        if (ticket.status() == TicketStatus.MERGED || sla == null) {
            return;
        }
        deadline(Figure.FIRST_RESPONSE, sla.firstResponseState(now), sla.firstResponseDue);
        deadline(Figure.RESOLUTION, sla.resolutionState(now), sla.resolutionDue);
        if (sla.firstResponseAt != null) {
            // As the deadline counts it: working hours, or around the clock for an urgent ticket.
            Duration time = policy.between(ticket.createdAt(), sla.firstResponseAt, ticket.priority());
            time(Measure.FIRST_RESPONSE, time.toSeconds(), 1);
        }
    }

    /**
     * Adds what {@code GET /api/stats} shows of one ticket: its six values and its time to the first
     * staff action (the hour rows hold only these).
     */
    void addWithoutDeadlines(TicketFacts ticket) {
        count(Figure.STATUS, ticket.status().name(), 1);
        count(Figure.CATEGORY, ticket.category(), 1);
        count(Figure.PLATFORM, ticket.platform(), 1);
        count(Figure.TOPIC, ticket.topic(), 1);
        count(Figure.FUNCTION, ticket.function(), 1);
        count(Figure.CHANNEL, ticket.channel(), 1);
        if (ticket.firstStaffActionSeconds() != null) {
            time(Measure.FIRST_STAFF_ACTION, ticket.firstStaffActionSeconds(), 1);
        }
    }

    private void deadline(Figure figure, ServiceLevel.State state, Instant due) {
        switch (state) {
            case MET -> count(figure, MET, 1);
            case BREACHED -> count(figure, BREACHED, 1);
            case PAUSED -> count(figure, RUNNING, 1);
            case PENDING -> {
                count(figure, RUNNING, 1);
                // Passed without a change to the ticket, the deadline is breached: these figures hold until then.
                validUntil = validUntil == null || due.isBefore(validUntil) ? due : validUntil;
            }
            case NONE -> {
            }
        }
    }

    void count(Figure figure, String value, long tickets) {
        counts.computeIfAbsent(figure, f -> new TreeMap<>()).merge(value, tickets, Long::sum);
    }

    void time(Measure measure, long seconds, long tickets) {
        times.computeIfAbsent(measure, m -> new TreeMap<>()).merge(seconds, tickets, Long::sum);
    }

    /** Adds another day's (or part's) figures to these. */
    void add(DayFigures other) {
        other.counts.forEach((figure, values) -> values.forEach((value, n) -> count(figure, value, n)));
        other.times.forEach((measure, values) -> values.forEach((seconds, n) -> time(measure, seconds, n)));
    }

    /** The count per value of {@code figure}, by value. */
    Map<String, Long> counts(Figure figure) {
        return counts.getOrDefault(figure, new TreeMap<>());
    }

    long count(Figure figure, String value) {
        return counts(figure).getOrDefault(value, 0L);
    }

    /** The number of tickets per number of seconds, in order of the seconds. */
    TreeMap<Long, Long> times(Measure measure) {
        return times.getOrDefault(measure, new TreeMap<>());
    }

    /** Until when these figures hold; {@code null} while no ticket changes. */
    Instant validUntil() {
        return validUntil;
    }

    long signals() {
        return counts(Figure.STATUS).values().stream().mapToLong(Long::longValue).sum();
    }

    long measured(Measure measure) {
        return times(measure).values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The median of a measure in seconds: the middle time, or the mean of the two middle times, as
     * {@code percentile_cont(0.5)} takes it; {@code null} when nothing was measured.
     */
    Double medianSeconds(Measure measure) {
        long n = measured(measure);
        if (n == 0) {
            return null;
        }
        long lower = nth(measure, (n - 1) / 2);
        long upper = nth(measure, n / 2);
        return (lower + upper) / 2.0;
    }

    /** The {@code rank}-th smallest time (0-based). */
    private long nth(Measure measure, long rank) {
        long seen = 0;
        for (Map.Entry<Long, Long> entry : times(measure).entrySet()) {
            seen += entry.getValue();
            if (seen > rank) {
                return entry.getKey();
            }
        }
        throw new IllegalStateException("rank " + rank + " past the end");
    }
}
