package nl.sglzorg.meldpunt.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import nl.sglzorg.meldpunt.TestClock;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.intake.IntakeService;
import nl.sglzorg.meldpunt.intake.SignalRequest;
import nl.sglzorg.meldpunt.kernel.Category;
import nl.sglzorg.meldpunt.kernel.Channel;
import nl.sglzorg.meldpunt.kernel.Platform;
import nl.sglzorg.meldpunt.kernel.Priority;
import nl.sglzorg.meldpunt.kernel.TicketStatus;
import nl.sglzorg.meldpunt.support.Tickets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The statistics from the figures per day are the same as counting every ticket, the way
 * {@link Statistics} did before the day rows (kept below as {@link #countedFromTickets} and
 * {@link #monthFromTickets}): over a month of varied tickets in a year no other test files in,
 * before and after the refresh, after changes the day rows do not hold yet, after a running
 * deadline passes, and over periods that start and end inside a day.
 */
@QuarkusTest
class FiguresPerDayTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    @Inject
    Statistics statistics;

    @Inject
    FiguresPerDay perDay;

    @Inject
    TicketMetrics metrics;

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @Inject
    IntakeService intake;

    @Inject
    EntityManager em;

    @Inject
    SlaPolicy policy;

    /** Each test's first refresh counts every day. */
    @BeforeEach
    void forgetTheRefresh() {
        forgetTheDayRows();
    }

    @AfterEach
    void resetClock() {
        TestClock.INSTANCE.reset();
    }

    /** The other test classes count from the tickets, as before this class ran. */
    @AfterAll
    static void forgetTheDayRows() {
        QuarkusTransaction.requiringNew().run(() -> nl.sglzorg.meldpunt.common.jdbc.Sql.update(
                "UPDATE ticket_day_refresh SET refreshed_at = NULL WHERE id = 1"));
    }

    @Test
    void shouldRefuseAPeriodLongerThanACenturyNamingFrom() {
        // Planned day by day: from year 1 to 9999 was millions of days of work for one request.
        TestData.asCommunicatie().get("/api/stats?from=0002-01-01&to=9999-12-30").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", org.hamcrest.Matchers.equalTo("from"));
        TestData.asCommunicatie().get("/api/stats?from=2000-01-01&to=2099-12-31").then().statusCode(200);
    }

    @Test
    void shouldGiveTheFiguresOfCountingEveryTicket() {
        YearMonth march = YearMonth.of(ThreadLocalRandom.current().nextInt(3000, 3900), 3);
        List<String> tickets = new ArrayList<>();
        // Around the clock, on working days and in weekends, by every channel, with the month's edges.
        String[] categories = {"MENTION", "DERAILED_DISCUSSION", "CONFIDENTIAL_INFORMATION", "BRAND_ASSET_REQUEST", "UNWANTED_CONTACT"};
        String[] platforms = {"TWITTER", "FACEBOOK", "INSTAGRAM", "LINKEDIN", "YOUTUBE", "OTHER"};
        int n = 0;
        for (int day = 1; day <= 31; day += 2) {
            for (int hour : new int[] {0, 9, 16, 23}) {
                LocalDateTime at = march.atDay(day).atTime(hour, (day * 7 + hour) % 60);
                tickets.add(fileAt(at, categories[n % categories.length], platforms[n % platforms.length],
                        Channel.values()[n % Channel.values().length]));
                n++;
            }
        }
        tickets.add(fileAt(march.minusMonths(1).atEndOfMonth().atTime(23, 59), "MENTION", "TWITTER", Channel.WEB));
        tickets.add(fileAt(march.plusMonths(1).atDay(1).atTime(0, 0), "MENTION", "TWITTER", Channel.API));
        // Worked on: answered in time and late, waiting, resolved, rejected, merged and unmerged, rerouted, reprioritised.
        for (int i = 0; i < tickets.size(); i++) {
            String reference = tickets.get(i);
            String previous = i == 0 ? null : tickets.get(i - 1);
            LocalDateTime filed = LocalDateTime.ofInstant(createdAt(reference), AMSTERDAM);
            switch (i % 9) {
                case 0 -> moveAt(filed.plusMinutes(37), reference, "TRIAGED");
                case 1 -> {
                    moveAt(filed.plusHours(3), reference, "TRIAGED");
                    moveAt(filed.plusHours(5), reference, "RESOLVED");
                }
                case 2 -> moveAt(filed.plusDays(3), reference, "IN_PROGRESS");
                case 3 -> moveAt(filed.plusMinutes(5), reference, "WAITING");
                case 4 -> at(filed.plusMinutes(90), () -> Tickets.merge(reference, previous).then().statusCode(200));
                case 5 -> moveAt(filed.plusHours(1), reference, "REJECTED");
                case 6 -> at(filed.plusMinutes(20), () -> TestData.asCommunicatie().contentType(ContentType.JSON)
                        .body(Map.of("priority", "URGENT")).put("/api/tickets/{reference}/priority", reference)
                        .then().statusCode(200));
                case 7 -> at(filed.plusHours(2), () -> TestData.asCommunicatie().contentType(ContentType.JSON)
                        .body(Map.of("function", "HR_REPRESENTATIVE", "reason", "Gaat over een sollicitatie"))
                        .put("/api/tickets/{reference}/routing", reference).then().statusCode(200));
                default -> {
                }
            }
        }
        at(march.atDay(20).atTime(12, 0), () -> Tickets.unmerge(tickets.get(13)).then().statusCode(200));

        // Mid-April: every deadline of March has passed or was met.
        TestClock.INSTANCE.setNow(march.plusMonths(1).atDay(15).atTime(12, 0).atZone(AMSTERDAM).toInstant());
        assertSameFigures(march, "before any refresh: everything from the tickets");

        assertTrue(perDay.refresh() >= 16, "the refresh counts the month's days");
        assertSameFigures(march, "from the day rows");
        assertDayRowsAreRead(march);
        assertPartialDayRowIsReadWhenTheRestOfTheDayIsEmpty(march);

        // Changes the day rows do not hold yet: the days they touch are counted from the tickets.
        at(march.plusMonths(1).atDay(15).atTime(13, 0), () -> {
            Tickets.merge(tickets.get(20), tickets.get(21)).then().statusCode(200);
            Tickets.move(tickets.get(10), "CLOSED");
        });
        assertSameFigures(march, "after changes since the refresh");
        TestClock.INSTANCE.setNow(march.plusMonths(1).atDay(15).atTime(14, 0).atZone(AMSTERDAM).toInstant());
        perDay.refresh();
        assertSameFigures(march, "after the next refresh");
    }

    @Test
    void shouldCountARunningDeadlineAsBreachedOnceItPassesWithoutAChange() {
        YearMonth may = YearMonth.of(ThreadLocalRandom.current().nextInt(3000, 3900), 5);
        LocalDateTime filed = may.atDay(12).atTime(10, 0);
        String reference = fileAt(filed, "MENTION", "TWITTER", Channel.PHONE);
        TestClock.INSTANCE.setNow(filed.plusMinutes(30).atZone(AMSTERDAM).toInstant());
        perDay.refresh();
        assertSameFigures(may, "deadline running");
        assertEquals(1, statistics.month(may).firstResponse().running(), reference + " still has time");

        TestClock.INSTANCE.setNow(filed.plusDays(10).atZone(AMSTERDAM).toInstant());
        assertSameFigures(may, "deadline passed, no refresh since");
        assertEquals(1, statistics.month(may).firstResponse().breached(), reference + " is late now");

        // A day whose running deadline passes soon after it was counted waits RECOUNT_PAUSE before it is
        // counted again; the figures page counts it from its tickets meanwhile, so they stay exact.
        Instant before = TestClock.INSTANCE.instant();
        perDay.refresh();
        Instant counted = countedAt(may.atDay(12));
        assertTrue(!counted.isBefore(before), "the day of " + reference + " is counted again");
        QuarkusTransaction.requiringNew().run(() -> nl.sglzorg.meldpunt.common.jdbc.Sql.update(
                "UPDATE ticket_day SET valid_until = ? WHERE filed_on = ?", counted.plusSeconds(60), may.atDay(12)));
        TestClock.INSTANCE.setNow(counted.plusSeconds(120));
        perDay.refresh();
        assertEquals(counted, countedAt(may.atDay(12)), "not counted again within the pause");
        assertSameFigures(may, "a deadline passed within the pause");
        Instant later = counted.plus(FiguresPerDay.RECOUNT_PAUSE).plusSeconds(60);
        TestClock.INSTANCE.setNow(later);
        perDay.refresh();
        assertTrue(!countedAt(may.atDay(12)).isBefore(later), "counted again after the pause");
        assertSameFigures(may, "counted again after the pause");
    }

    /**
     * A counted day whose tickets changed moments ago would not hold after a refresh either (a read
     * takes the changes of the last {@code MARGIN} as not counted): the refresh leaves it, and
     * {@code GET /api/stats} reads it as its hour rows without the changed hour, plus that hour's
     * tickets. A refresh after the day settled counts it again.
     */
    @Test
    void shouldReadADayThatIsStillChangingFromItsHourRowsAndCountItOnceSettled() {
        YearMonth july = YearMonth.of(ThreadLocalRandom.current().nextInt(3000, 3900), 7);
        LocalDate day = july.atDay(8);
        String morning = fileAt(day.atTime(10, 0), "MENTION", "TWITTER", Channel.WEB);
        String afternoon = fileAt(day.atTime(14, 0), "DERAILED_DISCUSSION", "FACEBOOK", Channel.WEB);
        TestClock.INSTANCE.setNow(day.atTime(14, 30).atZone(AMSTERDAM).toInstant());
        perDay.refresh();
        Instant first = countedAt(day);

        moveAt(day.atTime(14, 40), afternoon, "TRIAGED");
        TestClock.INSTANCE.setNow(day.atTime(14, 41).atZone(AMSTERDAM).toInstant());
        perDay.refresh();
        assertEquals(first, countedAt(day), "a day changed a minute ago is left to a later refresh");
        assertSameFigures(july, "the day still changing: hour rows and the changed hour's tickets");

        // Proof that the hours that did not change come from their rows: a count written into the
        // morning's hour row shows, and one written into the changed afternoon's does not.
        Instant morningHour = createdAt(morning).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        Instant afternoonHour = createdAt(afternoon).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        String from = july.atDay(1).toString();
        String to = july.atEndOfMonth().toString();
        long before = statistics.of(from, to).byChannel().getOrDefault("WEB", 0L);
        try {
            addToHourRow(day, morningHour, 1000);
            addToHourRow(day, afternoonHour, 100);
            assertEquals(before + 1000, statistics.of(from, to).byChannel().getOrDefault("WEB", 0L),
                    "the unchanged morning from its hour row, the changed afternoon from its tickets");
        } finally {
            addToHourRow(day, morningHour, -1000);
            addToHourRow(day, afternoonHour, -100);
        }

        TestClock.INSTANCE.setNow(day.atTime(14, 50).atZone(AMSTERDAM).toInstant());
        perDay.refresh();
        assertTrue(countedAt(day).isAfter(first), "counted again once no change is younger than the margin");
        assertSameFigures(july, "settled, from the day row");
    }

    /**
     * A period that starts inside a counted day (now less 30 days, the default) reads that day's whole
     * hours inside the period from their hour rows, and only the part of an hour at its start from the
     * tickets: an hour's tickets at most, where it was the rest of the day's.
     */
    @Test
    void shouldReadTheWholeHoursOfADayThePeriodStartsInFromTheirHourRows() {
        YearMonth august = YearMonth.of(ThreadLocalRandom.current().nextInt(3000, 3900), 8);
        LocalDate day = august.atDay(11);
        String early = fileAt(day.atTime(9, 45), "MENTION", "TWITTER", Channel.WEB);
        String later = fileAt(day.atTime(10, 5), "DERAILED_DISCUSSION", "FACEBOOK", Channel.WEB);
        fileAt(day.atTime(7, 0), "MENTION", "LINKEDIN", Channel.WEB);
        TestClock.INSTANCE.setNow(august.atDay(20).atTime(12, 0).atZone(AMSTERDAM).toInstant());
        perDay.refresh();
        assertSameFigures(august, "counted");

        Instant earlyHour = createdAt(early).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        Instant laterHour = createdAt(later).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        // From 09:30: the hour of 09:45 is partly before the period, so its ticket comes from the tickets;
        // the hour of 10:05 lies wholly inside, so it comes from its hour row.
        String from = day.atTime(9, 30).atZone(AMSTERDAM).toInstant().toString();
        String to = august.atDay(20).atTime(12, 0).atZone(AMSTERDAM).toInstant().toString();
        TicketStats before = statistics.of(from, to);
        assertEquals(2, before.signals(), "the tickets of 09:45 and 10:05, not the one of 07:00");
        try {
            addToHourRow(day, earlyHour, 100);
            addToHourRow(day, laterHour, 1000);
            assertEquals(before.byChannel().get("WEB") + 1000, statistics.of(from, to).byChannel().get("WEB"),
                    "the whole hour from its row, the partial hour from its tickets");
        } finally {
            addToHourRow(day, earlyHour, -100);
            addToHourRow(day, laterHour, -1000);
        }
        assertEquals(before, statistics.of(from, to), "the rows restored");
    }

    private static void addToHourRow(LocalDate day, Instant hour, long tickets) {
        assertEquals(1, (int) QuarkusTransaction.requiringNew().call(() -> nl.sglzorg.meldpunt.common.jdbc.Sql.update(
                "UPDATE ticket_hour_count SET tickets = tickets + ? WHERE filed_on = ? AND filed_hour = ?"
                        + " AND figure = 'CHANNEL' AND val = 'WEB'", tickets, day, hour)), "the hour row of " + hour);
    }


    private static Instant countedAt(LocalDate day) {
        return QuarkusTransaction.requiringNew().call(() -> FiguresPerDay.instant(nl.sglzorg.meldpunt.common.jdbc.Sql
                .column("SELECT counted_at FROM ticket_day WHERE filed_on = ?", day).get(0)));
    }

    /**
     * A reset of the figures (a migration such as V27, the benchmark's seeder) while a refresh is under
     * way, or while an instance of the previous version refreshes during a rolling update, is kept: the
     * refresh does not record itself over it, and the next one counts every day again.
     */
    @Test
    void shouldKeepAResetOfTheFiguresMadeWhileARefreshRuns() {
        YearMonth july = YearMonth.of(ThreadLocalRandom.current().nextInt(3000, 3900), 7);
        fileAt(july.atDay(8).atTime(9, 0), "MENTION", "LINKEDIN", Channel.WEB);
        TestClock.INSTANCE.setNow(july.atDay(8).atTime(10, 0).atZone(AMSTERDAM).toInstant());
        perDay.refresh();
        Instant since = refreshedAt();
        Instant start = since.plusSeconds(60);

        assertTrue(perDay.lease(start), "a refresh under way holds the lease");
        forgetTheDayRows();
        assertEquals(false, perDay.finish(since, start), "not recorded over the reset");
        assertEquals(null, refreshedAt(), "the reset stands");
        assertTrue(perDay.lease(start.plusSeconds(1)), "the lease was given back");
        assertTrue(perDay.finish(null, start.plusSeconds(1)), "a refresh that read the reset is recorded");
        assertEquals(start.plusSeconds(1), refreshedAt());
    }

    private static Instant refreshedAt() {
        return QuarkusTransaction.requiringNew().call(() -> FiguresPerDay.instant(nl.sglzorg.meldpunt.common.jdbc.Sql
                .column("SELECT refreshed_at FROM ticket_day_refresh WHERE id = 1").get(0)));
    }

    @Test
    void shouldGaugeEveryTicketByStatusFromTheDayRowsAndTheChangesSince() {
        perDay.refresh();
        YearMonth june = YearMonth.of(ThreadLocalRandom.current().nextInt(3000, 3900), 6);
        String reference = fileAt(june.atDay(3).atTime(9, 0), "MENTION", "FACEBOOK", Channel.WEB);
        TestClock.INSTANCE.setNow(june.atDay(3).atTime(10, 0).atZone(AMSTERDAM).toInstant());
        metrics.refresh();
        assertGaugesCountEveryTicket("a ticket filed since the refresh");
        at(june.atDay(3).atTime(11, 0), () -> Tickets.move(reference, "IN_PROGRESS"));
        perDay.refresh();
        metrics.refresh();
        assertGaugesCountEveryTicket("after the refresh and a change");
    }

    private void assertGaugesCountEveryTicket(String when) {
        Map<String, Long> expected = new TreeMap<>();
        QuarkusTransaction.requiringNew().run(() -> nl.sglzorg.meldpunt.common.jdbc.Sql
                .rows("SELECT status, COUNT(*) FROM ticket GROUP BY status")
                .forEach(row -> expected.put((String) row[0], ((Number) row[1]).longValue())));
        Map<String, Long> gauged = new TreeMap<>();
        for (TicketStatus status : TicketStatus.values()) {
            long value = (long) registry.get("meldpunt.tickets").tag("status", status.name()).gauge().value();
            if (value != 0) {
                gauged.put(status.name(), value);
            }
        }
        assertEquals(expected, gauged, when);
    }

    private void assertSameFigures(YearMonth month, String when) {
        MonthFigures expected = monthFromTickets(month);
        MonthFigures actual = statistics.month(month);
        assertEquals(expected, actual, "the month, " + when);
        assertEquals(expected.signals(), actual.weeks().stream()
                .mapToLong(w -> w.byChannel().stream().mapToLong(Long::longValue).sum()).sum(), "by channel, " + when);
        ZoneId zone = AMSTERDAM;
        Instant monthStart = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant monthEnd = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        List<Instant[]> periods = List.of(new Instant[] {monthStart, monthEnd},
                // Starting and ending inside a day: the partial days are counted from the tickets.
                new Instant[] {monthStart.plus(Duration.ofHours(9).plusMinutes(13)), monthEnd.minus(Duration.ofHours(5))},
                new Instant[] {monthStart.minus(Duration.ofHours(2)), monthStart.plus(Duration.ofDays(9).plusHours(3))},
                new Instant[] {monthStart.plus(Duration.ofDays(4).plusHours(1)), monthStart.plus(Duration.ofDays(4).plusHours(20))});
        for (Instant[] period : periods) {
            assertEquals(countedFromTickets(period[0], period[1]),
                    statistics.of(period[0].toString(), period[1].toString()), "/api/stats " + period[0] + " to " + period[1] + ", " + when);
        }
    }

    /** Proof that whole days come from their rows: a count written into a day row shows. */
    private void assertDayRowsAreRead(YearMonth month) {
        LocalDate day = month.atDay(3);
        String from = month.atDay(1).toString();
        String to = month.atEndOfMonth().toString();
        long before = statistics.of(from, to).byChannel().getOrDefault("EMAIL", 0L);
        QuarkusTransaction.requiringNew().run(() -> nl.sglzorg.meldpunt.common.jdbc.Sql.update(
                "UPDATE ticket_day_count SET tickets = tickets + 1000 WHERE filed_on = ? AND figure = 'CHANNEL' AND val = 'EMAIL'", day));
        try {
            assertNotEquals(before, statistics.of(from, to).byChannel().getOrDefault("EMAIL", 0L));
        } finally {
            QuarkusTransaction.requiringNew().run(() -> nl.sglzorg.meldpunt.common.jdbc.Sql.update(
                    "UPDATE ticket_day_count SET tickets = tickets - 1000 WHERE filed_on = ? AND figure = 'CHANNEL' AND val = 'EMAIL'", day));
        }
    }

    /**
     * A period that ends after a day's last ticket, before the day ends (today up to now), reads that
     * day's row: the part of the day it leaves out holds no ticket.
     */
    private void assertPartialDayRowIsReadWhenTheRestOfTheDayIsEmpty(YearMonth month) {
        LocalDate day = month.atDay(3);
        Instant dayStart = day.atStartOfDay(AMSTERDAM).toInstant();
        Instant last = QuarkusTransaction.requiringNew().call(() -> FiguresPerDay.instant(nl.sglzorg.meldpunt.common.jdbc.Sql
                .column("SELECT MAX(created_at) FROM ticket WHERE created_at >= ? AND created_at < ?", dayStart,
                        dayStart.plus(Duration.ofDays(1))).get(0)));
        String from = month.atDay(1).toString();
        String to = last.plusSeconds(1).toString();
        long before = statistics.of(from, to).byChannel().getOrDefault("EMAIL", 0L);
        QuarkusTransaction.requiringNew().run(() -> nl.sglzorg.meldpunt.common.jdbc.Sql.update(
                "UPDATE ticket_day_count SET tickets = tickets + 1000 WHERE filed_on = ? AND figure = 'CHANNEL' AND val = 'EMAIL'", day));
        try {
            assertEquals(before + 1000, statistics.of(from, to).byChannel().getOrDefault("EMAIL", 0L),
                    "the day up to " + to + " comes from its row");
        } finally {
            QuarkusTransaction.requiringNew().run(() -> nl.sglzorg.meldpunt.common.jdbc.Sql.update(
                    "UPDATE ticket_day_count SET tickets = tickets - 1000 WHERE filed_on = ? AND figure = 'CHANNEL' AND val = 'EMAIL'", day));
        }
    }

    /** GET /api/stats as it was computed before the day rows: one scan of the period's tickets. */
    private TicketStats countedFromTickets(Instant from, Instant to) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Object[]> rows = em.createQuery("select t.status, t.category, t.platform, t.topic, t.routedFunction,"
                    + " t.channel, count(*) from Ticket t where t.createdAt >= :from and t.createdAt < :to"
                    + " group by t.status, t.category, t.platform, t.topic, t.routedFunction, t.channel", Object[].class)
                    .setParameter("from", from).setParameter("to", to).getResultList();
            Map<String, Long> byStatus = sumBy(rows, 0);
            long signals = byStatus.values().stream().mapToLong(Long::longValue).sum();
            long duplicates = byStatus.getOrDefault(TicketStatus.MERGED.name(), 0L);
            Object median = em.createNativeQuery("select percentile_cont(0.5) within group (order by first_response_seconds)"
                    + " from ticket where created_at >= ?1 and created_at < ?2 and first_response_seconds is not null")
                    .setParameter(1, from).setParameter(2, to).getSingleResult();
            return new TicketStats(from, to, signals, signals - duplicates, duplicates, sumBy(rows, 1), sumBy(rows, 2),
                    sumBy(rows, 3), sumBy(rows, 4), byStatus, sumBy(rows, 5),
                    median == null ? null : Math.round(((Number) median).doubleValue() / 6.0) / 10.0);
        });
    }

    private static Map<String, Long> sumBy(List<Object[]> rows, int column) {
        Map<String, Long> counts = new TreeMap<>();
        rows.forEach(row -> counts.merge(String.valueOf(row[column]), (Long) row[row.length - 1], Long::sum));
        return counts;
    }

    /** The figures page's month as it was computed before the day rows: every ticket of the month, one by one. */
    private MonthFigures monthFromTickets(YearMonth month) {
        Instant from = month.atDay(1).atStartOfDay(AMSTERDAM).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(AMSTERDAM).toInstant();
        Instant now = TestClock.INSTANCE.instant();
        List<LocalDate[]> weeks = MonthFigures.weeksOf(month);
        long[][] byCategory = new long[weeks.size()][Category.values().length];
        long[][] byPlatform = new long[weeks.size()][Platform.values().length];
        long[][] byChannel = new long[weeks.size()][Channel.values().length];
        long[] firstResponse = new long[3];
        long[] resolution = new long[3];
        List<Duration> times = new ArrayList<>();
        long signals = 0;
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "select t.createdAt, t.category, t.platform, t.channel, t.priority, t.status, t.sla from Ticket t"
                        + " where t.createdAt >= :from and t.createdAt < :to", Object[].class)
                .setParameter("from", from).setParameter("to", to).getResultList());
        for (Object[] row : rows) {
            Instant filedAt = (Instant) row[0];
            LocalDate day = filedAt.atZone(AMSTERDAM).toLocalDate();
            int week = 0;
            while (week < weeks.size() - 1 && day.isAfter(weeks.get(week)[1])) {
                week++;
            }
            byCategory[week][((Category) row[1]).ordinal()]++;
            byPlatform[week][((Platform) row[2]).ordinal()]++;
            byChannel[week][((Channel) row[3]).ordinal()]++;
            signals++;
            ServiceLevel sla = (ServiceLevel) row[6];
            if (row[5] == TicketStatus.MERGED || sla == null) {
                continue;
            }
            tally(firstResponse, sla.firstResponseState(now));
            tally(resolution, sla.resolutionState(now));
            if (sla.firstResponseAt != null) {
                // Each time to the whole second, as MonthFigures documents.
                times.add(Duration.ofSeconds(policy.between(filedAt, sla.firstResponseAt, (Priority) row[4]).toSeconds()));
            }
        }
        List<MonthFigures.Week> weekRows = new ArrayList<>();
        for (int i = 0; i < weeks.size(); i++) {
            LocalDate first = weeks.get(i)[0];
            weekRows.add(new MonthFigures.Week(first.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR), first,
                    weeks.get(i)[1], boxed(byCategory[i]), boxed(byPlatform[i]), boxed(byChannel[i])));
        }
        Duration median = null;
        if (!times.isEmpty()) {
            Collections.sort(times);
            int middle = times.size() / 2;
            median = times.size() % 2 == 1 ? times.get(middle) : times.get(middle - 1).plus(times.get(middle)).dividedBy(2);
        }
        return new MonthFigures(month, from, to, List.copyOf(weekRows), signals,
                new MonthFigures.Deadline(firstResponse[0], firstResponse[1], firstResponse[2]),
                new MonthFigures.Deadline(resolution[0], resolution[1], resolution[2]), median, times.size());
    }

    private static void tally(long[] counts, ServiceLevel.State state) {
        switch (state) {
            case MET -> counts[0]++;
            case BREACHED -> counts[1]++;
            case PENDING, PAUSED -> counts[2]++;
            case NONE -> {
            }
        }
    }

    private static List<Long> boxed(long[] counts) {
        return java.util.Arrays.stream(counts).boxed().toList();
    }

    private String fileAt(LocalDateTime local, String category, String platform, Channel channel) {
        TestClock.INSTANCE.setNow(local.atZone(AMSTERDAM).toInstant());
        SignalRequest request = new SignalRequest(Category.valueOf(category), Platform.valueOf(platform), null, null,
                "Er wordt over SGL geschreven, kenmerk " + System.nanoTime() + ".", null, null, null, null, false, null);
        return intake.file(request, channel, channel == Channel.PHONE || channel == Channel.IN_PERSON ? "communicatie" : null)
                .reference();
    }

    private Instant createdAt(String reference) {
        return QuarkusTransaction.requiringNew().call(() -> Ticket.findByReference(reference).orElseThrow().createdAt);
    }

    private static void moveAt(LocalDateTime local, String reference, String status) {
        at(local, () -> Tickets.move(reference, status));
    }

    private static void at(LocalDateTime local, Runnable action) {
        TestClock.INSTANCE.setNow(local.atZone(AMSTERDAM).toInstant());
        action.run();
    }
}
