package nl.sglzorg.meldpunt.privacy;

import static io.restassured.RestAssured.given;
import static nl.sglzorg.meldpunt.ProblemAssertions.assertInvalid;
import static nl.sglzorg.meldpunt.ProblemAssertions.assertProblem;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import nl.sglzorg.meldpunt.TestClock;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.notification.EmailKind;
import nl.sglzorg.meldpunt.notification.EmailStatus;
import nl.sglzorg.meldpunt.notification.OutboxEmail;
import nl.sglzorg.meldpunt.ticket.Ticket;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import nl.sglzorg.meldpunt.support.Tickets;

/**
 * The NEN 7513-style access log, and the reporter's rights (export,
 * erasure on request, erasure by retention), with statistics that still count an erased ticket.
 */
@QuarkusTest
class PrivacyTest {

    private static final String TOKEN = "X-Tracking-Token";
    private static final String HR = "HR_REPRESENTATIVE";
    private static final ZoneId SGL = ZoneId.of("Europe/Amsterdam");

    @Inject
    ReporterData reporterData;

    record Filed(String reference, String token, String name, String email) {
    }

    /** An EMPLOYMENT signal on Facebook (handled by HR) from a named reporter who wants updates. */
    private static Filed fileWithReporter(String unit) {
        return fileWithReporter(unit, null);
    }

    /** The same, about the post at {@code url} (if not null): a second report of one post joins the first. */
    private static Filed fileWithReporter(String unit, String url) {
        String name = "Melder " + TestData.unique("naam");
        String email = TestData.unique("melder").toLowerCase() + "@example.org";
        Map<String, Object> signal = TestData.signal("MENTION", "FACEBOOK");
        signal.put("topic", "EMPLOYMENT");
        Map<String, Object> reporter = new java.util.HashMap<>(Map.of("name", name, "email", email,
                "relation", "EMPLOYEE"));
        if (unit != null) {
            reporter.put("unit", unit);
        }
        signal.put("reporter", reporter);
        signal.put("wantsUpdates", true);
        if (url != null) {
            signal.put("url", url);
        }
        Response response = given().contentType(ContentType.JSON).body(signal).post("/api/signals")
                .then().statusCode(201).extract().response();
        return new Filed(response.path("reference"), response.path("trackingToken"), name, email);
    }

    private static Filed fileWithReporter() {
        return fileWithReporter(null);
    }

    private static JsonPath accessLog(String query) {
        return TestData.asCommunicatie().get("/api/access-log?" + query).then().statusCode(200).extract().jsonPath();
    }

    private static void close(String reference) {
        Tickets.transitioned(reference, "TRIAGED", null);
        Tickets.transitioned(reference, "RESOLVED", "Opgelost: het bericht is beantwoord.");
        Tickets.transitioned(reference, "CLOSED", null);
    }

    /** How many signals the statistics count in the millisecond the ticket was filed. */
    private static int statsCount(String reference) {
        String createdAt = TestData.asCommunicatie().get("/api/tickets/{reference}", reference)
                .then().statusCode(200).extract().path("createdAt");
        Instant at = Instant.parse(createdAt);
        return TestData.asCommunicatie()
                .queryParam("from", at.toString()).queryParam("to", at.plusMillis(1).toString())
                .get("/api/stats").then().statusCode(200).extract().path("signals");
    }

    // ---------------------------------------------------------------------------------------------
    // the access log
    // ---------------------------------------------------------------------------------------------

