package nl.sglzorg.meldpunt.common.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import nl.sglzorg.meldpunt.common.jdbc.ConnectionFailures;
import org.hibernate.StaleStateException;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into an {@code application/problem+json} response. Details name fields and
 * rules, never classes, stack traces or the values a client sent.
 */
public class ProblemMappers {

    static final String UNAVAILABLE_TYPE = "unavailable";
    static final long UNAVAILABLE_RETRY_SECONDS = 5;

    @ServerExceptionMapper
    public RestResponse<Problem> invalidInput(InvalidInputException e, UriInfo uri) {
        return invalid(uri, e.violations());
    }

    @ServerExceptionMapper
    public RestResponse<Problem> constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Violation(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Violation::field))
                .toList();
        return invalid(uri, violations);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> json(JsonProcessingException e, UriInfo uri) {
        return invalid(uri, List.of(violationOf(e)));
    }

    // Quarkus has its own mappers for these subtypes; the most specific mapper wins, so name them.
    @ServerExceptionMapper
    public RestResponse<Problem> jsonMapping(JsonMappingException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> jsonMismatch(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> jsonFormat(InvalidFormatException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> jsonUnknownProperty(UnrecognizedPropertyException e, UriInfo uri) {
        return json(e, uri);
    }

    /** Names the field Jackson stumbled on, and what was wrong with it, without echoing the value. */
    static Violation violationOf(JsonProcessingException e) {
        String duplicate = duplicateKey(e);
        if (duplicate != null) {
            return new Violation(duplicate, "komt meer dan eens voor; elk veld mag maar een keer");
        }
        if (!(e instanceof JsonMappingException mapping) || pathOf(mapping).isEmpty()) {
            return e instanceof MismatchedInputException
                    ? new Violation("body", "verwacht een JSON-object")
                    : new Violation("body", "geen geldige JSON");
        }
        String field = pathOf(mapping);
        if (e instanceof UnrecognizedPropertyException) {
            return new Violation(field, "onbekend veld; dit veld mag niet worden meegestuurd");
        }
        Class<?> target = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (target != null && target.isEnum()) {
            return new Violation(field, "ongeldige waarde; toegestaan: " + Arrays.stream(target.getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", ")));
        }
        if (e instanceof InvalidFormatException) {
            return new Violation(field, "ongeldige waarde");
        }
        return new Violation(field, "verkeerd type of ongeldige waarde");
    }

    /** The path of a key found twice in one object (strict duplicate detection), else {@code null}. */
    static String duplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonParseException parse && parse.getProcessor() != null
                    && String.valueOf(parse.getOriginalMessage()).startsWith("Duplicate field '")) {
                return pathOf(parse.getProcessor().getParsingContext());
            }
        }
        return null;
    }

    /** The path of the parser's position: {@code reporter.name}, {@code items[2].name}. */
    static String pathOf(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            String part = c.inArray() ? "[" + c.getCurrentIndex() + "]" : c.getCurrentName();
            if (part == null) {
                continue;
            }
            if (!path.isEmpty() && path.charAt(0) != '[') {
                path.insert(0, '.');
            }
            path.insert(0, part);
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> conflict(ConflictException e, UriInfo uri) {
        return respond(Problem.of("conflict", "Conflict", 409, e.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> concurrentEdit(OptimisticLockException e, UriInfo uri) {
        return concurrentEdit(uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> concurrentEdit(StaleStateException e, UriInfo uri) {
        return concurrentEdit(uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> preconditionFailed(PreconditionFailedException e, UriInfo uri) {
        return respond(Problem.of("stale-version", "Verouderde versie", 412, e.getMessage(), path(uri)));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> tooManyRequests(TooManyRequestsException e, UriInfo uri) {
        long seconds = e.retryAfterSeconds();
        Problem problem = Problem.of("too-many-requests", "Te veel verzoeken", 429,
                "Je hebt het maximum aantal verzoeken bereikt. Probeer het over " + seconds + " seconden opnieuw.",
                path(uri));
        return retryLater(problem, seconds);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> busy(BusyException e, UriInfo uri) {
        long seconds = BusyException.seconds(e.retryAfter());
        return retryLater(Problem.of(BusyException.TYPE, BusyException.TITLE, 503, BusyException.detail(seconds),
                path(uri)), seconds);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper
    public RestResponse<Problem> forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of("forbidden", "Geen toegang", 403,
                "Je rol geeft geen toegang tot deze handeling.", path(uri)));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> webApplication(WebApplicationException e, UriInfo uri) {
        return refusalOf(e, uri);
    }

    /**
     * How a request the REST layer itself refused is answered: an address nothing serves ({@code 404}),
     * another method ({@code 405}), a body or answer of a type not taken ({@code 415},
     * {@code 406}), a parameter that does not parse ({@code 400}). The pages show the same refusal as a
     * page to a browser ({@code web/PageFailures}).
     */
    public static RestResponse<Problem> refusalOf(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status == 400) {
            // The JSON reader wraps what Jackson found; answer it as precisely as if it came unwrapped.
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof JsonProcessingException json) {
                    return invalid(uri, List.of(violationOf(json)));
                }
            }
        }
        String detail = status == 415 && path(uri) != null && path(uri).endsWith("/evidence")
                ? "Stuur de afbeelding als multipart/form-data, in het veld file." : detailFor(status);
        Problem problem = Problem.of(slugFor(status), titleFor(status), status, detail, path(uri));
        RestResponse.ResponseBuilder<Problem> builder = RestResponse.ResponseBuilder.<Problem>create(status).entity(problem)
                .type(Problem.MEDIA_TYPE);
        // What the refusal says beside its status (Allow, Retry-After, WWW-Authenticate) goes along.
        passHeaders(e.getResponse().getStringHeaders(), builder);
        return builder.build();
    }

    /** Every header of {@code headers} but the body's type and length, to an answer with another body. */
    public static void passHeaders(MultivaluedMap<String, String> headers, RestResponse.ResponseBuilder<?> answer) {
        headers.forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE) && !name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)) {
                values.forEach(value -> answer.header(name, value));
            }
        });
    }

    @ServerExceptionMapper
    public RestResponse<Problem> unexpected(RuntimeException e, UriInfo uri) {
        return failureOf(e, uri).response();
    }

    /**
     * How a failure no other mapper takes is answered: its problem, with the seconds of {@code Retry-After}
     * for a {@code 503} (else 0), and for a {@code 500} the id it was logged with (else null). The pages
     * show the same failure as a page ({@code web/PageFailures}).
     */
    public record Failure(Problem problem, long retryAfterSeconds, String errorId) {

        public RestResponse<Problem> response() {
            return retryAfterSeconds > 0 ? retryLater(problem, retryAfterSeconds) : respond(problem);
        }
    }

    /**
     * Tells and logs a failure no other mapper takes, on the request for {@code uri}:
     * <ul>
     * <li>the database down or restarting: {@code 503}, at once (the pool waits at most
     * {@code quarkus.datasource.jdbc.acquisition-timeout} for a connection). A change whose commit met the
     * outage was rolled back, or, if the database committed it just before the connection broke, is there:
     * a retry of a signal then files it again, and duplicate folding joins the two when they name the same
     * post;</li>
     * <li>the database giving up on a statement for another transaction's sake
     * ({@link ConnectionFailures#isBusy}: a lock held longer than the wait for it, a deadlock's victim):
     * {@code 503}; the transaction was rolled back, so nothing of it is stored;</li>
     * <li>a unique key's refusal ({@link ConnectionFailures#isUniqueViolation}): what a request checked was free
     * was made at the same moment by another; {@code 409} ({@code conflict}), nothing of this one stored;</li>
     * <li>anything else: {@code 500}. Its message may quote request data, so the log has its type and where
     * it happened, with an id the caller can quote.</li>
     * </ul>
     */
    public static Failure failureOf(RuntimeException e, UriInfo uri) {
        String path = path(uri);
        if (ConnectionFailures.isDatabaseUnreachable(e)) {
            Log.warnf("Database unreachable for %s: %s", path, e.getClass().getName());
            return new Failure(Problem.of(UNAVAILABLE_TYPE, "Tijdelijk niet beschikbaar", 503,
                    "Meldpunt kan zijn gegevens even niet bereiken. Probeer het over " + UNAVAILABLE_RETRY_SECONDS
                            + " seconden opnieuw.", path), UNAVAILABLE_RETRY_SECONDS, null);
        }
        if (ConnectionFailures.isBusy(e)) {
            Log.warnf("Database busy for %s: %s", path, e.getClass().getName());
            return new Failure(Problem.of(BusyException.TYPE, BusyException.TITLE, 503,
                    "Meldpunt is nu te druk om dit af te ronden; er is niets opgeslagen. Probeer het over "
                            + UNAVAILABLE_RETRY_SECONDS + " seconden opnieuw.", path), UNAVAILABLE_RETRY_SECONDS, null);
        }
        if (ConnectionFailures.isUniqueViolation(e)) {
            // Made at the same moment by another request that checked first as this one did (two creates of
            // one user name at once, a double click): that one's row stands, this transaction was rolled back.
            Log.infof("Unique key refused for %s: made at the same moment by another request", path);
            return new Failure(Problem.of("conflict", "Bestaat al", 409,
                    "Dit is op hetzelfde moment al aangemaakt; er is niets opgeslagen. Haal de nieuwste stand op.",
                    path), 0, null);
        }
        if (ConnectionFailures.isUnstorableText(e)) {
            Log.infof("Text the database cannot hold for %s (a NUL character): refused", path);
            return new Failure(Problem.of("invalid-input", "Ongeldige invoer", 400,
                    "Er staat een teken in dat Meldpunt niet kan opslaan (een nul-teken); er is niets opgeslagen.",
                    path), 0, null);
        }
        String errorId = UUID.randomUUID().toString();
        StackTraceElement[] trace = e.getStackTrace();
        String where = trace.length == 0 ? "?" : Arrays.stream(trace).limit(8)
                .map(StackTraceElement::toString).collect(Collectors.joining(" <- "));
        Log.errorf("Unexpected %s for %s [errorId=%s] at %s", e.getClass().getName(), path, errorId, where);
        return new Failure(Problem.of("internal-error", "Interne fout", 500,
                "Er ging iets mis aan onze kant. Vermeld bij contact foutcode " + errorId + ".", path), 0, errorId);
    }

    private static RestResponse<Problem> concurrentEdit(UriInfo uri) {
        return respond(Problem.of("concurrent-edit", "Gelijktijdig gewijzigd", 409,
                "Iemand anders heeft dit tegelijk gewijzigd. Haal de nieuwste versie op en probeer het opnieuw.",
                path(uri)));
    }

    /**
     * A {@code 401} challenges with a scheme of Meldpunt's own, not {@code Basic}: a browser shows no
     * sign-in dialog for it, so it never learns a password that any page could then make it send.
     * API clients send HTTP Basic credentials unasked (preemptively), as before. (A desk page sends
     * the browser to its sign-in page instead: {@code web.staff.SignInRedirect}.)
     */
    public static RestResponse<Problem> unauthorized(UriInfo uri) {
        Problem problem = Problem.of("unauthorized", "Niet aangemeld", 401,
                "Meld je aan met gebruikersnaam en wachtwoord.", path(uri));
        return RestResponse.ResponseBuilder.<Problem>create(401).entity(problem)
                .type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "MeldpuntBasic realm=\"Meldpunt\"")
                .build();
    }

    private static RestResponse<Problem> invalid(UriInfo uri, List<Violation> violations) {
        Problem problem = Problem.of("invalid-input", "Ongeldige invoer", 400,
                "Een of meer velden zijn ongeldig; zie violations.", path(uri)).withViolations(violations);
        return respond(problem);
    }

    /** {@code problem} with {@code Retry-After}: a {@code 429} or a {@code 503} the client may send again later. */
    private static RestResponse<Problem> retryLater(Problem problem, long seconds) {
        return RestResponse.ResponseBuilder.<Problem>create(problem.status()).entity(problem).type(Problem.MEDIA_TYPE)
                .header("Retry-After", Long.toString(seconds)).build();
    }

    /** {@code problem} as the answer, with its status. */
    public static RestResponse<Problem> respond(Problem problem) {
        return RestResponse.ResponseBuilder.<Problem>create(problem.status()).entity(problem).type(Problem.MEDIA_TYPE).build();
    }

    /** The request's path with its leading slash, as a problem names it ({@code instance}); null without a request. */
    public static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    private static String slugFor(int status) {
        return switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            default -> "http-" + status;
        };
    }

    private static String titleFor(int status) {
        return switch (status) {
            case 400 -> "Ongeldig verzoek";
            case 404 -> "Niet gevonden";
            case 405 -> "Methode niet toegestaan";
            case 406 -> "Formaat niet ondersteund";
            case 413 -> "Verzoek te groot";
            case 415 -> "Verkeerd inhoudstype";
            default -> {
                Response.StatusType type = Response.Status.fromStatusCode(status);
                yield type == null ? "Fout" : type.getReasonPhrase();
            }
        };
    }

    private static String detailFor(int status) {
        return switch (status) {
            case 400 -> "Het verzoek is ongeldig.";
            case 404 -> "Niet gevonden.";
            case 405 -> "Deze methode is hier niet toegestaan.";
            case 406 -> "Dit antwoordformaat wordt niet ondersteund; vraag application/json.";
            case 413 -> "Het verzoek is te groot.";
            case 415 -> "Stuur de body als application/json.";
            default -> "Het verzoek kon niet worden verwerkt.";
        };
    }

    /** The JSON path of a Jackson failure: {@code reporter.relation}, {@code items[2].name}. */
    static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The field of a Bean Validation failure, without the resource method and parameter names. */
    static String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder path = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR || kind == ElementKind.PARAMETER
                    || kind == ElementKind.RETURN_VALUE || kind == ElementKind.CROSS_PARAMETER) {
                continue;
            }
            if (node.isInIterable() && !path.isEmpty()) {
                path.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (kind == ElementKind.PROPERTY && node.getName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(node.getName());
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }
}
