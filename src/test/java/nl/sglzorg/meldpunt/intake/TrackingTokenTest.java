package nl.sglzorg.meldpunt.intake;

import static io.restassured.RestAssured.given;
import static nl.sglzorg.meldpunt.ProblemAssertions.assertInvalid;
import static nl.sglzorg.meldpunt.ProblemAssertions.assertProblem;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.http.Header;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.ticket.EventType;
import nl.sglzorg.meldpunt.ticket.Ticket;
import nl.sglzorg.meldpunt.ticket.TicketEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import nl.sglzorg.meldpunt.support.Signals;
import nl.sglzorg.meldpunt.support.Signals.Filed;

/**
 * Point 5 and 6 of the contract: the tracking token is a URL-safe secret of at least 128 bits,
 * shown once, stored only as a hash; without it a signal cannot be told apart from one that does
 * not exist.
 */
@QuarkusTest
class TrackingTokenTest {

    private static final String TOKEN = "X-Tracking-Token";
    private static final String UNKNOWN_REFERENCE = "SGL-2026-999999";


    /** What a caller asks for: a reference and a token, or no token header at all ({@code null}). */
    record Credentials(String reference, String token) {
    }

    /** One way of not having the right token, given the real signal and another real one. */
    record Attempt(String label, BiFunction<Filed, Filed, Credentials> credentials) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Attempt> wrongCredentials() {
        return Stream.of(
                new Attempt("wrong token",
                        (a, b) -> new Credentials(a.reference(), "bogus-token-that-is-long-enough-xxxxxxxxxxx")),
                new Attempt("missing token", (a, b) -> new Credentials(a.reference(), null)),
                new Attempt("empty token", (a, b) -> new Credentials(a.reference(), "")),
                new Attempt("token of another signal", (a, b) -> new Credentials(a.reference(), b.token())),
                new Attempt("token with its first character changed",
                        (a, b) -> new Credentials(a.reference(), changeCharacter(a.token(), 0))),
                new Attempt("token with its middle character changed",
                        (a, b) -> new Credentials(a.reference(), changeCharacter(a.token(), 21))),
                new Attempt("token with its last character changed",
                        (a, b) -> new Credentials(a.reference(), changeCharacter(a.token(), a.token().length() - 1))),
                new Attempt("token cut short by one", (a, b) -> new Credentials(a.reference(), a.token().substring(1))),
                new Attempt("token in upper case", (a, b) -> new Credentials(a.reference(), a.token().toUpperCase())),
                new Attempt("the stored hash instead of the token",
                        (a, b) -> new Credentials(a.reference(), sha256(a.token()))),
                new Attempt("unknown reference with a real token",
                        (a, b) -> new Credentials(UNKNOWN_REFERENCE, a.token())),
                new Attempt("unknown reference without token", (a, b) -> new Credentials(UNKNOWN_REFERENCE, null)),
                new Attempt("reference of another year",
                        (a, b) -> new Credentials(a.reference().replaceFirst("SGL-\\d{4}", "SGL-1999"), a.token())));
    }

    // ---------------------------------------------------------------------------------------------
    // the token itself
    // ---------------------------------------------------------------------------------------------

    @Test
    void shouldHandOutAUrlSafeTokenOfAtLeast128RandomBits() {
        String token = Signals.file().token();
        // URL-safe base64 without padding: usable as is in a header, a URL or an e-mail link
        assertThat(token, matchesPattern("[A-Za-z0-9_-]+"));
        assertThat(token.length(), greaterThanOrEqualTo(22));
        assertEquals(43, token.length(), "32 random bytes encode to 43 characters");
        byte[] bits = Base64.getUrlDecoder().decode(token);
        assertThat(bits.length * 8, greaterThanOrEqualTo(128));
    }

    @Test
    void shouldGiveEachOf50SignalsItsOwnUnrelatedToken() {
        List<Filed> filed = Stream.generate(Signals::file).limit(50).toList();
        Set<String> tokens = filed.stream().map(Filed::token).collect(Collectors.toSet());
        assertEquals(50, tokens.size(), "tokens repeat");
        // no counter or clock inside: even the first 11 characters (66 bits) never repeat
        Set<String> prefixes = tokens.stream().map(t -> t.substring(0, 11)).collect(Collectors.toSet());
        assertEquals(50, prefixes.size(), "tokens share a prefix: " + tokens);
        Set<String> references = filed.stream().map(Filed::reference).collect(Collectors.toSet());
        assertEquals(50, references.size(), "references repeat");
    }

