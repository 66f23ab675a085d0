package nl.sglzorg.meldpunt.ticket;

import static nl.sglzorg.meldpunt.TestData.asCommunicatie;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.support.Signals.Filed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import nl.sglzorg.meldpunt.support.Tickets;

/**
 * What reaches the reporter and what stays inside: notes, replies, transition messages and status
 * changes; and the communicatie-only edits of routing and priority, which leave their trace in the
 * history.
 */
@QuarkusTest
class NotesAndVisibilityTest {

    private static final List<String> INTERNAL_STATUSES = List.of("TRIAGED", "IN_PROGRESS", "ESCALATED", "WAITING",
            "RESOLVED", "CLOSED", "REJECTED", "MERGED");

    @Test
    void shouldNeverShowAnInternalNoteToTheReporter() {
        Filed filed = Tickets.file();
        String reference = filed.reference();
        String secret = "Intern: de melder is bekend bij ons " + Tickets.uniqueWord();
        String explicitSecret = "Ook intern " + Tickets.uniqueWord();

        asCommunicatie().contentType(ContentType.JSON).body(Map.of("text", secret))
                .post("/api/tickets/{reference}/notes", reference)
                .then().statusCode(201)
                .header("Location", endsWith("/api/tickets/" + reference + "/events"))
                .body("type", equalTo("NOTE_ADDED"))
                .body("text", equalTo(secret))
                .body("actor", equalTo("communicatie"))
                .body("visibleToReporter", equalTo(false));
        note(reference, explicitSecret, false);
        assertNoLeak(filed, secret, explicitSecret);

        // Later changes, replies and messages must not drag the note along.
        Tickets.move(reference, "TRIAGED");
        assertNoLeak(filed, secret, explicitSecret);
        note(reference, "Bedankt, we kijken ernaar.", true);
        assertNoLeak(filed, secret, explicitSecret);
        Tickets.transition(reference, "WAITING", "Kun je een schermafbeelding sturen?", true);
        assertNoLeak(filed, secret, explicitSecret);
        Tickets.reporterMessage(filed, "Hierbij.").then().statusCode(201);
        assertNoLeak(filed, secret, explicitSecret);
        Tickets.transition(reference, "RESOLVED", "Opgelost.", true);
        Tickets.move(reference, "CLOSED");
        assertNoLeak(filed, secret, explicitSecret);

        // Staff still see it.
        List<Map<String, Object>> notes = Tickets.events(reference).stream()
                .filter(e -> "NOTE_ADDED".equals(e.get("type"))).toList();
        assertEquals(secret, notes.get(0).get("text"));
        assertEquals(false, notes.get(0).get("visibleToReporter"));
    }

    @Test
    void shouldShowANoteMarkedVisibleAsAReply() {
        Filed filed = Tickets.file();
        String reply = "We hebben het bericht laten verwijderen " + Tickets.uniqueWord();

        note(filed.reference(), reply, true);

        JsonPath updates = Tickets.track(filed).jsonPath();
        assertEquals(List.of("STATUS", "REPLY"), updates.getList("updates.kind"));
        assertEquals(reply, updates.getString("updates[1].text"));
        // A reply names no one on the staff.
        assertFalse(Tickets.track(filed).asString().contains("communicatie"));
    }

    @Test
    void shouldKeepATransitionMessageInternalUnlessMarkedVisible() {
        Filed filed = Tickets.file();
        String reference = filed.reference();
        String internal = "Wacht op juridisch advies " + Tickets.uniqueWord();
        String alsoInternal = "Niet voor de melder " + Tickets.uniqueWord();
        String visible = "Het bericht is verwijderd " + Tickets.uniqueWord();

        // Without visibleToReporter, and with it false: internal.
        Tickets.transition(reference, "WAITING", internal).then().statusCode(200);
        Tickets.move(reference, "IN_PROGRESS");
        Tickets.transition(reference, "WAITING", alsoInternal, false);
        Tickets.move(reference, "IN_PROGRESS");
        assertNoLeak(filed, internal, alsoInternal);

        Tickets.transition(reference, "RESOLVED", visible, true);

        Response tracked = Tickets.track(filed);
        assertNoLeak(filed, internal, alsoInternal);
        List<Map<String, Object>> replies = tracked.jsonPath().<Map<String, Object>>getList("updates").stream()
                .filter(u -> "REPLY".equals(u.get("kind"))).toList();
        assertEquals(1, replies.size());
        assertEquals(visible, replies.get(0).get("text"));
        assertEquals("Afgehandeld", tracked.path("publicStatus"));
    }

