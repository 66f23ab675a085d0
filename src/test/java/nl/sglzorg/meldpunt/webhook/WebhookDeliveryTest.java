package nl.sglzorg.meldpunt.webhook;

import static nl.sglzorg.meldpunt.TestData.asCommunicatie;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import nl.sglzorg.meldpunt.ProblemAssertions;
import nl.sglzorg.meldpunt.TestClock;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.escalation.SlaWatcher;
import nl.sglzorg.meldpunt.support.Signals;
import nl.sglzorg.meldpunt.support.Tickets;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks end to end: registered through {@code /api/webhooks}, fed by real ticket events, delivered
 * by the scheduled dispatcher to a receiver in this JVM ({@link WebhookReceiver}), which checks each
 * signature with its own implementation of the Standard Webhooks spec. The tests' setting allows
 * 127.0.0.1 over http; {@link WebhookTargetsRefusedTest} runs with it off.
 */
@QuarkusTest
class WebhookDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    SlaWatcher watcher;

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    Scheduler scheduler;

    @Inject
    WebhookOutbox outbox;

    @Inject
    MeldpuntConfig config;

    @AfterEach
    void cleanUp() {
        scheduler.resume(scheduledDrain());
        TestClock.INSTANCE.reset();
        WebhookReceiver.removeAll();
    }

    @Test
    void shouldDeliverEachEventOnceSignedAndWithoutPersonalData() {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Response created = WebhookReceiver.register(receiver.url(), WebhookReceiver.ALL_EVENTS, null);
            created.then().statusCode(201);
            String secret = created.path("secret");
            assertTrue(secret.matches("whsec_[A-Za-z0-9+/]{43}="), secret);
            assertTrue(created.header("Location").endsWith("/api/webhooks/" + created.path("id")));

            String name = TestData.unique("Naam");
            String email = TestData.unique("melder").toLowerCase() + "@voorbeeld.nl";
            String description = TestData.unique("Beschrijving van de melding");
            String post = "https://twitter.com/iemand/status/" + System.nanoTime();
            Map<String, Object> signal = TestData.signal("MENTION", "TWITTER");
            signal.put("description", description);
            signal.put("url", post);
            signal.put("reporter", Map.of("name", name, "email", email, "relation", "EMPLOYEE"));
            String reference = Signals.file(signal).reference();

            String unit = TestData.createUnit("Lia Leiding", TestData.unique("leiding").toLowerCase() + "@sgl-zorg.nl");
            asCommunicatie().contentType(ContentType.JSON).body(Map.of("unit", unit, "reason", "Loopt uit de hand"))
                    .post("/api/tickets/{reference}/escalations", reference).then().statusCode(201);

            // The resolution deadline passes (escalating by hand was the first response); the ticket is
            // already before a manager, so the watcher records the breach and escalates no further.
            Instant due = Instant.parse(Tickets.detail(reference).getString("resolutionDue"));
            TestClock.INSTANCE.setNow(due.plusSeconds(1));
            watcher.runOnce();
            // Its delivery is due at the moved clock's now: wait for it before putting the clock back.
            Awaitility.await().atMost(WAIT).alias("three deliveries").until(() -> receiver.about(reference).size() >= 3);
            TestClock.INSTANCE.reset();

            Tickets.transitioned(reference, "RESOLVED", "Beantwoord door communicatie");

            Awaitility.await().atMost(WAIT).until(() -> receiver.about(reference).size() >= 4);
            // The dispatcher polls every second: time for a second delivery of anything, which must not come.
            Awaitility.await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
            List<WebhookReceiver.Received> deliveries = receiver.about(reference);
            // Each once; deliveries due together go out side by side, so in no promised order.
            assertEquals(4, deliveries.size());
            assertEquals(java.util.Set.of("ticket.filed", "ticket.escalated", "ticket.deadline_breached", "ticket.resolved"),
                    deliveries.stream().map(r -> r.json().getString("type")).collect(java.util.stream.Collectors.toSet()));
            assertEquals(4, deliveries.stream().map(WebhookReceiver.Received::id).distinct().count());
            for (WebhookReceiver.Received delivery : deliveries) {
                assertTrue(delivery.verified(secret), delivery.toString());
                assertFalse(delivery.verified("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32])));
                assertTrue(delivery.contentType().startsWith("application/json"));
                assertTrue(delivery.id().startsWith("msg_"), delivery.id());
                assertTrue(delivery.timestamp().matches("\\d{10}"), delivery.timestamp());
                for (String personal : List.of(name, email, description, post, "twitter.com/iemand")) {
                    assertFalse(delivery.body().contains(personal), personal + " in " + delivery.body());
                }
                assertEquals(reference, delivery.json().getString("data.reference"));
                assertEquals("MENTION", delivery.json().getString("data.category"));
                assertEquals("TWITTER", delivery.json().getString("data.platform"));
                assertEquals("NORMAL", delivery.json().getString("data.priority"));
                assertEquals("COMMUNICATIONS", delivery.json().getString("data.function"));
                assertTrue(delivery.json().getString("data.link").endsWith("/beheer/meldingen/" + reference));
                assertEquals(Set.of("reference", "category", "platform", "priority", "function", "status", "link",
                        "deadline").containsAll(delivery.json().getMap("data").keySet()), true);
            }
            // The status each event reports, by event (they arrive in no promised order).
            Map<String, WebhookReceiver.Received> byType = deliveries.stream()
                    .collect(java.util.stream.Collectors.toMap(r -> r.json().getString("type"), r -> r));
            assertEquals("NEW", byType.get("ticket.filed").json().getString("data.status"));
            assertEquals("ESCALATED", byType.get("ticket.escalated").json().getString("data.status"));
            assertEquals("ESCALATED", byType.get("ticket.deadline_breached").json().getString("data.status"));
            assertEquals("RESOLVED", byType.get("ticket.resolved").json().getString("data.status"));
            assertEquals("RESOLUTION", byType.get("ticket.deadline_breached").json().getString("data.deadline"));
            assertNull(byType.get("ticket.filed").json().getString("data.deadline"));

            // The watcher breached every other due ticket in the shared database too: look at the last one.
            Map<String, Object> last = asCommunicatie().get("/api/webhooks/{id}", (int) created.path("id"))
                    .then().statusCode(200).extract().path("lastDelivery");
            assertEquals(reference, last.get("ticket"));
            assertEquals("ticket.resolved", last.get("event"));
            assertEquals("DELIVERED", last.get("status"));
            assertEquals(1, last.get("attempts"));
            assertEquals(204, last.get("statusCode"));
        }
    }

    @Test
    void shouldSendEachDeliveryOnceWhenSeveralDispatchersDrainAtOnce() {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            int id = WebhookReceiver.register(receiver.url(), List.of("ticket.filed"), null)
                    .then().statusCode(201).extract().path("id");
            List<Long> queued = new java.util.ArrayList<>();
            for (int i = 0; i < 30; i++) {
                queued.add(WebhookReceiver.delivery(id, "SGL-2026-" + (700000 + i), DeliveryStatus.PENDING));
            }
            // Three dispatchers at once besides the scheduled one, as on several instances.
            List<java.util.concurrent.CompletableFuture<Integer>> racers = java.util.stream.IntStream.range(0, 3)
                    .mapToObj(i -> java.util.concurrent.CompletableFuture.supplyAsync(dispatcher::drain)).toList();
            racers.forEach(java.util.concurrent.CompletableFuture::join);

            Awaitility.await().atMost(WAIT).until(() -> receiver.received.size() >= queued.size());
            Awaitility.await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
            assertEquals(queued.size(), receiver.received.size());
            assertEquals(queued.size(), receiver.received.stream().map(WebhookReceiver.Received::id).distinct().count());
        }
    }

    @Test
    void shouldSendATeamsCardWithTheFactsInDutchAndAnOpenAction() {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Response created = WebhookReceiver.register(receiver.url(), List.of("ticket.filed"), "TEAMS");
            created.then().statusCode(201);
            String reference = Signals.file(TestData.signal("DERAILED_DISCUSSION", "FACEBOOK")).reference();

            Awaitility.await().atMost(WAIT).until(() -> receiver.about(reference).size() == 1);
            WebhookReceiver.Received card = receiver.about(reference).get(0);
            assertTrue(card.verified(created.path("secret")));
            assertEquals("message", card.json().getString("type"));
            assertEquals("application/vnd.microsoft.card.adaptive", card.json().getString("attachments[0].contentType"));
            var content = card.json().setRootPath("attachments[0].content");
            assertEquals("AdaptiveCard", content.getString("type"));
            assertEquals("1.4", content.getString("version"));
            Map<String, String> facts = content.getList("body[1].facts", Map.class).stream()
                    .collect(Collectors.toMap(f -> (String) f.get("title"), f -> (String) f.get("value")));
            assertEquals(reference, facts.get("Melding"));
            assertEquals("Ontsporende online discussie", facts.get("Soort"));
            assertEquals("Facebook", facts.get("Platform"));
            assertEquals("Hoog", facts.get("Prioriteit"));
            assertEquals("Nieuw", facts.get("Status"));
            assertEquals("Openen", content.getString("actions[0].title"));
            assertEquals("Action.OpenUrl", content.getString("actions[0].type"));
            assertTrue(content.getString("actions[0].url").endsWith("/beheer/meldingen/" + reference));
        }
    }

    @Test
    void shouldRetryAFailingReceiverThenParkItAndSendItAgainOnRetry() {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.answer.set(500);
            int id = WebhookReceiver.register(receiver.url(), List.of("ticket.filed"), null)
                    .then().statusCode(201).extract().path("id");
            String reference = Signals.file().reference();

            // Three attempts (the tests' maximum), then parked as FAILED.
            Awaitility.await().atMost(WAIT).until(() -> "FAILED".equals(
                    asCommunicatie().get("/api/webhooks/{id}/deliveries?status=FAILED", id).path("[0].status")));
            Map<String, Object> parked = asCommunicatie().get("/api/webhooks/{id}/deliveries?status=FAILED", id)
                    .then().statusCode(200).extract().path("[0]");
            assertEquals(reference, parked.get("ticket"));
            assertEquals(3, parked.get("attempts"));
            assertEquals(500, parked.get("statusCode"));
            assertEquals("HTTP 500", parked.get("lastError"));
            assertEquals(3, receiver.about(reference).size());
            assertEquals(1, receiver.about(reference).stream().map(WebhookReceiver.Received::id).distinct().count(),
                    "every attempt carries the same webhook-id");
            Map<String, Object> webhook = asCommunicatie().get("/api/webhooks/{id}", id).then().statusCode(200)
                    .extract().path("");
            assertEquals(1, webhook.get("parked"));
            assertFalse(webhook.containsKey("secret"), "the secret is shown once, at creation");

            receiver.answer.set(200);
            long deliveryId = ((Number) parked.get("id")).longValue();
            asCommunicatie().post("/api/webhooks/{id}/deliveries/{d}/retry", id, deliveryId).then().statusCode(200);
            Awaitility.await().atMost(WAIT).until(() -> "DELIVERED".equals(
                    asCommunicatie().get("/api/webhooks/{id}", id).path("lastDelivery.status")));
            assertEquals(4, receiver.about(reference).size());
            Response again = asCommunicatie().post("/api/webhooks/{id}/deliveries/{d}/retry", id, deliveryId);
            ProblemAssertions.assertProblem(again, 409, "conflict", "Conflict",
                    "/api/webhooks/" + id + "/deliveries/" + deliveryId + "/retry");
        }
    }

    @Test
    void shouldTakeTheStatusWithoutWaitingForABodyThatNeverComes() {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.withholdingBody.set(true);
            int id = WebhookReceiver.register(receiver.url(), List.of("ticket.filed"), null)
                    .then().statusCode(201).extract().path("id");
            scheduler.pause(scheduledDrain());
            WebhookReceiver.delivery(id, "SGL-2026-710001", DeliveryStatus.PENDING);

            // Far beyond the tests' timeouts (connect 5 s, read 3 s): waiting for the body, drain()
            // returned only when the receiver was closed.
            int delivered = assertTimeoutPreemptively(Duration.ofSeconds(20), dispatcher::drain);
            assertEquals(1, delivered);
            Map<String, Object> delivery = asCommunicatie().get("/api/webhooks/{id}/deliveries", id)
                    .then().statusCode(200).extract().path("[0]");
            assertEquals("DELIVERED", delivery.get("status"), "only the status counts");
            assertEquals(200, delivery.get("statusCode"));
            assertEquals(1, delivery.get("attempts"));
            assertEquals(1, receiver.received.size());
        }
    }

    @Test
    void shouldHoldTheDeliveriesOfAWebhookSwitchedOffUntilItIsSwitchedOn() {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            receiver.answer.set(500);
            int id = WebhookReceiver.register(receiver.url(), List.of("ticket.filed"), null)
                    .then().statusCode(201).extract().path("id");
            scheduler.pause(scheduledDrain());
            String reference = Signals.file().reference();
            dispatcher.drain();
            assertEquals(1, receiver.about(reference).size());

            switchOn(id, receiver.url(), false);
            receiver.answer.set(204);
            // Well past the backoff (at most 200 ms in the tests).
            TestClock.INSTANCE.advance(Duration.ofMinutes(5));
            assertEquals(0, dispatcher.drain());
            assertEquals(1, receiver.about(reference).size(), "nothing goes to a webhook switched off");
            Map<String, Object> waiting = asCommunicatie().get("/api/webhooks/{id}/deliveries", id)
                    .then().statusCode(200).extract().path("[0]");
            assertEquals(reference, waiting.get("ticket"));
            assertEquals("PENDING", waiting.get("status"));
            assertEquals(1, waiting.get("attempts"));
            assertEquals(500, waiting.get("statusCode"));

            long parked = WebhookReceiver.delivery(id, "SGL-2026-710002", DeliveryStatus.FAILED);
            Response retry = asCommunicatie().post("/api/webhooks/{id}/deliveries/{d}/retry", id, parked);
            ProblemAssertions.assertProblem(retry, 409, "conflict", "Conflict",
                    "/api/webhooks/" + id + "/deliveries/" + parked + "/retry");
            assertEquals("Deze webhook staat uit: zet hem eerst aan.", retry.path("detail"));

            switchOn(id, receiver.url(), true);
            assertEquals(1, dispatcher.drain());
            assertEquals(2, receiver.about(reference).size());
            Map<String, Object> delivered = asCommunicatie().get("/api/webhooks/{id}/deliveries", id)
                    .then().statusCode(200).extract().path("find { it.ticket == '" + reference + "' }");
            assertEquals("DELIVERED", delivered.get("status"));
            assertEquals(204, delivered.get("statusCode"));
            assertEquals(2, delivered.get("attempts"));
        }
    }

    @Test
    void shouldKeepALateOutcomeFromOverwritingTheClaimThatFollowedIt() {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            int id = WebhookReceiver.register(receiver.url(), List.of("ticket.filed"), null)
                    .then().statusCode(201).extract().path("id");
            scheduler.pause(scheduledDrain());
            String reference = Signals.file().reference();
            // One dispatcher claims it and its attempt outlasts the lease; another claims it again.
            WebhookOutbox.Claimed first = ours(outbox.claimDue(1000), receiver);
            TestClock.INSTANCE.advance(config.webhook().claimLease().plusSeconds(1));
            WebhookOutbox.Claimed second = ours(outbox.claimDue(1000), receiver);
            Instant secondLease = TestClock.INSTANCE.instant().plus(config.webhook().claimLease());

            // The first one's failure comes in late, while the second is still sending.
            outbox.record(List.of(new WebhookOutbox.Attempt(first, null, "te laat")));
            Map<String, Object> during = asCommunicatie().get("/api/webhooks/{id}/deliveries", id)
                    .then().statusCode(200).extract().path("find { it.ticket == '" + reference + "' }");
            assertEquals("PENDING", during.get("status"));
            assertNull(during.get("lastError"), "the late failure is not the delivery's news");
            assertFalse(Instant.parse((String) during.get("nextAttemptAt")).isBefore(secondLease.minusSeconds(5)),
                    () -> "no third dispatcher before the second claim's lease: " + during);

            outbox.record(List.of(new WebhookOutbox.Attempt(second, 204, null)));
            assertEquals("DELIVERED", asCommunicatie().get("/api/webhooks/{id}/deliveries", id).then().statusCode(200)
                    .extract().path("find { it.ticket == '" + reference + "' }.status"));
        }
    }

    /** The claimed delivery sent to this receiver. */
    private static WebhookOutbox.Claimed ours(List<WebhookOutbox.Claimed> claimed, WebhookReceiver receiver) {
        return claimed.stream().filter(c -> c.url().equals(receiver.url())).findFirst()
                .orElseThrow(() -> new AssertionError("not claimed: " + claimed));
    }

    @Test
    void shouldRegisterChangeAndRemoveWebhooksForCommunicatieOnly() {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            int id = WebhookReceiver.register(receiver.url(), List.of("ticket.filed"), null)
                    .then().statusCode(201).extract().path("id");
            asCommunicatie().contentType(ContentType.JSON)
                    .body(Map.of("url", receiver.url(), "events", List.of("ticket.resolved"), "format", "TEAMS",
                            "enabled", false))
                    .put("/api/webhooks/{id}", id).then().statusCode(200);
            Map<String, Object> changed = asCommunicatie().get("/api/webhooks/{id}", id).then().statusCode(200)
                    .extract().path("");
            assertEquals(List.of("ticket.resolved"), changed.get("events"));
            assertEquals("TEAMS", changed.get("format"));
            assertEquals(false, changed.get("enabled"));

            // Switched off: nothing is queued for it.
            String reference = Signals.file().reference();
            Tickets.move(reference, "TRIAGED");
            Tickets.transitioned(reference, "RESOLVED", "Klaar");
            Awaitility.await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
            assertTrue(receiver.received.isEmpty(), receiver.received.toString());

            String functionaris = TestData.createUser(List.of("functionaris"), "CARE_BROKER", null);
            TestData.as(functionaris).get("/api/webhooks").then().statusCode(403);
            TestData.as(functionaris).contentType(ContentType.JSON)
                    .body(Map.of("url", receiver.url(), "events", List.of("ticket.filed")))
                    .post("/api/webhooks").then().statusCode(403);

            asCommunicatie().delete("/api/webhooks/{id}", id).then().statusCode(204);
            asCommunicatie().get("/api/webhooks/{id}", id).then().statusCode(404);
        }
    }

    @Test
    void shouldRefuseABadRegistrationNamingTheField() {
        ProblemAssertions.assertInvalid(WebhookReceiver.register("ftp://hooks.example.org/x", List.of("ticket.filed"),
                null), "/api/webhooks", "url");
        // A public address needs https, also with private targets allowed.
        ProblemAssertions.assertInvalid(WebhookReceiver.register("http://203.0.113.10/hook", List.of("ticket.filed"),
                null), "/api/webhooks", "url");
        ProblemAssertions.assertInvalid(WebhookReceiver.register("https://user:pw@203.0.113.10/hook",
                List.of("ticket.filed"), null), "/api/webhooks", "url");
        ProblemAssertions.assertInvalid(WebhookReceiver.register("https://203.0.113.10/hook", List.of(), null),
                "/api/webhooks", "events");
        ProblemAssertions.assertInvalid(WebhookReceiver.register("https://203.0.113.10/hook",
                List.of("ticket.deleted"), null), "/api/webhooks", "events");
        asCommunicatie().contentType(ContentType.JSON)
                .body(Map.of("url", "https://203.0.113.10/hook", "events", List.of("ticket.filed"), "format", "SLACK"))
                .post("/api/webhooks").then().statusCode(400);
        assertEquals(List.of(), asCommunicatie().get("/api/webhooks").then().statusCode(200).extract().path(""));
    }

    /** Switches webhook {@code id} on or off as communicatie does through the API, the rest as registered. */
    private static void switchOn(int id, String url, boolean enabled) {
        asCommunicatie().contentType(ContentType.JSON)
                .body(Map.of("url", url, "events", List.of("ticket.filed"), "enabled", enabled))
                .put("/api/webhooks/{id}", id).then().statusCode(200);
    }

    /**
     * The identity of the dispatcher's scheduled drain. A test pauses it, so that its own
     * {@code drain()} is the one that claims what is due.
     */
    private String scheduledDrain() {
        return scheduler.getScheduledJobs().stream()
                .filter(job -> job.getMethodDescription().equals(WebhookDispatcher.class.getName() + "#poll"))
                .findFirst().orElseThrow().getId();
    }
}