    @Test
    void shouldRecordWhoReadATicketAndItsHistoryAndWhen() {
        String hr = TestData.createUser(List.of("functionaris"), HR, null);
        Filed filed = fileWithReporter();
        Instant before = Instant.now().minusSeconds(1);

        TestData.as(hr).get("/api/tickets/{reference}", filed.reference()).then().statusCode(200);
        TestData.as(hr).get("/api/tickets/{reference}/events", filed.reference()).then().statusCode(200);
        TestData.asCommunicatie().get("/api/tickets/{reference}", filed.reference()).then().statusCode(200);
        Instant after = Instant.now().plusSeconds(1);

        JsonPath log = accessLog("ticket=" + filed.reference());
        // newest first
        assertEquals(List.of(TestData.ADMIN, hr, hr), log.getList("user"));
        assertEquals(List.of("VIEW_TICKET", "VIEW_HISTORY", "VIEW_TICKET"), log.getList("action"));
        assertThat(log.getList("ticket"), everyItem(equalTo(filed.reference())));
        for (String at : log.<String>getList("at")) {
            Instant instant = Instant.parse(at);
            assertTrue(!instant.isBefore(before) && !instant.isAfter(after), at + " outside " + before + "–" + after);
        }
        List<Integer> ids = log.getList("id");
        assertTrue(ids.get(0) > ids.get(1) && ids.get(1) > ids.get(2), "not newest first: " + ids);
    }

    @Test
    void shouldFilterTheAccessLogByUser() {
        String hr = TestData.createUser(List.of("functionaris"), HR, null);
        Filed first = fileWithReporter();
        Filed second = fileWithReporter();
        TestData.as(hr).get("/api/tickets/{reference}", first.reference()).then().statusCode(200);
        TestData.as(hr).get("/api/tickets/{reference}", second.reference()).then().statusCode(200);
        TestData.asCommunicatie().get("/api/tickets/{reference}", first.reference()).then().statusCode(200);

        JsonPath ofUser = accessLog("user=" + hr);
        assertEquals(List.of(hr, hr), ofUser.getList("user"));
        assertEquals(List.of(second.reference(), first.reference()), ofUser.getList("ticket"));

        JsonPath ofUserAndTicket = accessLog("user=" + hr + "&ticket=" + first.reference());
        assertEquals(List.of(first.reference()), ofUserAndTicket.getList("ticket"));
        assertThat(accessLog("user=niemand-" + TestData.unique("x").toLowerCase()).getList("id"), hasSize(0));
        assertThat(accessLog("ticket=" + first.reference() + "&limit=1").getList("id"), hasSize(1));
    }

    @Test
    void shouldFilterTheAccessLogByPeriod() {
        Filed filed = fileWithReporter();
        try {
            TestData.asCommunicatie().get("/api/tickets/{reference}", filed.reference()).then().statusCode(200);
            Instant firstRead = Instant.now(TestClock.INSTANCE);
            TestClock.INSTANCE.advance(Duration.ofDays(2));
            TestData.asCommunicatie().get("/api/tickets/{reference}/events", filed.reference()).then().statusCode(200);
            Instant between = firstRead.plus(Duration.ofDays(1));
            String ticket = "ticket=" + filed.reference();

            assertEquals(List.of("VIEW_HISTORY"), accessLog(ticket + "&from=" + between).getList("action"));
            assertEquals(List.of("VIEW_TICKET"), accessLog(ticket + "&to=" + between).getList("action"));
            assertThat(accessLog(ticket + "&from=" + between.plus(Duration.ofDays(2))).getList("id"), hasSize(0));
            // a date as 'to' includes that whole day, in SGL's time zone
            LocalDate dayOfFirstRead = LocalDate.ofInstant(firstRead, SGL);
            assertEquals(List.of("VIEW_TICKET"), accessLog(ticket + "&to=" + dayOfFirstRead).getList("action"));
            assertEquals(List.of("VIEW_HISTORY", "VIEW_TICKET"),
                    accessLog(ticket + "&from=" + dayOfFirstRead).getList("action"));
        } finally {
            TestClock.INSTANCE.reset();
        }
    }

    @Test
    void shouldNotRecordAReadThatWasRefused() {
        String careBroker = TestData.createUser(List.of("functionaris"), "CARE_BROKER", null);
        Filed filed = fileWithReporter();

        TestData.as(careBroker).get("/api/tickets/{reference}", filed.reference()).then().statusCode(404);
        TestData.as(careBroker).get("/api/tickets/{reference}/events", filed.reference()).then().statusCode(404);
        TestData.api().get("/api/tickets/{reference}", filed.reference()).then().statusCode(401);

        assertThat(accessLog("ticket=" + filed.reference()).getList("id"), hasSize(0));
        assertThat(accessLog("user=" + careBroker).getList("id"), hasSize(0));
    }

