package nl.sglzorg.meldpunt.escalation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import nl.sglzorg.meldpunt.MailServerResource;
import nl.sglzorg.meldpunt.ProblemAssertions;
import nl.sglzorg.meldpunt.TestClock;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.kernel.Priority;
import nl.sglzorg.meldpunt.notification.OutboxDispatcher;
import nl.sglzorg.meldpunt.ticket.Escalation;
import nl.sglzorg.meldpunt.ticket.ServiceLevel;
import nl.sglzorg.meldpunt.ticket.SlaPolicy;
import nl.sglzorg.meldpunt.ticket.Ticket;
import nl.sglzorg.meldpunt.ticket.WorkingCalendar;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import nl.sglzorg.meldpunt.support.Signals;
import nl.sglzorg.meldpunt.support.Tickets;

/**
 * The deadline chain end to end: signals filed through the API, the shared {@link TestClock} moved
 * to just before and after each deadline as read from the API, {@link SlaWatcher#runOnce()} called
 * by hand (the schedule is off in tests), and the e-mails read from the real SMTP server.
 *
 * <p>The database is shared with every other test class, and {@code runOnce()} acts on all tickets
 * that are due: assertions look only at this test's own tickets and e-mail addresses.
 */
@QuarkusTest
class EscalationChainTest {

    private static final String COMMUNICATIONS = "COMMUNICATIONS";
    private static final String COMMUNICATIONS_MAILBOX = "nieuws@sgl-zorg.nl";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String WARNING = "[Meldpunt] Termijn verloopt bijna: ";
    private static final String BREACH_WITHOUT_MANAGER = "[Meldpunt] Termijn verstreken: ";
    private static final String ESCALATION = "[Meldpunt] Escalatie: ";

    /** The fields of a function that {@code PUT /api/functions/{code}} takes. */
    private static final List<String> FUNCTION_FIELDS = List.of("name", "personalPlatforms", "corporatePlatforms",
            "locationPagePlatforms", "provisionalPlatforms", "locationPageAfterIntake", "topics", "escalationManager");

    @Inject
    SlaWatcher watcher;

    @Inject
    SlaPolicy policy;

    @Inject
    OutboxDispatcher dispatcher;

    @AfterEach
    void putTheClockBack() {
        // Each test resets in its own finally too; this is the safety net for the next test class.
        TestClock.INSTANCE.reset();
    }

    @Test
    void shouldRunOnTheDocumentedDefaults() {
        // application.properties must say what README § Escalation and SlaPolicy.sglDefaults say.
        SlaPolicy documented = SlaPolicy.sglDefaults(WorkingCalendar.sglOffice());
        for (Priority priority : Priority.values()) {
            assertEquals(documented.level(priority), policy.level(priority), priority.name());
        }
        Instant friday = Instant.parse("2026-11-27T15:00:00Z");
        assertEquals(documented.warningFor(friday, Duration.ofHours(4), Priority.HIGH),
                policy.warningFor(friday, Duration.ofHours(4), Priority.HIGH), "warning at 80 % on office hours");
    }

    // --- the automatic chain ---------------------------------------------------------------------

    @Test
    void shouldWarnBreachEscalateToTheUnitManagerAndThenToCommunicatiesManager() {
        Map<String, Object> communications = communicationsRow();
        try {
            String topManager = TestData.createUser(List.of("leidinggevende"), null,
                    TestData.createUnit("Hoofd Communicatie", TestData.unique("hoofd").toLowerCase() + "@sgl-zorg.nl"));
            String topManagerEmail = topManager + "@sgl-zorg.nl";
            setCommunicationsManager(communications, "Hoofd Communicatie", topManagerEmail);
            String managerEmail = uniqueEmail("leiding");
            String unit = TestData.createUnit("Lia Leiding", managerEmail);
            String leidinggevende = TestData.createUser(List.of("leidinggevende"), null, unit);
            String reference = fileDerailedDiscussion(unit);

            Response filed = detail(reference);
            assertEquals("HIGH", filed.path("priority"));
            assertEquals("NEW", filed.path("status"));
            assertEquals("PENDING", filed.path("firstResponseStatus"));
            assertEquals("PENDING", filed.path("resolutionStatus"));
            Instant createdAt = instant(filed, "createdAt");
            Instant due = instant(filed, "firstResponseDue");
            assertEquals(policy.plus(createdAt, Duration.ofHours(4), Priority.HIGH), due);
            Instant warnAt = policy.warningFor(createdAt, Duration.ofHours(4), Priority.HIGH);

            // Just before 80 %: nothing yet.
            TestClock.INSTANCE.setNow(warnAt.minusSeconds(60));
            watcher.runOnce();
            assertEquals(0, count(reference, "DEADLINE_WARNING"));

            // Past 80 %: the handling function (communicatie's mailbox) is warned, once.
            TestClock.INSTANCE.setNow(warnAt.plusSeconds(1));
            watcher.runOnce();
            assertEquals(1, count(reference, "DEADLINE_WARNING", "FIRST_RESPONSE"));
            awaitMails(COMMUNICATIONS_MAILBOX, WARNING + reference, 1);
            assertEquals("NEW", detail(reference).path("status"));

            // Past the deadline: breached, escalated to the manager of the reporter's unit.
            TestClock.INSTANCE.setNow(due.plusSeconds(1));
            watcher.runOnce();
            Response breached = detail(reference);
            assertEquals(1, count(reference, "DEADLINE_BREACHED", "FIRST_RESPONSE"));
            assertEquals("ESCALATED", breached.path("status"));
            assertEquals("BREACHED", breached.path("firstResponseStatus"));
            assertEquals(1, breached.<List<?>>path("escalations").size());
            assertEquals(1, intAt(breached, "escalations[0].level"));
            assertEquals(true, breached.path("escalations[0].automatic"));
            assertEquals(unit, breached.path("escalations[0].manager.unit"));
            assertEquals(managerEmail, breached.path("escalations[0].manager.email"));
            assertEquals(1, count(reference, "ESCALATED", managerEmail));
            MimeMessage mail = awaitMails(managerEmail, ESCALATION + reference, 1).get(0);
            assertTrue(text(mail).contains("/beheer/bevestigen?t=" + breached.path("escalations[0].id") + "."),
                    text(mail));
            assertFalse(text(mail).contains("/api/"), text(mail));

            // Another run at the same moment takes no step twice.
            watcher.runOnce();
            assertEquals(1, count(reference, "DEADLINE_BREACHED"));
            assertEquals(1, count(reference, "ESCALATED"));
            assertEquals(1, count(reference, "DEADLINE_WARNING"));
            assertEquals(1, detail(reference).<List<?>>path("escalations").size());
            assertNoMoreMails(managerEmail, ESCALATION + reference, 1);
            assertNoMoreMails(COMMUNICATIONS_MAILBOX, WARNING + reference, 1);

            // The manager got access through the escalation.
            TestData.as(leidinggevende).get("/api/tickets/{reference}", reference)
                    .then().statusCode(200).body("reference", equalTo(reference));
            TestData.as(leidinggevende).get("/api/tickets/{reference}/escalations", reference)
                    .then().statusCode(200).body("", hasSize(1));

            // Not acknowledged in time: the next level, communicatie's manager.
            Instant acknowledgeBy = instant(breached, "escalations[0].acknowledgeBy");
            // four working hours from the escalation (the watcher's run, a moment after due + 1 s)
            assertWithinASecond(policy.plus(due.plusSeconds(1), Duration.ofHours(4), Priority.HIGH), acknowledgeBy);
            TestClock.INSTANCE.setNow(acknowledgeBy.minusSeconds(60));
            watcher.runOnce();
            assertEquals(1, detail(reference).<List<?>>path("escalations").size());

            TestClock.INSTANCE.setNow(acknowledgeBy.plusSeconds(1));
            watcher.runOnce();
            Response secondLevel = detail(reference);
            assertEquals(2, secondLevel.<List<?>>path("escalations").size());
            assertEquals(2, intAt(secondLevel, "escalations[1].level"));
            assertEquals(topManagerEmail, secondLevel.path("escalations[1].manager.email"));
            assertEquals("ESCALATED", secondLevel.path("status"));
            awaitMails(topManagerEmail, ESCALATION + reference, 1);

            // Once only, also when the watcher runs again.
            watcher.runOnce();
            assertEquals(2, detail(reference).<List<?>>path("escalations").size());
            assertNoMoreMails(topManagerEmail, ESCALATION + reference, 1);
            assertNoMoreMails(managerEmail, ESCALATION + reference, 1);

            // Communicatie's manager, matched by e-mail address, may now see and acknowledge level 2;
            // the unit manager may not acknowledge somebody else's level.
            long secondId = ((Number) secondLevel.path("escalations[1].id")).longValue();
            TestData.as(leidinggevende).post("/api/tickets/{reference}/escalations/{id}/acknowledge", reference,
                    secondId).then().statusCode(403);
            TestData.as(topManager).post("/api/tickets/{reference}/escalations/{id}/acknowledge", reference,
                    secondId).then().statusCode(200).body("acknowledgedBy", equalTo(topManager));
            // The chain stops there: the level it followed is taken up with it, and leaves "Mijn escalaties".
            Response acknowledged = detail(reference);
            assertEquals(topManager, acknowledged.path("escalations[0].acknowledgedBy"));
            assertEquals(1, count(reference, "ESCALATION_ACKNOWLEDGED", managerEmail));
            TestData.as(leidinggevende).post("/api/tickets/{reference}/escalations/{id}/acknowledge", reference,
                    acknowledged.path("escalations[0].id")).then().statusCode(409);
        } finally {
            drainAndResetClock();
            putCommunications(communications);
        }
    }

