package nl.sglzorg.meldpunt.common.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;

/**
 * At most {@code meldpunt.evidence.concurrent-uploads} upload requests (a POST to a
 * {@link PayloadLimit#UPLOADS} path, or a page form with screenshots, {@link PayloadLimit#PAGE_UPLOADS})
 * at once per instance, counted before the body is read. The HTTP
 * layer writes an upload's whole body to the temporary directory before the application sees it, so
 * before the token, the limits or the file are looked at; without a bound, parallel uploads for a
 * reference that does not exist fill the disk. Past the bound the request is answered {@code 503}
 * with {@code Retry-After} at once, before its body is read; a slot is given back when the response
 * ends or the connection closes (an aborted upload too).
 *
 * <p>A page form whose {@code Content-Length} is within what every other request may carry
 * ({@link PayloadLimit#MAX_BODY_BYTES}) takes no slot: it costs the disk no more than any form, and
 * the signal form is sent as multipart whether or not a screenshot was chosen, so without this a
 * reporter filing without one was turned away whenever four filings were under way at once (the
 * benchmark's form post at 200/s). Its images, if any, still wait their turn to be decoded.
 */
@ApplicationScoped
public class UploadSlots {

    /** What {@code Retry-After} says when every slot is taken. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private static final String BUSY_PAGE = PayloadLimit.page("web/busy.html");

    @Inject
    MeldpuntConfig config;

    private Semaphore slots;

    void install(@Observes Router router) {
        slots = new Semaphore(config.evidence().concurrentUploads());
        // MIN_VALUE + 1, as PayloadLimit: before the HTTP layer's body handler reads (and stores) the
        // body, after the security headers' routes. A cross-site or over-long upload takes a slot only
        // for the moment it takes to refuse it.
        router.route().order(Integer.MIN_VALUE + 1).handler(this::gate);
    }

    private void gate(RoutingContext ctx) {
        boolean page = PayloadLimit.isPageUpload(ctx.request());
        if (!page && !PayloadLimit.isUpload(ctx.request()) || page && isSmall(ctx)) {
            ctx.next();
            return;
        }
        if (!slots.tryAcquire()) {
            SecurityEvents.log("uploads-busy", "limit=" + config.evidence().concurrentUploads());
            long seconds = BusyException.seconds(RETRY_AFTER);
            // The body is not read: close the connection rather than drain it.
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close").putHeader("Retry-After", Long.toString(seconds));
            if (page) {
                // A person sent this from a page: answer with a page, in both languages.
                ctx.response().setStatusCode(503).putHeader(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8")
                        .end(BUSY_PAGE.replace("{seconds}", Long.toString(seconds)));
                return;
            }
            Problem.of(BusyException.TYPE, BusyException.TITLE, 503, BusyException.detail(seconds),
                    Problem.instance(ctx.request().path())).send(ctx.response());
            return;
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                slots.release();
            }
        };
        // Called when the response has been written, and when the connection closes first: a client
        // that goes away in the middle of its body gives its slot back too (EvidenceTest drops some).
        ctx.addEndHandler(ignored -> release.run());
        ctx.next();
    }

    /** Announced no larger than an ordinary request; without a length (chunked) it may be any size. */
    private static boolean isSmall(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        return length != null && !PayloadLimit.isTooLong(length, PayloadLimit.MAX_BODY_BYTES);
    }

    /** Slots free now; for tests. */
    public int available() {
        return slots.availablePermits();
    }

    /** Slots in all ({@code meldpunt.evidence.concurrent-uploads}). */
    public int total() {
        return config.evidence().concurrentUploads();
    }
}
