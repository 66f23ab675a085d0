package nl.sglzorg.meldpunt.common.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;

/**
 * Refuses a request body over 64 KiB with a {@code 413}: at once when its Content-Length says so, and
 * while reading it when it comes without one (chunked). Only uploads may be larger: the API's evidence
 * upload ({@link #UPLOADS}) its one largest image ({@code meldpunt.evidence.max-bytes}), and a page form
 * with screenshots ({@link #PAGE_UPLOADS}) as many of those images as a signal may hold
 * ({@code meldpunt.evidence.max-per-signal}); each with 64 KiB for the form fields and the multipart
 * framing around them. A page upload over its limit gets a short HTML page, everything else a problem.
 * The HTTP layer ({@code quarkus.http.limits.max-body-size}) holds every path to the largest of these
 * (a page upload), answering with an empty body; Quarkus REST writes the file parts to temporary files,
 * never to the heap.
 */
@ApplicationScoped
public class PayloadLimit {

    public static final long MAX_BODY_BYTES = 64 * 1024;

    /**
     * POST paths that take an image upload (multipart/form-data): the API's and any page's. A path
     * here may carry an image-sized body, and counts against {@link UploadSlots}.
     */
    public static final Pattern UPLOADS = Pattern.compile("/api/signals/[^/]+/evidence");

    /** Page POST paths whose form carries screenshots: filing a signal, and adding them on /volgen. */
    public static final Pattern PAGE_UPLOADS = Pattern.compile("/melden/versturen|/volgen/afbeeldingen");

    @Inject
    MeldpuntConfig config;

    void install(@Observes Router router) {
        // MIN_VALUE + 1, not MIN_VALUE: the routes that add the security headers
        // (quarkus.http.header, quarkus.http.filter) sit at MIN_VALUE and are added after this
        // observer runs, so a 413 answered at MIN_VALUE would go out without them.
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && isTooLong(length, limitFor(ctx))) {
                tooLarge(ctx);
                return;
            }
            ctx.next();
        });
        // A NUL character in the address can name nothing here, and PostgreSQL refuses it in a query.
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            if (ctx.request().uri().toLowerCase(Locale.ROOT).contains("%00")) {
                Problem.of("invalid-input", "Ongeldig verzoek", 400, "Het adres bevat een NUL-teken.",
                        Problem.instance(ctx.request().path()))
                        .withViolations(List.of(new Violation("path", "bevat een NUL-teken")))
                        .send(ctx.response());
                return;
            }
            ctx.next();
        });
        // Without a length the size is only known while reading: read it here, up to the limit.
        BodyHandler reader = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            // A chunked upload is read, and held to its limit, by the HTTP layer's own body handler.
            if (ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH) == null
                    && ctx.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null && !isUpload(ctx)
                    && !isPageUpload(ctx)) {
                reader.handle(ctx);
            } else {
                ctx.next();
            }
        }).failureHandler(ctx -> {
            if (ctx.statusCode() == 413 && !ctx.response().ended()) {
                tooLarge(ctx);
            } else {
                ctx.next();
            }
        });
    }

    /** The most a request to this path may carry. */
    private long limitFor(RoutingContext ctx) {
        if (isUpload(ctx)) {
            return config.evidence().maxBytes().asLongValue() + MAX_BODY_BYTES;
        }
        return isPageUpload(ctx) ? pageUploadLimit() : MAX_BODY_BYTES;
    }

    /** The most a page form with screenshots may carry: every image a signal may hold, and the form. */
    public long pageUploadLimit() {
        return config.evidence().maxPerSignal() * config.evidence().maxBytes().asLongValue() + MAX_BODY_BYTES;
    }

    private static boolean isUpload(RoutingContext ctx) {
        return isUpload(ctx.request());
    }

    /** Whether this request is a POST to one of the {@link #UPLOADS} paths. */
    public static boolean isUpload(HttpServerRequest request) {
        return request.method() == HttpMethod.POST && UPLOADS.matcher(request.path()).matches();
    }

    private static boolean isPageUpload(RoutingContext ctx) {
        return isPageUpload(ctx.request());
    }

    /** Whether this request is a POST of a page form that carries screenshots ({@link #PAGE_UPLOADS}). */
    public static boolean isPageUpload(HttpServerRequest request) {
        return request.method() == HttpMethod.POST && PAGE_UPLOADS.matcher(request.path()).matches();
    }

    private void tooLarge(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        if (isPageUpload(ctx)) {
            // A person sent this from a page: answer with a page, in both languages (the form's
            // language field is in the body that is not read).
            long megabytes = config.evidence().maxBytes().asLongValue() / (1024 * 1024);
            ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8")
                    .end(TOO_LARGE_PAGE.replace("{max}", Integer.toString(config.evidence().maxPerSignal()))
                            .replace("{megabytes}", Long.toString(megabytes)));
            return;
        }
        String detail = isUpload(ctx)
                ? "Een afbeelding mag hoogstens " + config.evidence().maxBytes().asLongValue() / (1024 * 1024) + " MB zijn."
                : "De body mag hoogstens 64 KiB zijn.";
        Problem.of("payload-too-large", "Verzoek te groot", 413, detail, Problem.instance(ctx.request().path()))
                .send(ctx.response());
    }

    private static final String TOO_LARGE_PAGE = page("web/too-large.html");

    static String page(String resource) {
        try (InputStream in = PayloadLimit.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a {@code Content-Length} announces more than {@code limit} bytes; one that is no number does. */
    static boolean isTooLong(String length, long limit) {
        try {
            return Long.parseLong(length.strip()) > limit;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
