package nl.sglzorg.meldpunt.notification;

import static io.restassured.RestAssured.given;
import static nl.sglzorg.meldpunt.TestData.asCommunicatie;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
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
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import nl.sglzorg.meldpunt.ProblemAssertions;
import nl.sglzorg.meldpunt.TestData;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import nl.sglzorg.meldpunt.support.Mailbox;
import nl.sglzorg.meldpunt.support.Signals;

/**
 * The outbox as communicatie operates it: {@code GET /api/notifications}, the retry, the ticket's
 * history of e-mails and the mail metrics. The outbox is shared with every other test, so each test
 * looks only at the e-mails of the tickets it filed.
 */
@QuarkusTest
class NotificationApiTest {

    private static final String MAILBOX = "nieuws@sgl-zorg.nl";
    private static final String PATH = "/api/notifications";
    private static final Duration WAIT = Duration.ofSeconds(20);

    // --- listing ---------------------------------------------------------------------------------

    @Test
    void shouldListTheEmailsOfATicketWithReferenceKindAndStatus() {
        String reporter = address("melder-lijst");
        String reference = fileWithReporter(reporter);
        RecipientsTest.awaitAllSent(reference);

        Response list = asCommunicatie().get(PATH + "?limit=200");
        List<Map<String, Object>> emails = outboxOf(reference, list);
        assertEquals(2, emails.size(), emails.toString());
        // A reporter's address is reporter data: the list names them "melder", never by address.
        assertFalse(list.asString().contains(reporter), list.asString());
        // Newest first: the acknowledgement was queued after the mailbox's e-mail.
        Map<String, Object> acknowledgement = emails.get(0);
        Map<String, Object> news = emails.get(1);
        assertTrue(((Number) acknowledgement.get("id")).longValue() > ((Number) news.get("id")).longValue());

        assertEquals("REPORTER_ACKNOWLEDGEMENT", acknowledgement.get("kind"));
        assertFalse(acknowledgement.containsKey("recipient"), acknowledgement.toString());
        assertEquals("melder", acknowledgement.get("recipientLabel"));
        assertEquals("Je melding " + reference + " is ontvangen", acknowledgement.get("subject"));
        assertEquals("NEW_SIGNAL", news.get("kind"));
        assertEquals(MAILBOX, news.get("recipient"));
        assertEquals("communicatie", news.get("recipientLabel"));
        for (Map<String, Object> email : emails) {
            assertEquals(reference, email.get("ticket"));
            assertEquals("SENT", email.get("status"));
            assertEquals(1, email.get("attempts"));
            assertNotNull(email.get("createdAt"));
            assertNotNull(email.get("sentAt"));
            // Only a waiting e-mail has a due time.
            assertNull(email.get("nextAttemptAt"));
        }
    }

    @Test
    void shouldFilterByStatus() {
        String reference = Signals.file(TestData.signal("MENTION", "LINKEDIN")).reference();
        RecipientsTest.awaitAllSent(reference);
        long id = idOf(reference, MAILBOX);

        Response sent = asCommunicatie().get(PATH + "?status=SENT&limit=200");
        sent.then().statusCode(200).body("status", everyItem(equalTo("SENT")));
        assertTrue(ids(sent).contains(id), "a sent e-mail is listed under SENT");

        Response pending = asCommunicatie().get(PATH + "?status=PENDING&limit=200");
        pending.then().statusCode(200).body("status", everyItem(equalTo("PENDING")));
        assertFalse(ids(pending).contains(id), "a sent e-mail is not listed under PENDING");

        Response failed = asCommunicatie().get(PATH + "?status=FAILED&limit=200");
        failed.then().statusCode(200).body("status", everyItem(equalTo("FAILED")));
        assertFalse(ids(failed).contains(id));
    }

    @Test
    void shouldReturnAtMostLimitEmails() {
        Signals.file(TestData.signal("MENTION", "LINKEDIN")).reference();
        Signals.file(TestData.signal("MENTION", "LINKEDIN")).reference();

        asCommunicatie().get(PATH + "?limit=1").then().statusCode(200).body("$", hasSize(1));
        asCommunicatie().get(PATH + "?limit=2").then().statusCode(200).body("$", hasSize(2));
        asCommunicatie().get(PATH + "?limit=200").then().statusCode(200);
    }

    @Test
    void shouldRefuseAnUnknownStatus() {
        Response response = asCommunicatie().get(PATH + "?status=BOGUS");
        ProblemAssertions.assertInvalid(response, PATH, "status");
    }