    @Test
    void shouldShowTheTokenOnlyOnceInTheFilingAnswer() {
        Response filing = given().contentType(ContentType.JSON).body(TestData.signal("MENTION", "FACEBOOK"))
                .post("/api/signals").then().statusCode(201).extract().response();
        String reference = filing.path("reference");
        String token = filing.path("trackingToken");
        assertThat(filing.header("Location"), not(containsString(token)));

        String tracking = given().header(TOKEN, token).get("/api/signals/{reference}", reference)
                .then().statusCode(200).extract().asString();
        assertThat(tracking, not(containsString(token)));

        String message = given().header(TOKEN, token).contentType(ContentType.JSON)
                .body(Map.of("text", "Nog een aanvulling op mijn melding."))
                .post("/api/signals/{reference}/messages", reference)
                .then().statusCode(201).extract().asString();
        assertThat(message, not(containsString(token)));

        String staffView = TestData.asCommunicatie().get("/api/tickets/{reference}", reference)
                .then().statusCode(200).extract().asString();
        assertThat(staffView, not(containsString(token)));
    }

    @Test
    void shouldStoreOnlyTheHashOfTheToken() {
        Filed filed = Signals.file();
        QuarkusTransaction.requiringNew().run(() -> {
            Ticket ticket = Ticket.findByReference(filed.reference()).orElseThrow();
            assertEquals(sha256(filed.token()), ticket.trackingTokenHash);
            // no column of the ticket or of its history holds the token itself
            List<?> rows = Panache.getEntityManager()
                    .createNativeQuery("select * from ticket where id = ?1").setParameter(1, ticket.id).getResultList();
            List<?> events = Panache.getEntityManager()
                    .createNativeQuery("select * from ticket_event where ticket_id = ?1").setParameter(1, ticket.id)
                    .getResultList();
            assertEquals(1, rows.size());
            for (Object row : Stream.concat(rows.stream(), events.stream()).toList()) {
                String columns = Arrays.deepToString(row instanceof Object[] array ? array : new Object[] {row});
                assertFalse(columns.contains(filed.token()), "token stored in the clear: " + columns);
            }
        });
    }

    // ---------------------------------------------------------------------------------------------
    // without the right token: one and the same 404
    // ---------------------------------------------------------------------------------------------

