package nl.sglzorg.meldpunt.ticket;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import nl.sglzorg.meldpunt.kernel.Category;
import nl.sglzorg.meldpunt.kernel.Platform;

/**
 * The figures of one calendar month in SGL's time zone, as the staff desk shows them: the signals
 * filed per week by category and by platform, how many first responses and resolutions met their
 * deadline, and the median time to the first response as the deadline counts time.
 *
 * @param weeks the month's calendar weeks (Monday to Sunday), the first and last cut off at the month's edges
 * @param signals every signal filed in the month, duplicates included
 * @param medianToFirstResponse over the tickets with a first response; {@code null} when none has one
 * @param responded how many tickets the median is taken over
 */
public record MonthFigures(YearMonth month, Instant from, Instant to, List<Week> weeks, long signals,
        Deadline firstResponse, Deadline resolution, Duration medianToFirstResponse, long responded) {

    /**
     * One week of the month: days {@code firstDay} to {@code lastDay}, both included. The counts are
     * in the order of {@link Category#values()} and {@link Platform#values()}.
     */
    public record Week(int number, LocalDate firstDay, LocalDate lastDay, List<Long> byCategory,
            List<Long> byPlatform) {

        public long total() {
            return byCategory.stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * How one kind of deadline fared for the month's tickets (duplicates folded into another left out).
     *
     * @param met met in time
     * @param breached met too late, or passed without being met
     * @param running not yet passed, or paused while the ticket waits for the reporter
     */
    public record Deadline(long met, long breached, long running) {

        /** The share of the decided deadlines that were met, rounded to a whole percent; {@code null} when none is decided. */
        public Integer percentMet() {
            long decided = met + breached;
            return decided == 0 ? null : (int) Math.round(100.0 * met / decided);
        }
    }

    /** The weeks of a month, each still without counts. */
    static List<LocalDate[]> weeksOf(YearMonth month) {
        List<LocalDate[]> weeks = new ArrayList<>();
        LocalDate day = month.atDay(1);
        while (!day.isAfter(month.atEndOfMonth())) {
            LocalDate sunday = day.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
            LocalDate last = sunday.isAfter(month.atEndOfMonth()) ? month.atEndOfMonth() : sunday;
            weeks.add(new LocalDate[] {day, last});
            day = last.plusDays(1);
        }
        return weeks;
    }

    /** Counts a month's tickets one by one, keeping only counters and the response times. */
    static final class Tally {

        private final YearMonth month;
        private final ZoneId zone;
        private final List<LocalDate[]> weeks;
        private final long[][] byCategory;
        private final long[][] byPlatform;
        private final long[] firstResponse = new long[3];
        private final long[] resolution = new long[3];
        private final List<Duration> responseTimes = new ArrayList<>();
        private long signals;

        Tally(YearMonth month, ZoneId zone) {
            this.month = month;
            this.zone = zone;
            this.weeks = weeksOf(month);
            this.byCategory = new long[weeks.size()][Category.values().length];
            this.byPlatform = new long[weeks.size()][Platform.values().length];
        }

        void signal(Instant filedAt, Category category, Platform platform) {
            LocalDate day = filedAt.atZone(zone).toLocalDate();
            int week = 0;
            while (week < weeks.size() - 1 && day.isAfter(weeks.get(week)[1])) {
                week++;
            }
            byCategory[week][category.ordinal()]++;
            byPlatform[week][platform.ordinal()]++;
            signals++;
        }

        void deadlines(ServiceLevel.State firstResponseState, ServiceLevel.State resolutionState) {
            count(firstResponse, firstResponseState);
            count(resolution, resolutionState);
        }

        void respondedAfter(Duration time) {
            responseTimes.add(time);
        }

        private static void count(long[] counts, ServiceLevel.State state) {
            switch (state) {
                case MET -> counts[0]++;
                case BREACHED -> counts[1]++;
                case PENDING, PAUSED -> counts[2]++;
                case NONE -> {
                }
            }
        }

        MonthFigures figures(Instant from, Instant to) {
            List<Week> rows = new ArrayList<>();
            for (int i = 0; i < weeks.size(); i++) {
                LocalDate first = weeks.get(i)[0];
                rows.add(new Week(first.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), first, weeks.get(i)[1],
                        boxed(byCategory[i]), boxed(byPlatform[i])));
            }
            return new MonthFigures(month, from, to, List.copyOf(rows), signals,
                    new Deadline(firstResponse[0], firstResponse[1], firstResponse[2]),
                    new Deadline(resolution[0], resolution[1], resolution[2]), median(), responseTimes.size());
        }

        /** The middle time, or the mean of the two middle times, to the second. */
        private Duration median() {
            if (responseTimes.isEmpty()) {
                return null;
            }
            Collections.sort(responseTimes);
            int middle = responseTimes.size() / 2;
            if (responseTimes.size() % 2 == 1) {
                return responseTimes.get(middle);
            }
            return responseTimes.get(middle - 1).plus(responseTimes.get(middle)).dividedBy(2);
        }

        private static List<Long> boxed(long[] counts) {
            return java.util.Arrays.stream(counts).boxed().toList();
        }
    }
}
