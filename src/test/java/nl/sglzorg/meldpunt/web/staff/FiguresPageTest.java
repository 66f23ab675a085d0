package nl.sglzorg.meldpunt.web.staff;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import nl.sglzorg.meldpunt.TestClock;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.kernel.Category;
import nl.sglzorg.meldpunt.kernel.Platform;
import nl.sglzorg.meldpunt.ticket.MonthFigures;
import nl.sglzorg.meldpunt.ticket.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /beheer/cijfers} and its CSV export over tickets filed, answered and resolved at known
 * moments of a November far in the future, which no other test files tickets in.
 */
@QuarkusTest
class FiguresPageTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private static final AtomicInteger YEARS = new AtomicInteger(ThreadLocalRandom.current().nextInt(2101, 2900));

    @Inject
    Statistics statistics;

    private YearMonth november;
    private Known known;

    /** The tickets of the month and their references. */
    record Known(String answeredInTime, String answeredLate, String lastEvening, String firstNight, String december) {
    }

    /** Files the month's tickets (only the tests that count them need them). */
    private void fileTheMonth() {
        // Each test its own November, so the counts are the test's own.
        november = YearMonth.of(YEARS.incrementAndGet(), 11);
        LocalDate monday = november.atDay(2).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        try {
            String inTime = fileAt(monday.atTime(9, 0), "MENTION", "TWITTER", null);
            String late = fileAt(monday.atTime(9, 0), "MENTION", "FACEBOOK", null);
            // 30 November 23:30 in Amsterdam is 22:30 UTC: November's. 1 December 00:30 is 23:30 UTC on the 30th: December's.
            String lastEvening = fileAt(november.atEndOfMonth().atTime(23, 30), "MENTION", "INSTAGRAM", null);
            String december = fileAt(november.plusMonths(1).atDay(1).atTime(0, 30), "MENTION", "TWITTER", null);
            String firstNight = fileAt(november.atDay(1).atTime(0, 10), "DERAILED_DISCUSSION", "LINKEDIN", null);
            // An hour's work later: answered and resolved in time. Two days later: answered too late.
            moveAt(monday.atTime(10, 0), inTime, "TRIAGED");
            moveAt(monday.atTime(11, 0), inTime, "RESOLVED");
            moveAt(monday.plusDays(2).atTime(9, 0), late, "TRIAGED");
            known = new Known(inTime, late, lastEvening, firstNight, december);
        } finally {
            TestClock.INSTANCE.reset();
        }
    }

    @AfterEach
    void resetClock() {
        TestClock.INSTANCE.reset();
    }

    @Test
    void shouldCountTheMonthsTicketsByWeekAndDeadlineWithItsEdgesInAmsterdamTime() {
        fileTheMonth();
        assertEquals("NORMAL", TestData.asCommunicatie().get("/api/tickets/{r}", known.answeredInTime())
                .then().statusCode(200).extract().path("priority"));

        MonthFigures figures = statistics.month(november);

        assertEquals(4, figures.signals(), "the 1 December ticket is December's");
        MonthFigures.Week first = figures.weeks().get(0);
        assertEquals(november.atDay(1), first.firstDay());
        assertEquals(1, first.byCategory().get(Category.DERAILED_DISCUSSION.ordinal()));
        assertEquals(1, first.total());
        MonthFigures.Week last = figures.weeks().get(figures.weeks().size() - 1);
        assertEquals(november.atEndOfMonth(), last.lastDay());
        assertEquals(1, last.byPlatform().get(Platform.INSTAGRAM.ordinal()));
        long twitterAndFacebook = figures.weeks().stream()
                .filter(w -> w.byPlatform().get(Platform.TWITTER.ordinal()) == 1
                        && w.byPlatform().get(Platform.FACEBOOK.ordinal()) == 1)
                .count();
        assertEquals(1, twitterAndFacebook, "both Monday tickets in one week");

        assertEquals(new MonthFigures.Deadline(1, 1, 2), figures.firstResponse());
        assertEquals(50, figures.firstResponse().percentMet());
        assertEquals(new MonthFigures.Deadline(1, 0, 3), figures.resolution());
        assertEquals(100, figures.resolution().percentMet());
        // 1 working hour and 17 (Monday 9:00 to 17:00, Tuesday 8:30 to 17:00, Wednesday 8:30 to 9:00): 9 hours.
        // (The test clock runs on while requests are made: to the minute.)
        Duration off = figures.medianToFirstResponse().minus(Duration.ofHours(9)).abs();
        assertTrue(off.compareTo(Duration.ofSeconds(30)) < 0, figures.medianToFirstResponse().toString());
        assertEquals(2, figures.responded());
    }

    @Test
    void shouldShowTheMonthAsTablesToCommunicatieAndManagers() {
        fileTheMonth();
        String manager = TestData.createUser(List.of("leidinggevende"), null,
                TestData.createUnit("Lia Leiding", "leiding." + System.nanoTime() + "@sgl-zorg.nl"));

        for (var request : List.of(TestData.asCommunicatie(), TestData.as(manager))) {
            request.queryParam("maand", november.toString()).get("/beheer/cijfers")
                    .then().statusCode(200).contentType(containsString("text/html"))
                    .body(containsString("Cijfers van november " + november.getYear()))
                    .body(containsString("<dt>Signalen gemeld</dt><dd>4</dd>"))
                    .body(containsString("<dt>Eerste reactie op tijd</dt><dd>50% (1 van de 2)</dd>"))
                    .body(containsString("9 uur, over 2 tickets"))
                    .body(containsString("<caption>Aantal signalen per week en per categorie"))
                    .body(containsString("<th scope=\"col\" data-series>Ontsporende online discussie</th>"))
                    .body(containsString("/webjars/chart.js/4.5.1/dist/chart.umd.min.js"));
        }
        // The manager sees the figures, not the export.
        TestData.as(manager).queryParam("maand", november.toString()).get("/beheer/cijfers")
                .then().body(not(containsString("export.csv")));
        TestData.asCommunicatie().queryParam("maand", november.toString()).get("/beheer/cijfers")
                .then().body(containsString("action=\"/beheer/cijfers/export.csv\""));
    }

    @Test
    void shouldServeChartJsFromTheAppItself() {
        given().get("/webjars/chart.js/4.5.1/dist/chart.umd.min.js").then().statusCode(200)
                .body(containsString("Chart"));
        given().get("/desk-charts.js").then().statusCode(200).body(containsString("data-chart"));
    }

    @Test
    void shouldSayWhatIsWrongWithAMonthAndKeepWhatWasTyped() {
        TestData.asCommunicatie().queryParam("maand", "2026-13").get("/beheer/cijfers")
                .then().statusCode(400)
                .body(containsString("<a href=\"#maand\">Vul de maand in als jaar-maand"))
                .body(containsString("id=\"maand-error\""))
                .body(containsString("value=\"2026-13\""));
    }

    @Test
    void shouldExportThePeriodsTicketsAsCsvWithoutTheReporter() {
        fileTheMonth();
        String name = "Jolanda Melder" + ThreadLocalRandom.current().nextInt(1000, 9999);
        String email = "jolanda." + System.nanoTime() + "@voorbeeld.nl";
        LocalDate day = november.atDay(20);
        String withReporter;
        try {
            withReporter = fileAt(day.atTime(14, 0), "MENTION", "YOUTUBE", Map.of("name", name, "email", email,
                    "relation", "EMPLOYEE"));
        } finally {
            TestClock.INSTANCE.reset();
        }

        Response csv = TestData.asCommunicatie().queryParam("van", november.atDay(1).toString())
                .queryParam("tot", november.atEndOfMonth().toString())
                .get("/beheer/cijfers/export.csv");

        csv.then().statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("attachment; filename=\"meldpunt-" + november.atDay(1)));
        byte[] bytes = csv.asByteArray();
        assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(bytes[0], bytes[1], bytes[2]), "UTF-8 BOM");
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        List<String> lines = List.of(text.split("\r\n"));
        assertTrue(text.endsWith("\r\n"));
        assertEquals("referentie;gemeld_op;categorie;platform;prioriteit;status;functie;eerste_reactie_op;afgehandeld_op;"
                + "eerste_reactie_op_tijd;afhandeling_op_tijd;kanaal;binnengekomen_via", lines.get(0));
        assertEquals(6, lines.size(), text);
        // Oldest first; times in Amsterdam.
        assertTrue(lines.get(1).startsWith(known.firstNight() + ";" + november.atDay(1) + " 00:10;DERAILED_DISCUSSION;LINKEDIN;"), text);
        assertTrue(lines.get(5).startsWith(known.lastEvening() + ";" + november.atEndOfMonth() + " 23:30;MENTION;INSTAGRAM;"), text);
        String inTime = line(lines, known.answeredInTime());
        LocalDate monday = november.atDay(2).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        assertTrue(inTime.matches(known.answeredInTime() + ";" + monday + " 09:00;MENTION;TWITTER;NORMAL;RESOLVED;[^;]+;"
                + monday + " 10:00;" + monday + " 11:00;ja;ja;[A-Z_]+;(WEB|API)"), inTime);
        assertTrue(line(lines, known.answeredLate()).contains(";nee;;"), line(lines, known.answeredLate()));
        assertTrue(line(lines, withReporter).contains(";YOUTUBE;"));
        assertFalse(text.contains(known.december()), "1 December 00:30 is not November's");
        assertFalse(text.contains(name) || text.contains("Jolanda") || text.contains(email) || text.contains("voorbeeld.nl"),
                "no reporter identity: " + text);
        assertFalse(text.contains("EMPLOYEE") || text.contains("kenmerk"), "no relation, no description: " + text);
    }

    @Test
    void shouldRefuseABadPeriodWithTheErrorNextToTheField() {
        TestData.asCommunicatie().queryParam("van", "2026-11-31").queryParam("tot", "2026-11-30")
                .get("/beheer/cijfers/export.csv")
                .then().statusCode(400).contentType(containsString("text/html"))
                .body(containsString("<a href=\"#van\">Vul de begindatum in als jaar-maand-dag"))
                .body(containsString("id=\"van-error\""))
                .body(containsString("value=\"2026-11-31\""));
        TestData.asCommunicatie().queryParam("van", "2026-11-30").queryParam("tot", "2026-11-01")
                .get("/beheer/cijfers/export.csv")
                .then().statusCode(400).body(containsString("id=\"tot-error\""))
                .body(containsString("De einddatum ligt voor de begindatum"));
        TestData.asCommunicatie().queryParam("van", "2025-01-01").queryParam("tot", "2026-01-02")
                .get("/beheer/cijfers/export.csv")
                .then().statusCode(400).body(containsString("Exporteer hoogstens 366 dagen"));
        TestData.asCommunicatie().get("/beheer/cijfers/export.csv")
                .then().statusCode(400).body(containsString("Vul een begindatum in"))
                .body(containsString("Vul een einddatum in"));
        // A leap year is one export.
        TestData.asCommunicatie().queryParam("van", "2028-01-01").queryParam("tot", "2028-12-31")
                .get("/beheer/cijfers/export.csv").then().statusCode(200);
    }

    @Test
    void shouldKeepTheFiguresFromOfficialsAndTheExportFromManagers() {
        String official = TestData.createUser(List.of("functionaris"), "CARE_BROKER", null);
        String manager = TestData.createUser(List.of("leidinggevende"), null,
                TestData.createUnit("Lia Leiding", "leiding." + System.nanoTime() + "@sgl-zorg.nl"));
        String period = "?van=2026-11-01&tot=2026-11-30";

        // A page that says so, not the API's JSON (until session 38).
        TestData.as(official).get("/beheer/cijfers").then().statusCode(403).contentType(containsString("text/html"))
                .body(containsString("<h1>Geen toegang</h1>"));
        TestData.as(official).get("/beheer/cijfers/export.csv" + period).then().statusCode(403);
        TestData.as(manager).get("/beheer/cijfers/export.csv" + period).then().statusCode(403);
        given().redirects().follow(false).get("/beheer/cijfers/export.csv" + period)
                .then().statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(401), org.hamcrest.Matchers.is(302),
                        org.hamcrest.Matchers.is(303)));
    }

    private static String line(List<String> lines, String reference) {
        return lines.stream().filter(l -> l.startsWith(reference + ";")).findFirst()
                .orElseThrow(() -> new AssertionError(reference + " not in " + lines));
    }

    private static String fileAt(LocalDateTime local, String category, String platform, Map<String, String> reporter) {
        TestClock.INSTANCE.setNow(local.atZone(AMSTERDAM).toInstant());
        Map<String, Object> signal = new HashMap<>(TestData.signal(category, platform));
        signal.put("description", "Er wordt over SGL geschreven, kenmerk " + System.nanoTime() + ".");
        if (reporter != null) {
            signal.put("reporter", reporter);
        }
        return given().header("X-Forwarded-For", TestData.freshClient()).contentType(ContentType.JSON).body(signal)
                .post("/api/signals").then().statusCode(201).extract().path("reference");
    }

    private static void moveAt(LocalDateTime local, String reference, String status) {
        TestClock.INSTANCE.setNow(local.atZone(AMSTERDAM).toInstant());
        Map<String, Object> body = new HashMap<>();
        body.put("status", status);
        if (status.equals("RESOLVED")) {
            body.put("message", "Afgehandeld");
        }
        TestData.asCommunicatie().contentType(ContentType.JSON).body(body)
                .post("/api/tickets/{reference}/transitions", reference).then().statusCode(200);
    }
}