    @Test
    void shouldStopTheChainWhenTheManagerAcknowledges() {
        Map<String, Object> communications = communicationsRow();
        try {
            String topManagerEmail = uniqueEmail("hoofd");
            setCommunicationsManager(communications, "Hoofd Communicatie", topManagerEmail);
            String managerEmail = uniqueEmail("leiding");
            String unit = TestData.createUnit("Lia Leiding", managerEmail);
            String leidinggevende = TestData.createUser(List.of("leidinggevende"), null, unit);
            String otherManager = TestData.createUser(List.of("leidinggevende"), null,
                    TestData.createUnit("Ander", uniqueEmail("ander")));
            // Works the ticket (communicatie's function) and belongs to the unit, but does not manage it.
            String functionarisOfTheUnit = TestData.createUser(List.of("functionaris"), COMMUNICATIONS, unit);
            String reference = fileDerailedDiscussion(unit);

            TestClock.INSTANCE.setNow(instant(detail(reference), "firstResponseDue").plusSeconds(1));
            watcher.runOnce();
            Response escalated = detail(reference);
            assertEquals("ESCALATED", escalated.path("status"));
            long id = ((Number) escalated.path("escalations[0].id")).longValue();
            Instant acknowledgeBy = instant(escalated, "escalations[0].acknowledgeBy");
            awaitMails(managerEmail, ESCALATION + reference, 1);

            // Only the manager it went to (or communicatie) acknowledges; a functionaris of the unit may
            // not, a manager of another unit does not even see the ticket.
            TestData.as(functionarisOfTheUnit)
                    .post("/api/tickets/{reference}/escalations/{id}/acknowledge", reference, id)
                    .then().statusCode(403);
            TestData.as(otherManager).post("/api/tickets/{reference}/escalations/{id}/acknowledge", reference, id)
                    .then().statusCode(404);
            TestData.as(leidinggevende).post("/api/tickets/{reference}/escalations/{id}/acknowledge", reference, id)
                    .then().statusCode(200)
                    .body("id", equalTo((int) id))
                    .body("acknowledgedBy", equalTo(leidinggevende))
                    .body("acknowledgedAt", notNullValue());
            Response twice = TestData.as(leidinggevende)
                    .post("/api/tickets/{reference}/escalations/{id}/acknowledge", reference, id);
            assertEquals(409, twice.statusCode(), twice.asString());
            assertEquals(1, count(reference, "ESCALATION_ACKNOWLEDGED"));
            TestData.as(leidinggevende).get("/api/tickets/{reference}/escalations/{id}", reference, id)
                    .then().statusCode(200).body("acknowledgedBy", equalTo(leidinggevende));

            // Past the acknowledgement deadline nothing follows: the chain stopped.
            TestClock.INSTANCE.setNow(acknowledgeBy.plusSeconds(1));
            watcher.runOnce();
            TestClock.INSTANCE.setNow(acknowledgeBy.plus(Duration.ofHours(1)));
            watcher.runOnce();
            assertEquals(1, detail(reference).<List<?>>path("escalations").size());
            assertEquals(1, count(reference, "ESCALATED"));
            assertNoMoreMails(topManagerEmail, ESCALATION + reference, 0);
        } finally {
            drainAndResetClock();
            putCommunications(communications);
        }
    }

