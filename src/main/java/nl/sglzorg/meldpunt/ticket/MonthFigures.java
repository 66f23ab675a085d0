package nl.sglzorg.meldpunt.ticket;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import nl.sglzorg.meldpunt.kernel.Category;
import nl.sglzorg.meldpunt.kernel.Channel;
import nl.sglzorg.meldpunt.kernel.Platform;

/**
 * The figures of one calendar month in SGL's time zone, as the staff desk shows them: the signals
 * filed per week by category, by platform and by channel, how many first responses and resolutions met their
 * deadline, and the median time to the first response as the deadline counts time.
 *
 * @param weeks the month's calendar weeks (Monday to Sunday), the first and last cut off at the month's edges
 * @param signals every signal filed in the month, duplicates included
 * @param medianToFirstResponse over the tickets with a first response, each time taken to the whole second;
 *     {@code null} when none has one
 * @param responded how many tickets the median is taken over
 */
public record MonthFigures(YearMonth month, Instant from, Instant to, List<Week> weeks, long signals,
        Deadline firstResponse, Deadline resolution, Duration medianToFirstResponse, long responded) {

    /**
     * One week of the month: days {@code firstDay} to {@code lastDay}, both included. The counts are
     * in the order of {@link Category#values()}, {@link Platform#values()} and {@link Channel#values()}.
     */
    public record Week(int number, LocalDate firstDay, LocalDate lastDay, List<Long> byCategory,
            List<Long> byPlatform, List<Long> byChannel) {

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

    /** Sums a month's figures per day into weeks, and the month's deadlines and response times. */
    static final class Tally {

        private final YearMonth month;
        private final List<LocalDate[]> weeks;
        private final long[][] byCategory;
        private final long[][] byPlatform;
        private final long[][] byChannel;
        private final DayFigures total = new DayFigures();

        Tally(YearMonth month) {
            this.month = month;
            this.weeks = weeksOf(month);
            this.byCategory = new long[weeks.size()][Category.values().length];
            this.byPlatform = new long[weeks.size()][Platform.values().length];
            this.byChannel = new long[weeks.size()][Channel.values().length];
        }

        /** Adds the figures of one day of the month. */
        void day(LocalDate day, DayFigures figures) {
            int week = 0;
            while (week < weeks.size() - 1 && day.isAfter(weeks.get(week)[1])) {
                week++;
            }
            for (Category category : Category.values()) {
                byCategory[week][category.ordinal()] += figures.count(DayFigures.Figure.CATEGORY, category.name());
            }
            for (Platform platform : Platform.values()) {
                byPlatform[week][platform.ordinal()] += figures.count(DayFigures.Figure.PLATFORM, platform.name());
            }
            for (Channel channel : Channel.values()) {
                byChannel[week][channel.ordinal()] += figures.count(DayFigures.Figure.CHANNEL, channel.name());
            }
            total.add(figures);
        }

        MonthFigures figures(Instant from, Instant to) {
            List<Week> rows = new ArrayList<>();
            for (int i = 0; i < weeks.size(); i++) {
                LocalDate first = weeks.get(i)[0];
                rows.add(new Week(first.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), first, weeks.get(i)[1],
                        boxed(byCategory[i]), boxed(byPlatform[i]), boxed(byChannel[i])));
            }
            Double median = total.medianSeconds(DayFigures.Measure.FIRST_RESPONSE);
            return new MonthFigures(month, from, to, List.copyOf(rows), total.signals(),
                    deadline(DayFigures.Figure.FIRST_RESPONSE), deadline(DayFigures.Figure.RESOLUTION),
                    median == null ? null : Duration.ofMillis(Math.round(median * 1000)),
                    total.measured(DayFigures.Measure.FIRST_RESPONSE));
        }

        private Deadline deadline(DayFigures.Figure figure) {
            return new Deadline(total.count(figure, DayFigures.MET), total.count(figure, DayFigures.BREACHED),
                    total.count(figure, DayFigures.RUNNING));
        }

        private static List<Long> boxed(long[] counts) {
            return java.util.Arrays.stream(counts).boxed().toList();
        }
    }
}
