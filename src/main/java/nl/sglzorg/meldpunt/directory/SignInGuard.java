package nl.sglzorg.meldpunt.directory;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import nl.sglzorg.meldpunt.common.ClientAddress;
import nl.sglzorg.meldpunt.common.LimitStore;
import nl.sglzorg.meldpunt.common.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.Problem;
import nl.sglzorg.meldpunt.common.SecurityEvents;

/**
 * Limits password guessing without letting anyone lock out someone else.
 *
 * <ul>
 * <li>Every sign-in counts as a failure <em>before</em> its password is checked, and is given back
 * when the password turns out right (or was never checked): a burst of attempts sent at once cannot
 * all get past the count.</li>
 * <li>Locked: a user name from one client address after {@code sign-in-failures-per-user} failures,
 * and a client address after {@code sign-in-failures-per-client} failures over all names; a locked
 * attempt gets {@code 429} before its password is even looked at. A user name is never locked as
 * such, so failures from elsewhere do not keep its owner out.</li>
 * <li>Slowed down: after failures for a user name from anywhere (or from one client), each further
 * attempt waits a little longer before it is checked, up to four steps.</li>
 * </ul>
 * The counts are token buckets in {@link LimitStore}: shared by every instance on PostgreSQL. How
 * many passwords are checked at once is bounded in {@link StaffIdentityProvider}.
 */
@ApplicationScoped
public class SignInGuard {

    /** How many slow-down steps the delay grows to at most. */
    private static final int SLOW_DOWN_STEPS = 4;

    @Inject
    MeldpuntConfig config;

    @Inject
    LimitStore store;

    @Inject
    ClientAddress clientAddress;

    /** A reserved attempt: the buckets it took a token from, or none when it is locked. */
    private record Attempt(Bucket pair, Bucket client, Bucket user, int failures) {

        boolean locked() {
            return pair == null;
        }
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 2).handler(this::guard);
    }

    private void guard(RoutingContext ctx) {
        String username = basicUsername(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (username == null) {
            ctx.next();
            return;
        }
        String client = clientAddress.of(ctx.request());
        // The buckets may live in the database: never on the event loop.
        ctx.vertx().executeBlocking(() -> reserve(username, client), false).onComplete(reserved -> {
            if (reserved.failed()) {
                ctx.fail(reserved.cause());
                return;
            }
            Attempt attempt = reserved.result();
            if (attempt.locked()) {
                SecurityEvents.log("sign-in-locked", "user=" + SecurityEvents.pseudonym(username)
                        + " client=" + SecurityEvents.pseudonym(client));
                locked(ctx);
                return;
            }
            ctx.addHeadersEndHandler(ignored -> settle(ctx, attempt, username, client));
            if (attempt.failures() > 0) {
                // A timer, not a sleep: the event loop goes on serving everyone else meanwhile.
                ctx.vertx().setTimer(config.limits().signInSlowDown().toMillis() * attempt.failures(), id -> ctx.next());
            } else {
                ctx.next();
            }
        });
    }

    /** Takes this attempt's token from the user name at this client and from the client, if both have one. */
    private Attempt reserve(String username, String client) {
        MeldpuntConfig.Limits limits = config.limits();
        Bucket pair = store.bucket("sign-in|pair|" + username + "|" + client, () -> lock(limits.signInFailuresPerUser()));
        Bucket clientBucket = store.bucket("sign-in|client|" + client, () -> lock(limits.signInFailuresPerClient()));
        ConsumptionProbe byPair = pair.tryConsumeAndReturnRemaining(1);
        if (!byPair.isConsumed()) {
            return new Attempt(null, null, null, 0);
        }
        ConsumptionProbe byClient = clientBucket.tryConsumeAndReturnRemaining(1);
        if (!byClient.isConsumed()) {
            pair.addTokens(1);
            return new Attempt(null, null, null, 0);
        }
        Bucket user = store.bucket("sign-in|user|" + username, () -> lock(SLOW_DOWN_STEPS));
        long userFailures = SLOW_DOWN_STEPS - user.getAvailableTokens();
        long clientFailures = limits.signInFailuresPerClient() - 1 - byClient.getRemainingTokens();
        long pairFailures = limits.signInFailuresPerUser() - 1 - byPair.getRemainingTokens();
        long failures = Math.max(userFailures, Math.max(clientFailures, pairFailures));
        return new Attempt(pair, clientBucket, user, (int) Math.min(failures, SLOW_DOWN_STEPS));
    }

    /** When the answer leaves: a {@code 401} keeps the reserved failure, anything else gives it back. */
    private void settle(RoutingContext ctx, Attempt attempt, String username, String client) {
        int status = ctx.response().getStatusCode();
        boolean failed = status == 401;
        // Only a request that really checked the password may clear the count.
        boolean signedIn = !failed && ctx.user() != null;
        if (failed) {
            SecurityEvents.log("sign-in-failed", "user=" + SecurityEvents.pseudonym(username)
                    + " client=" + SecurityEvents.pseudonym(client));
        }
        ctx.vertx().executeBlocking(() -> {
            if (failed) {
                attempt.user().tryConsumeAsMuchAsPossible(1);
            } else if (signedIn) {
                attempt.pair().reset();
                attempt.client().addTokens(1);
            } else {
                // The password was never checked (a public route, or no check free): nothing was tried.
                attempt.pair().addTokens(1);
                attempt.client().addTokens(1);
            }
            return null;
        }, false).onFailure(e -> Log.errorf("sign-in count not settled: %s", e.getClass().getSimpleName()));
    }

    /** {@code failures} tokens, all back one lock period after the bucket was first used. */
    private BucketConfiguration lock(long failures) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(failures).refillIntervally(failures, config.limits().signInLock()).build())
                .build();
    }

    private void locked(RoutingContext ctx) {
        long seconds = config.limits().signInLock().toSeconds();
        ctx.response().putHeader("Retry-After", Long.toString(seconds));
        Problem.of("too-many-requests", "Te veel verzoeken", 429,
                "Te veel mislukte aanmeldpogingen. Probeer het over " + (seconds / 60) + " minuten opnieuw.",
                Problem.instance(ctx.request().path())).send(ctx.response());
    }

    /** The user name of a Basic {@code Authorization} header, or {@code null}. */
    static String basicUsername(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
