package nl.sglzorg.meldpunt.ticket;

import static io.restassured.RestAssured.given;
import static nl.sglzorg.meldpunt.TestData.asCommunicatie;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.sglzorg.meldpunt.TestData;
import org.junit.jupiter.api.Test;
import nl.sglzorg.meldpunt.support.Tickets;

/**
 * Who sees which ticket. Communicatie sees all; a functionaris its function's tickets (and, read
 * only, those its function is informed of); a leidinggevende the unwanted contact of the unit they
 * manage. Anything else answers {@code 404}, so references cannot be probed. And the statistics,
 * which are communicatie's alone.
 */
@QuarkusTest
class VisibilityTest {

    /** Four tickets with one word: HR's own, HR informed, the care brokers', communicatie's. */
    private record FunctionTickets(String word, String hr, String hrInformed, String care, String communications) {
    }

    private static FunctionTickets functionTickets() {
        String word = Tickets.uniqueWord();
        // Work on Facebook: HR can answer there with the SGL account.
        Map<String, Object> hr = Tickets.signal("MENTION", "FACEBOOK", word);
        hr.put("topic", "EMPLOYMENT");
        // Work on Instagram: HR has no account there, so communicatie handles it and HR is informed.
        Map<String, Object> informed = Tickets.signal("MENTION", "INSTAGRAM", word);
        informed.put("topic", "EMPLOYMENT");
        Map<String, Object> care = Tickets.signal("MENTION", "FACEBOOK", word);
        care.put("topic", "CARE");
        FunctionTickets tickets = new FunctionTickets(word, Tickets.file(hr).reference(),
                Tickets.file(informed).reference(), Tickets.file(care).reference(),
                Tickets.file(Tickets.signal(word)).reference());
        // Check the routing the test relies on, so a routing change fails here and not obscurely below.
        assertEquals("HR_REPRESENTATIVE", Tickets.detail(tickets.hr()).getString("routing.function"));
        JsonPath informedDetail = Tickets.detail(tickets.hrInformed());
        assertEquals("COMMUNICATIONS", informedDetail.getString("routing.function"));
        assertEquals(List.of("HR_REPRESENTATIVE"), informedDetail.getList("routing.informed.code"));
        assertEquals("CARE_BROKER", Tickets.detail(tickets.care()).getString("routing.function"));
        assertEquals("COMMUNICATIONS", Tickets.detail(tickets.communications()).getString("routing.function"));
        return tickets;
    }

    @Test
    void shouldListExactlyTheTicketsOfTheFunctionaris() {
        FunctionTickets t = functionTickets();
        String hrOfficer = TestData.createUser(List.of("functionaris"), "HR_REPRESENTATIVE", null);
        String careBroker = TestData.createUser(List.of("functionaris"), "CARE_BROKER", null);

        JsonPath hrList = list(hrOfficer, Map.of("q", t.word()));
        assertEquals(List.of(t.hrInformed(), t.hr()), hrList.getList("items.reference"));
        assertEquals(2, hrList.getInt("total"));
        assertEquals(List.of(t.care()), list(careBroker, Map.of("q", t.word())).getList("items.reference"));
        // Communicatie sees all four.
        assertEquals(4, list(TestData.ADMIN, Map.of("q", t.word())).getInt("total"));

        // A filter narrows what one may see; it never widens it.
        JsonPath widened = list(hrOfficer, Map.of("q", t.word(), "function", "CARE_BROKER"));
        assertEquals(List.of(), widened.getList("items"));
        assertEquals(0, widened.getInt("total"));
    }

    @Test
    void shouldAnswer404ForAnotherFunctionsTicketAsForAnUnknownOne() {
        FunctionTickets t = functionTickets();
        String hrOfficer = TestData.createUser(List.of("functionaris"), "HR_REPRESENTATIVE", null);

        for (String other : List.of(t.care(), t.communications())) {
            String hidden = as(hrOfficer).get("/api/tickets/{reference}", other)
                    .then().statusCode(404).contentType("application/problem+json")
                    .extract().asString();
            String unknown = as(hrOfficer).get("/api/tickets/{reference}", "SGL-1999-999999")
                    .then().statusCode(404).extract().asString();
            // Nothing in the answer tells an existing ticket from a missing one.
            assertEquals(unknown.replace("SGL-1999-999999", "REF"), hidden.replace(other, "REF"));

            as(hrOfficer).get("/api/tickets/{reference}/events", other).then().statusCode(404);
            as(hrOfficer).contentType(ContentType.JSON).body(Map.of("status", "TRIAGED"))
                    .post("/api/tickets/{reference}/transitions", other).then().statusCode(404);
            as(hrOfficer).contentType(ContentType.JSON).body(Map.of("text", "Notitie"))
                    .post("/api/tickets/{reference}/notes", other).then().statusCode(404);
            assertEquals("NEW", Tickets.status(other));
        }
    }

