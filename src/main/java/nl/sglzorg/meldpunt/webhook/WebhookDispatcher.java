package nl.sglzorg.meldpunt.webhook;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.jdbc.ConnectionFailures;
import nl.sglzorg.meldpunt.webhook.WebhookOutbox.Attempt;
import nl.sglzorg.meldpunt.webhook.WebhookOutbox.Claimed;

/**
 * Drains the webhook outbox: claims a batch of due deliveries, checks each target again, signs and
 * posts them side by side, and records the outcomes in one transaction. Safe with several instances:
 * a delivery is claimed by one; it is sent twice only if an instance dies between sending and
 * recording it, and the receiver drops that resend by its {@code webhook-id}.
 */
@ApplicationScoped
public class WebhookDispatcher {

    @Inject
    WebhookOutbox outbox;

    @Inject
    MeldpuntConfig config;

    @Inject
    Clock clock;

    /** Recording stops retrying this long before the claim runs out, so no other instance has claimed the deliveries yet. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(10);

    /** Beyond the connect and read timeouts, before an attempt is given up on regardless ({@link #attemptLimit()}). */
    private static final Duration ATTEMPT_MARGIN = Duration.ofSeconds(5);

    private HttpClient http;

    @PostConstruct
    void createClient() {
        // Redirects are not followed: a receiver must not send a delivery on to another (internal) address.
        http = HttpClient.newBuilder().connectTimeout(config.webhook().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Scheduled(every = "${meldpunt.webhook.poll-interval}", delayed = "${meldpunt.webhook.poll-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        drain();
    }

    /** Sends everything that is due now; returns how many deliveries were delivered. */
    public int drain() {
        int batchSize = config.webhook().batchSize();
        int delivered = 0;
        List<Claimed> batch;
        do {
            long claimedAt = System.nanoTime();
            batch = outbox.claimDue(batchSize);
            if (!batch.isEmpty()) {
                List<Attempt> attempts = batch.stream().map(this::send).toList().stream()
                        .map(CompletableFuture::join).toList();
                // While the database is down, recorded again within the claim, so nothing delivered goes out twice.
                long giveUp = claimedAt + config.webhook().claimLease().minus(LEASE_MARGIN).toNanos();
                ConnectionFailures.retryWhileUnreachable(() -> {
                    outbox.record(attempts);
                    return null;
                }, giveUp, "recording " + attempts.size() + " webhook deliveries");
                delivered += (int) attempts.stream().filter(Attempt::succeeded).count();
                attempts.stream().filter(a -> !a.succeeded()).forEach(a -> Log.warnf(
                        "Webhook delivery %d not delivered (attempt %d): %s", a.delivery().id(),
                        a.delivery().attempts(), a.error()));
            }
        } while (batch.size() == batchSize);
        return delivered;
    }

    /** One attempt; never fails: a refused target, an error or no answer in time is a failed attempt. */
    private CompletableFuture<Attempt> send(Claimed delivery) {
        URI target;
        try {
            // Again at delivery: the name may point somewhere else now than at registration.
            target = WebhookTargets.check(delivery.url(), config.webhook().allowPrivateTargets());
        } catch (WebhookTargets.Refused e) {
            return CompletableFuture.completedFuture(new Attempt(delivery, null, "Adres geweigerd: " + e.getMessage()));
        }
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(target).timeout(config.webhook().readTimeout())
                .header("content-type", "application/json")
                .header("user-agent", "Meldpunt-SGL-Webhooks")
                .header("webhook-id", delivery.messageId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignatures.sign(delivery.secret(), delivery.messageId(), timestamp,
                        delivery.body()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body())).build();
        // The answer's body is not read, let alone stored: only its status counts.
        CompletableFuture<HttpResponse<Void>> exchange = http.sendAsync(request, StatusOnly.HANDLER);
        Duration limit = attemptLimit();
        return exchange.thenApply(response -> outcome(delivery, response.statusCode()))
                .orTimeout(limit.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(e -> {
                    // Cancelling the JDK's own future closes the connection; done, it changes nothing.
                    exchange.cancel(true);
                    return new Attempt(delivery, null, describe(e, limit));
                });
    }

    /**
     * The longest one attempt may take, whatever the receiver does: {@code drain()} waits for every
     * attempt of its batch. The client's own timeouts end an attempt sooner; this bound holds should
     * one of them not apply, and its margin lets them go first.
     */
    private Duration attemptLimit() {
        return config.webhook().connectTimeout().plus(config.webhook().readTimeout()).plus(ATTEMPT_MARGIN);
    }

    private static Attempt outcome(Claimed delivery, int status) {
        if (status >= 200 && status < 300) {
            return new Attempt(delivery, status, null);
        }
        return new Attempt(delivery, status, status >= 300 && status < 400
                ? "HTTP " + status + ": doorverwijzing niet gevolgd" : "HTTP " + status);
    }

    /** Why an attempt failed, in a few words; the bound of {@link #attemptLimit()} has no message of its own. */
    private static String describe(Throwable e, Duration limit) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof TimeoutException) {
            return "Poging niet afgerond binnen " + limit.toSeconds() + " s";
        }
        String text = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return text.length() > 480 ? text.substring(0, 480) : text;
    }
}