    @Test
    void shouldShowStatusChangesByTheirPublicLabelOnly() {
        Filed filed = Tickets.file();
        String reference = filed.reference();

        Tickets.move(reference, "TRIAGED");
        assertEquals(List.of("Ontvangen", "In behandeling"), publicStatuses(filed));

        // Both are "In behandeling" to the reporter: nothing new to tell.
        Tickets.move(reference, "IN_PROGRESS");
        assertEquals(List.of("Ontvangen", "In behandeling"), publicStatuses(filed));

        Tickets.move(reference, "WAITING");
        Tickets.move(reference, "IN_PROGRESS");
        Tickets.move(reference, "RESOLVED");
        Tickets.move(reference, "CLOSED");
        assertEquals(List.of("Ontvangen", "In behandeling", "Wacht op jouw reactie", "In behandeling",
                "Afgehandeld"), publicStatuses(filed));
        assertNoInternalStatus(filed);

        Filed rejected = Tickets.file();
        Tickets.move(rejected.reference(), "REJECTED");
        assertEquals(List.of("Ontvangen", "Niet in behandeling genomen"), publicStatuses(rejected));
        assertEquals("Niet in behandeling genomen", Tickets.track(rejected).path("publicStatus"));
        assertNoInternalStatus(rejected);
        // Reopened: TRIAGED is "In behandeling".
        Tickets.move(rejected.reference(), "TRIAGED");
        assertEquals("In behandeling", Tickets.track(rejected).path("publicStatus"));
        assertNoInternalStatus(rejected);
    }

    @Test
    void shouldNotShowAnInternalNoteOfTheSurvivingTicketToTheReporterOfADuplicate() {
        String url = "https://www.facebook.com/sglzorg/posts/" + Tickets.uniqueWord();
        Map<String, Object> signal = Tickets.signal(Tickets.uniqueWord());
        signal.put("url", url);
        Filed first = Tickets.file(signal);
        String secret = "Intern bij het overgebleven ticket " + Tickets.uniqueWord();
        note(first.reference(), secret, false);

        Filed duplicate = Tickets.file(signal);
        assertEquals(first.reference(), Tickets.detail(duplicate.reference()).getString("duplicateOf"));
        Tickets.move(first.reference(), "TRIAGED");
        note(first.reference(), secret + " (na samenvoegen)", false);

        assertEquals("In behandeling", Tickets.track(duplicate).path("publicStatus"));
        assertNoLeak(duplicate, secret);
        assertNoInternalStatus(duplicate);
    }

    @Test
    void shouldRecordARerouteWithOldAndNewFunctionAndTheReason() {
        Filed filed = Tickets.file();
        String reference = filed.reference();
        String reason = "Gaat over een medewerker " + Tickets.uniqueWord();
        assertEquals("COMMUNICATIONS", Tickets.detail(reference).getString("routing.function"));

        asCommunicatie().contentType(ContentType.JSON)
                .body(Map.of("function", "HR_REPRESENTATIVE", "reason", reason))
                .put("/api/tickets/{reference}/routing", reference)
                .then().statusCode(200)
                .body("routing.function", equalTo("HR_REPRESENTATIVE"))
                .body("routing.functionName", equalTo("Vertegenwoordiger HRM"))
                .body("routing.reason", equalTo(reason));

        Map<String, Object> rerouted = last(Tickets.events(reference), "REROUTED");
        assertEquals("COMMUNICATIONS", rerouted.get("oldValue"));
        assertEquals("HR_REPRESENTATIVE", rerouted.get("newValue"));
        assertEquals(reason, rerouted.get("text"));
        assertEquals("communicatie", rerouted.get("actor"));
        assertEquals(false, rerouted.get("visibleToReporter"));
        assertNotNull(rerouted.get("at"));
        // The reporter hears nothing of internal routing.
        assertNoLeak(filed, reason, "HR_REPRESENTATIVE");
    }