    @Test
    void shouldCloseTheNextLevelWhenTheFirstManagerAcknowledgesLate() {
        Map<String, Object> communications = communicationsRow();
        try {
            String topManager = TestData.createUser(List.of("leidinggevende"), null,
                    TestData.createUnit("Hoofd Communicatie", uniqueEmail("hoofd-unit")));
            String topManagerEmail = topManager + "@sgl-zorg.nl";
            setCommunicationsManager(communications, "Hoofd Communicatie", topManagerEmail);
            String managerEmail = uniqueEmail("leiding");
            String unit = TestData.createUnit("Lia Leiding", managerEmail);
            String leidinggevende = TestData.createUser(List.of("leidinggevende"), null, unit);
            String reference = fileDerailedDiscussion(unit);

            TestClock.INSTANCE.setNow(instant(detail(reference), "firstResponseDue").plusSeconds(1));
            watcher.runOnce();
            Response firstLevel = detail(reference);
            TestClock.INSTANCE.setNow(instant(firstLevel, "escalations[0].acknowledgeBy").plusSeconds(1));
            watcher.runOnce();
            Response secondLevel = detail(reference);
            assertEquals(2, secondLevel.<List<?>>path("escalations").size());
            awaitMails(topManagerEmail, ESCALATION + reference, 1);

            // The unit's manager takes it up after all: communicatie's manager need not act any more.
            TestData.as(leidinggevende).post("/api/tickets/{reference}/escalations/{id}/acknowledge", reference,
                    secondLevel.path("escalations[0].id")).then().statusCode(200);
            Response acknowledged = detail(reference);
            assertEquals(leidinggevende, acknowledged.path("escalations[1].acknowledgedBy"));
            assertNotNull(acknowledged.path("escalations[1].acknowledgedAt"));
            assertEquals(1, count(reference, "ESCALATION_ACKNOWLEDGED", topManagerEmail));
            Response late = TestData.as(topManager).post("/api/tickets/{reference}/escalations/{id}/acknowledge",
                    reference, secondLevel.path("escalations[1].id"));
            assertEquals(409, late.statusCode(), late.asString());
        } finally {
            drainAndResetClock();
            putCommunications(communications);
        }
    }

    @Test
    void shouldKeepTheNextLevelOfAWaitingTicketForWhenItRunsAgain() {
        Map<String, Object> communications = communicationsRow();
        try {
            String topManagerEmail = uniqueEmail("hoofd");
            setCommunicationsManager(communications, "Hoofd Communicatie", topManagerEmail);
            String unit = TestData.createUnit("Lia Leiding", uniqueEmail("leiding"));
            Response filed = Signals.receipt(derailedDiscussion(unit));
            String reference = filed.path("reference");

            TestClock.INSTANCE.setNow(instant(detail(reference), "firstResponseDue").plusSeconds(1));
            watcher.runOnce();
            Instant acknowledgeBy = instant(detail(reference), "escalations[0].acknowledgeBy");
            Tickets.transitioned(reference, "IN_PROGRESS", null);
            Tickets.transitioned(reference, "WAITING", "Welk bericht bedoel je precies?");

            // Not acknowledged in time, but the ticket waits for its reporter: the chain waits with it.
            TestClock.INSTANCE.setNow(acknowledgeBy.plusSeconds(1));
            watcher.runOnce();
            assertEquals(1, detail(reference).<List<?>>path("escalations").size());

            // The reporter answers and the ticket runs again: the next level follows, still not acknowledged.
            given().contentType(ContentType.JSON).header("X-Tracking-Token", filed.<String>path("trackingToken"))
                    .body(Map.of("text", "De derde reactie onder de post."))
                    .post("/api/signals/{reference}/messages", reference)
                    .then().statusCode(201);
            watcher.runOnce();
            Response secondLevel = detail(reference);
            assertEquals(2, secondLevel.<List<?>>path("escalations").size());
            assertEquals(2, intAt(secondLevel, "escalations[1].level"));
            assertEquals(topManagerEmail, secondLevel.path("escalations[1].manager.email"));
            awaitMails(topManagerEmail, ESCALATION + reference, 1);
        } finally {
            drainAndResetClock();
            putCommunications(communications);
        }
    }

    @Test
    void shouldLetTheOpenEscalationsOfAMergedTicketLapse() {
        String managerEmail = uniqueEmail("leiding");
        String unit = TestData.createUnit("Lia Leiding", managerEmail);
        String leidinggevende = TestData.createUser(List.of("leidinggevende"), null, unit);
        String reference = fileMention(null);
        String survivor = fileMention(null);
        Response escalated = escalate(reference, Map.of("unit", unit, "reason", "Graag oppakken"));
        assertEquals(201, escalated.statusCode(), escalated.asString());
        Tickets.transitioned(reference, "IN_PROGRESS", null);

        Tickets.merge(reference, survivor).then().statusCode(200);

        // Nothing is left for the manager to take up: the escalation is closed, and the history says why.
        Response merged = detail(reference);
        assertEquals(TestData.ADMIN, merged.path("escalations[0].acknowledgedBy"));
        assertNotNull(merged.path("escalations[0].acknowledgedAt"));
        List<Map<String, Object>> events = merged.path("events");
        assertTrue(events.stream().anyMatch(e -> "ESCALATION_ACKNOWLEDGED".equals(e.get("type"))
                && managerEmail.equals(e.get("newValue"))
                && String.valueOf(e.get("text")).contains("vervallen: de melding is samengevoegd")), events::toString);
        Response late = TestData.as(leidinggevende).post("/api/tickets/{reference}/escalations/{id}/acknowledge",
                reference, escalated.path("id"));
        assertEquals(409, late.statusCode(), late.asString());
    }

    @Test
    void shouldEscalateOnceWhenTwoWatchersRace() {
        // Two instances of the application run the watcher at the same moment.
        String managerEmail = uniqueEmail("leiding");
        String unit = TestData.createUnit("Lia Leiding", managerEmail);
        String reference = fileDerailedDiscussion(unit);
        try {
            TestClock.INSTANCE.setNow(instant(detail(reference), "firstResponseDue").plusSeconds(1));
            CompletableFuture<Integer> first = CompletableFuture.supplyAsync(watcher::runOnce);
            CompletableFuture<Integer> second = CompletableFuture.supplyAsync(watcher::runOnce);
            first.join();
            second.join();

            assertEquals(1, detail(reference).<List<?>>path("escalations").size());
            assertEquals(1, count(reference, "DEADLINE_BREACHED"));
            assertEquals(1, count(reference, "ESCALATED"));
            awaitMails(managerEmail, ESCALATION + reference, 1);
            assertNoMoreMails(managerEmail, ESCALATION + reference, 1);
        } finally {
            drainAndResetClock();
        }
    }

