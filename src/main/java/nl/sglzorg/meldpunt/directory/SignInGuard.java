package nl.sglzorg.meldpunt.directory;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.limits.LimitStore;
import nl.sglzorg.meldpunt.common.web.ClientAddress;
import nl.sglzorg.meldpunt.common.web.Problem;
import nl.sglzorg.meldpunt.common.web.SecurityEvents;
import nl.sglzorg.meldpunt.common.web.TooManyRequestsException;
import nl.sglzorg.meldpunt.common.web.Violation;

/**
 * Limits password guessing without letting anyone lock out someone else.
 *
 * <ul>
 * <li>Every sign-in whose password goes to bcrypt counts as a failure <em>before</em> it is checked,
 * and is given back when the password turns out right (or was never checked): a burst of attempts
 * sent at once cannot all get past the count. A password already verified needs no bcrypt and
 * guesses nothing, so it reserves nothing (parallel requests of a signed-in user stay free).</li>
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

    @Inject
    StaffIdentityProvider identities;

    @Inject
    SignInPause pause;

    /** Sign-ins made to wait so far: what a test can observe without a clock. */
    private final AtomicLong slowedDown = new AtomicLong();

    /** Where the reserved {@link Attempt} of a request is kept for {@link StaffIdentityProvider}. */
    static final String ATTEMPT = "meldpunt.sign-in-attempt";

    /**
     * A sign-in attempt that passed the lock check. Before a password is checked by bcrypt, the
     * attempt is {@linkplain #reserve() reserved}: counted as a failure of its user name at its
     * client and of its client. It is settled once, by whoever first knows how the check went: the
     * identity provider, before the answer is written (so the next request already sees the count).
     * A password known right from an earlier check costs no reservation: it guesses nothing.
     */
    static final class Attempt {

        private final Bucket pair;
        private final Bucket client;
        private final Bucket user;
        private final boolean pairHasFailures;
        private final int slowDownSteps;
        private final Duration lock;
        private final AtomicBoolean reserved = new AtomicBoolean();
        private final AtomicBoolean settled = new AtomicBoolean();

        private Attempt(Bucket pair, Bucket client, Bucket user, boolean pairHasFailures, int slowDownSteps, Duration lock) {
            this.pair = pair;
            this.client = client;
            this.user = user;
            this.pairHasFailures = pairHasFailures;
            this.slowDownSteps = slowDownSteps;
            this.lock = lock;
        }

        /** Counts this attempt as a failure before its password is checked, or refuses it: {@code 429}. */
        void reserve() {
            if (reserved.get()) {
                return;
            }
            if (!pair.tryConsume(1)) {
                throw new TooManyRequestsException(lock);
            }
            if (!client.tryConsume(1)) {
                pair.addTokens(1);
                throw new TooManyRequestsException(lock);
            }
            reserved.set(true);
        }

        /** A wrong password: the reserved failure stays, and the user name slows down. */
        void failed() {
            if (settled.compareAndSet(false, true)) {
                if (!reserved.get()) {
                    pair.tryConsumeAsMuchAsPossible(1);
                    client.tryConsumeAsMuchAsPossible(1);
                }
                user.tryConsumeAsMuchAsPossible(1);
            }
        }

        /** The right password: this pair starts afresh; the client's count gets its token back. */
        void succeeded() {
            if (settled.compareAndSet(false, true)) {
                if (reserved.get() || pairHasFailures) {
                    pair.reset();
                }
                if (reserved.get()) {
                    client.addTokens(1);
                }
            }
        }

        /** The password was never checked (a public route, or no check free): nothing was tried. */
        void unchecked() {
            if (settled.compareAndSet(false, true) && reserved.get()) {
                pair.addTokens(1);
                client.addTokens(1);
            }
        }

        boolean isSettled() {
            return settled.get();
        }
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 2).handler(this::guard);
    }

    private void guard(RoutingContext ctx) {
        List<String> headers = ctx.request().headers().getAll(HttpHeaders.AUTHORIZATION);
        if (headers.size() > 1) {
            // Quarkus's Basic mechanism takes the first Basic header of several, where this guard read
            // only the first header: a Basic header behind another one was checked without any count
            // (until session 32). No client needs two.
            SecurityEvents.log("sign-in-refused", "reason=several-authorization-headers client="
                    + SecurityEvents.pseudonym(clientAddress.of(ctx.request())));
            Problem.of("invalid-input", "Ongeldig verzoek", 400, "Stuur één Authorization-header, niet meer.",
                    Problem.instance(ctx.request().path()))
                    .withViolations(List.of(new Violation("Authorization", "één header, niet " + headers.size())))
                    .send(ctx.response());
            return;
        }
        String header = headers.isEmpty() ? null : headers.get(0);
        String username = basicUsername(header);
        if (username == null) {
            ctx.next();
            return;
        }
        String client = clientAddress.of(ctx.request());
        // The buckets may live in the database: never on the event loop.
        ctx.vertx().executeBlocking(() -> Optional.ofNullable(check(username, client)), false).onComplete(checked -> {
            if (checked.failed()) {
                ctx.fail(checked.cause());
                return;
            }
            Attempt attempt = checked.result().orElse(null);
            if (attempt == null) {
                SecurityEvents.log("sign-in-locked", "user=" + SecurityEvents.pseudonym(username)
                        + " client=" + SecurityEvents.pseudonym(client));
                locked(ctx);
                return;
            }
            ctx.put(ATTEMPT, attempt);
            ctx.addHeadersEndHandler(ignored -> settle(ctx, attempt, username, client));
            // Only a guess waits: a password verified before costs no bcrypt and guesses nothing, so
            // failures others sent for this name never slow its owner's work down.
            if (attempt.slowDownSteps > 0 && !identities.verifiedBefore(username, basicPassword(header))) {
                slowedDown.incrementAndGet();
                // A timer, not a sleep: the event loop goes on serving everyone else meanwhile. It
                // fires on this request's context, where ctx.next() belongs.
                pause.of(slowDown(attempt)).subscribe().with(ignored -> ctx.next(), ctx::fail);
            } else {
                ctx.next();
            }
        });
    }

    /**
     * Signs in with the desk's sign-in form, under the same counts, locks, slow-down and bcrypt limit
     * as a Basic sign-in: a refused form counts exactly as a refused {@code Authorization} header.
     * The locks are read at once, on the calling thread, which must be a worker thread (they may live
     * in the database). The slow-down is then waited out on a timer, holding no thread, and the
     * password is checked on a worker thread, where the returned {@code Uni} completes.
     *
     * @return the account signed in; or a failure: {@link AuthenticationFailedException} on a wrong
     *         name or password, whichever it was, {@link TooManyRequestsException} when this name at
     *         this client, or this client, is locked, or no password check is free
     */
    public Uni<StaffMember> signIn(HttpServerRequest request, String username, String password) {
        String name = username.toLowerCase(Locale.ROOT);
        String client = clientAddress.of(request);
        Attempt attempt = check(name, client);
        if (attempt == null) {
            SecurityEvents.log("sign-in-locked", "user=" + SecurityEvents.pseudonym(name)
                    + " client=" + SecurityEvents.pseudonym(client));
            return Uni.createFrom().failure(new TooManyRequestsException(config.limits().signInLock()));
        }
        Uni<Void> turn = Uni.createFrom().voidItem();
        if (attempt.slowDownSteps > 0 && !identities.verifiedBefore(name, password)) {
            slowedDown.incrementAndGet();
            // Off the timer's event loop: bcrypt and the database must never run there.
            turn = pause.of(slowDown(attempt)).emitOn(Infrastructure.getDefaultWorkerPool());
        }
        return turn.map(ignored -> checkPassword(attempt, name, client, username, password));
    }

    private StaffMember checkPassword(Attempt attempt, String name, String client, String username, String password) {
        try {
            return identities.signIn(username, password, attempt).getAttribute(StaffIdentityProvider.STAFF_MEMBER);
        } catch (AuthenticationFailedException e) {
            SecurityEvents.log("sign-in-failed", "user=" + SecurityEvents.pseudonym(name)
                    + " client=" + SecurityEvents.pseudonym(client));
            throw e;
        } finally {
            // Whatever else went wrong (the database, say), the reservation is given back.
            if (!attempt.isSettled()) {
                attempt.unchecked();
            }
        }
    }

    /** How long an attempt waits before its password is checked: one step per failure, at most four. */
    private Duration slowDown(Attempt attempt) {
        return config.limits().signInSlowDown().multipliedBy(attempt.slowDownSteps);
    }

    /** The attempt, or {@code null} when the user name is locked at this client, or the client is. */
    private Attempt check(String username, String client) {
        MeldpuntConfig.Limits limits = config.limits();
        Bucket pair = store.bucket("sign-in|pair|" + username + "|" + client, () -> lock(limits.signInFailuresPerUser()));
        Bucket clientBucket = store.bucket("sign-in|client|" + client, () -> lock(limits.signInFailuresPerClient()));
        long pairLeft = pair.getAvailableTokens();
        long clientLeft = pairLeft < 1 ? 0 : clientBucket.getAvailableTokens();
        if (pairLeft < 1 || clientLeft < 1) {
            return null;
        }
        Bucket user = store.bucket("sign-in|user|" + username, () -> lock(SLOW_DOWN_STEPS));
        long userFailures = SLOW_DOWN_STEPS - user.getAvailableTokens();
        long clientFailures = limits.signInFailuresPerClient() - clientLeft;
        long pairFailures = limits.signInFailuresPerUser() - pairLeft;
        long failures = Math.max(userFailures, Math.max(clientFailures, pairFailures));
        return new Attempt(pair, clientBucket, user, pairFailures > 0, (int) Math.min(failures, SLOW_DOWN_STEPS),
                limits.signInLock());
    }

    /** When the answer leaves: logs a failure, and settles the attempt if the password check did not. */
    private void settle(RoutingContext ctx, Attempt attempt, String username, String client) {
        int status = ctx.response().getStatusCode();
        boolean failed = status == 401;
        if (failed) {
            SecurityEvents.log("sign-in-failed", "user=" + SecurityEvents.pseudonym(username)
                    + " client=" + SecurityEvents.pseudonym(client));
        }
        if (attempt.isSettled()) {
            return;
        }
        // Only a request that really checked the password may clear the count.
        boolean signedIn = !failed && ctx.user() != null;
        ctx.vertx().executeBlocking(() -> {
            if (failed) {
                attempt.failed();
            } else if (signedIn) {
                attempt.succeeded();
            } else {
                attempt.unchecked();
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

    long slowedDown() {
        return slowedDown.get();
    }

    /** The password of a Basic {@code Authorization} header whose user name was read, or {@code ""}. */
    static String basicPassword(String header) {
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            return decoded.substring(decoded.indexOf(':') + 1);
        } catch (IllegalArgumentException e) {
            return "";
        }
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
