package nl.sglzorg.meldpunt.directory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import nl.sglzorg.meldpunt.common.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.Problem;
import nl.sglzorg.meldpunt.common.SecurityEvents;

/**
 * Slows down and then locks sign-in after repeated failures: per user name (whether or not it
 * exists, so nothing is revealed) and per client address, for a while. After the first failure each
 * further attempt waits a little longer before it is checked; a locked attempt gets {@code 429}
 * before its password is even looked at.
 */
@ApplicationScoped
public class SignInGuard {

    @Inject
    MeldpuntConfig config;

    private Cache<String, Integer> failuresByUser;
    private Cache<String, Integer> failuresByClient;

    void install(@Observes Router router) {
        failuresByUser = Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterWrite(config.limits().signInLock()).build();
        failuresByClient = Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterWrite(config.limits().signInLock()).build();
        router.route().order(Integer.MIN_VALUE + 2).handler(this::guard);
    }

    private void guard(RoutingContext ctx) {
        String username = basicUsername(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (username == null) {
            ctx.next();
            return;
        }
        String client = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
        if (count(failuresByUser, username) >= config.limits().signInFailuresPerUser()
                || count(failuresByClient, client) >= config.limits().signInFailuresPerClient()) {
            SecurityEvents.log("sign-in-locked", "user=" + SecurityEvents.pseudonym(username)
                    + " client=" + SecurityEvents.pseudonym(client));
            locked(ctx);
            return;
        }
        int failures = Math.max(count(failuresByUser, username), count(failuresByClient, client));
        ctx.addHeadersEndHandler(ignored -> {
            int status = ctx.response().getStatusCode();
            if (status == 401) {
                // Written back, not incremented in place: every failure restarts the lock's timer.
                failuresByUser.asMap().merge(username, 1, Integer::sum);
                failuresByClient.asMap().merge(client, 1, Integer::sum);
                SecurityEvents.log("sign-in-failed", "user=" + SecurityEvents.pseudonym(username)
                        + " client=" + SecurityEvents.pseudonym(client));
            } else if (ctx.user() != null && status < 400) {
                // Only a request that really checked the password may clear the count.
                failuresByUser.invalidate(username);
            }
        });
        if (failures > 0) {
            // A timer, not a sleep: the event loop goes on serving everyone else meanwhile.
            ctx.vertx().setTimer(config.limits().signInSlowDown().toMillis() * Math.min(failures, 4), id -> ctx.next());
        } else {
            ctx.next();
        }
    }

    private static int count(Cache<String, Integer> failures, String key) {
        Integer count = failures.getIfPresent(key);
        return count == null ? 0 : count;
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