    @Test
    void shouldLetTheFunctionarisWorkOnItsOwnTickets() {
        FunctionTickets t = functionTickets();
        String hrOfficer = TestData.createUser(List.of("functionaris"), "HR_REPRESENTATIVE", null);

        as(hrOfficer).get("/api/tickets/{reference}", t.hr()).then().statusCode(200)
                .body("reference", equalTo(t.hr()));
        as(hrOfficer).contentType(ContentType.JSON).body(Map.of("status", "TRIAGED"))
                .post("/api/tickets/{reference}/transitions", t.hr())
                .then().statusCode(200).body("status", equalTo("TRIAGED"));
        as(hrOfficer).contentType(ContentType.JSON).body(Map.of("text", "Ik pak dit op."))
                .post("/api/tickets/{reference}/notes", t.hr())
                .then().statusCode(201).body("actor", equalTo(hrOfficer));

        Map<String, Object> change = Tickets.events(t.hr()).stream()
                .filter(e -> "STATUS_CHANGED".equals(e.get("type"))).findFirst().orElseThrow();
        assertEquals(hrOfficer, change.get("actor"));
    }

    @Test
    void shouldLetAnInformedFunctionarisReadButNotWrite() {
        FunctionTickets t = functionTickets();
        String hrOfficer = TestData.createUser(List.of("functionaris"), "HR_REPRESENTATIVE", null);
        long version = Tickets.version(t.hrInformed());

        as(hrOfficer).get("/api/tickets/{reference}", t.hrInformed()).then().statusCode(200)
                .body("reference", equalTo(t.hrInformed()));
        as(hrOfficer).get("/api/tickets/{reference}/events", t.hrInformed()).then().statusCode(200);

        as(hrOfficer).contentType(ContentType.JSON).body(Map.of("status", "TRIAGED"))
                .post("/api/tickets/{reference}/transitions", t.hrInformed())
                .then().statusCode(403).contentType("application/problem+json");
        as(hrOfficer).contentType(ContentType.JSON).body(Map.of("text", "Notitie"))
                .post("/api/tickets/{reference}/notes", t.hrInformed())
                .then().statusCode(403);

        assertEquals("NEW", Tickets.status(t.hrInformed()));
        assertEquals(version, Tickets.version(t.hrInformed()));
    }

    @Test
    void shouldShowALeidinggevendeTheUnwantedContactOfTheirUnitOnly() {
        String word = Tickets.uniqueWord();
        String unit = TestData.createUnit("Leiding Eigen", TestData.unique("eigen").toLowerCase() + "@sgl-zorg.nl");
        String otherUnit = TestData.createUnit("Leiding Ander", TestData.unique("ander").toLowerCase() + "@sgl-zorg.nl");
        String manager = TestData.createUser(List.of("leidinggevende"), null, unit);

        String own = fileWithUnit("UNWANTED_CONTACT", word, unit);
        String others = fileWithUnit("UNWANTED_CONTACT", word, otherUnit);
        String mention = Tickets.file(Tickets.signal(word)).reference();
        assertEquals(unit, Tickets.detail(own).getString("routing.manager.unit"));

        JsonPath page = list(manager, Map.of("q", word));
        assertEquals(List.of(own), page.getList("items.reference"));
        assertEquals(1, page.getInt("total"));

        as(manager).get("/api/tickets/{reference}", own).then().statusCode(200);
        as(manager).get("/api/tickets/{reference}", others).then().statusCode(404);
        as(manager).get("/api/tickets/{reference}", mention).then().statusCode(404);
        as(manager).contentType(ContentType.JSON).body(Map.of("status", "TRIAGED"))
                .post("/api/tickets/{reference}/transitions", others).then().statusCode(404);

        // Assigned to them: they work on it.
        as(manager).contentType(ContentType.JSON).body(Map.of("status", "IN_PROGRESS"))
                .post("/api/tickets/{reference}/transitions", own)
                .then().statusCode(200).body("status", equalTo("IN_PROGRESS"));
        assertEquals("NEW", Tickets.status(others));
    }