    @Test
    void shouldKeepTheStepsTakenInTheDatabaseSoARestartRepeatsNone() {
        // A @QuarkusTest cannot restart Quarkus inside a test. What a restart would lose is memory;
        // the watcher keeps nothing there: each step is a flag committed with its effects. So read
        // the flags back from the database in a fresh transaction, and let a fresh runOnce() — all
        // that a restarted instance would do — find nothing left to do.
        String managerEmail = uniqueEmail("leiding");
        String unit = TestData.createUnit("Lia Leiding", managerEmail);
        String reference = fileDerailedDiscussion(unit);
        try {
            TestClock.INSTANCE.setNow(instant(detail(reference), "firstResponseDue").plusSeconds(1));
            watcher.runOnce();
            awaitMails(managerEmail, ESCALATION + reference, 1);

            ServiceLevel stored = QuarkusTransaction.requiringNew()
                    .call(() -> Ticket.findByReference(reference).orElseThrow().sla);
            assertTrue(stored.firstResponseWarned, "warning flag committed");
            assertTrue(stored.firstResponseBreached, "breach flag committed");
            List<Escalation> escalations = QuarkusTransaction.requiringNew()
                    .call(() -> Escalation.ofTicket(Ticket.findByReference(reference).orElseThrow().id));
            assertEquals(1, escalations.size());
            assertFalse(escalations.get(0).nextLevelFired);

            watcher.runOnce();
            watcher.runOnce();

            assertEquals(1, count(reference, "DEADLINE_BREACHED"));
            assertEquals(1, count(reference, "ESCALATED"));
            assertNoMoreMails(managerEmail, ESCALATION + reference, 1);
        } finally {
            drainAndResetClock();
        }
    }

    @Test
    void shouldEscalateUnwantedContactOverTheHeadOfTheManagerWhoHasIt() {
        Map<String, Object> communications = communicationsRow();
        try {
            String topManagerEmail = uniqueEmail("hoofd");
            setCommunicationsManager(communications, "Hoofd Communicatie", topManagerEmail);
            String managerEmail = uniqueEmail("leiding");
            String unit = TestData.createUnit("Lia Leiding", managerEmail);
            Map<String, Object> signal = TestData.signal("UNWANTED_CONTACT", "WHATSAPP");
            signal.put("reporter", Map.of("relation", "EMPLOYEE", "unit", unit));
            String reference = Signals.receipt(signal).path("reference");
            Response filed = detail(reference);
            assertEquals(managerEmail, filed.path("routing.manager.email"), "the unit's manager takes it up");
            // The unit gets another manager after the filing: they have the ticket now.
            String successor = uniqueEmail("opvolger");
            TestData.asCommunicatie().contentType(ContentType.JSON)
                    .body(Map.of("name", "Team " + unit, "region", "Parkstad", "managerName", "Opvolger",
                            "managerEmail", successor))
                    .put("/api/units/{code}", unit).then().statusCode(200);

            // The warning reaches the manager who has it, as well as communicatie's mailbox.
            Instant createdAt = instant(filed, "createdAt");
            TestClock.INSTANCE.setNow(policy.warningFor(createdAt, Duration.ofHours(4), Priority.HIGH).plusSeconds(1));
            watcher.runOnce();
            awaitMails(successor, WARNING + reference, 1);
            awaitMails(COMMUNICATIONS_MAILBOX, WARNING + reference, 1);
            assertNoMoreMails(managerEmail, WARNING + reference, 0);

            // They let it pass: the escalation goes over their head, not back to them.
            TestClock.INSTANCE.setNow(instant(filed, "firstResponseDue").plusSeconds(1));
            watcher.runOnce();
            Response escalated = detail(reference);
            assertEquals(1, escalated.<List<?>>path("escalations").size());
            assertEquals(topManagerEmail, escalated.path("escalations[0].manager.email"));
            awaitMails(topManagerEmail, ESCALATION + reference, 1);
            assertNoMoreMails(successor, ESCALATION + reference, 0);
        } finally {
            drainAndResetClock();
            putCommunications(communications);
        }
    }

    @Test
    void shouldEscalateToTheFunctionsManagerWhenTheReportersUnitHasNone() {
        // MENTION about work on Facebook goes to the HR representative; the reporter's unit has no
        // manager, so the function's escalation manager is the first level.
        Map<String, Object> hr = functionRow("HR_REPRESENTATIVE");
        try {
            String hrManagerEmail = uniqueEmail("hoofd-hrm");
            setManager("HR_REPRESENTATIVE", hr, "Hoofd HRM", hrManagerEmail);
            String unit = TestData.unique("UNIT");
            TestData.asCommunicatie().contentType(ContentType.JSON)
                    .body(Map.of("code", unit, "name", "Team zonder leiding"))
                    .post("/api/units").then().statusCode(201);
            Map<String, Object> signal = TestData.signal("MENTION", "FACEBOOK");
            signal.put("topic", "EMPLOYMENT");
            signal.put("reporter", Map.of("relation", "EMPLOYEE", "unit", unit));
            String reference = Signals.receipt(signal).path("reference");
            Response filed = detail(reference);
            assertEquals("HR_REPRESENTATIVE", filed.path("routing.function"));
            assertEquals("NORMAL", filed.path("priority"));

            TestClock.INSTANCE.setNow(instant(filed, "firstResponseDue").plusSeconds(1));
            watcher.runOnce();

            Response escalated = detail(reference);
            assertEquals("ESCALATED", escalated.path("status"));
            assertEquals(1, escalated.<List<?>>path("escalations").size());
            assertEquals(hrManagerEmail, escalated.path("escalations[0].manager.email"));
            assertEquals("Hoofd HRM", escalated.path("escalations[0].manager.name"));
            awaitMails(hrManagerEmail, ESCALATION + reference, 1);
        } finally {
            drainAndResetClock();
            putFunction("HR_REPRESENTATIVE", hr);
        }
    }

    @Test
    void shouldTellCommunicatieWhenNobodyCanBeEscalatedTo() {
        Map<String, Object> communications = communicationsRow();
        assertNull(communications.get("escalationManager"), "seeded without an escalation manager");
        // No unit, no function manager, no communicatie manager: the mailbox hears of the breach.
        String reference = fileDerailedDiscussion(null);
        try {
            TestClock.INSTANCE.setNow(instant(detail(reference), "firstResponseDue").plusSeconds(1));
            watcher.runOnce();

            Response ticket = detail(reference);
            assertEquals(1, count(reference, "DEADLINE_BREACHED", "FIRST_RESPONSE"));
            assertEquals("NEW", ticket.path("status"));
            assertEquals(0, ticket.<List<?>>path("escalations").size());
            awaitMails(COMMUNICATIONS_MAILBOX, BREACH_WITHOUT_MANAGER + reference, 1);
        } finally {
            drainAndResetClock();
        }
    }

    // --- escalating by hand ----------------------------------------------------------------------

