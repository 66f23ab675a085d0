package nl.sglzorg.meldpunt.common;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a request body over 64 KiB with a {@code 413} problem before it is read. The HTTP layer
 * ({@code quarkus.http.limits.max-body-size}) enforces the same limit on bodies sent without a length.
 */
@ApplicationScoped
public class PayloadLimit {

    public static final long MAX_BODY_BYTES = 64 * 1024;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && isTooLong(length)) {
                String body = "{\"type\":\"https://sgl-zorg.nl/meldpunt/problems/payload-too-large\","
                        + "\"title\":\"Verzoek te groot\",\"status\":413,"
                        + "\"detail\":\"De body mag hoogstens 64 KiB zijn.\","
                        + "\"instance\":\"" + ctx.request().path().replaceAll("[^A-Za-z0-9/_.-]", "") + "\"}";
                ctx.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(body);
                return;
            }
            ctx.next();
        });
    }

    private static boolean isTooLong(String length) {
        try {
            return Long.parseLong(length.strip()) > MAX_BODY_BYTES;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
