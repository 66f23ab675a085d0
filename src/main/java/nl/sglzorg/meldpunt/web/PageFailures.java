package nl.sglzorg.meldpunt.web;

import io.quarkus.security.ForbiddenException;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Locale;
import nl.sglzorg.meldpunt.common.web.BusyException;
import nl.sglzorg.meldpunt.common.web.ConflictException;
import nl.sglzorg.meldpunt.common.web.InvalidInputException;
import nl.sglzorg.meldpunt.common.web.PreconditionFailedException;
import nl.sglzorg.meldpunt.common.web.Problem;
import nl.sglzorg.meldpunt.common.web.ProblemMappers;
import nl.sglzorg.meldpunt.common.web.TooManyRequestsException;
import org.hibernate.StaleStateException;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * A page that failed for a reason no page handles itself is answered with a page, not the API's JSON
 * problem: the database down or too busy ({@code 503}, with {@code Retry-After}: try again in a few
 * seconds), or a fault of Meldpunt's ({@code 500}, with the error code its log line has). The status, the
 * header, the log and the code are the API's ({@link ProblemMappers#failureOf}); a browser shows the
 * reporter or staff member what happened and what to do, in the reporter pages' layout and language.
 * Every resource of this package and below is a page; everywhere else the API's problem, as before. A
 * request the REST layer refuses itself (no such address, another method) gets a page too when a browser
 * asked for one ({@link #refused}).
 */
public class PageFailures {

    @Inject
    Pages pages;

    /** The API's answers, whose status, headers and log a page keeps. */
    private final ProblemMappers problems = new ProblemMappers();


    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public RestResponse<?> failed(RuntimeException e, SimpleResourceInfo resource, UriInfo uri, HttpHeaders headers) {
        ProblemMappers.Failure failure = ProblemMappers.failureOf(e, uri);
        if (resource == null || !isPage(resource.getResourceClass())) {
            return failure.response();
        }
        return page(failure.response(), failure.errorId(), uri, headers);
    }

    /*
     * The refusals the API maps by their own type (ProblemMappers), which JAX-RS prefers to the general
     * mappers above whatever their priority: on a page, a page too (until session 38 a staff member saw
     * the problem's JSON: a functionaris opening the figures, an acknowledgement that lost a race).
     */

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public RestResponse<?> forbidden(ForbiddenException e, SimpleResourceInfo resource, UriInfo uri, HttpHeaders headers) {
        return pageFor(problems.forbidden(e, uri), resource, uri, headers);
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public RestResponse<?> concurrentEdit(OptimisticLockException e, SimpleResourceInfo resource, UriInfo uri,
            HttpHeaders headers) {
        return pageFor(problems.concurrentEdit(e, uri), resource, uri, headers);
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public RestResponse<?> concurrentEdit(StaleStateException e, SimpleResourceInfo resource, UriInfo uri,
            HttpHeaders headers) {
        return pageFor(problems.concurrentEdit(e, uri), resource, uri, headers);
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public RestResponse<?> conflict(ConflictException e, SimpleResourceInfo resource, UriInfo uri, HttpHeaders headers) {
        return pageFor(problems.conflict(e, uri), resource, uri, headers);
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public RestResponse<?> preconditionFailed(PreconditionFailedException e, SimpleResourceInfo resource, UriInfo uri,
            HttpHeaders headers) {
        return pageFor(problems.preconditionFailed(e, uri), resource, uri, headers);
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public RestResponse<?> invalidInput(InvalidInputException e, SimpleResourceInfo resource, UriInfo uri,
            HttpHeaders headers) {
        return pageFor(problems.invalidInput(e, uri), resource, uri, headers);
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public RestResponse<?> tooManyRequests(TooManyRequestsException e, SimpleResourceInfo resource, UriInfo uri,
            HttpHeaders headers) {
        return pageFor(problems.tooManyRequests(e, uri), resource, uri, headers);
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public RestResponse<?> busy(BusyException e, SimpleResourceInfo resource, UriInfo uri, HttpHeaders headers) {
        return pageFor(problems.busy(e, uri), resource, uri, headers);
    }

    /** The API's {@code problem} for the API, and for a page the page that says the same. */
    private RestResponse<?> pageFor(RestResponse<Problem> problem, SimpleResourceInfo resource, UriInfo uri,
            HttpHeaders headers) {
        return resource != null && isPage(resource.getResourceClass()) ? page(problem, null, uri, headers) : problem;
    }

    /**
     * A request the REST layer refused before any page ran: an address nothing serves ({@code 404}, a
     * mistyped or outdated link), another method ({@code 405}), a body of another type ({@code 415}). To a
     * browser, a page that says so in the reporter pages' layout, with the API's status and headers; to the
     * API and any client that does not ask for HTML first, the API's problem.
     */
    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public RestResponse<?> refused(WebApplicationException e, SimpleResourceInfo resource, UriInfo uri,
            HttpHeaders headers) {
        RestResponse<Problem> problem = ProblemMappers.refusalOf(e, uri);
        Class<?> matched = resource == null ? null : resource.getResourceClass();
        boolean page = matched == null ? asksForPage(uri, headers) : isPage(matched);
        return page ? page(problem, null, uri, headers) : problem;
    }

    /**
     * The page for {@code problem}: its status and headers ({@code Retry-After}, say), the error code of a
     * fault, and a way back to where the request came from: the desk's start for its addresses, else the
     * reporter's.
     */
    private RestResponse<?> page(RestResponse<Problem> problem, String errorId, UriInfo uri, HttpHeaders headers) {
        RestResponse.ResponseBuilder<Object> answer = RestResponse.ResponseBuilder.create(problem.getStatus())
                .entity(pages.failure(ProblemMappers.path(uri), language(uri, headers), problem.getStatus(), false,
                        errorId))
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
        ProblemMappers.passHeaders(problem.getStringHeaders(), answer);
        return answer.build();
    }

    /** Whether the request's path is {@code root} or below it. */
    private static boolean isUnder(UriInfo uri, String root) {
        String path = ProblemMappers.path(uri);
        return path.equals(root) || path.startsWith(root + "/");
    }

    /**
     * Whether a request no resource took is a browser's for a page: outside the API's addresses, with HTML
     * first among the types it accepts (a browser's {@code Accept}; an API client asks for JSON, or for
     * anything).
     */
    private static boolean asksForPage(UriInfo uri, HttpHeaders headers) {
        if (isUnder(uri, "/api")) {
            return false;
        }
        try {
            List<MediaType> accepted = headers.getAcceptableMediaTypes();
            return !accepted.isEmpty() && MediaType.TEXT_HTML_TYPE.isCompatible(accepted.get(0))
                    && !accepted.get(0).isWildcardType();
        } catch (RuntimeException malformed) {
            return false;
        }
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
        // A header the REST layer cannot read is gone by now (LanguageHeader).
        List<Locale> accepted = headers.getAcceptableLanguages();
        return !accepted.isEmpty() && "en".equals(accepted.get(0).getLanguage()) ? "en" : "nl";
    }
}
