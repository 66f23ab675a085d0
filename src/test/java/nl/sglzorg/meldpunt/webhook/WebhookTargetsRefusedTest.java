package nl.sglzorg.meldpunt.webhook;

import static nl.sglzorg.meldpunt.TestData.asCommunicatie;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import nl.sglzorg.meldpunt.ProblemAssertions;
import nl.sglzorg.meldpunt.support.Signals;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With {@code MELDPUNT_WEBHOOK_ALLOW_PRIVATE_TARGETS} off, as in production: a webhook may not point
 * inside the network or at this host, neither when it is registered nor when a delivery goes out.
 */
@QuarkusTest
@TestProfile(WebhookTargetsRefusedTest.PrivateTargetsRefused.class)
class WebhookTargetsRefusedTest {

    /** The production setting. */
    public static class PrivateTargetsRefused implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("meldpunt.webhook.allow-private-targets", "false");
        }
    }

    @AfterEach
    void cleanUp() {
        WebhookReceiver.removeAll();
    }

    @Test
    void shouldRefuseAPrivateLoopbackLinkLocalOrUniqueLocalAddress() {
        for (String url : List.of("https://127.0.0.1/hook", "https://localhost/hook", "https://10.1.2.3/hook",
                "https://172.16.0.9/hook", "https://192.168.1.20/hook", "https://169.254.169.254/latest/meta-data",
                "https://[::1]/hook", "https://[fd12:3456::1]/hook", "https://[fe80::1]/hook", "https://0.0.0.0/hook",
                "http://127.0.0.1:8080/hook",
                // IPv6 forms that carry a private IPv4 address: NAT64 (10.0.0.5), 6to4 (169.254.169.254),
                // IPv4-compatible (10.0.0.1), NAT64's local-use prefix (192.168.0.1).
                "https://[64:ff9b::a00:5]/hook", "https://[2002:a9fe:a9fe::]/hook", "https://[::10.0.0.1]/hook",
                "https://[64:ff9b:1::c0a8:1]/hook")) {
            ProblemAssertions.assertInvalid(WebhookReceiver.register(url, List.of("ticket.filed"), null),
                    "/api/webhooks", "url");
        }
        assertEquals(List.of(), asCommunicatie().get("/api/webhooks").then().statusCode(200).extract().path(""),
                "nothing stored");
        // A public address over https is fine.
        WebhookReceiver.register("https://203.0.113.10/hook", List.of("ticket.filed"), null).then().statusCode(201);
        // And one NAT64 reaches a public IPv4 address through (203.0.113.11); removed again, so that no
        // other test's filings are delivered to it.
        int nat64 = WebhookReceiver.register("https://[64:ff9b::cb00:710b]/hook", List.of("ticket.filed"), null)
                .then().statusCode(201).extract().path("id");
        asCommunicatie().delete("/api/webhooks/{id}", nat64).then().statusCode(204);
    }

    @Test
    void shouldRefuseAPrivateAddressAgainWhenADeliveryGoesOut() {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            // As if the name had pointed outside at registration and points at this host now.
            long id = QuarkusTransaction.requiringNew().call(() -> {
                Webhook webhook = Webhook.register(receiver.url(), EnumSet.of(WebhookEvent.FILED), WebhookFormat.STANDARD,
                        true, WebhookSignatures.newSecret(), "communicatie", Instant.now());
                webhook.persist();
                return webhook.id;
            });
            String reference = Signals.file().reference();

            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(
                    asCommunicatie().get("/api/webhooks/{id}/deliveries", id).path("[0].status")));
            Map<String, Object> parked = asCommunicatie().get("/api/webhooks/{id}/deliveries", id).path("[0]");
            assertEquals(reference, parked.get("ticket"));
            assertTrue(((String) parked.get("lastError")).startsWith("Adres geweigerd"), parked.toString());
            assertTrue(receiver.received.isEmpty(), "nothing reached the receiver");
        }
    }
}