    @Test
    void shouldLetALeidinggevendeReadButNotWorkATicketTheyAreOnlyInformedOf() {
        String word = Tickets.uniqueWord();
        String unit = TestData.createUnit("Leiding Geinformeerd", TestData.unique("inf").toLowerCase() + "@sgl-zorg.nl");
        String manager = TestData.createUser(List.of("leidinggevende"), null, unit);
        // A derailed discussion informs the reporter's unit manager; it is not assigned to them.
        String informed = fileWithUnit("DERAILED_DISCUSSION", word, unit);
        assertEquals(List.of("UNIT_MANAGER"), Tickets.detail(informed).getList("routing.informed.kind"));

        assertEquals(List.of(informed), list(manager, Map.of("q", word)).getList("items.reference"));
        as(manager).get("/api/tickets/{reference}", informed).then().statusCode(200);
        as(manager).contentType(ContentType.JSON).body(Map.of("status", "TRIAGED"))
                .post("/api/tickets/{reference}/transitions", informed)
                .then().statusCode(403);
        assertEquals("NEW", Tickets.status(informed));
    }

    @Test
    void shouldKeepTheStatisticsForCommunicatie() {
        String functionaris = TestData.createUser(List.of("functionaris"), "COMMUNICATIONS", null);
        String unit = TestData.createUnit("Leiding Stats", TestData.unique("st").toLowerCase() + "@sgl-zorg.nl");
        String leidinggevende = TestData.createUser(List.of("leidinggevende"), null, unit);

        as(functionaris).get("/api/stats").then().statusCode(403).contentType("application/problem+json");
        as(leidinggevende).get("/api/stats").then().statusCode(403);
        given().get("/api/stats").then().statusCode(401);
        asCommunicatie().get("/api/stats").then().statusCode(200);
    }

    @Test
    void shouldCountExactlyWhatWasFiledInThePeriod() throws InterruptedException {
        // A wide period that also holds everything other tests filed, read before and after.
        Map<String, String> wide = Map.of("from", "2000-01-01", "to", "2099-12-31");
        JsonPath wideBefore = stats(wide);
        Instant from = pause();

        String url = "https://www.facebook.com/sglzorg/posts/" + Tickets.uniqueWord();
        Map<String, Object> mention = Tickets.signal("MENTION", "TWITTER", Tickets.uniqueWord());
        mention.put("url", url);
        String first = Tickets.file(mention).reference();
        mention.put("url", url + "?fbclid=xyz");
        assertEquals(first, Tickets.detail(Tickets.file(mention).reference()).getString("duplicateOf"));
        Map<String, Object> derailed = Tickets.signal("DERAILED_DISCUSSION", "FACEBOOK", Tickets.uniqueWord());
        derailed.put("topic", "EMPLOYMENT");
        String hr = Tickets.file(derailed).reference();
        Tickets.file(Tickets.signal("CONFIDENTIAL_INFORMATION", "WHATSAPP", Tickets.uniqueWord()));
        Instant to = pause();

        JsonPath untouched = stats(Map.of("from", from.toString(), "to", to.toString()));
        assertNull(untouched.get("medianMinutesToFirstStaffAction"), "no staff action yet");
        Tickets.move(hr, "TRIAGED");

        JsonPath period = stats(Map.of("from", from.toString(), "to", to.toString()));
        assertEquals(from, Instant.parse(period.getString("from")));
        assertEquals(to, Instant.parse(period.getString("to")));
        assertEquals(4, period.getLong("signals"));
        assertEquals(3, period.getLong("tickets"));
        assertEquals(1, period.getLong("duplicatesFolded"));
        assertEquals(Map.of("MENTION", 2, "DERAILED_DISCUSSION", 1, "CONFIDENTIAL_INFORMATION", 1),
                period.getMap("byCategory"));
        assertEquals(Map.of("TWITTER", 2, "FACEBOOK", 1, "WHATSAPP", 1), period.getMap("byPlatform"));
        assertEquals(Map.of("GENERAL", 3, "EMPLOYMENT", 1), period.getMap("byTopic"));
        assertEquals(Map.of("COMMUNICATIONS", 3, "HR_REPRESENTATIVE", 1), period.getMap("byFunction"));
        assertEquals(Map.of("NEW", 2, "MERGED", 1, "TRIAGED", 1), period.getMap("byStatus"));
        assertEquals(Map.of("API", 4), period.getMap("byChannel"), "all four came through POST /api/signals");
        // Only the triaged ticket was acted on, at once.
        double median = period.getDouble("medianMinutesToFirstStaffAction");
        assertTrue(median >= 0 && median < 1, "median " + median);

        // from is inclusive, to exclusive: a period ending at the first filing holds none of it.
        String firstCreated = Tickets.detail(first).getString("createdAt");
        assertEquals(4, stats(Map.of("from", firstCreated, "to", to.toString())).getLong("signals"));
        assertEquals(0, stats(Map.of("from", from.toString(), "to", firstCreated)).getLong("signals"));

        // The wide period moved by exactly the same amounts.
        JsonPath wideAfter = stats(wide);
        assertEquals(4, wideAfter.getLong("signals") - wideBefore.getLong("signals"));
        assertEquals(3, wideAfter.getLong("tickets") - wideBefore.getLong("tickets"));
        assertEquals(1, wideAfter.getLong("duplicatesFolded") - wideBefore.getLong("duplicatesFolded"));
        for (String breakdown : List.of("byCategory", "byPlatform", "byTopic", "byFunction", "byChannel")) {
            assertEquals(period.getMap(breakdown), delta(wideBefore.getMap(breakdown), wideAfter.getMap(breakdown)),
                    breakdown);
        }
    }

