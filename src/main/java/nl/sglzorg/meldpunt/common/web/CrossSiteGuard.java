package nl.sglzorg.meldpunt.common.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;

/**
 * Refuses, with a {@code 403} problem and before anyone is signed in, every {@code /api} request a page
 * on another site could make a browser send (cross-site request forgery). A browser that knows a staff
 * member's password sends it along with any request to Meldpunt, so a request must show it comes from
 * an API client, not from a form, an image or a script of someone else's page:
 * <ul>
 * <li>an {@code Origin} header, when present, is Meldpunt's own: the host the request was sent to, or
 *     the origin of {@code meldpunt.base-url}; {@code Sec-Fetch-Site}, when present, is not
 *     {@code cross-site} or {@code same-site};</li>
 * <li>a write (POST, PUT, PATCH, DELETE) has a JSON body ({@code application/json},
 *     {@code application/*+json}) or the header {@code X-Requested-By}: a form cannot send either,
 *     and a script of another origin cannot without a CORS preflight, which Meldpunt never allows;</li>
 * <li>a read that the access log records (a ticket, its history, its reporter's data) has
 *     {@code X-Requested-By} or an {@code Accept} naming JSON: an {@code <img>} or a link asks for
 *     images or HTML.</li>
 * </ul>
 * {@code Referer} is not looked at: a page can suppress it, and browsers send {@code Origin} with
 * every cross-origin write. SECURITY.md § Cross-site requests says the same for API clients.
 */
@ApplicationScoped
public class CrossSiteGuard {

    /** The header an API client sends to say it is one; any non-blank value. */
    public static final String REQUESTED_BY = "X-Requested-By";

    private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);
    /** The reads that write an access-log entry (see {@code privacy.AccessLog}). */
    private static final Pattern RECORDED_READS = Pattern.compile("/api/tickets/[^/]+(/events|/reporter-data|/evidence/[^/]+)?/?");
    private static final Pattern JSON = Pattern.compile("application/(json|[a-z0-9.+-]*\\+json)");

    @Inject
    MeldpuntConfig config;

    private String ownOrigin;

    void install(@Observes Router router) {
        ownOrigin = originOf(config.baseUrl());
        // Before the sign-in guard (MIN_VALUE + 2): a forged request costs no bcrypt and counts no failure.
        router.route("/api/*").order(Integer.MIN_VALUE + 1).handler(this::guard);
    }

    private void guard(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String refusal = refusal(request.method(), ctx.normalizedPath(), request.getHeader(HttpHeaders.ORIGIN),
                request.getHeader("Sec-Fetch-Site"), request.getHeader(HttpHeaders.CONTENT_TYPE),
                request.getHeader(HttpHeaders.ACCEPT), request.getHeader(REQUESTED_BY), request.host());
        if (refusal == null) {
            ctx.next();
            return;
        }
        SecurityEvents.log("cross-site-refused", "reason=" + refusal);
        Problem.of("cross-site-request", "Verzoek van buiten geweigerd", 403,
                "Dit verzoek kan van een andere website komen en is geweigerd. Een API-client stuurt JSON"
                        + " of de header " + REQUESTED_BY + " mee.",
                Problem.instance(request.path())).send(ctx.response());
    }

    /** Why the request is refused ({@code origin}, {@code fetch-site}, {@code write}, {@code read}), or null. */
    String refusal(HttpMethod method, String path, String origin, String fetchSite, String contentType,
            String accept, String requestedBy, String host) {
        if (origin != null && !isOwn(origin, host)) {
            return "origin";
        }
        if (fetchSite != null && Set.of("cross-site", "same-site").contains(fetchSite.strip().toLowerCase(Locale.ROOT))) {
            return "fetch-site";
        }
        boolean declared = requestedBy != null && !requestedBy.isBlank();
        if (WRITES.contains(method) && !declared && !isJson(contentType)) {
            return "write";
        }
        if ((method == HttpMethod.GET || method == HttpMethod.HEAD) && path != null
                && RECORDED_READS.matcher(withoutMatrixParameters(path)).matches() && !declared && !namesJson(accept)) {
            return "read";
        }
        return null;
    }

    private boolean isOwn(String origin, String host) {
        String normalized = originOf(origin);
        if (normalized == null) {
            return false; // "null" (a sandboxed page, a redirect) or garbage
        }
        if (normalized.equals(ownOrigin)) {
            return true;
        }
        return host != null && authorityOf(normalized).equals(withoutDefaultPort(host.strip().toLowerCase(Locale.ROOT)));
    }

    /** {@code scheme://host[:port]} in lower case without a default port, or null if it is not one. */
    static String originOf(String url) {
        try {
            URI uri = new URI(url.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80)
                    || ("https".equals(scheme) && port == 443);
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (Exception e) {
            return null;
        }
    }

    private static String authorityOf(String origin) {
        return origin.substring(origin.indexOf("://") + 3);
    }

    private static String withoutDefaultPort(String host) {
        return host.replaceFirst(":(80|443)$", "");
    }

    /**
     * The path as the REST layer routes it: {@code /events;x=1} reaches the same operation as
     * {@code /events}, so a matrix parameter must not take a read past the pattern.
     */
    static String withoutMatrixParameters(String path) {
        return path.indexOf(';') < 0 ? path : path.replaceAll(";[^/]*", "");
    }

    /**
     * Whether a Content-Type is JSON. It names one media type, never a list: splitting it on commas
     * would read {@code text/plain;x=,application/json} — a type a cross-site form may send without
     * a preflight — as JSON.
     */
    static boolean isJson(String contentType) {
        return contentType != null
                && JSON.matcher(contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT)).matches();
    }

    /** Whether an Accept header names a JSON media type ({@code *}{@code /*} does not). */
    static boolean namesJson(String header) {
        if (header == null) {
            return false;
        }
        for (String part : header.split(",")) {
            String type = part.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (JSON.matcher(type).matches()) {
                return true;
            }
        }
        return false;
    }
}
