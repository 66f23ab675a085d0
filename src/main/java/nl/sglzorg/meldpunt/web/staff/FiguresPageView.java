package nl.sglzorg.meldpunt.web.staff;

import io.quarkus.qute.TemplateData;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import nl.sglzorg.meldpunt.kernel.Category;
import nl.sglzorg.meldpunt.kernel.Channel;
import nl.sglzorg.meldpunt.kernel.Platform;
import nl.sglzorg.meldpunt.ticket.MonthFigures;

/** A month's figures in the words and order of the figures page. */
@TemplateData
public record FiguresPageView(String month, String previous, String next, long signals,
        List<String> categories, List<Row> byCategory, Row categoryTotals,
        List<String> platforms, List<Row> byPlatform, Row platformTotals,
        List<String> channels, List<Row> byChannel, Row channelTotals,
        List<DeadlineRow> deadlines, String median, long responded) {

    private static final Locale DUTCH = Locale.forLanguageTag("nl-NL");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", DUTCH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", DUTCH);

    /** One row of a table: its heading (a week has its days too) and its counts, the total last. */
    @TemplateData
    public record Row(String label, String days, List<Long> counts) {
    }

    /** How one kind of deadline fared; {@code percent} is empty when none was decided yet. */
    @TemplateData
    public record DeadlineRow(String label, long met, long breached, long running, String percent, Integer value) {

        /** The deadlines met or passed: what the percentage is taken over. */
        public long decided() {
            return met + breached;
        }
    }

    public static FiguresPageView of(MonthFigures figures) {
        List<Row> byCategory = new ArrayList<>();
        List<Row> byPlatform = new ArrayList<>();
        List<Row> byChannel = new ArrayList<>();
        for (MonthFigures.Week week : figures.weeks()) {
            String label = "Week " + week.number();
            byCategory.add(new Row(label, days(week), withTotal(week.byCategory())));
            byPlatform.add(new Row(label, days(week), withTotal(week.byPlatform())));
            byChannel.add(new Row(label, days(week), withTotal(week.byChannel())));
        }
        return new FiguresPageView(MONTH.format(figures.month()), figures.month().minusMonths(1).toString(),
                figures.month().plusMonths(1).toString(), figures.signals(),
                labels(Category.values(), Category::dutchName), byCategory, totals(byCategory),
                labels(Platform.values(), FiguresPageView::platform), byPlatform, totals(byPlatform),
                labels(Channel.values(), Channel::dutchName), byChannel, totals(byChannel),
                List.of(deadline("Eerste reactie", figures.firstResponse()), deadline("Afhandeling", figures.resolution())),
                duration(figures.medianToFirstResponse()), figures.responded());
    }

    private static String days(MonthFigures.Week week) {
        return week.firstDay().equals(week.lastDay()) ? DAY.format(week.firstDay())
                : week.firstDay().getDayOfMonth() + "–" + DAY.format(week.lastDay());
    }

    private static List<Long> withTotal(List<Long> counts) {
        List<Long> row = new ArrayList<>(counts);
        row.add(counts.stream().mapToLong(Long::longValue).sum());
        return row;
    }

    private static Row totals(List<Row> rows) {
        int columns = rows.isEmpty() ? 0 : rows.get(0).counts().size();
        List<Long> totals = new ArrayList<>();
        for (int i = 0; i < columns; i++) {
            int column = i;
            totals.add(rows.stream().mapToLong(r -> r.counts().get(column)).sum());
        }
        return new Row("Totaal", "", totals);
    }

    private static <E> List<String> labels(E[] values, Function<E, String> name) {
        return Arrays.stream(values).map(name).toList();
    }

    private static String platform(Platform platform) {
        return switch (platform) {
            case BLOG -> "Blog";
            case OTHER -> "Ander platform";
            default -> platform.dutchName();
        };
    }

    private static DeadlineRow deadline(String label, MonthFigures.Deadline deadline) {
        Integer percent = deadline.percentMet();
        return new DeadlineRow(label, deadline.met(), deadline.breached(), deadline.running(),
                percent == null ? "" : percent + "%", percent);
    }

    /** To the nearest minute: "3 uur en 20 minuten", "45 minuten", "minder dan een minuut"; empty when there is no time. */
    static String duration(Duration time) {
        if (time == null) {
            return "";
        }
        long minutes = time.plusSeconds(30).toMinutes();
        long hours = minutes / 60;
        long rest = minutes % 60;
        if (hours == 0) {
            return rest == 0 ? "minder dan een minuut" : rest + (rest == 1 ? " minuut" : " minuten");
        }
        String h = hours + " uur";
        return rest == 0 ? h : h + " en " + rest + (rest == 1 ? " minuut" : " minuten");
    }
}