    @Test
    void shouldEscalateByHandToAUnitManagerAndMailThem() {
        String managerEmail = uniqueEmail("leiding");
        String unit = TestData.createUnit("Lia Leiding", managerEmail);
        String leidinggevende = TestData.createUser(List.of("leidinggevende"), null, unit);
        String reference = fileMention(null);

        Response created = TestData.asCommunicatie().contentType(ContentType.JSON)
                .body(Map.of("unit", unit, "reason", "Loopt uit de hand, graag oppakken"))
                .post("/api/tickets/{reference}/escalations", reference)
                .then().statusCode(201)
                .extract().response();
        assertThat(created.header("Location"),
                endsWith("/api/tickets/" + reference + "/escalations/" + intAt(created, "id")));
        assertEquals(1, intAt(created, "level"));
        assertEquals(false, created.path("automatic"));
        assertEquals(unit, created.path("manager.unit"));
        assertEquals("Lia Leiding", created.path("manager.name"));
        assertEquals(managerEmail, created.path("manager.email"));
        assertEquals("Loopt uit de hand, graag oppakken", created.path("reason"));
        assertEquals(TestData.ADMIN, created.path("createdBy"));
        assertNotNull(created.path("createdAt"));

        Response ticket = detail(reference);
        assertEquals("ESCALATED", ticket.path("status"));
        assertEquals(1, ticket.<List<?>>path("escalations").size());
        assertEquals(1, count(reference, "ESCALATED", managerEmail));
        MimeMessage mail = awaitMails(managerEmail, ESCALATION + reference, 1).get(0);
        assertTrue(text(mail).contains("Loopt uit de hand, graag oppakken"), text(mail));

        // The manager may see and work on it now, and acknowledge it.
        TestData.as(leidinggevende).get("/api/tickets/{reference}", reference).then().statusCode(200);
        TestData.as(leidinggevende).post("/api/tickets/{reference}/escalations/{id}/acknowledge", reference,
                created.<Integer>path("id")).then().statusCode(200);
    }

    @Test
    void shouldEscalateByHandToAnAddress() {
        // The address of a known manager: here a leidinggevende's, who may then acknowledge it.
        String leidinggevende = TestData.createUser(List.of("leidinggevende"), null,
                TestData.createUnit("Ander", uniqueEmail("ander")));
        String address = leidinggevende + "@sgl-zorg.nl";
        String reference = fileMention(null);

        Response created = TestData.asCommunicatie().contentType(ContentType.JSON)
                .body(Map.of("managerEmail", address, "reason", "Ter beoordeling"))
                .post("/api/tickets/{reference}/escalations", reference)
                .then().statusCode(201)
                .body("manager.email", equalTo(address))
                .body("manager.unit", equalTo(null))
                .extract().response();

        awaitMails(address, ESCALATION + reference, 1);
        TestData.as(leidinggevende).post("/api/tickets/{reference}/escalations/{id}/acknowledge", reference,
                created.<Integer>path("id")).then().statusCode(200);
    }

    @Test
    void shouldLetCommunicatieAcknowledgeAnEscalationRaisedByTheWatcher() {
        String managerEmail = uniqueEmail("leiding");
        String unit = TestData.createUnit("Lia Leiding", managerEmail);
        String reference = fileDerailedDiscussion(unit);
        try {
            TestClock.INSTANCE.setNow(instant(detail(reference), "firstResponseDue").plusSeconds(1));
            watcher.runOnce();
            long id = ((Number) detail(reference).path("escalations[0].id")).longValue();

            TestData.asCommunicatie().post("/api/tickets/{reference}/escalations/{id}/acknowledge", reference, id)
                    .then().statusCode(200).body("acknowledgedBy", equalTo(TestData.ADMIN));
            assertEquals(1, count(reference, "ESCALATION_ACKNOWLEDGED"));
        } finally {
            drainAndResetClock();
        }
    }

    @Test
    void shouldLetTheHandlingFunctionarisEscalate() {
        // MENTION about work on Facebook goes to the HR representative, who may escalate it.
        String functionaris = TestData.createUser(List.of("functionaris"), "HR_REPRESENTATIVE", null);
        Map<String, Object> signal = TestData.signal("MENTION", "FACEBOOK");
        signal.put("topic", "EMPLOYMENT");
        String reference = Signals.receipt(signal).path("reference");
        assertEquals("HR_REPRESENTATIVE", detail(reference).path("routing.function"));

        String managerEmail = uniqueEmail("hr");
        TestData.createUnit("Hoofd HRM", managerEmail);
        TestData.as(functionaris).contentType(ContentType.JSON)
                .body(Map.of("managerEmail", managerEmail, "reason", "Graag even kijken"))
                .post("/api/tickets/{reference}/escalations", reference)
                .then().statusCode(201);
    }

    @Test
    void shouldMeetTheFirstResponseWhenStaffEscalateByHand() {
        // A status change by staff meets the first response (docs/design-notes.md); an escalation by
        // hand is one. Only the watcher's automatic escalations do not count.
        String reference = fileMention(null);

        TestData.asCommunicatie().contentType(ContentType.JSON)
                .body(Map.of("managerEmail", knownManager(), "reason", "Ter beoordeling"))
                .post("/api/tickets/{reference}/escalations", reference)
                .then().statusCode(201);

        assertEquals("MET", detail(reference).path("firstResponseStatus"));
    }

    @Test
    void shouldRefuseAManualEscalationWithoutExactlyOneTarget() {
        String unit = TestData.createUnit("Lia Leiding", uniqueEmail("leiding"));
        String reference = fileMention(null);
        String path = "/api/tickets/" + reference + "/escalations";

        Response both = escalate(reference, Map.of("unit", unit, "managerEmail", uniqueEmail("x"), "reason", "r"));
        ProblemAssertions.assertInvalid(both, path, "managerEmail");
        Response neither = escalate(reference, Map.of("reason", "r"));
        ProblemAssertions.assertInvalid(neither, path, "unit");
        Response unknown = escalate(reference, Map.of("unit", TestData.unique("NOPE"), "reason", "r"));
        ProblemAssertions.assertInvalid(unknown, path, "unit");
        Response noReason = escalate(reference, Map.of("unit", unit));
        ProblemAssertions.assertInvalid(noReason, path, "reason");
        Response badAddress = escalate(reference, Map.of("managerEmail", "geen-adres", "reason", "r"));
        ProblemAssertions.assertInvalid(badAddress, path, "managerEmail");

        // Nothing happened to the ticket.
        Response ticket = detail(reference);
        assertEquals("NEW", ticket.path("status"));
        assertEquals(0, ticket.<List<?>>path("escalations").size());
    }

    @Test
    void shouldRefuseAUnitWithoutAManagerToEscalateTo() {
        String unit = TestData.unique("UNIT");
        TestData.asCommunicatie().contentType(ContentType.JSON)
                .body(Map.of("code", unit, "name", "Team zonder leiding"))
                .post("/api/units").then().statusCode(201);
        String reference = fileMention(null);

        Response response = escalate(reference, Map.of("unit", unit, "reason", "r"));

        ProblemAssertions.assertInvalid(response, "/api/tickets/" + reference + "/escalations", "unit");
    }

    @Test
    void shouldRefuseToEscalateAResolvedTicket() {
        String reference = fileMention(null);
        Tickets.transitioned(reference, "IN_PROGRESS", null);
        Tickets.transitioned(reference, "RESOLVED", "Opgelost");

        Response response = escalate(reference, Map.of("managerEmail", knownManager(), "reason", "r"));

        assertEquals(409, response.statusCode(), response.asString());
        assertEquals(0, detail(reference).<List<?>>path("escalations").size());
    }

