package nl.sglzorg.meldpunt.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import nl.sglzorg.meldpunt.MailServerResource;
import nl.sglzorg.meldpunt.PackagedApp;
import nl.sglzorg.meldpunt.support.Ports;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the packaged application on one PostgreSQL database, started at the same moment,
 * with signals filed at both at once. References stay unique, every e-mail reaches the SMTP server
 * (GreenMail, in this JVM) exactly once, and every step of the deadline chain — the warning, the
 * breach with the escalation to the unit's manager, and the next level to communicatie's manager —
 * happens once per ticket, however the two deadline watchers and outbox dispatchers interleave.
 *
 * <p>The response times are seconds here, so the whole chain runs in real time: URGENT answers
 * within 20 s around the clock, warned at 25 % (5 s), and a manager acknowledges within 3 s. The
 * watchers look every 0.5 s; the 15 s between warning and breach leave room for a stalled start, since
 * a watcher that first sees a ticket past its deadline records the breach and no warning.
 */
class TwoInstancesIT {

    private static final String ADMIN_PASSWORD = "twee-instanties-wachtwoord-1";
    private static final String COMMUNICATIONS_MAILBOX = "nieuws@sgl-zorg.nl";
    private static final String UNIT_MANAGER = "lia.leiding@sgl-zorg.nl";
    private static final String TOP_MANAGER = "hoofd.communicatie@sgl-zorg.nl";
    private static final String UNIT = "TEAM-TWEE";
    private static final int SIGNALS = 40;
    /** Signals one client may file per hour, at both instances together. */
    private static final int FILING_LIMIT = 4;
    /** The whole chain takes about 10 s after filing; this is the limit for any wait. */
    private static final Duration WAIT = Duration.ofSeconds(120);
    /** Longer than a watcher run and a dispatcher run together, so a late duplicate would show. */
    private static final Duration QUIET = Duration.ofSeconds(2);
    private static final List<String> FUNCTION_FIELDS = List.of("name", "personalPlatforms", "corporatePlatforms",
            "locationPagePlatforms", "provisionalPlatforms", "locationPageAfterIntake", "topics");

    /** One filed signal and what it must lead to. */
    private record Filed(String reference, boolean urgent, String reporterEmail) {

        /** Every e-mail this signal must cause, as recipient and subject. */
        List<Mail> expectedMails() {
            List<Mail> mails = new ArrayList<>();
            mails.add(new Mail(reporterEmail, "Je melding " + reference + " is ontvangen"));
            if (urgent) {
                mails.add(new Mail(COMMUNICATIONS_MAILBOX,
                        "[Meldpunt] Nieuw signaal " + reference + ": Vertrouwelijke informatie gedeeld"));
                mails.add(new Mail(UNIT_MANAGER, "[Meldpunt] Ter informatie: " + reference));
                mails.add(new Mail(COMMUNICATIONS_MAILBOX, "[Meldpunt] Termijn verloopt bijna: " + reference));
                mails.add(new Mail(UNIT_MANAGER, "[Meldpunt] Escalatie: " + reference));
                mails.add(new Mail(TOP_MANAGER, "[Meldpunt] Escalatie: " + reference));
            } else {
                mails.add(new Mail(COMMUNICATIONS_MAILBOX, "[Meldpunt] Nieuw signaal " + reference + ": Uiting over SGL"));
            }
            return mails;
        }
    }

    private record Mail(String recipient, String subject) {

        @Override
        public String toString() {
            return recipient + " \"" + subject + "\"";
        }
    }

    private GreenMail smtp;
    private PackagedApp.Database database;
    private PackagedApp a;
    private PackagedApp b;