    @Test
    void shouldRefuseALimitOutsideOneTo200() {
        for (String limit : List.of("0", "-1", "201", "abc", "1.5")) {
            Response response = asCommunicatie().queryParam("limit", limit).get(PATH);
            ProblemAssertions.assertInvalid(response, PATH, "limit");
        }
    }

    @Test
    void shouldAskAnonymousCallersToSignIn() {
        Response list = given().get(PATH);
        ProblemAssertions.assertProblem(list, 401, "unauthorized", "Niet aangemeld", PATH);
        assertNotNull(list.header("WWW-Authenticate"));
        Response retry = TestData.api().post(PATH + "/1/retry");
        ProblemAssertions.assertProblem(retry, 401, "unauthorized", "Niet aangemeld", PATH + "/1/retry");
        // From an address of its own: failed sign-ins per client are counted for the whole test run.
        Response wrongPassword = given().header("X-Forwarded-For", TestData.freshClient())
                .auth().preemptive().basic(TestData.ADMIN, "niet-het-wachtwoord").get(PATH);
        ProblemAssertions.assertProblem(wrongPassword, 401, "unauthorized", "Niet aangemeld", PATH);
    }

    @Test
    void shouldKeepTheOutboxFromOtherRoles() {
        String functionaris = TestData.createUser(List.of("functionaris"), "CARE_BROKER", null);
        String unit = TestData.createUnit("Leidinggevende Outbox", address("leiding-outbox"));
        String manager = TestData.createUser(List.of("leidinggevende"), null, unit);
        long id = idOf(Signals.file(TestData.signal("MENTION", "LINKEDIN")).reference(), MAILBOX);

        for (String user : List.of(functionaris, manager)) {
            ProblemAssertions.assertProblem(TestData.as(user).get(PATH), 403, "forbidden", "Geen toegang", PATH);
            String retry = PATH + "/" + id + "/retry";
            ProblemAssertions.assertProblem(TestData.as(user).post(retry), 403, "forbidden", "Geen toegang",
                    retry);
        }
    }

    // --- retry -----------------------------------------------------------------------------------

    @Test
    void shouldListAFailedEmailAndDeliverItAfterARetry() {
        String reporter = address("melder-mislukt");
        String reference = fileWithReporter(reporter);
        RecipientsTest.awaitAllSent(reference);
        Mailbox.await(Mailbox.to(reporter), 1, WAIT);
        long id = idOf(reference, reporter);
        // As the dispatcher parks an e-mail after its last failed attempt; a sent row, so no
        // dispatcher is holding it while we change it.
        QuarkusTransaction.requiringNew().run(() -> {
            OutboxEmail email = OutboxEmail.findById(id);
            email.status = EmailStatus.FAILED;
            email.attempts = 60;
            email.lastError = "MailConnectionException: Connection refused";
            email.sentAt = null;
        });

        Map<String, Object> failed = byId(asCommunicatie().get(PATH + "?status=FAILED&limit=200"), id);
        assertNotNull(failed, "a parked e-mail is listed under FAILED");
        assertEquals(reference, failed.get("ticket"));
        assertEquals("REPORTER_ACKNOWLEDGEMENT", failed.get("kind"));
        assertEquals(60, failed.get("attempts"));
        // A reporter's e-mail: why it failed in words, never the mail server's, which may quote the address.
        assertEquals("De mailserver was niet bereikbaar.", failed.get("lastError"));
        assertEquals("melder", failed.get("recipientLabel"));
        assertFalse(failed.containsKey("recipient"), failed.toString());

        Response retried = asCommunicatie().post(PATH + "/{id}/retry", id);
        assertFalse(retried.asString().contains(reporter), retried.asString());
        retried.then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("id", equalTo((int) id))
                .body("ticket", equalTo(reference))
                .body("status", equalTo("PENDING"))
                .body("attempts", equalTo(0))
                .body("nextAttemptAt", notNullValue());

        // Sent again, once: the mailbox now holds the first delivery and this one.
        Mailbox.await(Mailbox.to(reporter), 2, WAIT);
        RecipientsTest.awaitAllSent(reference);
        assertEquals(2, Mailbox.matching(Mailbox.to(reporter)).size());
        assertEquals(2, events(reference).getList("findAll { it.type == 'EMAIL_SENT' && it.newValue == 'melder' }")
                .size());
        Map<String, Object> after = byId(asCommunicatie().get(PATH + "?status=SENT&limit=200"), id);
        assertNotNull(after, "the retried e-mail is sent");
        assertEquals(1, after.get("attempts"));
        assertNull(byId(asCommunicatie().get(PATH + "?status=FAILED&limit=200"), id));
    }

