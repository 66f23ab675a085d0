package nl.sglzorg.meldpunt.web;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Locale;
import nl.sglzorg.meldpunt.common.web.ProblemMappers;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * A page that failed for a reason no page handles itself is answered with a page, not the API's JSON
 * problem: the database down or too busy ({@code 503}, with {@code Retry-After}: try again in a few
 * seconds), or a fault of Meldpunt's ({@code 500}, with the error code its log line has). The status, the
 * header, the log and the code are the API's ({@link ProblemMappers#failureOf}); a browser shows the
 * reporter or staff member what happened and what to do, in the reporter pages' layout and language.
 * Every resource of this package and below is a page; everywhere else the API's problem, as before.
 */
public class PageFailures {

    @Inject
    Pages pages;

    @Inject
    @Location("web/failed.html")
    Template failed;

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public RestResponse<?> failed(RuntimeException e, SimpleResourceInfo resource, UriInfo uri, HttpHeaders headers) {
        ProblemMappers.Failure failure = ProblemMappers.failureOf(e, uri);
        if (resource == null || !isPage(resource.getResourceClass())) {
            return failure.response();
        }
        int status = failure.problem().status();
        RestResponse.ResponseBuilder<Object> answer = RestResponse.ResponseBuilder.create(status)
                .entity(pages.page(failed, language(uri, headers), null).data("status", status)
                        .data("errorId", failure.errorId()))
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
        if (failure.retryAfterSeconds() > 0) {
            answer.header("Retry-After", Long.toString(failure.retryAfterSeconds()));
        }
        return answer.build();
    }

    /** Whether {@code resource} is a page: a class of this package or one below it (not {@code webhook}, say). */
    static boolean isPage(Class<?> resource) {
        String pages = PageFailures.class.getPackageName();
        return resource != null
                && (resource.getPackageName().equals(pages) || resource.getPackageName().startsWith(pages + "."));
    }

    /**
     * The page's language as far as a failure can tell: the address's {@code lang} (a form's own field is in
     * a body no longer read), else the browser's first choice when it is English, else Dutch.
     */
    private static String language(UriInfo uri, HttpHeaders headers) {
        String asked = uri.getQueryParameters().getFirst("lang");
        if (asked != null) {
            return Texts.language(asked);
        }
        try {
            List<Locale> accepted = headers.getAcceptableLanguages();
            return !accepted.isEmpty() && "en".equals(accepted.get(0).getLanguage()) ? "en" : "nl";
        } catch (RuntimeException malformed) {
            // A header the REST layer cannot read (a weight that is no number): the page, in Dutch.
            return "nl";
        }
    }
}