    @Test
    void shouldShowTheAccessLogToCommunicatieOnly() {
        String unit = TestData.createUnit("Hoofd Log", "hoofd.log@sgl-zorg.nl");
        String functionaris = TestData.createUser(List.of("functionaris"), HR, null);
        String manager = TestData.createUser(List.of("leidinggevende"), null, unit);

        assertProblem(TestData.as(functionaris).get("/api/access-log"), 403, "forbidden", "Geen toegang",
                "/api/access-log");
        assertProblem(TestData.as(manager).get("/api/access-log"), 403, "forbidden", "Geen toegang",
                "/api/access-log");
        assertProblem(given().get("/api/access-log"), 401, "unauthorized", "Niet aangemeld", "/api/access-log");
        // append-only: nothing to change or delete
        TestData.asCommunicatie().delete("/api/access-log").then().statusCode(405);
    }

    @Test
    void shouldRefuseABadAccessLogQueryWith400() {
        assertInvalid(TestData.asCommunicatie().get("/api/access-log?limit=0"), "/api/access-log", "limit");
        assertInvalid(TestData.asCommunicatie().get("/api/access-log?limit=501"), "/api/access-log", "limit");
        assertInvalid(TestData.asCommunicatie().get("/api/access-log?from=gisteren"), "/api/access-log", "from");
        assertInvalid(TestData.asCommunicatie().get("/api/access-log?to=2026-02-30"), "/api/access-log", "to");
    }

    @Test
    void shouldRecordAWriteThatAnswersWithTheReportersData() {
        // A transition answers with the whole ticket, reporter included: that is a read of it too.
        String hr = TestData.createUser(List.of("functionaris"), HR, null);
        Filed filed = fileWithReporter();

        String answer = TestData.as(hr).contentType(ContentType.JSON).body(Map.of("status", "TRIAGED"))
                .post("/api/tickets/{reference}/transitions", filed.reference())
                .then().statusCode(200).extract().asString();

        if (answer.contains(filed.email()) || answer.contains(filed.name())) {
            assertThat("the answer shows the reporter, so the read must be logged",
                    accessLog("ticket=" + filed.reference() + "&user=" + hr).getList("ticket"),
                    hasItem(filed.reference()));
        }
    }

