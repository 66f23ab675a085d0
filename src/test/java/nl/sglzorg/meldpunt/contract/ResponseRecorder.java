package nl.sglzorg.meldpunt.contract;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-only: remembers the status of every {@code /api} answer the test application gives, whoever
 * produced it: a resource, an exception mapper, HTTP Basic, or the Vert.x handlers that answer before
 * any resource does (payload limit, sign-in lock, NUL in the address). All {@code @QuarkusTest}
 * classes share one application, so this sees the traffic of the whole test run; after each class,
 * {@link UndocumentedAnswers} checks what that class was answered.
 */
@ApplicationScoped
public class ResponseRecorder {

    /** One answer: the method, the path (dot segments resolved), and the status. */
    public record Answer(String method, String path, int status) {
    }

    /** Each distinct answer, with how often it was given. */
    private final Map<Answer, Integer> answers = new ConcurrentHashMap<>();

    void install(@Observes Router router) {
        // Before every other route, so even an answer given by the first of them is seen.
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            // Normalised as routing sees it: "/api/signals/." is "/api/signals/", no signal reference.
            String path = ctx.normalizedPath();
            if (path != null && path.startsWith("/api/")) {
                String method = ctx.request().method().name();
                ctx.addHeadersEndHandler(ignored -> {
                    // A client that dropped its connection half-way (SlowUploads) is answered nothing:
                    // the failure the HTTP layer records for the broken body never leaves the server.
                    if (!ctx.response().closed()) {
                        answers.merge(new Answer(method, path, ctx.response().getStatusCode()), 1, Integer::sum);
                    }
                });
            }
            ctx.next();
        });
    }

    /** The answers already handed out by {@link #newAnswers}. */
    private final Set<Answer> handedOut = new HashSet<>();

    /** A copy of what was answered so far. */
    public Map<Answer, Integer> answers() {
        return Map.copyOf(answers);
    }

    /** The distinct answers given since the previous call (the first call: since start-up). */
    public synchronized Set<Answer> newAnswers() {
        Set<Answer> fresh = new HashSet<>(answers.keySet());
        fresh.removeAll(handedOut);
        handedOut.addAll(fresh);
        return fresh;
    }
}