    @Test
    void shouldHideTheTicketFromAFunctionarisOfAnotherFunction() {
        String functionaris = TestData.createUser(List.of("functionaris"), "HR_REPRESENTATIVE", null);
        String reference = fileMention(null);

        TestData.as(functionaris).contentType(ContentType.JSON)
                .body(Map.of("managerEmail", uniqueEmail("x"), "reason", "r"))
                .post("/api/tickets/{reference}/escalations", reference)
                .then().statusCode(404);

        assertEquals("NEW", detail(reference).path("status"));
    }

    // --- waiting for the reporter -----------------------------------------------------------------

    @Test
    void shouldPauseWhileWaitingAndShiftTheDeadlinesWhenTheReporterAnswers() {
        Response filed = Signals.receipt(derailedDiscussion(null));
        String reference = filed.path("reference");
        String token = filed.path("trackingToken");
        try {
            Tickets.transitioned(reference, "WAITING", "Welk bericht bedoel je precies?");
            Response waiting = detail(reference);
            Instant waitingSince = eventTime(waiting, "STATUS_CHANGED", "WAITING");
            Instant resolutionDue = instant(waiting, "resolutionDue");
            assertEquals("MET", waiting.path("firstResponseStatus"), "putting it on WAITING is a response");
            assertEquals("PAUSED", waiting.path("resolutionStatus"));

            // Long past the resolution deadline, but the ticket waits: no warning, no breach.
            Instant later = policy.plus(resolutionDue, Duration.ofHours(3), Priority.HIGH);
            TestClock.INSTANCE.setNow(later);
            watcher.runOnce();
            assertEquals(0, count(reference, "DEADLINE_WARNING"));
            assertEquals(0, count(reference, "DEADLINE_BREACHED"));
            assertEquals("PAUSED", detail(reference).path("resolutionStatus"));

            // The reporter answers: back to work, deadlines moved by the working time waited.
            given().contentType(ContentType.JSON).header("X-Tracking-Token", token)
                    .body(Map.of("text", "Dit bericht: de tweede reactie onder de post."))
                    .post("/api/signals/{reference}/messages", reference)
                    .then().statusCode(201);
            Response resumed = detail(reference);
            assertEquals("IN_PROGRESS", resumed.path("status"));
            assertEquals(1, count(reference, "DEADLINES_SHIFTED"));
            Instant answeredAt = eventTime(resumed, "REPORTER_MESSAGE", null);
            Instant shifted = instant(resumed, "resolutionDue");
            Duration waited = policy.between(waitingSince, answeredAt, Priority.HIGH);
            assertWithinASecond(policy.plus(resolutionDue, waited, Priority.HIGH), shifted);
            // What was left of the budget when the wait began is left now.
            Duration leftBefore = policy.between(waitingSince, resolutionDue, Priority.HIGH);
            Duration leftAfter = policy.between(answeredAt, shifted, Priority.HIGH);
            assertTrue(leftBefore.minus(leftAfter).abs().compareTo(Duration.ofSeconds(1)) <= 0,
                    () -> leftBefore + " left before the wait, " + leftAfter + " after");
            assertEquals("PENDING", resumed.path("resolutionStatus"));

            watcher.runOnce();
            assertEquals(0, count(reference, "DEADLINE_BREACHED"), "the moved deadline has not passed");

            // The moved deadline still counts: past it, the breach comes.
            TestClock.INSTANCE.setNow(shifted.plusSeconds(1));
            watcher.runOnce();
            assertEquals(1, count(reference, "DEADLINE_BREACHED", "RESOLUTION"));
            assertEquals("BREACHED", detail(reference).path("resolutionStatus"));
        } finally {
            drainAndResetClock();
        }
    }

    @Test
    void shouldNotBreachOrEscalateTheSameDeadlineTwiceAfterAWait() {
        // A breached deadline that a later wait moves by an hour is still passed: it was breached
        // and escalated once, and must not be again ("each level fires exactly once per ticket").
        String managerEmail = uniqueEmail("leiding");
        String unit = TestData.createUnit("Lia Leiding", managerEmail);
        String leidinggevende = TestData.createUser(List.of("leidinggevende"), null, unit);
        Response filed = Signals.receipt(derailedDiscussion(unit));
        String reference = filed.path("reference");
        String token = filed.path("trackingToken");
        try {
            Tickets.transitioned(reference, "IN_PROGRESS", null);
            Instant resolutionDue = instant(detail(reference), "resolutionDue");

            TestClock.INSTANCE.setNow(resolutionDue.plusSeconds(1));
            watcher.runOnce();
            Response escalated = detail(reference);
            assertEquals(1, count(reference, "DEADLINE_BREACHED", "RESOLUTION"));
            long id = ((Number) escalated.path("escalations[0].id")).longValue();
            TestData.as(leidinggevende).post("/api/tickets/{reference}/escalations/{id}/acknowledge", reference, id)
                    .then().statusCode(200);
            awaitMails(managerEmail, ESCALATION + reference, 1);

            // Ten working minutes on, communicatie asks the reporter something; an hour later they answer.
            Instant asked = policy.plus(resolutionDue, Duration.ofMinutes(10), Priority.HIGH);
            TestClock.INSTANCE.setNow(asked);
            Tickets.transitioned(reference, "IN_PROGRESS", null);
            Tickets.transitioned(reference, "WAITING", "Nog een vraag");
            TestClock.INSTANCE.setNow(policy.plus(asked, Duration.ofHours(1), Priority.HIGH));
            given().contentType(ContentType.JSON).header("X-Tracking-Token", token)
                    .body(Map.of("text", "Hier is het antwoord."))
                    .post("/api/signals/{reference}/messages", reference)
                    .then().statusCode(201);
            assertEquals("BREACHED", detail(reference).path("resolutionStatus"), "still passed after the shift");

            watcher.runOnce();

            assertEquals(1, count(reference, "DEADLINE_BREACHED", "RESOLUTION"));
            assertEquals(1, detail(reference).<List<?>>path("escalations").size());
            assertNoMoreMails(managerEmail, ESCALATION + reference, 1);
        } finally {
            drainAndResetClock();
        }
    }

