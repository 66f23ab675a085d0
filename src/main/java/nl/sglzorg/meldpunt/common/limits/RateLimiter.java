package nl.sglzorg.meldpunt.common.limits;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.web.ClientAddress;
import nl.sglzorg.meldpunt.common.web.SecurityEvents;
import nl.sglzorg.meldpunt.common.web.TooManyRequestsException;

/**
 * Per-client token buckets for the public endpoints, kept by {@link LimitStore}: in the shared
 * database on PostgreSQL, so every instance counts against one limit, in memory on H2. The client
 * is the one {@link ClientAddress} names.
 */
@ApplicationScoped
public class RateLimiter {

    /** What is limited. */
    public enum Limit {
        FILING, MESSAGE, TRACKING, PREVIEW,
        /** Signals a staff member takes for reporters; counted per staff member, not per address. */
        STAFF_FILING,
        /** New signals from the mailbox, all senders together: one bucket, whatever the From says. */
        MAILBOX
    }

    @Inject
    LimitStore store;

    @Inject
    MeldpuntConfig config;

    /** Takes {@code tokens} from the client's bucket, or throws {@link TooManyRequestsException}. */
    public void consume(Limit limit, String client, long tokens) {
        if (isExempt(client)) {
            return;
        }
        ConsumptionProbe probe = outsideTransaction(() -> bucket(limit, client).tryConsumeAndReturnRemaining(tokens));
        if (!probe.isConsumed()) {
            throw refused(limit, client, probe.getNanosToWaitForRefill());
        }
    }

    /**
     * Throws {@link TooManyRequestsException} unless the client's bucket holds {@code tokens} now, and
     * takes none: for work that costs before its {@link #consume} comes (decoding images that are then
     * attached one by one), so a client over its limit does not get that work done for nothing.
     */
    public void requireAvailable(Limit limit, String client, long tokens) {
        if (isExempt(client)) {
            return;
        }
        EstimationProbe probe = outsideTransaction(() -> bucket(limit, client).estimateAbilityToConsume(tokens));
        if (!probe.canBeConsumed()) {
            throw refused(limit, client, probe.getNanosToWaitForRefill());
        }
    }

    private static TooManyRequestsException refused(Limit limit, String client, long nanosToWait) {
        SecurityEvents.log("rate-limit", "limit=" + limit + " client=" + SecurityEvents.pseudonym(client));
        return new TooManyRequestsException(Duration.ofNanos(nanosToWait));
    }

    /**
     * A request with a wrong tracking token costs {@code meldpunt.limits.wrong-token-cost} in all:
     * the token it already took, and the rest now. One rule for the API, the pages and uploads.
     */
    public void penaliseWrongToken(Limit limit, String client) {
        penalise(limit, client, config.limits().wrongTokenCost() - 1);
    }

    /**
     * Takes extra tokens after the fact, as many as the bucket holds, never into debt: a debt is not
     * bounded when requests come at once (each passes while a token is left, then each adds its debt),
     * and would shut a shared address out for hours. So a client that has used its bucket up pays only
     * the token a guess takes, one each refill; a limit of wrong guesses of its own would bound that.
     */
    private void penalise(Limit limit, String client, long tokens) {
        if (!isExempt(client)) {
            outsideTransaction(() -> bucket(limit, client).tryConsumeAsMuchAsPossible(tokens));
        }
    }

    /**
     * Runs a bucket operation outside the caller's transaction. On PostgreSQL the buckets live in the
     * database and Bucket4j commits or rolls back its own connection; a connection enlisted in the
     * caller's JTA transaction refuses that. A limit also must not roll back with the caller's work:
     * a refused upload still cost its token.
     */
    private static <T> T outsideTransaction(java.util.function.Supplier<T> work) {
        return QuarkusTransaction.isActive() ? QuarkusTransaction.suspendingExisting().call(work::get) : work.get();
    }

    private Bucket bucket(Limit limit, String client) {
        return store.bucket("limit|" + limit + "|" + client, () -> configuration(limit));
    }

    private BucketConfiguration configuration(Limit limit) {
        MeldpuntConfig.Limits limits = config.limits();
        return switch (limit) {
            case FILING -> BucketConfiguration.builder()
                    .addLimit(perPeriod(limits.signalsPerHour(), Duration.ofHours(1)))
                    .addLimit(perPeriod(limits.signalsPerDay(), Duration.ofDays(1)))
                    .build();
            case MESSAGE -> BucketConfiguration.builder()
                    .addLimit(perPeriod(limits.messagesPerHour(), Duration.ofHours(1))).build();
            case TRACKING -> BucketConfiguration.builder()
                    .addLimit(perPeriod(limits.trackingPerMinute(), Duration.ofMinutes(1))).build();
            case PREVIEW -> BucketConfiguration.builder()
                    .addLimit(perPeriod(limits.previewsPerMinute(), Duration.ofMinutes(1))).build();
            case STAFF_FILING -> BucketConfiguration.builder()
                    .addLimit(perPeriod(limits.staffSignalsPerHour(), Duration.ofHours(1))).build();
            case MAILBOX -> BucketConfiguration.builder()
                    .addLimit(perPeriod(limits.mailboxSignalsPerHour(), Duration.ofHours(1))).build();
        };
    }

    private static Bandwidth perPeriod(long capacity, Duration period) {
        return Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build();
    }

    private Set<String> exempt;

    private boolean isExempt(String client) {
        if (exempt == null) {
            exempt = Set.copyOf(config.limits().exemptAddresses().orElse(List.of()));
        }
        return exempt.contains(client);
    }
}