    @Test
    void shouldRefuseToRetryASentEmail() {
        String reference = Signals.file(TestData.signal("MENTION", "LINKEDIN")).reference();
        RecipientsTest.awaitAllSent(reference);
        long id = idOf(reference, MAILBOX);

        Response response = asCommunicatie().post(PATH + "/{id}/retry", id);
        ProblemAssertions.assertProblem(response, 409, "conflict", "Conflict", PATH + "/" + id + "/retry");

        // Nothing changed and nothing is sent again.
        Map<String, Object> email = byId(asCommunicatie().get(PATH + "?status=SENT&limit=200"), id);
        assertNotNull(email);
        assertEquals(1, email.get("attempts"));
        RecipientsTest.awaitAllSent(reference);
        assertEquals(1, Mailbox.matching(Mailbox.to(MAILBOX).and(Mailbox.subjectContains(reference))).size());
    }

    @Test
    void shouldAnswer404ForAnUnknownEmail() {
        String path = PATH + "/" + Long.MAX_VALUE + "/retry";
        ProblemAssertions.assertProblem(asCommunicatie().post(path), 404, "not-found", "Niet gevonden", path);
    }

    // --- history ---------------------------------------------------------------------------------

    @Test
    void shouldShowQueuedAndSentEmailsInTheHistoryByLabelNeverTheReportersAddress() {
        String reporter = address("melder-historie");
        String reference = fileWithReporter(reporter);

        JsonPath events = awaitEvents(reference, e -> count(e, "EMAIL_SENT") == 2);
        assertEquals(Set.of("communicatie", "melder"), newValues(events, "EMAIL_QUEUED"));
        assertEquals(Set.of("communicatie", "melder"), newValues(events, "EMAIL_SENT"));
        List<Map<String, Object>> mailEvents = events.getList("findAll { it.type.startsWith('EMAIL_') }");
        assertEquals(4, mailEvents.size(), mailEvents.toString());
        for (Map<String, Object> event : mailEvents) {
            assertEquals("systeem", event.get("actor"));
            assertEquals(false, event.get("visibleToReporter"));
            assertNotNull(event.get("at"));
        }
        // The subject says what was sent; "melder" says to whom.
        assertTrue(events.getList("findAll { it.type == 'EMAIL_SENT' && it.newValue == 'melder' }.text")
                .contains("Je melding " + reference + " is ontvangen"));
        String body = asCommunicatie().get("/api/tickets/{reference}/events", reference).asString();
        assertFalse(body.contains(reporter), body);
    }

    @Test
    void shouldNameTheHandlerAndTheInformedByRoleInTheHistory() {
        String manager = address("leiding-historie");
        String unit = TestData.createUnit("Leidinggevende Historie", manager);
        Map<String, Object> signal = TestData.signal("DERAILED_DISCUSSION", "FACEBOOK");
        signal.put("topic", "GOVERNANCE");
        signal.put("reporter", Map.of("relation", "EMPLOYEE", "unit", unit));
        String reference = Signals.file(signal).reference();
        RecipientsTest.awaitAllSent(reference);

        JsonPath events = new JsonPath(asCommunicatie().get("/api/tickets/{reference}/events", reference).asString());
        Set<String> queued = newValues(events, "EMAIL_QUEUED");
        assertTrue(queued.contains("leidinggevende " + unit), queued.toString());
        assertTrue(queued.stream().noneMatch(v -> v.contains("@")), "labels, not addresses: " + queued);
        assertEquals(queued, newValues(events, "EMAIL_SENT"));
    }

    @Test
    void shouldListAFilingsEmailsInItsHistoryAfterItsOwnLinesInTheOrderOfTheOutbox() {
        String reference = fileWithReporter(address("melder-volgorde"));

        List<String> types = events(reference).getList("type");
        List<String> queued = events(reference).getList("findAll { it.type == 'EMAIL_QUEUED' }.newValue");
        List<String> subjects = events(reference).getList("findAll { it.type == 'EMAIL_QUEUED' }.text");
        List<OutboxEmail> outbox = RecipientsTest.queued(reference);
        assertEquals(List.of("communicatie", "melder"), queued);
        assertEquals(outbox.stream().map(e -> e.recipientLabel).toList(), queued);
        assertEquals(outbox.stream().map(e -> e.subject).toList(), subjects);
        int first = types.indexOf("EMAIL_QUEUED");
        assertEquals(List.of("FILED", "ROUTED", "DEADLINES_SET"), types.subList(0, first));
        assertEquals(List.of("EMAIL_QUEUED", "EMAIL_QUEUED"), types.subList(first, first + 2));
    }

