package nl.sglzorg.meldpunt.webhook;


import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import nl.sglzorg.meldpunt.TestData;

/**
 * A webhook receiver for tests: the JDK's HTTP server on 127.0.0.1, answering every delivery with
 * {@link #answer} (or with a body that never comes, {@link #withholdingBody}) and keeping what
 * arrived. {@link Received#verified(String)} checks a signature as a receiver would, written from the
 * Standard Webhooks spec without the application's code.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived. */
    record Received(String id, String timestamp, String signature, String contentType, String body) {

        JsonPath json() {
            return JsonPath.from(body);
        }

        /** Whether one of the {@code v1,} signatures is HMAC-SHA256 of {@code id.timestamp.body} under the secret. */
        boolean verified(String secret) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.replaceFirst("^whsec_", "")), "HmacSHA256"));
                byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
                for (String candidate : signature.split(" ")) {
                    if (candidate.startsWith("v1,") && MessageDigest.isEqual(expected,
                            Base64.getDecoder().decode(candidate.substring(3)))) {
                        return true;
                    }
                }
                return false;
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger answer = new AtomicInteger(204);
    /** Instead of {@link #answer}: a {@code 200} whose body never comes ({@link #withholdBody}). */
    final AtomicBoolean withholdingBody = new AtomicBoolean();
    /** Ends a withheld body's wait, so that {@link #close()} is not held by it. */
    private final CountDownLatch closing = new CountDownLatch(1);
    private final HttpServer server;

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var headers = exchange.getRequestHeaders();
            received.add(new Received(headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                    headers.getFirst("webhook-signature"), headers.getFirst("content-type"), body));
            if (withholdingBody.get()) {
                withholdBody(exchange);
            } else {
                exchange.sendResponseHeaders(answer.get(), -1);
            }
            exchange.close();
        });
        server.start();
    }

    /**
     * Answers {@code 200} announcing a body of a million bytes, and sends none of it until the
     * receiver is closed (the server's one thread waits meanwhile, so nothing else is answered).
     */
    private void withholdBody(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, 1_000_000);
        exchange.getResponseBody().flush();
        try {
            closing.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/meldpunt";
    }

    /** What arrived about one ticket. */
    List<Received> about(String reference) {
        return received.stream().filter(r -> r.body().contains(reference)).toList();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }

    /** Registers a webhook as communicatie; returns the {@code 201} answer, which holds the secret. */
    public static Response register(String url, List<String> events, String format) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("url", url);
        body.put("events", events);
        if (format != null) {
            body.put("format", format);
        }
        return TestData.asCommunicatie().contentType(ContentType.JSON).body(body).post("/api/webhooks");
    }

    /** Removes every webhook, so no other test's tickets are delivered to a receiver that is gone. */
    public static void removeAll() {
        List<Integer> ids = TestData.asCommunicatie().get("/api/webhooks").then().statusCode(200).extract().path("id");
        for (Integer id : ids) {
            TestData.asCommunicatie().delete("/api/webhooks/{id}", id).then().statusCode(204);
        }
    }

    /**
     * A delivery of webhook {@code webhookId} about {@code reference} in {@code status}: due now when
     * {@code PENDING}, else as the dispatcher leaves it after three attempts; its id.
     */
    public static long delivery(long webhookId, String reference, DeliveryStatus status) {
        return QuarkusTransaction.requiringNew().call(() -> {
            WebhookDelivery delivery = new WebhookDelivery();
            delivery.webhookId = webhookId;
            delivery.messageId = "msg_" + UUID.randomUUID().toString().replace("-", "");
            delivery.eventType = WebhookEvent.FILED.type();
            delivery.ticketReference = reference;
            delivery.body = "{}";
            delivery.status = status;
            delivery.attempts = status == DeliveryStatus.PENDING ? 0 : 3;
            delivery.lastStatusCode = status == DeliveryStatus.FAILED ? 503 : 200;
            delivery.lastError = status == DeliveryStatus.FAILED ? "HTTP 503" : null;
            delivery.nextAttemptAt = Instant.now();
            delivery.createdAt = Instant.now();
            delivery.persist();
            return delivery.id;
        });
    }

    static final List<String> ALL_EVENTS = List.of("ticket.filed", "ticket.escalated", "ticket.deadline_breached",
            "ticket.resolved");

}