    @Test
    void shouldAnswerEveryWayOfNotHavingTheRightTokenWithTheSame404() {
        Filed a = Signals.file();
        Filed b = Signals.file();
        Response reference = track(UNKNOWN_REFERENCE, null);
        String expected = normalized(reference, UNKNOWN_REFERENCE, "");

        for (Attempt attempt : wrongCredentials().toList()) {
            Credentials asked = attempt.credentials().apply(a, b);
            Response response = track(asked.reference(), asked.token());
            assertProblem(response, 404, "not-found", "Niet gevonden", "/api/signals/" + asked.reference());
            assertEquals(expected, normalized(response, asked.reference(), ""), attempt.label());
            assertEquals(headerNames(reference), headerNames(response), attempt.label() + ": headers differ");
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("wrongCredentials")
    void shouldRefuseAMessageWithoutTheRightTokenWithTheSame404AndStoreNothing(Attempt attempt) {
        Filed a = Signals.file();
        Filed b = Signals.file();
        Credentials asked = attempt.credentials().apply(a, b);
        String updatesOfA = updates(a);
        String updatesOfB = updates(b);
        // The outbox dispatcher records EMAIL_SENT events in the background; count the rest.
        List<EventType> emailEvents = List.of(EventType.EMAIL_QUEUED, EventType.EMAIL_SENT, EventType.EMAIL_FAILED);
        long events = QuarkusTransaction.requiringNew().call(() -> TicketEvent.count("type not in ?1", emailEvents));

        Response response = withToken(given(), asked.token()).contentType(ContentType.JSON)
                .body(Map.of("text", "Iemand anders probeert iets toe te voegen."))
                .post("/api/signals/{reference}/messages", asked.reference());

        String path = "/api/signals/" + asked.reference() + "/messages";
        assertProblem(response, 404, "not-found", "Niet gevonden", path);
        // the same answer as for a reference that never existed
        Response unknown = withToken(given(), null).contentType(ContentType.JSON)
                .body(Map.of("text", "Iemand anders probeert iets toe te voegen."))
                .post("/api/signals/{reference}/messages", UNKNOWN_REFERENCE);
        assertEquals(normalized(unknown, UNKNOWN_REFERENCE, "/messages"),
                normalized(response, asked.reference(), "/messages"));
        assertEquals(headerNames(unknown), headerNames(response));

        assertEquals(events, QuarkusTransaction.requiringNew().call(() -> TicketEvent.count("type not in ?1", emailEvents)),
                "events stored");
        assertEquals(updatesOfA, updates(a), "the signal's updates changed");
        assertEquals(updatesOfB, updates(b), "the other signal's updates changed");
    }

    @Test
    void shouldAnswerTrackingAndMessage404sAlike() {
        // a 404 on one endpoint must not read differently from a 404 on the other
        Filed filed = Signals.file();
        Response tracking = track(filed.reference(), "fout");
        Response message = given().header(TOKEN, "fout").contentType(ContentType.JSON)
                .body(Map.of("text", "Nog iets.")).post("/api/signals/{reference}/messages", filed.reference());
        assertEquals(normalized(tracking, filed.reference(), ""), normalized(message, filed.reference(), "/messages"));
    }

    @Test
    void shouldStillWorkWithTheRightTokenAfterWrongAttempts() {
        // the refusals above must not be caused by something else, such as a lock-out
        Filed filed = Signals.file();
        track(filed.reference(), "fout").then().statusCode(404);
        track(filed.reference(), changeCharacter(filed.token(), 5)).then().statusCode(404);
        track(filed.reference(), filed.token()).then().statusCode(200);
        given().header(TOKEN, filed.token()).contentType(ContentType.JSON).body(Map.of("text", "Nog iets."))
                .post("/api/signals/{reference}/messages", filed.reference()).then().statusCode(201);
    }

    // ---------------------------------------------------------------------------------------------
    // the message text, with the right token
    // ---------------------------------------------------------------------------------------------

    static Stream<Arguments> badTexts() {
        return Stream.of(
                Arguments.of("0 characters", ""),
                Arguments.of("blank", "  \t\n  "),
                Arguments.of("5001 characters", "x".repeat(5001)),
                Arguments.of("5001 characters after trimming", " " + "x".repeat(5001) + " "));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badTexts")
    void shouldRefuseAMessageTextOutside1To5000Characters(String label, String text) {
        Filed filed = Signals.file();
        String before = updates(filed);
        String path = "/api/signals/" + filed.reference() + "/messages";
        Response response = given().header(TOKEN, filed.token()).contentType(ContentType.JSON)
                .body(Map.of("text", text)).post(path);
        assertInvalid(response, path, "text");
        assertEquals(before, updates(filed), "a refused message was stored");
    }

    // ---------------------------------------------------------------------------------------------
    // helpers
    // ---------------------------------------------------------------------------------------------

    private static Response track(String reference, String token) {
        return withToken(given(), token).get("/api/signals/{reference}", reference);
    }

    private static RequestSpecification withToken(RequestSpecification spec, String token) {
        return token == null ? spec : spec.header(TOKEN, token);
    }

    private static String updates(Filed filed) {
        Response response = track(filed.reference(), filed.token()).then().statusCode(200).extract().response();
        return response.jsonPath().getList("updates") + " updatedAt=" + response.path("updatedAt");
    }

    /** The raw body with its instance path replaced: everything else must match byte for byte. */
    private static String normalized(Response response, String reference, String suffix) {
        String instance = "/api/signals/" + reference + suffix;
        String body = response.asString();
        assertThat(body, containsString("\"instance\":\"" + instance + "\""));
        return response.statusCode() + " " + response.contentType() + " "
                + body.replace("\"instance\":\"" + instance + "\"", "\"instance\":\"…\"");
    }

    private static Set<String> headerNames(Response response) {
        Set<String> names = new TreeSet<>();
        for (Header header : response.headers()) {
            names.add(header.getName().toLowerCase());
        }
        return names;
    }

    private static String changeCharacter(String token, int index) {
        char replacement = token.charAt(index) == 'A' ? 'B' : 'A';
        String changed = token.substring(0, index) + replacement + token.substring(index + 1);
        assertNotEquals(token, changed);
        return changed;
    }

    private static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte b : digest) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