    // --- metrics ---------------------------------------------------------------------------------

    @Test
    void shouldExposeMailMetricsAndCountEachDelivery() {
        String before = metrics();
        for (String name : List.of("meldpunt_mail_pending", "meldpunt_mail_sent_total", "meldpunt_mail_failed_total",
                "meldpunt_mail_delivery_latency_seconds_count", "meldpunt_mail_delivery_latency_seconds_sum",
                "meldpunt_mail_record_lag_seconds_count", "meldpunt_mail_record_lag_seconds_max")) {
            assertNotNull(value(before, name), name + " missing from /q/metrics");
        }
        double sent = value(before, "meldpunt_mail_sent_total");
        double latencies = value(before, "meldpunt_mail_delivery_latency_seconds_count");
        double recordings = value(before, "meldpunt_mail_record_lag_seconds_count");

        String reference = Signals.file(TestData.signal("MENTION", "LINKEDIN")).reference();
        RecipientsTest.awaitAllSent(reference);

        // The counters move right after the outbox row is marked sent.
        String after = Awaitility.await("sent_total above " + sent).atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(NotificationApiTest::metrics, metrics -> value(metrics, "meldpunt_mail_sent_total") > sent);
        double sentAfter = value(after, "meldpunt_mail_sent_total");
        double latenciesAfter = value(after, "meldpunt_mail_delivery_latency_seconds_count");
        assertTrue(sentAfter >= sent + 1, "sent_total " + sent + " -> " + sentAfter);
        assertTrue(latenciesAfter >= latencies + 1, "latency count " + latencies + " -> " + latenciesAfter);
        // Each e-mail was recorded as sent at the server's "250", and how long that took was measured.
        double recordingsAfter = value(after, "meldpunt_mail_record_lag_seconds_count");
        assertTrue(recordingsAfter >= recordings + 1, "record lag count " + recordings + " -> " + recordingsAfter);
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static String address(String who) {
        return TestData.unique(who).toLowerCase() + "@example.org";
    }

    private static String fileWithReporter(String email) {
        Map<String, Object> signal = TestData.signal("MENTION", "TWITTER");
        signal.put("reporter", Map.of("email", email));
        return Signals.file(signal).reference();
    }

    /** The id of the ticket's e-mail to {@code recipient}, from the outbox table. */
    private static long idOf(String reference, String recipient) {
        return RecipientsTest.queued(reference).stream().filter(e -> e.recipient.equals(recipient))
                .findFirst().orElseThrow().id;
    }

    private static List<Map<String, Object>> outboxOf(String reference, Response list) {
        list.then().statusCode(200).contentType(ContentType.JSON);
        return list.jsonPath().<Map<String, Object>>getList("$").stream()
                .filter(e -> reference.equals(e.get("ticket"))).toList();
    }

    private static Set<Long> ids(Response list) {
        return list.jsonPath().<Number>getList("id").stream().map(Number::longValue).collect(Collectors.toSet());
    }

    private static Map<String, Object> byId(Response list, long id) {
        list.then().statusCode(200);
        return list.jsonPath().<Map<String, Object>>getList("$").stream()
                .filter(e -> ((Number) e.get("id")).longValue() == id).findFirst().orElse(null);
    }

    private static JsonPath awaitEvents(String reference, Predicate<JsonPath> done) {
        return Awaitility.await("events of " + reference).atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> events(reference), done);
    }

    private static JsonPath events(String reference) {
        return asCommunicatie().get("/api/tickets/{reference}/events", reference)
                .then().statusCode(200).extract().jsonPath();
    }

    private static int count(JsonPath events, String type) {
        return events.getList("findAll { it.type == '" + type + "' }").size();
    }

    private static Set<String> newValues(JsonPath events, String type) {
        return Set.copyOf(events.<String>getList("findAll { it.type == '" + type + "' }.newValue"));
    }

    private static String metrics() {
        return TestData.management().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of an unlabelled Prometheus sample, or {@code null} when it is not exposed. */
    private static Double value(String metrics, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*\\})? (\\S+)").matcher(metrics);
        return matcher.find() ? Double.valueOf(matcher.group(1)) : null;
    }
}
