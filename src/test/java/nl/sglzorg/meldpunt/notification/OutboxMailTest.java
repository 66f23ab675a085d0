package nl.sglzorg.meldpunt.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.sql.DataSource;
import nl.sglzorg.meldpunt.MailServerResource;
import nl.sglzorg.meldpunt.TestClock;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.common.jdbc.Sql;
import nl.sglzorg.meldpunt.support.Mailbox;
import nl.sglzorg.meldpunt.support.Signals;
import nl.sglzorg.meldpunt.support.Tickets;
import nl.sglzorg.meldpunt.ticket.Ticket;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OutboxMailTest {

    private static final String MAILBOX = "nieuws@sgl-zorg.nl";
    private static final Duration WAIT = Duration.ofSeconds(20);
    /**
     * After the SMTP server comes back. A connection opened while GreenMail is starting can miss the
     * server's greeting and hang until its read timeout (the send timeout, 10 s in the tests); the
     * e-mail then goes out on the next attempt. Wait well past that.
     */
    private static final Duration WAIT_AFTER_OUTAGE = Duration.ofSeconds(60);

    @Inject
    OutboxDispatcher dispatcher;

    @Inject
    OutboxStore store;

    @Inject
    AcceptedRecorder recorder;

    @Inject
    DataSource dataSource;

    @Test
    void shouldMailTheCommunicationsMailboxEverySignalInDutch() throws Exception {
        Map<String, Object> signal = TestData.signal("MENTION", "FACEBOOK");
        signal.put("topic", "EMPLOYMENT");
        signal.put("url", "https://www.facebook.com/sglzorg/posts/" + TestData.unique("p"));
        String reference = Signals.receipt(signal).path("reference");

        MimeMessage mail = Mailbox.await(Mailbox.to(MAILBOX).and(Mailbox.subjectContains(reference)), 1, WAIT).get(0);
        assertEquals("[Meldpunt] Nieuw signaal " + reference + ": Uiting over SGL", mail.getSubject());
        String text = Mailbox.part(mail, "text/plain");
        assertTrue(text.contains("Er is een nieuw signaal binnengekomen."), text);
        assertTrue(text.contains("Vertegenwoordiger HRM"), text);
        assertTrue(text.contains("Onderwerp werk → Vertegenwoordiger HRM; kan via het SGL-account op Facebook reageren"));
        assertTrue(text.contains("/beheer/meldingen/" + reference), text);
        assertNotNull(Mailbox.part(mail, "text/html"));
        // The outbox row's own Message-ID, the same at every attempt: a resent e-mail is recognisably the same.
        assertTrue(mail.getMessageID().matches("<\\d+\\.\\d+\\.staff\\.outbox@sgl-zorg\\.nl>"), mail.getMessageID());
        // Staff's answers go to communicatie's mailbox, never to Meldpunt's, where each became a new signal.
        assertEquals(List.of(MAILBOX), java.util.Arrays.stream(mail.getHeader("Reply-To")).toList());
    }

    @Test
    void shouldEscapeWhatTheReporterWroteInTheHtmlPart() {
        Map<String, Object> signal = TestData.signal("MENTION", "TWITTER");
        signal.put("description", "Kijk hier <script>alert('x')</script> & <b>vet</b>");
        String reference = Signals.receipt(signal).path("reference");

        MimeMessage mail = Mailbox.await(Mailbox.to(MAILBOX).and(Mailbox.subjectContains(reference)), 1, WAIT).get(0);
        String html = Mailbox.part(mail, "text/html");
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;vet&lt;/b&gt;"), html);
        assertTrue(Mailbox.part(mail, "text/plain").contains("<script>alert('x')</script>"));
    }

    @Test
    void shouldAcknowledgeToTheReporterWithoutTheTrackingToken() {
        String address = TestData.unique("melder").toLowerCase() + "@example.org";
        Map<String, Object> signal = TestData.signal("MENTION", "TWITTER");
        signal.put("reporter", Map.of("name", "Piet", "email", address));
        Response filed = Signals.receipt(signal);
        String token = filed.path("trackingToken");

        MimeMessage mail = Mailbox.await(Mailbox.to(address), 1, WAIT).get(0);
        String text = Mailbox.part(mail, "text/plain");
        assertTrue(text.contains("We hebben hem ontvangen onder nummer " + filed.path("reference")), text);
        assertFalse(text.contains(token));
        assertFalse(Mailbox.part(mail, "text/html").contains(token));
    }

    @Test
    void shouldLoseNoEmailWhileTheSmtpServerIsDownAndSendEachOnce() throws InterruptedException {
        List<String> references = new ArrayList<>();
        MailServerResource.stopSmtp();
        try {
            for (int i = 0; i < 5; i++) {
                references.add(Signals.receipt(TestData.signal("MENTION", "LINKEDIN")).path("reference"));
            }
            // A deliberate wait, not a poll: the dispatcher tries (and fails) while the server is down.
            Thread.sleep(1000);
        } finally {
            MailServerResource.startSmtp();
        }
        for (String reference : references) {
            Mailbox.await(Mailbox.to(MAILBOX).and(Mailbox.subjectContains(reference)), 1, WAIT_AFTER_OUTAGE);
        }
        // Give any duplicate the time to arrive before counting.
        dispatcher.drain();
        Mailbox.assertEachOnce(toMailbox(references), Duration.ofSeconds(1));
    }

    @Test
    void shouldNeverSendAnEmailTwiceWhenDispatchersRace() {
        List<String> references = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            references.add(Signals.receipt(TestData.signal("MENTION", "YOUTUBE")).path("reference"));
        }
        // Three dispatchers at once: the scheduled one and two more.
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(dispatcher::drain);
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(dispatcher::drain);
        first.join();
        second.join();
        for (String reference : references) {
            Predicate<MimeMessage> wanted = Mailbox.to(MAILBOX).and(Mailbox.subjectContains(reference));
            Mailbox.await(wanted, 1, WAIT);
        }
        Mailbox.assertEachOnce(toMailbox(references), Duration.ofSeconds(1));
    }

    @Test
    void shouldRecordAnEmailAsSentWhenTheServerAcceptsItWhileAnotherOfItsBatchAwaitsItsAnswer() throws Exception {
        String address = TestData.unique("melder").toLowerCase() + "@example.org";
        MailServerResource.stopSmtp();
        // In GreenMail's place, a server that keeps its "250" to the reporter's acknowledgement.
        try (HoldingSmtpServer server = HoldingSmtpServer.start(MailServerResource.smtpPort(), address)) {
            String reference = fileForReporter(address);
            assertTrue(server.awaitHolding(WAIT), "the acknowledgement was sent up to its end");

            // Communicatie's e-mail, queued and claimed with it, is recorded as sent at its own "250",
            // long before the acknowledgement's send timeout (10 s in the tests) would end the batch...
            Awaitility.await("communicatie's e-mail recorded as sent").atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> emailOf(reference, "NEW_SIGNAL").get("status"), "SENT"::equals);
            assertNotNull(emailOf(reference, "NEW_SIGNAL").get("sentAt"));
            assertEquals(1, server.count(MAILBOX, reference));
            // ...while the acknowledgement still waits for its answer.
            assertEquals("PENDING", emailOf(reference, "REPORTER_ACKNOWLEDGEMENT").get("status"));

            server.answer();
            Awaitility.await("every e-mail of the ticket recorded as sent").atMost(WAIT)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> emailsOf(reference).stream().allMatch(e -> "SENT".equals(e.get("status"))));
            // The history hears of each e-mail once, written with the batch.
            int emails = emailsOf(reference).size();
            awaitEachInHistoryOnce(reference, emails);
            assertEquals(1, server.count(MAILBOX, reference));
            assertEquals(1, server.count(address, reference));
        } finally {
            MailServerResource.startSmtp();
        }
    }

    @Test
    void shouldParkAtOnceAnEmailWhoseRecipientTheServerRefusesForGood() throws Exception {
        String address = TestData.unique("tikfout").toLowerCase() + "@example.org";
        MailServerResource.stopSmtp();
        // In GreenMail's place, a server that says the reporter's address does not exist (550).
        try (HoldingSmtpServer server = HoldingSmtpServer.startRefusing(MailServerResource.smtpPort(), address,
                "550 5.1.1 <{address}>: Recipient address rejected: User unknown")) {
            String reference = fileForReporter(address);

            // Parked after its first attempt, where staff see it: trying again would send nothing (the
            // tests allow 60 attempts a second or less apart, so without the rule it stays pending).
            Awaitility.await("the acknowledgement parked").atMost(WAIT).pollInterval(Duration.ofMillis(100))
                    .until(() -> emailOf(reference, "REPORTER_ACKNOWLEDGEMENT").get("status"), "FAILED"::equals);
            Map<String, Object> refused = emailOf(reference, "REPORTER_ACKNOWLEDGEMENT");
            assertEquals(1, ((Number) refused.get("attempts")).intValue(), refused.toString());
            // The mail server's own words may quote the reporter's address or name: in the list and in the
            // ticket's history, which everyone who may see the ticket reads and nothing erases, only ours.
            assertEquals("De mailserver weigerde het adres van de ontvanger.", refused.get("lastError"));
            // The row itself keeps ours too: no backup, query or erasure has the server's words to miss.
            assertEquals("De mailserver weigerde het adres van de ontvanger.", QuarkusTransaction.requiringNew().call(
                    () -> OutboxEmail.<OutboxEmail>findById(((Number) refused.get("id")).longValue()).lastError));
            Map<String, Object> failed = Tickets.events(reference).stream()
                    .filter(e -> "EMAIL_FAILED".equals(e.get("type"))).findFirst().orElseThrow();
            String history = failed.toString();
            assertTrue(history.contains("De mailserver weigerde het adres van de ontvanger.")
                    && !history.contains("5.1.1") && !history.contains(address.substring(0, address.indexOf('@'))), history);
            // Communicatie's e-mail of the same signal went out as ever.
            Awaitility.await("communicatie's e-mail sent").atMost(WAIT).pollInterval(Duration.ofMillis(100))
                    .until(() -> emailOf(reference, "NEW_SIGNAL").get("status"), "SENT"::equals);
            assertEquals(1, server.count(MAILBOX, reference));
            assertEquals(0, server.count(address, reference));
        } finally {
            MailServerResource.startSmtp();
        }
    }

    @Test
    void shouldKeepTryingAnEmailTheServerRefusesForItsOwnSettings() throws Exception {
        String address = TestData.unique("relay").toLowerCase() + "@example.org";
        MailServerResource.stopSmtp();
        // A refusal at RCPT TO that is about the server (it will not relay), not the address.
        try (HoldingSmtpServer server = HoldingSmtpServer.startRefusing(MailServerResource.smtpPort(), address,
                "554 5.7.1 <{address}>: Relay access denied")) {
            String reference = fileForReporter(address);

            Awaitility.await("tried again").atMost(WAIT).pollInterval(Duration.ofMillis(100))
                    .until(() -> ((Number) emailOf(reference, "REPORTER_ACKNOWLEDGEMENT").get("attempts")).intValue() >= 3);
            Map<String, Object> pending = emailOf(reference, "REPORTER_ACKNOWLEDGEMENT");
            assertEquals("PENDING", pending.get("status"), pending.toString());
            assertEquals("De mailserver weigerde de e-mail door een eigen instelling (zoals doorsturen).",
                    pending.get("lastError"), pending.toString());
        } finally {
            MailServerResource.startSmtp();
        }
        // Once the server takes it again, the e-mail goes out by itself.
        Mailbox.await(Mailbox.to(address), 1, WAIT);
    }

    @Test
    void shouldRecordButNeverSendAgainAnEmailAcceptedJustBeforeItsDispatcherDied() {
        String reference;
        MailServerResource.stopSmtp();
        try {
            reference = Signals.receipt(TestData.signal("MENTION", "LINKEDIN")).path("reference");
            String filed = reference;
            // What a dispatcher killed right after the server's "250" leaves: sent_at committed, the batch
            // not recorded (no SENT, no history), and, once its claim has run out, the row due again.
            QuarkusTransaction.requiringNew().run(() -> OutboxEmail.update("sentAt = ?1, nextAttemptAt = ?1"
                    + " where ticketId = ?2", TestClock.INSTANCE.instant(),
                    Ticket.findByReference(filed).orElseThrow().id));
        } finally {
            MailServerResource.startSmtp();
        }
        // The next claim records them, with their history...
        int emails = emailsOf(reference).size();
        awaitEachInHistoryOnce(reference, emails);
        // ...and does not send them again.
        assertNoneSent(reference);
    }

    @Test
    void shouldRecordAnAcceptedEmailCommittedAtOnceAndOnlyItsFirstAcceptance() {
        String reference;
        List<Long> ids;
        MailServerResource.stopSmtp();
        try {
            reference = Signals.receipt(withReporter(TestData.signal("MENTION", "INSTAGRAM"))).path("reference");
            ids = emailsOf(reference).stream().map(e -> ((Number) e.get("id")).longValue()).sorted().toList();
            assertEquals(2, ids.size(), "communicatie's e-mail and the reporter's acknowledgement: " + ids);

            // The first acceptance of an e-mail counts; a second record of it changes nothing.
            for (long id : ids) {
                assertEquals(1, store.recordAccepted(List.of(id)), "first record of e-mail " + id);
            }
            List<Object> sentAt = emailsOf(reference).stream().map(e -> e.get("sentAt")).toList();
            for (long id : ids) {
                assertEquals(0, store.recordAccepted(List.of(id)), "second record of e-mail " + id);
            }
            // Committed at once: the API, on connections of its own, sees every one as sent, at its first record.
            assertTrue(sentAt.stream().allMatch(Objects::nonNull), sentAt.toString());
            assertEquals(sentAt, emailsOf(reference).stream().map(e -> e.get("sentAt")).toList());
            dueAgain(ids);
        } finally {
            MailServerResource.startSmtp();
        }
        // Accepted, so recorded with their history by the next claim and never sent (again).
        awaitEachInHistoryOnce(reference, ids.size());
        assertNoneSent(reference);
    }

    @Test
    void shouldCommitEveryEmailAcceptedAtTheSameMomentBeforeItsRecordReturns() throws Exception {
        List<String> references = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        MailServerResource.stopSmtp();
        ExecutorService senders = Executors.newFixedThreadPool(16);
        try {
            for (int i = 0; i < 8; i++) {
                String reference = Signals.receipt(withReporter(TestData.signal("MENTION", "LINKEDIN"))).path("reference");
                references.add(reference);
                emailsOf(reference).forEach(e -> ids.add(((Number) e.get("id")).longValue()));
            }
            assertEquals(16, ids.size(), "communicatie's e-mail and the reporter's acknowledgement of each: " + ids);

            // Sixteen e-mails accepted at once, as a dispatcher's batch is: each record returns only once
            // its own e-mail's sent_at is committed, seen on a connection of its own.
            CountDownLatch accepted = new CountDownLatch(1);
            List<Future<Instant>> seen = ids.stream().map(id -> senders.submit(() -> {
                accepted.await();
                recorder.record(id);
                return sentAt(id);
            })).toList();
            accepted.countDown();
            for (int i = 0; i < ids.size(); i++) {
                assertNotNull(seen.get(i).get(WAIT.toSeconds(), TimeUnit.SECONDS), "sent_at of e-mail " + ids.get(i));
            }
            // A second acceptance of the same e-mails records nothing new.
            Map<Long, Instant> first = new HashMap<>();
            for (long id : ids) {
                first.put(id, sentAt(id));
            }
            for (long id : ids) {
                recorder.record(id);
                assertEquals(first.get(id), sentAt(id), "sent_at of e-mail " + id);
            }
            dueAgain(ids);
        } finally {
            senders.shutdownNow();
            MailServerResource.startSmtp();
        }
        // Accepted, so recorded with their history by the next claim and never sent (again).
        for (String reference : references) {
            awaitEachInHistoryOnce(reference, 2);
            assertNoneSent(reference);
        }
    }

    /** The signal with a reporter of their own, who gets an acknowledgement beside communicatie's e-mail. */
    private static Map<String, Object> withReporter(Map<String, Object> signal) {
        signal.put("reporter", Map.of("name", "Piet", "email", TestData.unique("melder").toLowerCase() + "@example.org"));
        return signal;
    }

    /**
     * Makes the accepted e-mails due at once. While the SMTP server is away the dispatcher keeps
     * claiming them, and an attempt that was under way when the test recorded them leaves its claim
     * standing (a failure does not touch an accepted e-mail): due only after the two-minute lease.
     * As a dispatcher's killed claim runs out.
     */
    private static void dueAgain(List<Long> ids) {
        QuarkusTransaction.requiringNew().run(() -> OutboxEmail.update("nextAttemptAt = ?1 where id in ?2 and status = ?3",
                TestClock.INSTANCE.instant(), ids, EmailStatus.PENDING));
    }

    /** An e-mail's sent_at, read on a connection of its own (committed, not this test's transaction). */
    private Instant sentAt(long id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select sent_at from outbox_email where id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next(), "e-mail " + id);
                return Sql.instant(row, 1);
            }
        }
    }

    /** Waits until the ticket's history tells of its {@code emails} e-mails, each once. */
    private static void awaitEachInHistoryOnce(String reference, int emails) {
        Awaitility.await("every e-mail in the history").atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> sentInHistory(reference).size() >= emails);
        assertEquals(emails, sentInHistory(reference).size(), sentInHistory(reference).toString());
    }

    /** Another drain, and none of the ticket's e-mails reaches the mailbox. */
    private void assertNoneSent(String reference) {
        dispatcher.drain();
        Awaitility.await("no e-mail sent").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> Mailbox.matching(Mailbox.subjectContains(reference)).isEmpty());
    }

    private static List<Object> sentInHistory(String reference) {
        return Tickets.events(reference).stream().filter(e -> "EMAIL_SENT".equals(e.get("type")))
                .map(e -> e.get("newValue")).toList();
    }

    /** The outbox's rows of the ticket's e-mails, as communicatie sees them. */
    private static List<Map<String, Object>> emailsOf(String reference) {
        return TestData.asCommunicatie().queryParam("limit", "200").get("/api/notifications")
                .then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("$").stream()
                .filter(e -> reference.equals(e.get("ticket"))).toList();
    }

    /** The outbox's row of the ticket's one e-mail of {@code kind}. */
    /** Files a signal whose reporter, at {@code address}, wants the acknowledgement; its reference. */
    private static String fileForReporter(String address) {
        Map<String, Object> signal = TestData.signal("MENTION", "TWITTER");
        signal.put("reporter", Map.of("name", "Piet", "email", address));
        return Signals.receipt(signal).path("reference");
    }

    private static Map<String, Object> emailOf(String reference, String kind) {
        List<Map<String, Object>> found = emailsOf(reference).stream().filter(e -> kind.equals(e.get("kind"))).toList();
        assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }

    private static List<Predicate<MimeMessage>> toMailbox(List<String> references) {
        return references.stream()
                .<Predicate<MimeMessage>>map(reference -> Mailbox.to(MAILBOX).and(Mailbox.subjectContains(reference)))
                .toList();
    }
}
