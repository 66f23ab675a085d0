package nl.sglzorg.meldpunt.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.web.ClientAddress;
import nl.sglzorg.meldpunt.common.web.TooManyRequestsException;
import org.jboss.resteasy.reactive.RestResponse;

/** What every reporter page shares: its words, its language switch, the abuse-limit page. */
@ApplicationScoped
public class Pages {

    @Inject
    ClientAddress clientAddress;

    @Inject
    Texts texts;

    @Inject
    MeldpuntConfig config;

    @Inject
    Screenshots screenshots;

    @Inject
    @Location("web/too-many.html")
    Template tooMany;

    @Inject
    @Location("web/failed.html")
    Template failed;

    /**
     * A page in the reporter's language. {@code switchPath} is where the language switch leads (the
     * page's own GET address), or {@code null} on a page that cannot be shown again.
     */
    TemplateInstance page(Template template, String language, String switchPath) {
        String lang = Texts.language(language);
        return template.data("t", texts.of(lang)).data("lang", lang)
                .data("otherLang", lang.equals("nl") ? "en" : "nl")
                .data("switchPath", switchPath)
                .data("errors", FormErrors.none())
                .data("fileHint", screenshots.hint(lang)).data("screenshotsIntro", screenshots.intro(lang))
                .data("added", null).data("failures", List.of());
    }

    /** Whether {@code path} is the staff desk's ({@code /beheer} or below it), which is in Dutch only. */
    static boolean isDesk(String path) {
        return path.equals("/beheer") || path.startsWith("/beheer/");
    }

    /**
     * The page for a request to {@code path} that failed with {@code status}: the desk's in Dutch with the
     * way back to its start, else the reporter pages' in {@code language} with the way back home.
     * {@code expired} for a form whose token did not match, {@code errorId} a fault's code (or null).
     */
    TemplateInstance failure(String path, String language, int status, boolean expired, String errorId) {
        boolean desk = isDesk(path);
        return page(failed, desk ? "nl" : language, null).data("status", status).data("expired", expired)
                .data("errorId", errorId).data("home", desk ? "/beheer" : "/");
    }

    public static RestResponse<TemplateInstance> ok(TemplateInstance page) {
        return RestResponse.ResponseBuilder.ok(page, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }

    public static RestResponse<TemplateInstance> status(int status, TemplateInstance page) {
        return html(status, page).build();
    }

    /** A page with its status and {@code Retry-After}: a {@code 503} that says when to try again. */
    public static RestResponse<TemplateInstance> status(int status, TemplateInstance page, long retryAfterSeconds) {
        return html(status, page).header("Retry-After", Long.toString(retryAfterSeconds)).build();
    }

    private static RestResponse.ResponseBuilder<TemplateInstance> html(int status, TemplateInstance page) {
        return RestResponse.ResponseBuilder.<TemplateInstance>create(status).entity(page)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
    }

    /**
     * The friendly answer to a page request over an abuse limit: {@code 429} with {@code Retry-After}. For
     * a request that carried nothing the reporter typed; a form is shown again instead, with
     * {@link #waitWords} next to its button or field.
     */
    RestResponse<TemplateInstance> tooMany(TooManyRequestsException e, String language) {
        String lang = Texts.language(language);
        return status(429, page(tooMany, lang, "/").data("message", waitWords(e, lang)), e.retryAfterSeconds());
    }

    /** How long to wait over an abuse limit, in whole minutes rounded up: "… Probeer het over 3 minuten opnieuw." */
    String waitWords(TooManyRequestsException e, String language) {
        long minutes = minutesToWait(e.retryAfterSeconds());
        return texts.get(Texts.language(language), minutes == 1 ? "tooMany.one" : "tooMany.many")
                .replace("{minutes}", Long.toString(minutes));
    }

    /** A wait of {@code seconds} in whole minutes, rounded up and at least one: what a page tells a person to wait. */
    public static long minutesToWait(long seconds) {
        return Math.max(1, (seconds + 59) / 60);
    }

    /** A moment as the reporter reads it, in SGL's time zone: "3 december 2026 14:05". */
    String format(Instant instant, String language) {
        Locale locale = "en".equals(language) ? Locale.ENGLISH : Locale.forLanguageTag("nl-NL");
        return DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm", locale).withZone(config.timeZone()).format(instant);
    }

    /** The client's address for the abuse limits, taken as the API resources take it. */
    String client(HttpServerRequest http) {
        return clientAddress.of(http);
    }
}