    @Test
    void shouldNotWarnTwiceAboutTheSameDeadlineAfterAWait() {
        Response filed = Signals.receipt(derailedDiscussion(null));
        String reference = filed.path("reference");
        String token = filed.path("trackingToken");
        try {
            Tickets.transitioned(reference, "IN_PROGRESS", null);
            Instant createdAt = instant(detail(reference), "createdAt");
            Instant warnAt = policy.warningFor(createdAt, policy.level(Priority.HIGH).resolution(), Priority.HIGH);

            TestClock.INSTANCE.setNow(warnAt.plusSeconds(1));
            watcher.runOnce();
            assertEquals(1, count(reference, "DEADLINE_WARNING", "RESOLUTION"));
            awaitMails(COMMUNICATIONS_MAILBOX, WARNING + reference, 1);

            // A short wait for the reporter moves the warning by the time waited: still passed.
            Instant asked = policy.plus(warnAt, Duration.ofMinutes(10), Priority.HIGH);
            TestClock.INSTANCE.setNow(asked);
            Tickets.transitioned(reference, "WAITING", "Nog een vraag");
            TestClock.INSTANCE.setNow(policy.plus(asked, Duration.ofMinutes(30), Priority.HIGH));
            given().contentType(ContentType.JSON).header("X-Tracking-Token", token)
                    .body(Map.of("text", "Hier is het antwoord."))
                    .post("/api/signals/{reference}/messages", reference)
                    .then().statusCode(201);

            watcher.runOnce();

            assertEquals(1, count(reference, "DEADLINE_WARNING", "RESOLUTION"));
            assertNoMoreMails(COMMUNICATIONS_MAILBOX, WARNING + reference, 1);
        } finally {
            drainAndResetClock();
        }
    }

    // --- deadlines in the detail and the list -------------------------------------------------------

    @Test
    void shouldShowDeadlinesGoingFromPendingToBreachedInTheDetail() {
        String reference = fileMention(null);
        try {
            Response ticket = detail(reference);
            Instant createdAt = instant(ticket, "createdAt");
            Instant firstResponseDue = instant(ticket, "firstResponseDue");
            Instant resolutionDue = instant(ticket, "resolutionDue");
            assertEquals("NORMAL", ticket.path("priority"));
            assertEquals(policy.plus(createdAt, Duration.ofMinutes(510), Priority.NORMAL), firstResponseDue);
            assertEquals(policy.plus(createdAt, Duration.ofMinutes(5 * 510), Priority.NORMAL), resolutionDue);
            assertEquals("PENDING", ticket.path("firstResponseStatus"));
            assertEquals("PENDING", ticket.path("resolutionStatus"));
            assertEquals(1, count(reference, "DEADLINES_SET"));

            // The state follows the clock, even before the watcher ran.
            TestClock.INSTANCE.setNow(firstResponseDue.plusSeconds(1));
            Response late = detail(reference);
            assertEquals("BREACHED", late.path("firstResponseStatus"));
            assertEquals("PENDING", late.path("resolutionStatus"));

            TestClock.INSTANCE.setNow(resolutionDue.plusSeconds(1));
            assertEquals("BREACHED", detail(reference).path("resolutionStatus"));
        } finally {
            TestClock.INSTANCE.reset();
        }
    }

    @Test
    void shouldMeetTheFirstResponseByAStatusChangeOrAVisibleReplyButNotByAnInternalNote() {
        String byStatus = fileMention(null);
        Tickets.transitioned(byStatus, "IN_PROGRESS", null);
        assertEquals("MET", detail(byStatus).path("firstResponseStatus"));
        assertEquals("PENDING", detail(byStatus).path("resolutionStatus"));

        String byReply = fileMention(null);
        note(byReply, "Intern: even uitzoeken", false);
        assertEquals("PENDING", detail(byReply).path("firstResponseStatus"), "an internal note is no response");
        note(byReply, "Dank je, we kijken ernaar.", true);
        assertEquals("MET", detail(byReply).path("firstResponseStatus"));
    }

    @Test
    void shouldResolveInTimeAsMet() {
        String reference = fileMention(null);
        Tickets.transitioned(reference, "IN_PROGRESS", null);
        Tickets.transitioned(reference, "RESOLVED", "Opgelost");

        Response ticket = detail(reference);
        assertEquals("MET", ticket.path("firstResponseStatus"));
        assertEquals("MET", ticket.path("resolutionStatus"));
    }