    @Test
    void shouldRecordAPriorityChangeWithOldAndNewValue() {
        Filed filed = Tickets.file();
        String reference = filed.reference();
        assertEquals("NORMAL", Tickets.detail(reference).getString("priority"));

        asCommunicatie().contentType(ContentType.JSON).body(Map.of("priority", "URGENT"))
                .put("/api/tickets/{reference}/priority", reference)
                .then().statusCode(200)
                .body("priority", equalTo("URGENT"));

        Map<String, Object> changed = last(Tickets.events(reference), "PRIORITY_CHANGED");
        assertEquals("NORMAL", changed.get("oldValue"));
        assertEquals("URGENT", changed.get("newValue"));
        assertEquals("communicatie", changed.get("actor"));
        assertNotNull(changed.get("at"));
        assertEquals("URGENT", Tickets.detail(reference).getString("priority"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"functionaris", "leidinggevende"})
    void shouldLetOnlyCommunicatieRerouteOrChangePriority(String role) {
        Filed filed = Tickets.file();
        String reference = filed.reference();
        // A functionaris of the handling function may work on the ticket, yet not move it.
        String user = role.equals("functionaris")
                ? TestData.createUser(List.of("functionaris"), "COMMUNICATIONS", null)
                : TestData.createUser(List.of("leidinggevende"), null,
                        TestData.createUnit("Leiding " + role, TestData.unique("l").toLowerCase() + "@sgl-zorg.nl"));
        long version = Tickets.version(reference);

        TestData.as(user).contentType(ContentType.JSON)
                .body(Map.of("function", "HR_REPRESENTATIVE", "reason", "Gaat over werk"))
                .put("/api/tickets/{reference}/routing", reference)
                .then().statusCode(403)
                .contentType("application/problem+json");
        TestData.as(user).contentType(ContentType.JSON).body(Map.of("priority", "LOW"))
                .put("/api/tickets/{reference}/priority", reference)
                .then().statusCode(403);

        JsonPath after = Tickets.detail(reference);
        assertEquals("COMMUNICATIONS", after.getString("routing.function"));
        assertEquals("NORMAL", after.getString("priority"));
        assertEquals(version, after.getLong("version"));
    }

    @Test
    void shouldRefuseARerouteToAnUnknownFunctionOrWithoutReason() {
        String reference = Tickets.file().reference();
        long version = Tickets.version(reference);

        reroute(reference, Map.of("function", "NO_SUCH_FUNCTION", "reason", "Verkeerd"))
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("function"));
        reroute(reference, Map.of("reason", "Zonder functie"))
                .then().statusCode(400).body("violations.field", hasItem("function"));
        reroute(reference, Map.of("function", "HR_REPRESENTATIVE"))
                .then().statusCode(400).body("violations.field", hasItem("reason"));
        reroute(reference, Map.of("function", "HR_REPRESENTATIVE", "reason", "   "))
                .then().statusCode(400).body("violations.field", hasItem("reason"));

        JsonPath after = Tickets.detail(reference);
        assertEquals("COMMUNICATIONS", after.getString("routing.function"));
        assertEquals(version, after.getLong("version"));
        assertTrue(Tickets.events(reference).stream().noneMatch(e -> "REROUTED".equals(e.get("type"))));
    }

    @Test
    void shouldRefuseAMissingOrUnknownPriority() {
        String reference = Tickets.file().reference();

        for (Object body : List.of(Map.of("priority", "SUPER"), Map.of(), Map.of("priority", 3))) {
            asCommunicatie().contentType(ContentType.JSON).body(body)
                    .put("/api/tickets/{reference}/priority", reference)
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations.field", hasItem("priority"));
        }
        assertEquals("NORMAL", Tickets.detail(reference).getString("priority"));
    }

    @Test
    void shouldRefuseANoteWithoutText() {
        String reference = Tickets.file().reference();
        int events = Tickets.history(reference).size();

        for (Object body : List.of(Map.of(), Map.of("text", "  "), Map.of("visibleToReporter", true))) {
            asCommunicatie().contentType(ContentType.JSON).body(body)
                    .post("/api/tickets/{reference}/notes", reference)
                    .then().statusCode(400)
                    .body("violations.field", hasItem("text"));
        }
        assertEquals(events, Tickets.history(reference).size());
    }

