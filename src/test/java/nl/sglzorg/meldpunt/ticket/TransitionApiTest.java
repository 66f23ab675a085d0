package nl.sglzorg.meldpunt.ticket;

import static nl.sglzorg.meldpunt.TestData.asCommunicatie;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;
import nl.sglzorg.meldpunt.kernel.TicketStatus;
import nl.sglzorg.meldpunt.support.Signals.Filed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import nl.sglzorg.meldpunt.support.Tickets;

/**
 * The lifecycle through {@code POST /api/tickets/{reference}/transitions}: every row of docs/design.md's
 * table (ESCALATED reached through an escalation), messages, {@code If-Match}, the
 * reporter's answer to a waiting ticket, and the history every change leaves.
 */
@QuarkusTest
class TransitionApiTest {

    /** The event types of triage itself: filing, routing, status, notes, priority, reporter messages. */
    private static final Set<String> TRIAGE_EVENTS = Set.of("FILED", "ROUTED", "STATUS_CHANGED", "NOTE_ADDED",
            "PRIORITY_CHANGED", "REROUTED", "REPORTER_MESSAGE");

    /** Every (from, to) pair of the table. */
    static Stream<Arguments> everyReachableRow() {
        List<Arguments> pairs = new ArrayList<>();
        for (TicketStatus from : TicketStatus.values()) {
            for (TicketStatus to : TicketStatus.values()) {
                pairs.add(Arguments.of(from, to));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("everyReachableRow")
    void shouldAnswerEveryTransitionAsTheTableSays(TicketStatus from, TicketStatus to) {
        String reference = Tickets.file().reference();
        Tickets.bringTo(reference, from.name());
        JsonPath before = Tickets.detail(reference);
        assertEquals(from.name(), before.getString("status"), "set-up reached " + from);
        int eventsBefore = Tickets.history(reference).size();

        // Always with a message, so only the table decides.
        Response response = Tickets.transition(reference, to.name(), "Toelichting bij " + to);

        boolean allowed = LifecycleTest.designAllows(from).contains(to)
                && to != TicketStatus.ESCALATED && to != TicketStatus.MERGED;
        if (allowed) {
            response.then().statusCode(200)
                    .contentType(ContentType.JSON)
                    .body("reference", equalTo(reference))
                    .body("status", equalTo(to.name()))
                    .body("publicStatus", equalTo(to.publicLabel()));
            long newVersion = response.jsonPath().getLong("version");
            assertTrue(newVersion > before.getLong("version"), "version moves on");
            assertEquals("\"" + newVersion + "\"", response.header("ETag"));
            assertEquals(to.name(), Tickets.status(reference));
            List<Map<String, Object>> changes = Tickets.events(reference).stream()
                    .filter(e -> "STATUS_CHANGED".equals(e.get("type"))).toList();
            Map<String, Object> last = changes.get(changes.size() - 1);
            assertEquals(from.name(), last.get("oldValue"));
            assertEquals(to.name(), last.get("newValue"));
            assertEquals("communicatie", last.get("actor"));
        } else {
            response.then().statusCode(409)
                    .contentType("application/problem+json")
                    .body("status", equalTo(409))
                    .body("type", endsWith("/conflict"));
            JsonPath after = Tickets.detail(reference);
            assertEquals(from.name(), after.getString("status"), "a refused transition changes nothing");
            assertEquals(before.getLong("version"), after.getLong("version"), "a refused transition changes nothing");
            assertEquals(eventsBefore, Tickets.history(reference).size(), "a refused transition records nothing");
        }
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"NEW, WAITING", "NEW, REJECTED", "TRIAGED, RESOLVED", "TRIAGED, WAITING", "IN_PROGRESS, RESOLVED",
        "WAITING, RESOLVED"})
    void shouldRequireAMessageForResolvedRejectedAndWaiting(String from, String to) {
        String reference = Tickets.file().reference();
        Tickets.bringTo(reference, from);
        long version = Tickets.version(reference);

        Tickets.transition(reference, to, null)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("message"));
        // White space is no message either.
        Tickets.transition(reference, to, "   ")
                .then().statusCode(400)
                .body("violations.field", hasItem("message"));

        assertEquals(from, Tickets.status(reference));
        assertEquals(version, Tickets.version(reference));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"status\": \"DONE\"}", "{\"status\": \"\"}", "{\"status\": 3}", "{}", "",
        "{\"status\": \"triaged\"}", "{\"status\": null}",
        "{\"message\": \"zonder status\"}"})
    void shouldRefuseAMissingOrUnknownStatusNamingTheField(String body) {
        String reference = Tickets.file().reference();

        asCommunicatie().contentType(ContentType.JSON).body(body)
                .post("/api/tickets/{reference}/transitions", reference)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("status"));