    @Test
    void shouldSortTheQueueByTheDeadlineThatMattersNext() {
        String word = TestData.unique("dringend").toLowerCase().replace("-", "");
        // Filed in scrambled order, so creation order cannot explain the result.
        String low = Signals.receipt(withWord(TestData.signal("BRAND_ASSET_REQUEST", "FACEBOOK"), word)).path("reference");
        String urgent = Signals.receipt(withWord(TestData.signal("CONFIDENTIAL_INFORMATION", "WHATSAPP"), word)).path("reference");
        String waiting = Signals.receipt(withWord(TestData.signal("MENTION", "TWITTER"), word)).path("reference");
        String normal = Signals.receipt(withWord(TestData.signal("MENTION", "TWITTER"), word)).path("reference");
        String high = Signals.receipt(withWord(derailedDiscussion(null), word)).path("reference");
        String answered = Signals.receipt(withWord(TestData.signal("CONFIDENTIAL_INFORMATION", "WHATSAPP"), word))
                .path("reference");
        Tickets.transitioned(waiting, "WAITING", "Welk bericht?");
        // URGENT answered: now its resolution deadline (8 h) is the one that matters
        Tickets.transitioned(answered, "IN_PROGRESS", null);

        Map<String, Instant> nextDue = new HashMap<>();
        for (String reference : List.of(low, urgent, normal, high)) {
            nextDue.put(reference, instant(detail(reference), "firstResponseDue"));
        }
        nextDue.put(answered, instant(detail(answered), "resolutionDue"));
        nextDue.put(waiting, ServiceLevel.NO_DEADLINE);
        List<String> expected = new ArrayList<>(nextDue.keySet());
        expected.sort(Comparator.comparing((String r) -> nextDue.get(r)).thenComparing(Comparator.naturalOrder()));
        // Office hours only lengthen a deadline: the first responses keep the priority order.
        assertTrue(expected.indexOf(urgent) < expected.indexOf(high));
        assertTrue(expected.indexOf(high) < expected.indexOf(normal));
        assertTrue(expected.indexOf(normal) < expected.indexOf(low));
        assertEquals(waiting, expected.get(expected.size() - 1));

        Response page = TestData.asCommunicatie().queryParam("q", word).queryParam("sort", "due")
                .get("/api/tickets").then().statusCode(200).extract().response();
        assertEquals(expected, page.<List<String>>path("items.reference"));
        assertEquals(6, intAt(page, "total"));
        assertEquals("PAUSED", page.path("items[5].resolutionStatus"));

        // Page by page (keyset cursor) gives the same order.
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            var request = TestData.asCommunicatie().queryParam("q", word).queryParam("sort", "due")
                    .queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response next = request.get("/api/tickets").then().statusCode(200).extract().response();
            paged.addAll(next.path("items.reference"));
            cursor = next.path("nextCursor");
        } while (cursor != null && paged.size() < 10);
        assertEquals(expected, paged);
    }

    // --- helpers -----------------------------------------------------------------------------------

    private static String uniqueEmail(String prefix) {
        return TestData.unique(prefix).toLowerCase() + "@sgl-zorg.nl";
    }

    /** The address of a unit's manager: one a manual escalation may go to. */
    private static String knownManager() {
        String email = uniqueEmail("leiding");
        TestData.createUnit("Lia Leiding", email);
        return email;
    }

    private static Map<String, Object> derailedDiscussion(String unit) {
        Map<String, Object> signal = TestData.signal("DERAILED_DISCUSSION", "FACEBOOK");
        signal.put("description", "Een discussie onder ons bericht loopt uit de hand.");
        if (unit != null) {
            signal.put("reporter", Map.of("name", "Ria Medewerker", "relation", "EMPLOYEE", "unit", unit));
        }
        return signal;
    }

    /** A HIGH signal for communicatie from someone of {@code unit} (or of no unit). */
    private static String fileDerailedDiscussion(String unit) {
        return Signals.receipt(derailedDiscussion(unit)).path("reference");
    }

    /** A NORMAL signal for communicatie. */
    private static String fileMention(String unit) {
        Map<String, Object> signal = TestData.signal("MENTION", "TWITTER");
        if (unit != null) {
            signal.put("reporter", Map.of("relation", "EMPLOYEE", "unit", unit));
        }
        return Signals.receipt(signal).path("reference");
    }

    private static Map<String, Object> withWord(Map<String, Object> signal, String word) {
        signal.put("description", signal.get("description") + " " + word);
        return signal;
    }

    private static Response detail(String reference) {
        return TestData.asCommunicatie().get("/api/tickets/{reference}", reference)
                .then().statusCode(200).extract().response();
    }

    private static Response escalate(String reference, Map<String, Object> body) {
        return TestData.asCommunicatie().contentType(ContentType.JSON).body(body)
                .post("/api/tickets/{reference}/escalations", reference);
    }

    private static void note(String reference, String text, boolean visible) {
        TestData.asCommunicatie().contentType(ContentType.JSON)
                .body(Map.of("text", text, "visibleToReporter", visible))
                .post("/api/tickets/{reference}/notes", reference)
                .then().statusCode(201);
    }

    private static int intAt(Response response, String path) {
        return ((Number) response.path(path)).intValue();
    }

    private static Instant instant(Response response, String path) {
        String value = response.path(path);
        return Instant.parse(value);
    }

    /** When the last event of this type (with this new value, if given) happened. */
    private static Instant eventTime(Response ticket, String type, String newValue) {
        List<Map<String, Object>> events = ticket.path("events");
        return events.stream()
                .filter(e -> type.equals(e.get("type")) && (newValue == null || newValue.equals(e.get("newValue"))))
                .map(e -> Instant.parse((String) e.get("at")))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no " + type + " in " + events));
    }

    private static long count(String reference, String type) {
        return count(reference, type, null);
    }

    private static long count(String reference, String type, String newValue) {
        List<Map<String, Object>> events = detail(reference).path("events");
        return events.stream()
                .filter(e -> type.equals(e.get("type")) && (newValue == null || newValue.equals(e.get("newValue"))))
                .count();
    }

    private static void assertWithinASecond(Instant expected, Instant actual) {
        assertTrue(Duration.between(expected, actual).abs().compareTo(Duration.ofSeconds(1)) <= 0,
                () -> "expected about " + expected + " but was " + actual);
    }

    // The accounts table's COMMUNICATIONS row, as PUT takes it, to set its manager and put it back.

    private static Map<String, Object> communicationsRow() {
        return functionRow(COMMUNICATIONS);
    }

    private static Map<String, Object> functionRow(String code) {
        Response row = TestData.asCommunicatie().get("/api/functions/{code}", code)
                .then().statusCode(200).extract().response();
        Map<String, Object> request = new HashMap<>();
        for (String field : FUNCTION_FIELDS) {
            Object value = row.path(field);
            if (value != null) {
                request.put(field, value);
            }
        }
        return request;
    }

    private static void setCommunicationsManager(Map<String, Object> row, String name, String email) {
        setManager(COMMUNICATIONS, row, name, email);
    }

    private static void setManager(String code, Map<String, Object> row, String name, String email) {
        Map<String, Object> withManager = new HashMap<>(row);
        withManager.put("escalationManager", Map.of("name", name, "email", email));
        putFunction(code, withManager);
    }

    private static void putCommunications(Map<String, Object> row) {
        putFunction(COMMUNICATIONS, row);
    }

    private static void putFunction(String code, Map<String, Object> row) {
        TestData.asCommunicatie().contentType(ContentType.JSON).body(row)
                .put("/api/functions/{code}", code).then().statusCode(200);
    }

    /**
     * E-mails queued at a moved clock are due at that moved time: send them before the clock goes
     * back, so nothing is left waiting for other tests. Then put the clock back.
     */
    private void drainAndResetClock() {
        try {
            dispatcher.drain();
        } finally {
            TestClock.INSTANCE.reset();
        }
    }

    // The test SMTP server's mailbox (notification.Mailbox is package-private there).

    private static List<MimeMessage> mails(String to, String subject) {
        return Arrays.stream(MailServerResource.smtp().getReceivedMessages())
                .filter(m -> recipients(m).stream().anyMatch(to::equalsIgnoreCase) && subject.equals(subject(m)))
                .toList();
    }

    private static List<MimeMessage> awaitMails(String to, String subject, int count) {
        List<MimeMessage> found = Awaitility.await("e-mails to " + to + " about '" + subject + "'").atMost(WAIT)
                .pollInterval(Duration.ofMillis(100)).until(() -> mails(to, subject), mails -> mails.size() >= count);
        assertEquals(count, found.size(), () -> "e-mails to " + to + " about '" + subject + "'");
        return found;
    }

    /** Sends what is due and waits a moment: still exactly {@code count} such e-mails. */
    private void assertNoMoreMails(String to, String subject, int count) {
        dispatcher.drain();
        Awaitility.await("still " + count + " e-mails to " + to + " about '" + subject + "'")
                .during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(100))
                .until(() -> mails(to, subject).size() == count);
    }

    private static List<String> recipients(MimeMessage message) {
        try {
            return message.getAllRecipients() == null ? List.of()
                    : Arrays.stream(message.getAllRecipients()).map(Object::toString).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(MimeMessage message) {
        try {
            Object content = message.getContent();
            if (content instanceof String text) {
                return text;
            }
            var multipart = (jakarta.mail.Multipart) content;
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                Object part = multipart.getBodyPart(i).getContent();
                all.append(part instanceof String s ? s : "");
                if (part instanceof jakarta.mail.Multipart nested) {
                    for (int j = 0; j < nested.getCount(); j++) {
                        Object inner = nested.getBodyPart(j).getContent();
                        all.append(inner instanceof String s ? s : "");
                    }
                }
            }
            return all.toString();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