    @Test
    void shouldRefuseNotesAndMessagesOverTheirLimit() {
        String reference = Tickets.file().reference();
        String latin = "a".repeat(5000);

        asCommunicatie().contentType(ContentType.JSON).body(Map.of("text", latin))
                .post("/api/tickets/{reference}/notes", reference)
                .then().statusCode(201);
        asCommunicatie().contentType(ContentType.JSON).body(Map.of("text", latin + "a"))
                .post("/api/tickets/{reference}/notes", reference)
                .then().statusCode(400).body("violations.field", hasItem("text"));
        Tickets.transition(reference, "WAITING", latin + "a")
                .then().statusCode(400).body("violations.field", hasItem("message"));
        reroute(reference, Map.of("function", "HR_REPRESENTATIVE", "reason", "a".repeat(1001)))
                .then().statusCode(400).body("violations.field", hasItem("reason"));
        assertEquals("NEW", Tickets.status(reference));
    }

    @Test
    void shouldStoreEveryTextUpToItsLimitCountedInCharactersEvenWithEmoji() {
        // The contract's maxLength counts characters as a reader does: an emoji is one character,
        // though Java and H2 count it as two UTF-16 units. Reporters and staff write emoji.
        String description = "😀".repeat(4999) + ".";
        String note = "👍".repeat(5000);
        String message = "🙏".repeat(5000);
        String answer = "📷".repeat(5000);
        String reason = "🔁".repeat(1000);

        Map<String, Object> signal = Tickets.signal(Tickets.uniqueWord());
        signal.put("description", description);
        Filed filed = Tickets.file(signal);
        String reference = filed.reference();
        assertEquals(description, Tickets.detail(reference).getString("description"));

        asCommunicatie().contentType(ContentType.JSON).body(Map.of("text", note))
                .post("/api/tickets/{reference}/notes", reference)
                .then().statusCode(201);
        Tickets.transition(reference, "WAITING", message).then().statusCode(200);
        Tickets.reporterMessage(filed, answer).then().statusCode(201);
        reroute(reference, Map.of("function", "HR_REPRESENTATIVE", "reason", reason))
                .then().statusCode(200);

        List<Map<String, Object>> events = Tickets.events(reference);
        List<Object> texts = events.stream().filter(e -> List.of("NOTE_ADDED", "REPORTER_MESSAGE", "REROUTED")
                .contains(e.get("type"))).map(e -> e.get("text")).toList();
        assertEquals(List.of(note, message, answer, reason), texts, "stored whole");
        assertEquals("IN_PROGRESS", Tickets.status(reference));
    }

    // ------------------------------------------------------------------------------------------

    private static void note(String reference, String text, boolean visible) {
        asCommunicatie().contentType(ContentType.JSON).body(Map.of("text", text, "visibleToReporter", visible))
                .post("/api/tickets/{reference}/notes", reference)
                .then().statusCode(201)
                .body("visibleToReporter", equalTo(visible));
    }

    private static Response reroute(String reference, Map<String, Object> body) {
        return asCommunicatie().contentType(ContentType.JSON).body(body)
                .put("/api/tickets/{reference}/routing", reference);
    }

    /** The raw body, so a leak anywhere in it counts, not just in the fields we think of. */
    private static void assertNoLeak(Filed filed, String... secrets) {
        String body = Tickets.track(filed).asString();
        for (String secret : secrets) {
            assertFalse(body.contains(secret), "the reporter must not see: " + secret);
        }
    }

    private static void assertNoInternalStatus(Filed filed) {
        Response tracked = Tickets.track(filed);
        assertNull(tracked.path("status"), "the reporter never sees the internal status");
        String body = tracked.asString();
        for (String internal : INTERNAL_STATUSES) {
            assertFalse(body.contains(internal), "internal status name " + internal + " in " + body);
        }
    }

    private static List<String> publicStatuses(Filed filed) {
        return Tickets.track(filed).jsonPath().<Map<String, Object>>getList("updates").stream()
                .filter(u -> "STATUS".equals(u.get("kind"))).map(u -> (String) u.get("publicStatus")).toList();
    }

    private static Map<String, Object> last(List<Map<String, Object>> events, String type) {
        List<Map<String, Object>> matching = events.stream().filter(e -> type.equals(e.get("type"))).toList();
        assertFalse(matching.isEmpty(), "no " + type + " event");
        return matching.get(matching.size() - 1);
    }
}