    @Test
    void shouldCountTheLastThirtyCalendarDaysByDefault() {
        // 15 November at 11:00 in Amsterdam: the period starts at midnight on 17 October, summer time (UTC+2).
        JsonPath period = stats(Map.of("to", "2026-11-15T10:00:00Z"));
        assertEquals("2026-10-16T22:00:00Z", period.getString("from"));
        assertEquals("2026-11-15T10:00:00Z", period.getString("to"));
        // A date as the end includes that day: the 30 days are 1 to 30 November, winter time (UTC+1).
        assertEquals("2026-10-31T23:00:00Z", stats(Map.of("to", "2026-11-30")).getString("from"));
    }

    @Test
    void shouldRefuseAPeriodThatEndsBeforeItStartsOrIsNoDate() {
        asCommunicatie().queryParam("from", "2026-11-30").queryParam("to", "2026-11-01").get("/api/stats")
                .then().statusCode(400).body("violations.field", hasItem("from"));
        asCommunicatie().queryParam("from", "vorige maand").get("/api/stats")
                .then().statusCode(400).body("violations.field", hasItem("from"));
        asCommunicatie().queryParam("to", "morgen").get("/api/stats")
                .then().statusCode(400).body("violations.field", hasItem("to"));
    }

    // ------------------------------------------------------------------------------------------

    private static RequestSpecification as(String username) {
        return username.equals(TestData.ADMIN) ? asCommunicatie() : TestData.as(username);
    }

    private static JsonPath list(String username, Map<String, ?> params) {
        RequestSpecification request = as(username);
        params.forEach(request::queryParam);
        return request.get("/api/tickets").then().statusCode(200).extract().jsonPath();
    }

    private static String fileWithUnit(String category, String word, String unit) {
        Map<String, Object> signal = Tickets.signal(category, "FACEBOOK", word);
        signal.put("reporter", Map.of("relation", "EMPLOYEE", "unit", unit));
        return Tickets.file(signal).reference();
    }

    private static JsonPath stats(Map<String, String> params) {
        RequestSpecification request = asCommunicatie();
        params.forEach(request::queryParam);
        Response response = request.get("/api/stats");
        response.then().statusCode(200).contentType(ContentType.JSON);
        return response.jsonPath();
    }

    /**
     * An instant strictly between the filings around it. Deliberate waits, not polls: they put
     * clock time between two filings so a date filter can tell them apart.
     */
    private static Instant pause() throws InterruptedException {
        Thread.sleep(20);
        Instant now = Instant.now();
        Thread.sleep(20);
        return now;
    }

    private static Map<String, Integer> delta(Map<String, Integer> before, Map<String, Integer> after) {
        Map<String, Integer> delta = new TreeMap<>();
        Set<String> keys = new TreeSet<>(after.keySet());
        keys.addAll(before.keySet());
        for (String key : keys) {
            int moved = after.getOrDefault(key, 0) - before.getOrDefault(key, 0);
            if (moved != 0) {
                delta.put(key, moved);
            }
        }
        return delta;
    }
}