    @BeforeEach
    void startTwoInstances() throws Exception {
        assumeTrue(PackagedApp.Database.onPostgresql(), "Two instances need one database they can share:"
                + " an H2 file database is opened by one process at a time. This test runs in the PostgreSQL"
                + " build (QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql:..., see .ci/run).");
        int smtpPort = Ports.free();
        smtp = new GreenMail(MailServerResource.onLocalhost(smtpPort, ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        database = PackagedApp.Database.fresh("two-instances-it");
        Map<String, String> environment = Map.ofEntries(
                Map.entry("MELDPUNT_ADMIN_PASSWORD", ADMIN_PASSWORD),
                Map.entry("MELDPUNT_LIMITS_EXEMPT_ADDRESSES", "127.0.0.1"),
                Map.entry("MELDPUNT_LIMITS_SIGNALS_PER_HOUR", Integer.toString(FILING_LIMIT)),
                // The test is the proxy: it names the client in X-Forwarded-For.
                Map.entry("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true"),
                Map.entry("QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "true"),
                Map.entry("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", "127.0.0.1"),
                Map.entry("MELDPUNT_SMTP_HOST", "127.0.0.1"),
                Map.entry("MELDPUNT_SMTP_PORT", Integer.toString(smtpPort)),
                Map.entry("MELDPUNT_MAIL_POLL_INTERVAL", "0.2s"),
                Map.entry("MELDPUNT_MAIL_POLL_DELAY", "0s"),
                Map.entry("MELDPUNT_SLA_WATCH_INTERVAL", "0.5s"),
                Map.entry("MELDPUNT_SLA_WATCH_DELAY", "0s"),
                Map.entry("MELDPUNT_SLA_WARNING_AT", "0.25"),
                Map.entry("MELDPUNT_SLA_URGENT_FIRST_RESPONSE", "20S"),
                Map.entry("MELDPUNT_SLA_URGENT_RESOLUTION", "1H"),
                Map.entry("MELDPUNT_SLA_URGENT_AROUND_THE_CLOCK", "true"),
                Map.entry("MELDPUNT_SLA_URGENT_ACKNOWLEDGE_WITHIN", "3S"));
        a = new PackagedApp("instance-a", database, environment);
        b = new PackagedApp("instance-b", database, environment);
        // Both at once on the empty schema, as when a deployment starts two pods: Flyway migrates
        // under PostgreSQL's advisory lock, and the first user is created by whichever comes first.
        a.launch();
        b.launch();
        a.awaitReady();
        b.awaitReady();
    }

    @AfterEach
    void stopEverything() throws Exception {
        try {
            PackagedApp.stopAll(a, b);
        } finally {
            if (smtp != null) {
                smtp.stop();
            }
            if (database != null) {
                database.close();
            }
        }
    }

    @Test
    void shouldSendEveryMailOnceAndTakeEveryDeadlineStepOnceWithTwoInstances() throws Exception {
        // Both started and migrated one schema: each takes the first user's password.
        asCommunicatie(a).get("/api/tickets").then().statusCode(200);
        asCommunicatie(b).get("/api/tickets").then().statusCode(200);
        // The unit of the reporters, set up through A; communicatie's manager, the last level, through B.
        asCommunicatie(a).contentType(ContentType.JSON)
                .body(Map.of("code", UNIT, "name", "Team Twee", "region", "Parkstad",
                        "managerName", "Lia Leiding", "managerEmail", UNIT_MANAGER))
                .post("/api/units").then().statusCode(201);
        setCommunicationsManager(b);

        List<Filed> filed = fileAtBothAtOnce();

        Set<String> references = filed.stream().map(Filed::reference).collect(Collectors.toSet());
        assertEquals(SIGNALS, references.size(), () -> "references must be unique: " + filed);
        List<Mail> expected = filed.stream().flatMap(f -> f.expectedMails().stream()).toList();
        List<Filed> urgent = filed.stream().filter(Filed::urgent).toList();

        // The chain ends with level 2 for every URGENT ticket; then nothing is left in the outbox.
        await("every expected e-mail received", () -> smtp.getReceivedMessages().length >= expected.size());
        await("nothing left in the outbox", () -> asCommunicatie(a).get("/api/notifications?status=PENDING")
                .then().statusCode(200).extract().<List<?>>path("").isEmpty());
        letEveryJobRunOnceMore();

        assertEachMailExactlyOnce(expected);
        assertDeadlineStepsOfEach(filed);
        assertEquals(0, asCommunicatie(b).get("/api/notifications?status=FAILED").then().statusCode(200)
                .extract().<List<?>>path("").size(), "no e-mail failed");
        // Each instance counts what it did itself: together every e-mail and every breach exactly once.
        assertEquals(expected.size(), metric(a, "meldpunt_mail_sent_total") + metric(b, "meldpunt_mail_sent_total"),
                () -> "e-mails sent by A and by B: " + metric(a, "meldpunt_mail_sent_total") + " + "
                        + metric(b, "meldpunt_mail_sent_total"));
        assertEquals(urgent.size(), metric(a, "meldpunt_sla_breaches_total") + metric(b, "meldpunt_sla_breaches_total"),
                "breaches counted by A and B together");
    }

    @Test
    void shouldCountAClientsFilingLimitOnceAcrossBothInstances() {
        // One client, not exempt, filing alternately at A and B: together no more than its limit.
        String client = "203.0.113.7";
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 2 * FILING_LIMIT; i++) {
            PackagedApp target = i % 2 == 0 ? a : b;
            // signal(2): a valid NORMAL signal, which needs no unit of this test's own
            Response response = target.request().header("X-Forwarded-For", client).contentType(ContentType.JSON)
                    .body(signal(2)).post("/api/signals");
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                assertTrue(response.header("Retry-After") != null, response.asString());
            }
        }
        assertEquals(FILING_LIMIT, statuses.stream().filter(status -> status == 201).count(),
                () -> "accepted at A and B together: " + statuses);
        assertEquals(FILING_LIMIT, statuses.stream().filter(status -> status == 429).count(),
                () -> "refused at A and B together: " + statuses);
        // another client still files, at either instance
        b.request().header("X-Forwarded-For", "203.0.113.8").contentType(ContentType.JSON).body(signal(2))
                .post("/api/signals").then().statusCode(201);
    }

    /** Files {@link #SIGNALS} signals at the same moment, alternately at A and B; two in five are URGENT. */
    private List<Filed> fileAtBothAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(SIGNALS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> responses = new ArrayList<>();
            for (int i = 0; i < SIGNALS; i++) {
                PackagedApp target = i % 2 == 0 ? a : b;
                Map<String, Object> signal = signal(i);
                Callable<Response> file = () -> {
                    go.await();
                    return target.request().contentType(ContentType.JSON).body(signal).post("/api/signals");
                };
                responses.add(pool.submit(file));
            }
            go.countDown();
            List<Filed> filed = new ArrayList<>();
            for (int i = 0; i < SIGNALS; i++) {
                Response response = responses.get(i).get();
                assertEquals(201, response.statusCode(), response.asString());
                filed.add(new Filed(response.path("reference"), isUrgent(i), reporterEmail(i)));
                assertEquals(isUrgent(i) ? "URGENT" : "NORMAL", response.path("priority"), response.asString());
            }
            return filed;
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean isUrgent(int i) {
        return i % 5 < 2;
    }

    private static String reporterEmail(int i) {
        return "melder-" + i + "@example.org";
    }

    /** URGENT: confidential information shared, by an employee of {@link #UNIT}. Else a mention. */
    private static Map<String, Object> signal(int i) {
        Map<String, Object> signal = new HashMap<>();
        Map<String, Object> reporter = new HashMap<>();
        reporter.put("email", reporterEmail(i));
        reporter.put("relation", "EMPLOYEE");
        if (isUrgent(i)) {
            signal.put("category", "CONFIDENTIAL_INFORMATION");
            signal.put("platform", "FACEBOOK");
            signal.put("description", "Iemand deelt gegevens van een cliënt in een openbare groep (" + i + ").");
            reporter.put("unit", UNIT);
        } else {
            signal.put("category", "MENTION");
            signal.put("platform", "TWITTER");
            signal.put("description", "Er wordt op sociale media over SGL geschreven (" + i + ").");
        }
        signal.put("reporter", reporter);
        return signal;
    }

    private void assertEachMailExactlyOnce(List<Mail> expected) {
        Map<Mail, Integer> received = new TreeMap<>((x, y) -> x.toString().compareTo(y.toString()));
        for (MimeMessage message : smtp.getReceivedMessages()) {
            for (String recipient : recipients(message)) {
                received.merge(new Mail(recipient, subject(message)), 1, Integer::sum);
            }
        }
        Map<Mail, Integer> twice = received.entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Set<Mail> missing = new HashSet<>(expected);
        missing.removeAll(received.keySet());
        Set<Mail> unexpected = new HashSet<>(received.keySet());
        expected.forEach(unexpected::remove);
        assertTrue(twice.isEmpty() && missing.isEmpty() && unexpected.isEmpty(),
                () -> "sent more than once: " + twice + "; missing: " + missing + "; unexpected: " + unexpected);
        assertEquals(expected.size(), smtp.getReceivedMessages().length, "one message per expected e-mail");
    }

    /** Reads every ticket back, half through each instance, several at a time (signing in costs a bcrypt). */
    private void assertDeadlineStepsOfEach(List<Filed> filed) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> checks = new ArrayList<>();
            for (int i = 0; i < filed.size(); i++) {
                PackagedApp app = i % 2 == 0 ? a : b;
                Filed one = filed.get(i);
                checks.add(pool.submit(() -> assertDeadlineSteps(app, one)));
            }
            for (Future<?> check : checks) {
                try {
                    check.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof AssertionError failed) {
                        throw failed;
                    }
                    throw e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The ticket's escalations and history, as staff see them: every step once, or not at all. */
    private static void assertDeadlineSteps(PackagedApp app, Filed filed) {
        String reference = filed.reference();
        Response ticket = asCommunicatie(app).get("/api/tickets/{reference}", reference)
                .then().statusCode(200).extract().response();
        List<Map<String, Object>> escalations = ticket.path("escalations");
        if (filed.urgent()) {
            assertEquals(escalations, asCommunicatie(app).get("/api/tickets/{reference}/escalations", reference)
                    .then().statusCode(200).extract().path(""), "the ticket's escalations, listed on their own");
        }
        List<Map<String, Object>> events = ticket.path("events");
        String what = reference + " " + escalations + " " + events;
        if (filed.urgent()) {
            assertEquals(List.of(1, 2), escalations.stream().map(e -> e.get("level")).toList(), what);
            assertEquals(List.of(UNIT_MANAGER, TOP_MANAGER), escalations.stream()
                    .map(e -> ((Map<?, ?>) e.get("manager")).get("email")).toList(), what);
            assertEquals(List.of(true, true), escalations.stream().map(e -> e.get("automatic")).toList(), what);
            assertEquals("ESCALATED", ticket.path("status"), what);
            assertEquals("BREACHED", ticket.path("firstResponseStatus"), what);
            assertEquals(1, count(events, "DEADLINE_WARNING", "FIRST_RESPONSE"), what);
            assertEquals(1, count(events, "DEADLINE_BREACHED", "FIRST_RESPONSE"), what);
            assertEquals(1, count(events, "ESCALATED", UNIT_MANAGER), what);
            assertEquals(1, count(events, "ESCALATED", TOP_MANAGER), what);
        } else {
            assertEquals(List.of(), escalations, what);
            assertEquals("NEW", ticket.path("status"), what);
            assertEquals(0, count(events, "ESCALATED", null), what);
        }
        // The resolution deadline is an hour away: no step for it, and none for a NORMAL ticket.
        assertEquals(filed.urgent() ? 1 : 0, count(events, "DEADLINE_WARNING", null), what);
        assertEquals(filed.urgent() ? 1 : 0, count(events, "DEADLINE_BREACHED", null), what);
        int mails = filed.expectedMails().size();
        assertEquals(mails, count(events, "EMAIL_QUEUED", null), what);
        assertEquals(mails, count(events, "EMAIL_SENT", null), what);
    }

    private static long count(List<Map<String, Object>> events, String type, String newValue) {
        return events.stream()
                .filter(e -> type.equals(e.get("type")) && (newValue == null || newValue.equals(e.get("newValue"))))
                .count();
    }

    private static void setCommunicationsManager(PackagedApp app) {
        Response row = asCommunicatie(app).get("/api/functions/COMMUNICATIONS").then().statusCode(200)
                .extract().response();
        Map<String, Object> body = new HashMap<>();
        for (String field : FUNCTION_FIELDS) {
            if (row.path(field) != null) {
                body.put(field, row.path(field));
            }
        }
        body.put("escalationManager", Map.of("name", "Hoofd Communicatie", "email", TOP_MANAGER));
        asCommunicatie(app).contentType(ContentType.JSON).body(body).put("/api/functions/COMMUNICATIONS")
                .then().statusCode(200);
    }

    /** The sum of a counter in an instance's Prometheus metrics, over all its tags. */
    private static long metric(PackagedApp app, String name) {
        String metrics = app.management().get("/q/metrics").then().statusCode(200).extract().asString();
        return Math.round(metrics.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum());
    }

    private void await(String what, BooleanSupplier condition) {
        try {
            Awaitility.await(what).atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(condition::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not within " + WAIT.toSeconds() + " s: " + what + "; "
                    + smtp.getReceivedMessages().length + " e-mails received\n--- A:\n" + a.log()
                    + "\n--- B:\n" + b.log());
        }
    }

    /**
     * Proving that no e-mail comes twice takes waiting a little: long enough for another run of each
     * watcher and each dispatcher, which is when a duplicate would show. No poll can end this early.
     */
    private static void letEveryJobRunOnceMore() throws InterruptedException {
        // A deliberate wait, not a poll: the absence of a duplicate has no moment to wait for.
        Thread.sleep(QUIET.toMillis());
    }

    private static RequestSpecification asCommunicatie(PackagedApp app) {
        return app.request().auth().preemptive().basic("communicatie", ADMIN_PASSWORD);
    }

    private static List<String> recipients(MimeMessage message) {
        try {
            Address[] all = message.getAllRecipients();
            return all == null ? List.of() : Arrays.stream(all).map(Address::toString).toList();
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
}