        assertEquals("NEW", Tickets.status(reference));
    }

    @Test
    void shouldRefuseAStaleIfMatchAndChangeNothing() {
        String reference = Tickets.file().reference();
        String staleEtag = asCommunicatie().get("/api/tickets/{reference}", reference).header("ETag");
        // A colleague changes the ticket after we read it.
        Tickets.move(reference, "TRIAGED");
        JsonPath before = Tickets.detail(reference);

        asCommunicatie().contentType(ContentType.JSON).header("If-Match", staleEtag)
                .body(Map.of("status", "IN_PROGRESS"))
                .post("/api/tickets/{reference}/transitions", reference)
                .then().statusCode(412)
                .contentType("application/problem+json")
                .body("status", equalTo(412));

        JsonPath after = Tickets.detail(reference);
        assertEquals("TRIAGED", after.getString("status"));
        assertEquals(before.getLong("version"), after.getLong("version"));
        assertEquals(Tickets.withoutBackground(before.getList("events")).size(),
                Tickets.withoutBackground(after.getList("events")).size());
    }

    @Test
    void shouldAcceptTheCurrentIfMatchAndAnswerWithANewEtag() {
        String reference = Tickets.file().reference();
        Response current = asCommunicatie().get("/api/tickets/{reference}", reference);
        String etag = current.header("ETag");
        assertEquals("\"" + current.jsonPath().getLong("version") + "\"", etag);

        Response changed = asCommunicatie().contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("status", "TRIAGED"))
                .post("/api/tickets/{reference}/transitions", reference);
        changed.then().statusCode(200).body("status", equalTo("TRIAGED"));

        String newEtag = changed.header("ETag");
        assertNotNull(newEtag);
        assertNotEquals(etag, newEtag);
        assertEquals("\"" + changed.jsonPath().getLong("version") + "\"", newEtag);
        // And the new ETag is good for the next write.
        asCommunicatie().contentType(ContentType.JSON).header("If-Match", newEtag)
                .body(Map.of("status", "IN_PROGRESS"))
                .post("/api/tickets/{reference}/transitions", reference)
                .then().statusCode(200).body("status", equalTo("IN_PROGRESS"));
    }

    @Test
    void shouldRefuseTheSecondOfTwoWritesWithTheSameIfMatch() {
        String reference = Tickets.file().reference();
        String etag = asCommunicatie().get("/api/tickets/{reference}", reference).header("ETag");

        asCommunicatie().contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("status", "TRIAGED"))
                .post("/api/tickets/{reference}/transitions", reference)
                .then().statusCode(200);
        long version = Tickets.version(reference);
        // The second writer read the same version: its change must not silently land on top.
        asCommunicatie().contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("status", "IN_PROGRESS"))
                .post("/api/tickets/{reference}/transitions", reference)
                .then().statusCode(412);

        assertEquals("TRIAGED", Tickets.status(reference));
        assertEquals(version, Tickets.version(reference));
    }

    @Test
    void shouldCheckIfMatchOnEveryWrite() {
        String reference = Tickets.file().reference();
        String into = Tickets.file().reference();
        String stale = asCommunicatie().get("/api/tickets/{reference}", reference).header("ETag");
        Tickets.move(reference, "TRIAGED");
        long version = Tickets.version(reference);
        int events = Tickets.history(reference).size();

        List<Function<RequestSpecification, Response>> writes = List.of(
                r -> r.body(Map.of("status", "IN_PROGRESS")).post("/api/tickets/{reference}/transitions", reference),
                r -> r.body(Map.of("text", "Notitie")).post("/api/tickets/{reference}/notes", reference),
                r -> r.body(Map.of("function", "HR_REPRESENTATIVE", "reason", "Gaat over werk"))
                        .put("/api/tickets/{reference}/routing", reference),
                r -> r.body(Map.of("priority", "URGENT")).put("/api/tickets/{reference}/priority", reference),
                r -> r.body(Map.of("into", into)).post("/api/tickets/{reference}/merge", reference));
        for (Function<RequestSpecification, Response> write : writes) {
            write.apply(asCommunicatie().contentType(ContentType.JSON).header("If-Match", stale))
                    .then().statusCode(412).contentType("application/problem+json");
        }
        assertEquals(version, Tickets.version(reference));
        assertEquals(events, Tickets.history(reference).size());

        // Undoing a merge is a write too.
        Tickets.merge(reference, into).then().statusCode(200);
        asCommunicatie().header("If-Match", stale).delete("/api/tickets/{reference}/merge", reference)
                .then().statusCode(412);
        assertEquals("MERGED", Tickets.status(reference));
    }

    @Test
    void shouldNeverLoseOneOfManyConcurrentWritesSilently() throws Exception {
        String reference = Tickets.file().reference();
        long version = Tickets.version(reference);
        int writers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < writers; i++) {
                String text = "Gelijktijdige notitie " + i;
                Callable<Integer> write = () -> {
                    start.await();
                    // No If-Match: optimistic locking alone must catch the race.
                    return asCommunicatie().contentType(ContentType.JSON).body(Map.of("text", text))
                            .post("/api/tickets/{reference}/notes", reference).statusCode();
                };
                answers.add(pool.submit(write));
            }
            start.countDown();
            int created = 0;
            for (Future<Integer> answer : answers) {
                int status = answer.get();
                assertTrue(status == 201 || status == 409, "a racing write is stored or refused, got " + status);
                created += status == 201 ? 1 : 0;
            }
            long notes = Tickets.events(reference).stream().filter(e -> "NOTE_ADDED".equals(e.get("type"))).count();
            assertEquals(created, notes, "every 201 is a stored note, every 409 stored nothing");
            assertEquals(version + created, Tickets.version(reference));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldResumeAWaitingTicketWhenTheReporterAnswers() {
        Filed filed = Tickets.file();
        Tickets.transition(filed.reference(), "WAITING", "Kun je een schermafbeelding sturen?")
                .then().statusCode(200).body("status", equalTo("WAITING"));
        assertEquals("Wacht op jouw reactie", Tickets.track(filed).path("publicStatus"));

        Tickets.reporterMessage(filed, "Hierbij de schermafbeelding.").then().statusCode(201);

        assertEquals("IN_PROGRESS", Tickets.status(filed.reference()));
        assertEquals("In behandeling", Tickets.track(filed).path("publicStatus"));
        List<Map<String, Object>> changes = Tickets.events(filed.reference()).stream()
                .filter(e -> "STATUS_CHANGED".equals(e.get("type"))).toList();
        Map<String, Object> last = changes.get(changes.size() - 1);
        assertEquals("WAITING", last.get("oldValue"));
        assertEquals("IN_PROGRESS", last.get("newValue"));
        assertEquals("melder", last.get("actor"));
    }

    @Test
    void shouldNotMoveATicketThatIsNotWaitingWhenTheReporterWrites() {
        Filed filed = Tickets.file();
        Tickets.move(filed.reference(), "TRIAGED");

        Tickets.reporterMessage(filed, "Nog een aanvulling.").then().statusCode(201);

        assertEquals("TRIAGED", Tickets.status(filed.reference()));
        assertTrue(Tickets.events(filed.reference()).stream().anyMatch(e -> "REPORTER_MESSAGE".equals(e.get("type"))
                && "melder".equals(e.get("actor"))));
    }

    @Test
    void shouldRecordEveryChangeInTheHistoryWithActorAndTime() {
        Filed filed = Tickets.file();
        String reference = filed.reference();
        Instant start = Instant.now().minusSeconds(5);
        List<Map<String, Object>> filedHistory = Tickets.events(reference);

        Tickets.move(reference, "TRIAGED");
        asCommunicatie().contentType(ContentType.JSON).body(Map.of("text", "Interne notitie"))
                .post("/api/tickets/{reference}/notes", reference).then().statusCode(201);
        asCommunicatie().contentType(ContentType.JSON).body(Map.of("priority", "HIGH"))
                .put("/api/tickets/{reference}/priority", reference).then().statusCode(200);
        asCommunicatie().contentType(ContentType.JSON)
                .body(Map.of("function", "HR_REPRESENTATIVE", "reason", "Gaat over werk"))
                .put("/api/tickets/{reference}/routing", reference).then().statusCode(200);
        Tickets.transition(reference, "WAITING", "Wacht op de melder").then().statusCode(200);
        Tickets.reporterMessage(filed, "Antwoord van de melder").then().statusCode(201);

        List<Map<String, Object>> history = Tickets.events(reference);
        // Append-only: what was there stays there, unchanged, in front.
        assertEquals(filedHistory, history.subList(0, filedHistory.size()));
        // The changes this test made, in order; deadlines and e-mail have events of their own.
        List<Map<String, Object>> changes = history.stream()
                .filter(e -> TRIAGE_EVENTS.contains(e.get("type"))).toList();
        assertEquals(List.of("FILED", "ROUTED", "STATUS_CHANGED", "NOTE_ADDED", "PRIORITY_CHANGED", "REROUTED",
                "STATUS_CHANGED", "NOTE_ADDED", "REPORTER_MESSAGE", "STATUS_CHANGED"),
                changes.stream().map(e -> e.get("type")).toList());
        assertEquals(List.of("melder", "systeem", "communicatie", "communicatie", "communicatie", "communicatie",
                "communicatie", "communicatie", "melder", "melder"),
                changes.stream().map(e -> e.get("actor")).toList());

        Instant previous = start;
        for (Map<String, Object> event : Tickets.withoutBackground(history)) {
            assertNotNull(event.get("actor"), "actor of " + event);
            Instant at = Instant.parse((String) event.get("at"));
            assertFalse(at.isBefore(previous), "events in order of time: " + event);
            assertTrue(at.isBefore(Instant.now().plusSeconds(5)));
            previous = at;
        }
        assertEquals(List.of("NORMAL", "HIGH"), List.of(changes.get(4).get("oldValue"), changes.get(4).get("newValue")));
        assertEquals(List.of("COMMUNICATIONS", "HR_REPRESENTATIVE"),
                List.of(changes.get(5).get("oldValue"), changes.get(5).get("newValue")));
        assertEquals("Wacht op de melder", changes.get(7).get("text"));
        // The detail carries the same history.
        JsonPath detail = Tickets.detail(reference);
        assertEquals(Tickets.withoutBackground(history), Tickets.withoutBackground(detail.getList("events")));
    }
}
