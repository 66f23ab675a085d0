package nl.sglzorg.meldpunt.ticket;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import nl.sglzorg.meldpunt.kernel.Category;
import nl.sglzorg.meldpunt.kernel.Priority;

/**
 * Response times per priority, on the office calendar or around the clock. Plain Java: time comes
 * in as arguments.
 */
public final class SlaPolicy {

    /**
     * @param firstResponse working time (or wall time, around the clock) until the first response
     * @param acknowledgeWithin how long a manager has to acknowledge an escalation before the next level
     */
    public record Level(Duration firstResponse, Duration resolution, boolean aroundTheClock,
            Duration acknowledgeWithin) {
    }

    /**
     * Whether tickets of a category run deadlines at all. A positive post offered for SGL to share
     * has none, so it is never warned about, breached or escalated: sharing it is a chance, not a duty.
     */
    public static boolean hasDeadlines(Category category) {
        return category != Category.POSITIVE_POST;
    }

    private final WorkingCalendar calendar;
    private final Map<Priority, Level> levels;
    private final double warningAt;

    public SlaPolicy(WorkingCalendar calendar, Map<Priority, Level> levels, double warningAt) {
        if (warningAt <= 0 || warningAt >= 1) {
            throw new IllegalArgumentException("the warning comes between 0 and 1 of a deadline");
        }
        this.calendar = calendar;
        this.levels = new EnumMap<>(levels);
        for (Priority priority : Priority.values()) {
            if (!this.levels.containsKey(priority)) {
                throw new IllegalArgumentException("no response times for " + priority);
            }
        }
        this.warningAt = warningAt;
    }

    /** The defaults of SGL: URGENT 1 h / 8 h around the clock, HIGH 4 h / 2 days, NORMAL 1 / 5, LOW 3 / 10 working days. */
    public static SlaPolicy sglDefaults(WorkingCalendar calendar) {
        Duration day = calendar.workingDay();
        Map<Priority, Level> levels = new EnumMap<>(Priority.class);
        levels.put(Priority.URGENT, new Level(Duration.ofHours(1), Duration.ofHours(8), true, Duration.ofHours(1)));
        levels.put(Priority.HIGH, new Level(Duration.ofHours(4), day.multipliedBy(2), false, Duration.ofHours(4)));
        levels.put(Priority.NORMAL, new Level(day, day.multipliedBy(5), false, day));
        levels.put(Priority.LOW, new Level(day.multipliedBy(3), day.multipliedBy(10), false, day));
        return new SlaPolicy(calendar, levels, 0.8);
    }

    public Level level(Priority priority) {
        return levels.get(priority);
    }

    /** {@code start} plus {@code amount} of the priority's time: working time, or wall time around the clock. */
    public Instant plus(Instant start, Duration amount, Priority priority) {
        Instant result = level(priority).aroundTheClock() ? start.plus(amount) : calendar.plusWorkingTime(start, amount);
        return result.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    /** The priority's time between two instants. */
    public Duration between(Instant from, Instant to, Priority priority) {
        if (level(priority).aroundTheClock()) {
            return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
        }
        return calendar.workingTimeBetween(from, to);
    }

    /** Working time on the office calendar between two instants, whatever the priority. */
    public Duration workingTimeBetween(Instant from, Instant to) {
        return calendar.workingTimeBetween(from, to);
    }

    /** When to warn about a deadline of {@code budget} that runs from {@code start}. */
    public Instant warningFor(Instant start, Duration budget, Priority priority) {
        return plus(start, Duration.ofMillis((long) (budget.toMillis() * warningAt)), priority);
    }
}