    @Test
    void shouldNotShowAReportersAddressInTheOutboxWithoutRecordingIt() {
        // GET /api/notifications lists e-mails with their ticket: a reporter's address there is a read
        // of reporter data, so it is either left out or recorded in the access log.
        Filed filed = fileWithReporter();

        String outbox = TestData.asCommunicatie().get("/api/notifications?limit=200")
                .then().statusCode(200).extract().asString();

        assertThat(outbox, containsString(filed.reference()));
        if (outbox.contains(filed.email())) {
            assertThat("the outbox shows the reporter's address, so the read must be logged",
                    accessLog("ticket=" + filed.reference()).getList("action"), not(hasSize(0)));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // export (right of access)
    // ---------------------------------------------------------------------------------------------

    @Test
    void shouldExportWhatIsHeldAboutTheReporterAndRecordTheExport() {
        String unit = TestData.createUnit("Hoofd Export", "hoofd.export@sgl-zorg.nl");
        Filed filed = fileWithReporter(unit);
        given().header(TOKEN, filed.token()).contentType(ContentType.JSON)
                .body(Map.of("text", "Het bericht is inmiddels verwijderd."))
                .post("/api/signals/{reference}/messages", filed.reference()).then().statusCode(201);
        TestData.asCommunicatie().contentType(ContentType.JSON)
                .body(Map.of("status", "TRIAGED", "message", "We kijken ernaar.", "visibleToReporter", true))
                .post("/api/tickets/{reference}/transitions", filed.reference()).then().statusCode(200);
        TestData.asCommunicatie().contentType(ContentType.JSON).body(Map.of("text", "Interne notitie over de melder"))
                .post("/api/tickets/{reference}/notes", filed.reference()).then().statusCode(201);

        Response export = TestData.asCommunicatie().get("/api/tickets/{reference}/reporter-data", filed.reference());

        export.then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("reference", equalTo(filed.reference()))
                .body("exportedAt", notNullValue())
                .body("name", equalTo(filed.name()))
                .body("email", equalTo(filed.email()))
                .body("relation", equalTo("EMPLOYEE"))
                .body("unit", equalTo(unit))
                .body("wantsUpdates", equalTo(true))
                .body("language", equalTo("nl"))
                .body("filedAt", notNullValue())
                .body("erasedAt", nullValue())
                .body("messages", hasSize(1))
                .body("messages[0].text", equalTo("Het bericht is inmiddels verwijderd."))
                .body("messages[0].at", notNullValue())
                // the acknowledgement and the update about the status change with its reply
                .body("emails", hasSize(2))
                .body("emails.subject", everyItem(containsString(filed.reference())))
                .body("emails.kind", equalTo(List.of("REPORTER_ACKNOWLEDGEMENT", "REPORTER_UPDATE")))
                .body("emails.status", everyItem(notNullValue()))
                .body("description", nullValue());
        String body = export.asString();
        assertFalse(body.contains("Interne notitie"), "an internal note is not the reporter's data: " + body);
        assertFalse(body.contains(filed.token()), body);
        assertFalse(body.contains("nieuws@sgl-zorg.nl"), "e-mails to staff are not the reporter's: " + body);

        TestData.asCommunicatie().get("/api/tickets/{reference}/events", filed.reference()).then().statusCode(200)
                .body("findAll { it.type == 'REPORTER_DATA_EXPORTED' }.actor", equalTo(List.of(TestData.ADMIN)));
        assertThat(accessLog("ticket=" + filed.reference() + "&user=" + TestData.ADMIN).getList("action"),
                hasItem("EXPORT_REPORTER_DATA"));
    }

    @Test
    void shouldExportTheEmailToTheBegeleiderAboutTheReporterToo() {
        // Erasure erases it (it names the client when they allowed it), so the export holds it as well.
        Map<String, Object> unwanted = TestData.signal("UNWANTED_CONTACT", "WHATSAPP");
        unwanted.put("reporter", Map.of("relation", "CLIENT", "careWorkerEmail", "begeleider@sgl-zorg.nl",
                "careWorkerMayKnowIdentity", true));
        String reference = given().contentType(ContentType.JSON).body(unwanted).post("/api/signals")
                .then().statusCode(201).extract().path("reference");

        TestData.asCommunicatie().get("/api/tickets/{reference}/reporter-data", reference).then().statusCode(200)
                .body("careWorkerEmail", equalTo("begeleider@sgl-zorg.nl"))
                .body("emails.kind", hasItem("CARE_WORKER"));
    }

    @Test
    void shouldExportAndEraseForCommunicatieOnly() {
        String hr = TestData.createUser(List.of("functionaris"), HR, null);
        Filed filed = fileWithReporter();
        // even the functionaris who handles the ticket
        TestData.as(hr).get("/api/tickets/{reference}", filed.reference()).then().statusCode(200);

        String export = "/api/tickets/" + filed.reference() + "/reporter-data";
        String erase = "/api/tickets/" + filed.reference() + "/erase-reporter";
        assertProblem(TestData.as(hr).get(export), 403, "forbidden", "Geen toegang", export);
        assertProblem(TestData.as(hr).post(erase), 403, "forbidden", "Geen toegang", erase);
        assertProblem(TestData.api().get(export), 401, "unauthorized", "Niet aangemeld", export);
        assertProblem(TestData.api().post(erase), 401, "unauthorized", "Niet aangemeld", erase);
        TestData.asCommunicatie().get("/api/tickets/{reference}", filed.reference()).then().statusCode(200)
                .body("reporter.name", equalTo(filed.name()));
        assertThat(accessLog("ticket=" + filed.reference()).getList("action"), not(hasItem("EXPORT_REPORTER_DATA")));
        TestData.asCommunicatie().get("/api/tickets/SGL-1999-999999/reporter-data").then().statusCode(404);
    }

    // ---------------------------------------------------------------------------------------------
    // erasure on request (right to erasure)
    // ---------------------------------------------------------------------------------------------

    @Test
    void shouldEraseTheReporterOnRequestAndStopTheTokenButKeepCountingTheTicket() {
        Filed filed = fileWithReporter();
        int counted = statsCount(filed.reference());
        assertEquals(1, counted);

        Response erased = TestData.asCommunicatie().post("/api/tickets/{reference}/erase-reporter", filed.reference());

        erased.then().statusCode(200)
                .body("reference", equalTo(filed.reference()))
                .body("erasedAt", notNullValue());
        String detail = TestData.asCommunicatie().get("/api/tickets/{reference}", filed.reference())
                .then().statusCode(200)
                .body("reporter.name", nullValue())
                .body("reporter.email", nullValue())
                .body("wantsUpdates", equalTo(false))
                .body("events.findAll { it.type == 'REPORTER_ERASED' }.actor", equalTo(List.of(TestData.ADMIN)))
                .extract().asString();
        assertFalse(detail.contains(filed.name()) || detail.contains(filed.email()), detail);

        // the reporter's token no longer opens anything
        given().header(TOKEN, filed.token()).get("/api/signals/{reference}", filed.reference())
                .then().statusCode(404);
        given().header(TOKEN, filed.token()).contentType(ContentType.JSON).body(Map.of("text", "Nog iets"))
                .post("/api/signals/{reference}/messages", filed.reference()).then().statusCode(404);

        // once is enough
        String path = "/api/tickets/" + filed.reference() + "/erase-reporter";
        assertProblem(TestData.asCommunicatie().post(path), 409, "conflict", "Conflict", path);

        // still counted
        assertEquals(counted, statsCount(filed.reference()));
        // recorded
        assertThat(accessLog("ticket=" + filed.reference()).getList("action"), hasItem("ERASE_REPORTER_DATA"));
        TestData.asCommunicatie().get("/api/tickets/{reference}/reporter-data", filed.reference())
                .then().statusCode(200)
                .body("name", nullValue())
                .body("email", nullValue())
                .body("erasedAt", notNullValue());
    }

    @Test
    void shouldLeaveTheReportersAddressNowhereInTheOutboxAfterErasure() {
        Filed filed = fileWithReporter();
        // An acknowledgement parked before session 38 kept the mail server's own words, which quote the
        // address: made so here once it went out, so that the dispatcher no longer writes its row.
        long ticketId = QuarkusTransaction.requiringNew().call(() -> Ticket.findByReference(filed.reference())
                .orElseThrow().id);
        Awaitility.await("the acknowledgement sent").atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction
                .requiringNew().call(() -> OutboxEmail.count("ticketId = ?1 and kind = ?2 and status = ?3", ticketId,
                        EmailKind.REPORTER_ACKNOWLEDGEMENT, EmailStatus.SENT)) == 1);
        QuarkusTransaction.requiringNew().run(() -> OutboxEmail.update("status = ?1, lastError = ?2"
                + " where ticketId = ?3 and kind = ?4", EmailStatus.FAILED,
                "550 5.1.1 <" + filed.email() + ">: Recipient address rejected: User unknown", ticketId,
                EmailKind.REPORTER_ACKNOWLEDGEMENT));
        TestData.asCommunicatie().post("/api/tickets/{reference}/erase-reporter", filed.reference())
                .then().statusCode(200);

        long withAddress = QuarkusTransaction.requiringNew().call(() -> OutboxEmail.count(
                "lower(recipient) = ?1 or textBody like ?2 or htmlBody like ?2 or lastError like ?2",
                filed.email(), "%" + filed.email() + "%"));
        assertEquals(0, withAddress, "e-mails still holding the erased address");
        String outbox = TestData.asCommunicatie().get("/api/notifications?limit=200").then().statusCode(200)
                .extract().asString();
        assertFalse(outbox.contains(filed.email()), outbox);
        // and nothing more is sent to the reporter
        Tickets.transitioned(filed.reference(), "TRIAGED", null);
        Tickets.transitioned(filed.reference(), "RESOLVED", "Opgelost.");
        long toReporter = QuarkusTransaction.requiringNew().call(() -> OutboxEmail.count("ticketId = ?1 and kind = ?2",
                ticketId, EmailKind.REPORTER_UPDATE));
        assertEquals(0, toReporter, "an update was queued for an erased reporter");
    }

    @Test
    void shouldEraseRelationUnitAndMessagesAlsoWhereTheyWereCopiedToTheSurvivingTicket() {
        String unit = TestData.createUnit("Hoofd Wissen", TestData.unique("hoofd").toLowerCase() + "@sgl-zorg.nl");
        String url = "https://www.facebook.com/sglzorg/posts/" + TestData.unique("wissen");
        Filed survivor = fileWithReporter(unit, url);
        Filed folded = fileWithReporter(unit, url);
        Filed merged = fileWithReporter(unit);
        TestData.asCommunicatie().contentType(ContentType.JSON).body(Map.of("into", survivor.reference()))
                .post("/api/tickets/{reference}/merge", merged.reference()).then().statusCode(200);
        Map<Filed, String> texts = new java.util.LinkedHashMap<>();
        for (Filed filed : List.of(survivor, folded, merged)) {
            String text = "Mijn collega " + TestData.unique("Jansen") + " staat op de foto.";
            texts.put(filed, text);
            given().header(TOKEN, filed.token()).contentType(ContentType.JSON).body(Map.of("text", text))
                    .post("/api/signals/{reference}/messages", filed.reference()).then().statusCode(201);
        }

        for (Filed erased : List.of(folded, merged)) {
            TestData.asCommunicatie().post("/api/tickets/{reference}/erase-reporter", erased.reference())
                    .then().statusCode(200);

            String detail = TestData.asCommunicatie().get("/api/tickets/{reference}", erased.reference())
                    .then().statusCode(200)
                    .body("reporter.relation", nullValue())
                    .body("reporter.unit", nullValue())
                    // the history still reads: the message was there, its text is not
                    .body("events.findAll { it.type == 'REPORTER_MESSAGE' }.text",
                            equalTo(List.of("[bericht van de melder verwijderd]")))
                    .extract().asString();
            assertFalse(detail.contains(texts.get(erased)), detail);
            TestData.asCommunicatie().get("/api/tickets/{reference}/reporter-data", erased.reference())
                    .then().statusCode(200)
                    .body("relation", nullValue())
                    .body("unit", nullValue())
                    .body("messages.text", equalTo(List.of("[bericht van de melder verwijderd]")));
        }

        // On the surviving ticket the copies are gone too; its own reporter's message stays.
        String survivorDetail = TestData.asCommunicatie().get("/api/tickets/{reference}", survivor.reference())
                .then().statusCode(200)
                .body("reporter.relation", equalTo("EMPLOYEE"))
                .body("reporter.unit", equalTo(unit))
                .body("events.findAll { it.type == 'DUPLICATE_REPORTER_MESSAGE' }.text",
                        equalTo(List.of("[bericht van de melder verwijderd]", "[bericht van de melder verwijderd]")))
                .body("events.findAll { it.type == 'REPORTER_MESSAGE' }.text", equalTo(List.of(texts.get(survivor))))
                .extract().asString();
        assertFalse(survivorDetail.contains(texts.get(folded)) || survivorDetail.contains(texts.get(merged)),
                survivorDetail);
    }

    // ---------------------------------------------------------------------------------------------
    // retention
    // ---------------------------------------------------------------------------------------------

    @Test
    void shouldEraseReportersNinetyDaysAfterConclusionAndLeaveYoungerOnes() {
        try {
            Filed closed = fileWithReporter();
            close(closed.reference());
            Filed rejected = fileWithReporter();
            Tickets.transitioned(rejected.reference(), "REJECTED", "Geen signaal over SGL.");
            Filed open = fileWithReporter();
            TestClock.INSTANCE.advance(Duration.ofDays(1));
            Filed closedADayLater = fileWithReporter();
            close(closedADayLater.reference());
            TestClock.INSTANCE.advance(Duration.ofDays(79));
            Filed closedTenDaysAgo = fileWithReporter();
            close(closedTenDaysAgo.reference());
            // 90 days and an hour after the first two concluded
            TestClock.INSTANCE.advance(Duration.ofDays(10).plusHours(1));

            int erased = reporterData.applyRetention();

            assertThat(erased, greaterThanOrEqualTo(0));
            for (Filed gone : List.of(closed, rejected)) {
                TestData.asCommunicatie().get("/api/tickets/{reference}", gone.reference()).then().statusCode(200)
                        .body("reporter.name", nullValue())
                        .body("reporter.email", nullValue())
                        .body("events.findAll { it.type == 'REPORTER_ERASED' }.actor", equalTo(List.of("systeem")))
                        .body("events.find { it.type == 'REPORTER_ERASED' }.text", containsString("90"));
                given().header(TOKEN, gone.token()).get("/api/signals/{reference}", gone.reference())
                        .then().statusCode(404);
                assertEquals(1, statsCount(gone.reference()), gone.reference() + " no longer counted");
            }
            // 89 days, 10 days, and never concluded: untouched
            for (Filed kept : List.of(closedADayLater, closedTenDaysAgo, open)) {
                TestData.asCommunicatie().get("/api/tickets/{reference}", kept.reference()).then().statusCode(200)
                        .body("reporter.name", equalTo(kept.name()))
                        .body("reporter.email", equalTo(kept.email()))
                        .body("events.findAll { it.type == 'REPORTER_ERASED' }", hasSize(0));
                given().header(TOKEN, kept.token()).get("/api/signals/{reference}", kept.reference())
                        .then().statusCode(200);
            }
            // a second run finds nothing more of these
            reporterData.applyRetention();
            TestData.asCommunicatie().get("/api/tickets/{reference}", closed.reference()).then().statusCode(200)
                    .body("events.findAll { it.type == 'REPORTER_ERASED' }", hasSize(1));
        } finally {
            TestClock.INSTANCE.reset();
        }
    }

    @Test
    void shouldEraseTheReporterOfATicketNobodyConcludedOnceNothingChangedForAYear() {
        // Left open (nobody picked it up, or it waits for an answer that never came): without this the
        // ticket kept its reporter for ever, since retention counts from a conclusion.
        try {
            Filed forgotten = fileWithReporter();
            Filed waiting = fileWithReporter();
            Tickets.transitioned(waiting.reference(), "TRIAGED", null);
            TestClock.INSTANCE.advance(Duration.ofDays(200));
            Filed worked = fileWithReporter();
            Tickets.transitioned(waiting.reference(), "WAITING", "Welk bericht bedoel je precies?");
            TestClock.INSTANCE.advance(Duration.ofDays(165).plusHours(1));

            assertThat(reporterData.applyRetention(), greaterThanOrEqualTo(1));

            TestData.asCommunicatie().get("/api/tickets/{reference}", forgotten.reference()).then().statusCode(200)
                    .body("status", equalTo("NEW"))
                    .body("reporter.name", nullValue()).body("reporter.email", nullValue())
                    .body("events.findAll { it.type == 'REPORTER_ERASED' }.actor", equalTo(List.of("systeem")))
                    .body("events.find { it.type == 'REPORTER_ERASED' }.text", containsString("365 dagen niet gewijzigd"));
            given().header(TOKEN, forgotten.token()).get("/api/signals/{reference}", forgotten.reference())
                    .then().statusCode(404);
            // Changed 165 days ago, filed 165 days ago: kept.
            for (Filed kept : List.of(waiting, worked)) {
                TestData.asCommunicatie().get("/api/tickets/{reference}", kept.reference()).then().statusCode(200)
                        .body("reporter.email", equalTo(kept.email()))
                        .body("events.findAll { it.type == 'REPORTER_ERASED' }", hasSize(0));
            }
        } finally {
            TestClock.INSTANCE.reset();
        }
    }

    @Test
    void shouldCloseATicketLeftResolvedForFourteenDaysSoThatRetentionApplies() {
        try {
            Filed resolved = fileWithReporter();
            Tickets.transitioned(resolved.reference(), "TRIAGED", null);
            Tickets.transitioned(resolved.reference(), "RESOLVED", "Opgelost: het bericht is beantwoord.");
            Filed resolvedAgain = fileWithReporter();
            Tickets.transitioned(resolvedAgain.reference(), "TRIAGED", null);
            Tickets.transitioned(resolvedAgain.reference(), "RESOLVED", "Opgelost.");
            Filed open = fileWithReporter();
            Tickets.transitioned(open.reference(), "TRIAGED", null);

            // Ten days on, one is reopened and resolved again: its fourteen days start anew.
            TestClock.INSTANCE.advance(Duration.ofDays(10));
            Tickets.transitioned(resolvedAgain.reference(), "IN_PROGRESS", null);
            Tickets.transitioned(resolvedAgain.reference(), "RESOLVED", "Nu echt opgelost.");
            TestClock.INSTANCE.advance(Duration.ofDays(3).plusHours(23));
            reporterData.closeLeftResolved();
            assertEquals("RESOLVED", status(resolved.reference()), "not yet fourteen days");

            TestClock.INSTANCE.advance(Duration.ofHours(2));
            reporterData.closeLeftResolved();

            TestData.asCommunicatie().get("/api/tickets/{reference}", resolved.reference()).then().statusCode(200)
                    .body("status", equalTo("CLOSED"))
                    .body("events.findAll { it.type == 'STATUS_CHANGED' }.last().newValue", equalTo("CLOSED"))
                    .body("events.findAll { it.type == 'STATUS_CHANGED' }.last().actor", equalTo("systeem"))
                    .body("events.findAll { it.type == 'NOTE_ADDED' }.last().actor", equalTo("systeem"))
                    .body("events.findAll { it.type == 'NOTE_ADDED' }.last().text", containsString("14 dagen"));
            assertEquals("RESOLVED", status(resolvedAgain.reference()), "resolved again four days ago");
            assertEquals("TRIAGED", status(open.reference()));
            // Both labels read "Afgehandeld": the reporter sees no change.
            given().header(TOKEN, resolved.token()).get("/api/signals/{reference}", resolved.reference())
                    .then().statusCode(200).body("publicStatus", equalTo("Afgehandeld"));
            // Once: a second run closes nothing twice.
            reporterData.closeLeftResolved();
            TestData.asCommunicatie().get("/api/tickets/{reference}", resolved.reference()).then().statusCode(200)
                    .body("events.findAll { it.newValue == 'CLOSED' }", hasSize(1));

            // Retention now counts from the close: 90 days on, the reporter is erased.
            TestClock.INSTANCE.advance(Duration.ofDays(89));
            reporterData.applyRetention();
            TestData.asCommunicatie().get("/api/tickets/{reference}", resolved.reference()).then().statusCode(200)
                    .body("reporter.email", equalTo(resolved.email()));
            TestClock.INSTANCE.advance(Duration.ofDays(1).plusHours(1));
            reporterData.applyRetention();
            TestData.asCommunicatie().get("/api/tickets/{reference}", resolved.reference()).then().statusCode(200)
                    .body("reporter.name", nullValue())
                    .body("reporter.email", nullValue())
                    .body("reporter.relation", nullValue())
                    .body("events.findAll { it.type == 'REPORTER_ERASED' }.actor", equalTo(List.of("systeem")));
        } finally {
            TestClock.INSTANCE.reset();
        }
    }

    private static String status(String reference) {
        return TestData.asCommunicatie().get("/api/tickets/{reference}", reference).then().statusCode(200)
                .extract().path("status");
    }

    @Test
    void shouldStartTheRetentionPeriodAgainWhenAConcludedTicketIsReopened() {
        // Rejected, then taken up after all: the ticket is no longer concluded, its reporter stays.
        try {
            Filed filed = fileWithReporter();
            Tickets.transitioned(filed.reference(), "REJECTED", "Geen signaal over SGL.");
            TestClock.INSTANCE.advance(Duration.ofDays(30));
            Tickets.transitioned(filed.reference(), "TRIAGED", null);
            TestClock.INSTANCE.advance(Duration.ofDays(61));

            reporterData.applyRetention();

            TestData.asCommunicatie().get("/api/tickets/{reference}", filed.reference()).then().statusCode(200)
                    .body("reporter.email", equalTo(filed.email()))
                    .body("events.findAll { it.type == 'REPORTER_ERASED' }", hasSize(0));
        } finally {
            TestClock.INSTANCE.reset();
        }
    }
}
