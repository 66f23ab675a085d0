package nl.sglzorg.meldpunt.intake;

import static io.restassured.RestAssured.given;
import static nl.sglzorg.meldpunt.ProblemAssertions.assertInvalid;
import static nl.sglzorg.meldpunt.ProblemAssertions.assertProblem;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nl.sglzorg.meldpunt.ProblemAssertions;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.ticket.Ticket;
import nl.sglzorg.meldpunt.ticket.EventType;
import nl.sglzorg.meldpunt.ticket.TicketEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Point 7 of the contract: every bad input to the public intake is a complete problem answer that
 * names the field, leaks nothing, and stores nothing. "Nothing stored" is proven twice: the row
 * counts do not move, and a valid signal filed right after the refused request gets the reference
 * number right after that of a valid signal filed right before it (@QuarkusTest runs one test at a
 * time, so nothing else files in between).
 */
@QuarkusTest
class SignalBadInputTest {

    private static final List<EventType> EMAIL_EVENTS =
            List.of(EventType.EMAIL_QUEUED, EventType.EMAIL_SENT, EventType.EMAIL_FAILED);

    private static final String SIGNALS = "/api/signals";
    private static final String PREVIEW = "/api/routing/preview";
    private static final int MAX_BODY = 64 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** A bad body and the field the answer must name; the label is the test's display name. */
    record Bad(String label, String body, String field) {
        @Override
        public String toString() {
            return label;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // POST /api/signals and POST /api/routing/preview: the same body, the same refusal
    // ---------------------------------------------------------------------------------------------

    static Stream<Bad> badSignals() {
        String valid = json(valid());
        return Stream.of(
                // malformed JSON: there is no field to blame but the body itself
                new Bad("truncated object", "{\"category\": \"MENTION\",", "body"),
                new Bad("unquoted names and values", "{category: MENTION}", "body"),
                new Bad("single quotes", "{'category': 'MENTION'}", "body"),
                new Bad("garbage after the object", valid + " x", "body"),
                new Bad("a second object after the first", valid + "{}", "body"),
                new Bad("unescaped NUL inside the description",
                        valid.replace("Er wordt", "Er\u0000wordt"), "description"),

                // not an object
                new Bad("empty body", "", "body"),
                new Bad("JSON null", "null", "body"),
                new Bad("empty JSON array", "[]", "body"),
                new Bad("array holding a valid signal", "[" + valid + "]", "body"),
                new Bad("JSON string", "\"MENTION\"", "body"),
                new Bad("JSON number", "42", "body"),
                new Bad("JSON boolean", "true", "body"),

                // unknown enum values
                new Bad("unknown category", with("category", "GOSSIP"), "category"),
                new Bad("category in lower case", with("category", "mention"), "category"),
                new Bad("empty category", with("category", ""), "category"),
                new Bad("unknown platform", with("platform", "TIKTOK"), "platform"),
                new Bad("unknown topic", with("topic", "WEATHER"), "topic"),
                new Bad("unknown reporter.relation", withReporter("relation", "BOSS"), "reporter.relation"),

                // an enum given as its ordinal
                new Bad("category as number", with("category", 1), "category"),
                new Bad("platform as number", with("platform", 0), "platform"),
                new Bad("topic as number", with("topic", 2), "topic"),
                new Bad("reporter.relation as number", withReporter("relation", 0), "reporter.relation"),

                // unknown properties: a reporter can never set status or priority
                new Bad("status sent by the reporter", with("status", "RESOLVED"), "status"),
                new Bad("priority sent by the reporter", with("priority", "URGENT"), "priority"),
                new Bad("reference sent by the reporter", with("reference", "SGL-2026-000001"), "reference"),
                new Bad("trackingToken sent by the reporter", with("trackingToken", "mijn-eigen-token"),
                        "trackingToken"),
                new Bad("status inside reporter", withReporter("status", "RESOLVED"), "reporter.status"),
                new Bad("priority inside reporter", withReporter("priority", "URGENT"), "reporter.priority"),

                // wrong types
                new Bad("description as number", with("description", 12345678901L), "description"),
                new Bad("description as boolean", with("description", true), "description"),
                new Bad("description as array", with("description", List.of("Er wordt over SGL geschreven.")),
                        "description"),
                new Bad("description as object", with("description", Map.of("text", "Er wordt over SGL geschreven.")),
                        "description"),
                new Bad("wantsUpdates as string", with("wantsUpdates", "true"), "wantsUpdates"),
                new Bad("wantsUpdates as number", with("wantsUpdates", 1), "wantsUpdates"),
                new Bad("url as object", with("url", Map.of("href", "https://www.facebook.com/sglzorg")), "url"),
                new Bad("url as number", with("url", 42), "url"),
                new Bad("reporter as string", with("reporter", "Jan Jansen"), "reporter"),
                new Bad("reporter as array", with("reporter", List.of("Jan Jansen")), "reporter"),
                new Bad("category as object", with("category", Map.of()), "category"),
                new Bad("observedAt as boolean", with("observedAt", true), "observedAt"),
                new Bad("language as number", with("language", 1), "language"),
                new Bad("reporter.name as number", withReporter("name", 7), "reporter.name"),
                new Bad("reporter.email as boolean", withReporter("email", false), "reporter.email"),

                // required fields
                new Bad("no category", without("category"), "category"),
                new Bad("no platform", without("platform"), "platform"),
                new Bad("no description", without("description"), "description"),
                new Bad("category null", with("category", null), "category"),
                new Bad("description null", with("description", null), "description"),

                // description: 10 to 5000 characters after trimming, printable
                new Bad("description of 9 characters", with("description", "123456789"), "description"),
                new Bad("description of 9 characters padded to 20", with("description", "     123456789      "),
                        "description"),
                new Bad("description of 5001 characters", with("description", "x".repeat(5001)), "description"),
                new Bad("description of 5001 characters after trimming",
                        with("description", " " + "x".repeat(5001) + " "), "description"),
                new Bad("description of 5001 emoji", with("description", "\uD83D\uDE00".repeat(5001)), "description"),
                new Bad("empty description", with("description", ""), "description"),
                new Bad("whitespace-only description", with("description", "   \t\n  \r\n   "), "description"),
                new Bad("NUL in description", with("description", "Er staat een \u0000 in de tekst"), "description"),
                new Bad("BEL in description", with("description", "Er staat een \u0007 in de tekst"), "description"),
                new Bad("ANSI escape in description", with("description", "Kleur \u001B[31mrood\u001B[0m in tekst"),
                        "description"),

                // url: http or https with a host, at most 2048 characters
                new Bad("javascript: url", with("url", "javascript:alert(1)"), "url"),
                new Bad("JavaScript: url in mixed case", with("url", "JavaScript:alert(document.cookie)"), "url"),
                new Bad("data: url", with("url", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="), "url"),
                new Bad("ftp: url", with("url", "ftp://ftp.sgl-zorg.nl/bestand.txt"), "url"),
                new Bad("file: url", with("url", "file:///etc/passwd"), "url"),
                new Bad("mailto: url", with("url", "mailto:nieuws@sgl-zorg.nl"), "url"),
                new Bad("https url without host", with("url", "https:///alleen-een-pad"), "url"),
                new Bad("scheme only", with("url", "https://"), "url"),
                new Bad("url without scheme", with("url", "www.facebook.com/sglzorg"), "url"),
                new Bad("scheme-relative url", with("url", "//www.facebook.com/sglzorg"), "url"),
                new Bad("url with a space in the host", with("url", "https://www.face book.com/sglzorg"), "url"),
                new Bad("url of 2049 characters", with("url", urlOfLength(2049)), "url"),
                // 1,000 characters, but 3,021 bytes: PostgreSQL's index on the post's URL takes at most
                // 2,704 bytes an entry, and a longer one was a 500 there (and an e-mail retried for ever)
                new Bad("url of 3,021 bytes in UTF-8", with("url", "https://www.facebook.com/"
                        + "\u5b57".repeat(1_000) + "/x"), "url"),

                // observedAt: an instant, not in the future beyond the 5 minutes of clock skew
                // An hour, not just past the 5 minutes allowed: the cases are made before they run,
                // and on a loaded machine the last one may run minutes later.
                new Bad("observedAt an hour ahead",
                        with("observedAt", Instant.now().plus(1, ChronoUnit.HOURS).toString()), "observedAt"),
                new Bad("observedAt next century", with("observedAt", "2099-01-01T00:00:00Z"), "observedAt"),
                new Bad("observedAt not a date", with("observedAt", "gisteren"), "observedAt"),
                new Bad("observedAt on 30 February", with("observedAt", "2026-02-30T10:00:00Z"), "observedAt"),
                new Bad("observedAt a date without time", with("observedAt", "2026-11-24"), "observedAt"),
                new Bad("observedAt without zone", with("observedAt", "2026-11-24T09:30:00"), "observedAt"),

                // wantsUpdates needs somewhere to send the updates
                new Bad("wantsUpdates without reporter", with("wantsUpdates", true), "wantsUpdates"),
                new Bad("wantsUpdates with a reporter without email",
                        with(Map.of("wantsUpdates", true, "reporter", Map.of("name", "Jan Jansen"))), "wantsUpdates"),
                new Bad("wantsUpdates with a blank email",
                        with(Map.of("wantsUpdates", true, "reporter", Map.of("email", "   "))), "wantsUpdates"),

                // reporter.email
                new Bad("email without @", withReporter("email", "geen-adres"), "reporter.email"),
                new Bad("email without domain", withReporter("email", "jan@"), "reporter.email"),
                new Bad("email without dot in domain", withReporter("email", "jan@sgl"), "reporter.email"),
                new Bad("email without local part", withReporter("email", "@sgl-zorg.nl"), "reporter.email"),
                new Bad("email with a space", withReporter("email", "jan jansen@sgl-zorg.nl"), "reporter.email"),
                new Bad("email with two @", withReporter("email", "jan@@sgl-zorg.nl"), "reporter.email"),
                new Bad("email of 255 characters",
                        withReporter("email", "j".repeat(255 - "@sgl-zorg.nl".length()) + "@sgl-zorg.nl"),
                        "reporter.email"),

                // over-long or unprintable short texts
                new Bad("reporter.name of 201 characters", withReporter("name", "n".repeat(201)), "reporter.name"),
                new Bad("NUL in reporter.name", withReporter("name", "Jan\u0000Jansen"), "reporter.name"),
                new Bad("right-to-left override in url", with("url", "https://facebook.com/sgl/\u202E321/stsop"), "url"),
                new Bad("right-to-left override in reporter.email", withReporter("email", "\u202Eln.lgs@naj"),
                        "reporter.email"),
                new Bad("description of 10 direction controls", with("description", "\u202A".repeat(10)),
                        "description"),
                new Bad("description of 9 characters and direction controls",
                        with("description", "\u202A123456789\u202C"), "description"),
                new Bad("reporter.unit of 41 characters", withReporter("unit", "U".repeat(41)), "reporter.unit"),
                new Bad("unknown reporter.unit", withReporter("unit", "BESTAAT-NIET"), "reporter.unit"),
                new Bad("region of 101 characters", with("region", "r".repeat(101)), "region"),
                new Bad("line break in region", with("region", "Parkstad\nWestelijke Mijnstreek"), "region"),
                new Bad("activityCentre of 201 characters", with("activityCentre", "a".repeat(201)), "activityCentre"),

                // language: nl or en, exactly
                new Bad("language de", with("language", "de"), "language"),
                new Bad("language NL in capitals", with("language", "NL"), "language"),
                new Bad("language nl-NL", with("language", "nl-NL"), "language"),
                new Bad("empty language", with("language", ""), "language"),

                // a key may appear once: which of two values would count is not for us to guess
                new Bad("duplicate category", "{\"category\":\"MENTION\",\"category\":\"DERAILED_DISCUSSION\","
                        + "\"platform\":\"FACEBOOK\",\"description\":\"Er wordt over SGL geschreven.\"}", "category"),
                new Bad("duplicate description", "{\"category\":\"MENTION\",\"platform\":\"FACEBOOK\","
                        + "\"description\":\"Er wordt over SGL geschreven.\","
                        + "\"description\":\"Iets anders dan eerst.\"}",
                        "description"),
                new Bad("duplicate reporter.name", "{\"category\":\"MENTION\",\"platform\":\"FACEBOOK\","
                        + "\"description\":\"Er wordt over SGL geschreven.\","
                        + "\"reporter\":{\"name\":\"Jan\",\"name\":\"Piet\"}}", "reporter.name"));
    }

    static Stream<Arguments> badSignalsOnBothEndpoints() {
        return badSignals().flatMap(bad -> Stream.of(Arguments.of(bad, SIGNALS), Arguments.of(bad, PREVIEW)));
    }

    @ParameterizedTest(name = "[{index}] {1}: {0}")
    @MethodSource("badSignalsOnBothEndpoints")
    void shouldRefuseABadSignalWith400NamingTheFieldAndStoreNothing(Bad bad, String endpoint) {
        assertNothingStored(() -> {
            Response response = given().contentType(ContentType.JSON).body(bad.body()).post(endpoint);
            assertInvalid(response, endpoint, bad.field());
        });
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {SIGNALS, PREVIEW})
    void shouldReportEveryViolationOfASignalInOneAnswer(String endpoint) {
        // the validator checks everything before answering, so the reporter fixes all at once
        Map<String, Object> signal = new HashMap<>();
        signal.put("description", "te kort");
        signal.put("url", "javascript:alert(1)");
        signal.put("language", "de");
        signal.put("wantsUpdates", true);
        signal.put("reporter", Map.of("name", "n".repeat(201)));

        assertNothingStored(() -> {
            Response response = given().contentType(ContentType.JSON).body(json(signal)).post(endpoint);
            assertInvalid(response, endpoint, "category");
            List<String> fields = response.path("violations.field");
            assertThat(fields, hasItems("category", "platform", "description", "url", "language", "wantsUpdates",
                    "reporter.name"));
        });
    }

    static Stream<Arguments> acceptedEdges() {
        return Stream.of(
                Arguments.of("description of exactly 10 characters", Map.of("description", "1234567890")),
                Arguments.of("description of 10 characters padded with white space",
                        Map.of("description", "  \n 1234567890 \t ")),
                Arguments.of("description of exactly 5000 characters", Map.of("description", "x".repeat(5000))),
                Arguments.of("description of 5000 characters padded with white space",
                        Map.of("description", "   " + "x".repeat(5000) + "   ")),
                Arguments.of("description with line breaks and tabs",
                        Map.of("description", "Eerste regel\r\nTweede regel\n\tingesprongen")),
                Arguments.of("description with direction marks and joined emoji",
                        Map.of("description", "Er staat \u200Fשלום\u200F bij \uD83D\uDC69\u200D\uD83D\uDCBB over SGL")),
                Arguments.of("observedAt 4 minutes ahead (clock skew)",
                        Map.of("observedAt", Instant.now().plus(4, ChronoUnit.MINUTES).toString())),
                Arguments.of("observedAt in the past", Map.of("observedAt", "2026-01-05T09:30:00Z")),
                Arguments.of("observedAt with an offset", Map.of("observedAt", "2026-01-05T10:30:00+01:00")),
                Arguments.of("url of exactly 2048 characters", Map.of("url", urlOfLength(2048))),
                Arguments.of("http url in capitals", Map.of("url", "HTTP://WWW.FACEBOOK.COM/SGLZORG")),
                Arguments.of("reporter.name of exactly 200 characters",
                        Map.of("reporter", Map.of("name", "n".repeat(200)))),
                Arguments.of("wantsUpdates with an email",
                        Map.of("wantsUpdates", true, "reporter", Map.of("email", "jan.jansen@example.org"))),
                Arguments.of("reporter with name and relation",
                        Map.of("reporter", Map.of("name", "Jan", "relation", "VOLUNTEER"))),
                Arguments.of("language en", Map.of("language", "en")),
                Arguments.of("language nl", Map.of("language", "nl")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("acceptedEdges")
    void shouldAcceptValuesJustInsideTheLimits(String label, Map<String, Object> changes) {
        // the limits must not refuse what the contract allows: preview answers, filing creates
        String body = with(changes);
        given().contentType(ContentType.JSON).body(body).post(PREVIEW).then().statusCode(200);
        given().contentType(ContentType.JSON).body(body).post(SIGNALS).then().statusCode(201)
                .body("reference", matchesPattern("SGL-\\d{4}-\\d{6,}"));
    }

    @Test
    void shouldFileTextsWithoutTheirDirectionControls() {
        // WhatsApp wraps a copied telephone number in U+202A ... U+202C; a reporter cannot see or remove
        // them. They are left out, where shown to staff they could turn the text around.
        Map<String, Object> changes = new java.util.HashMap<>();
        changes.put("description", "Bel mij op \u202A+31 6 12345678\u202C over \u2067dit\u2069 bericht over SGL");
        changes.put("reporter", Map.of("name", "Jan \u202Enesnaj"));
        String reference = given().contentType(ContentType.JSON).body(with(changes)).post(SIGNALS)
                .then().statusCode(201).extract().path("reference");
        TestData.asCommunicatie().get("/api/tickets/{reference}", reference).then().statusCode(200)
                .body("description", equalTo("Bel mij op +31 6 12345678 over dit bericht over SGL"))
                .body("reporter.name", equalTo("Jan nesnaj"));
    }

    @Test
    void shouldStoreTheDescriptionTrimmed() {
        // "10 characters after trimming" only holds if the trimmed text is what gets stored
        String reference = given().contentType(ContentType.JSON)
                .body(with("description", "  \n 1234567890 \t ")).post(SIGNALS)
                .then().statusCode(201).extract().path("reference");
        TestData.asCommunicatie().get("/api/tickets/{reference}", reference)
                .then().statusCode(200).body("description", equalTo("1234567890"));
    }

    static Stream<Arguments> fieldsFullOfEmoji() {
        // an emoji is one character to the reporter and to the validator, but two UTF-16 units
        String emoji = "\uD83D\uDE00";
        return Stream.of(
                Arguments.of("description", Map.of("description", emoji.repeat(5000))),
                Arguments.of("region", Map.of("region", emoji.repeat(100))),
                Arguments.of("activityCentre", Map.of("activityCentre", emoji.repeat(200))),
                Arguments.of("reporter.name", Map.of("reporter", Map.of("name", emoji.repeat(200)))));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("fieldsFullOfEmoji")
    void shouldAcceptAFieldOfEmojiUpToItsLimitInCharacters(String field, Map<String, Object> changes) {
        given().contentType(ContentType.JSON).body(with(changes)).post(SIGNALS).then().statusCode(201);
    }

    // ---------------------------------------------------------------------------------------------
    // Content type and size
    // ---------------------------------------------------------------------------------------------

    static Stream<Arguments> wrongContentTypes() {
        return Stream.of("text/plain", "application/xml", "application/x-www-form-urlencoded")
                .flatMap(type -> Stream.of(Arguments.of(type, SIGNALS), Arguments.of(type, PREVIEW)));
    }

    @ParameterizedTest(name = "[{index}] {1} as {0}")
    @MethodSource("wrongContentTypes")
    void shouldRefuseAWrongContentTypeWith415(String contentType, String endpoint) {
        // a valid signal, only labelled wrongly: the label alone must cause the refusal (with
        // X-Requested-By, or the cross-site guard refuses a label a form can send before this point)
        assertNothingStored(() -> {
            Response response = TestData.api().contentType(contentType).body(labelled(contentType, json(valid())))
                    .post(endpoint);
            assertProblem(response, 415, "unsupported-media-type", "Verkeerd inhoudstype", endpoint);
        });
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {SIGNALS, PREVIEW})
    void shouldRefuseABodyOver64KiBWith413(String endpoint) {
        // valid JSON padded with white space: only the size can be wrong
        assertNothingStored(() -> {
            Response response = given().contentType(ContentType.JSON).body(padded(json(valid()), MAX_BODY + 1))
                    .post(endpoint);
            assertProblem(response, 413, "payload-too-large", "Verzoek te groot", endpoint);
        });
    }

    @Test
    void shouldAcceptABodyOfExactly64KiB() {
        given().contentType(ContentType.JSON).body(padded(json(valid()), MAX_BODY)).post(SIGNALS)
                .then().statusCode(201);
    }

    @Test
    void shouldAcceptAChunkedBodyOfExactly64KiB() {
        // reading without a length must not refuse what the limit allows
        HttpResponse<String> response = postChunked(SIGNALS, padded(json(valid()), MAX_BODY));
        assertEquals(201, response.statusCode(), response.body());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {SIGNALS, PREVIEW})
    void shouldRefuseAChunkedBodyOver64KiBWith413Problem(String endpoint) {
        // without Content-Length the limit is found while reading; the answer must be the same problem
        assertNothingStored(() -> {
            HttpResponse<String> response = postChunked(endpoint, padded(json(valid()), MAX_BODY + 1));
            assertEquals(413, response.statusCode(), response.body());
            assertThat(response.headers().firstValue("Content-Type").orElse(""),
                    startsWith(ProblemAssertions.PROBLEM_JSON));
            Map<String, Object> problem = parse(response.body());
            assertEquals(ProblemAssertions.TYPE_BASE + "payload-too-large", problem.get("type"));
            assertEquals("Verzoek te groot", problem.get("title"));
            assertEquals(413, problem.get("status"));
            assertEquals(endpoint, problem.get("instance"));
            assertThat((String) problem.get("detail"), not(emptyOrNullString()));
            ProblemAssertions.assertNoInternals(response.body());
        });
    }

    // ---------------------------------------------------------------------------------------------
    // POST /api/signals/{reference}/messages: its own body
    // ---------------------------------------------------------------------------------------------

    static Stream<Bad> badMessages() {
        return Stream.of(
                new Bad("truncated object", "{\"text\": ", "body"),
                new Bad("unquoted name", "{text: \"Nog iets\"}", "body"),
                new Bad("garbage after the object", "{\"text\": \"Nog iets\"} x", "body"),
                new Bad("empty JSON array", "[]", "body"),
                new Bad("JSON string instead of an object", "\"Het bericht is 40 keer gedeeld.\"", "body"),
                new Bad("JSON number", "42", "body"),
                new Bad("text as number", "{\"text\": 42}", "text"),
                new Bad("text as boolean", "{\"text\": true}", "text"),
                new Bad("text as object", "{\"text\": {\"nl\": \"Nog iets\"}}", "text"),
                new Bad("text as array", "{\"text\": [\"Nog iets\"]}", "text"),
                new Bad("no text", "{}", "text"),
                new Bad("text null", "{\"text\": null}", "text"),
                // 0, blank and 5001 characters: see TrackingTokenTest
                new Bad("NUL in text", json(Map.of("text", "Nog \u0000 iets")), "text"),
                new Bad("status sent with the message", "{\"text\": \"Nog iets\", \"status\": \"RESOLVED\"}", "status"),
                new Bad("author sent with the message", "{\"text\": \"Nog iets\", \"author\": \"Communicatie\"}",
                        "author"),
                new Bad("visibility sent with the message",
                        "{\"text\": \"Nog iets\", \"visibleToReporter\": false}", "visibleToReporter"),
                new Bad("duplicate text", "{\"text\": \"Eerste\", \"text\": \"Tweede\"}", "text"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badMessages")
    void shouldRefuseABadMessageWith400NamingTheFieldAndStoreNothing(Bad bad) {
        Filed filed = fileValid();
        String path = SIGNALS + "/" + filed.reference() + "/messages";
        assertMessageNotStored(filed, () -> {
            Response response = given().header("X-Tracking-Token", filed.token()).contentType(ContentType.JSON)
                    .body(bad.body()).post(path);
            assertInvalid(response, path, bad.field());
        });
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "null"})
    void shouldRefuseAMissingMessageBodyWith400(String body) {
        // no object at all: whether the answer blames the body or the text, it must name one of them
        Filed filed = fileValid();
        String path = SIGNALS + "/" + filed.reference() + "/messages";
        assertMessageNotStored(filed, () -> {
            Response response = given().header("X-Tracking-Token", filed.token()).contentType(ContentType.JSON)
                    .body(body).post(path);
            assertProblem(response, 400, "invalid-input", "Ongeldige invoer", path);
            List<String> fields = response.path("violations.field");
            assertThat(fields, anyOf(hasItem("body"), hasItem("text")));
        });
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"text/plain", "application/xml", "application/x-www-form-urlencoded"})
    void shouldRefuseAMessageWithAWrongContentTypeWith415(String contentType) {
        Filed filed = fileValid();
        String path = SIGNALS + "/" + filed.reference() + "/messages";
        assertMessageNotStored(filed, () -> {
            Response response = TestData.api().header("X-Tracking-Token", filed.token()).contentType(contentType)
                    .body(labelled(contentType, "{\"text\": \"Het bericht is 40 keer gedeeld.\"}")).post(path);
            assertProblem(response, 415, "unsupported-media-type", "Verkeerd inhoudstype", path);
        });
    }

    @Test
    void shouldRefuseAMessageBodyOver64KiBWith413() {
        Filed filed = fileValid();
        String path = SIGNALS + "/" + filed.reference() + "/messages";
        assertMessageNotStored(filed, () -> {
            Response response = given().header("X-Tracking-Token", filed.token()).contentType(ContentType.JSON)
                    .body(padded("{\"text\": \"Het bericht is 40 keer gedeeld.\"}", MAX_BODY + 1)).post(path);
            assertProblem(response, 413, "payload-too-large", "Verzoek te groot", path);
        });
    }

    static Stream<Arguments> acceptedMessages() {
        return Stream.of(
                Arguments.of("one character", "x", "x"),
                Arguments.of("one character padded", "  x \n", "x"),
                Arguments.of("exactly 5000 characters", "m".repeat(5000), "m".repeat(5000)),
                Arguments.of("5000 characters padded", "  " + "m".repeat(5000) + "  ", "m".repeat(5000)),
                Arguments.of("5000 emoji", "\uD83D\uDE00".repeat(5000), "\uD83D\uDE00".repeat(5000)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("acceptedMessages")
    void shouldAcceptAMessageOf1To5000Characters(String label, String text, String stored) {
        Filed filed = fileValid();
        given().header("X-Tracking-Token", filed.token()).contentType(ContentType.JSON)
                .body(json(Map.of("text", text)))
                .post(SIGNALS + "/{reference}/messages", filed.reference())
                .then().statusCode(201).body("text", equalTo(stored));
    }

    // ---------------------------------------------------------------------------------------------
    // helpers
    // ---------------------------------------------------------------------------------------------

    record Filed(String reference, String token) {
        long number() {
            return Long.parseLong(reference.substring(reference.lastIndexOf('-') + 1));
        }
    }

    private static Filed fileValid() {
        Response response = given().contentType(ContentType.JSON).body(TestData.signal("MENTION", "TWITTER"))
                .post(SIGNALS).then().statusCode(201).extract().response();
        return new Filed(response.path("reference"), response.path("trackingToken"));
    }

    /** Runs a refused request between two valid filings and proves it left no trace. */
    private static void assertNothingStored(Runnable refusedRequest) {
        Filed before = fileValid();
        long tickets = countTickets();
        long events = countEvents();

        refusedRequest.run();

        assertEquals(tickets, countTickets(), "tickets stored");
        assertEquals(events, countEvents(), "events stored");
        Filed after = fileValid();
        assertEquals(before.number() + 1, after.number(),
                "the refused request used a reference: " + before.reference() + " then " + after.reference());
    }

    /** Runs a refused message and proves the reporter's updates and the history did not change. */
    private static void assertMessageNotStored(Filed filed, Runnable refusedRequest) {
        String updates = trackingUpdates(filed);
        long events = countEvents();

        refusedRequest.run();

        assertEquals(events, countEvents(), "events stored");
        assertEquals(updates, trackingUpdates(filed), "the reporter's updates changed");
    }

    private static long countTickets() {
        return QuarkusTransaction.requiringNew().call(() -> Ticket.count());
    }

    private static long countEvents() {
        // The outbox dispatcher records EMAIL_SENT events in the background; count the rest.
        return QuarkusTransaction.requiringNew().call(() -> TicketEvent.count("type not in ?1", EMAIL_EVENTS));
    }

    private static String trackingUpdates(Filed filed) {
        Response response = given().header("X-Tracking-Token", filed.token())
                .get(SIGNALS + "/{reference}", filed.reference()).then().statusCode(200).extract().response();
        return json(response.path("updates")) + " updatedAt=" + response.path("updatedAt");
    }

    private static Map<String, Object> valid() {
        return TestData.signal("MENTION", "FACEBOOK");
    }

    private static String with(String key, Object value) {
        Map<String, Object> signal = valid();
        signal.put(key, value);
        return json(signal);
    }

    private static String with(Map<String, Object> changes) {
        Map<String, Object> signal = valid();
        signal.putAll(changes);
        return json(signal);
    }

    private static String withReporter(String key, Object value) {
        Map<String, Object> reporter = new LinkedHashMap<>();
        reporter.put("name", "Jan Jansen");
        reporter.put(key, value);
        return with("reporter", reporter);
    }

    private static String without(String key) {
        Map<String, Object> signal = valid();
        signal.remove(key);
        return json(signal);
    }

    /** The body a client would send under that label: REST Assured insists that XML be XML. */
    private static String labelled(String contentType, String json) {
        return contentType.endsWith("xml")
                ? "<signal><category>MENTION</category><platform>FACEBOOK</platform>"
                        + "<description>Er wordt op sociale media over SGL geschreven.</description></signal>"
                : json;
    }

    /** {@code https://www.facebook.com/sglzorg/posts/xxx…} of exactly {@code length} characters. */
    private static String urlOfLength(int length) {
        String start = "https://www.facebook.com/sglzorg/posts/";
        return start + "x".repeat(length - start.length());
    }

    /** The same JSON object, padded with spaces after its opening brace to exactly {@code bytes} bytes. */
    private static String padded(String json, int bytes) {
        int size = json.getBytes(StandardCharsets.UTF_8).length;
        return "{" + " ".repeat(bytes - size) + json.substring(1);
    }

    private static HttpResponse<String> postChunked(String path, String body) {
        try {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            // an input stream of unknown length: the client sends it chunked, without Content-Length
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build();
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("chunked request failed", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String json) {
        try {
            return MAPPER.readValue(json, Map.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // An address built to make a backtracking pattern run for a minute is refused at once

    @ParameterizedTest
    @ValueSource(strings = {SIGNALS, PREVIEW})
    void shouldRefuseAnAddressBuiltForBacktrackingAtOnceNamingTheField(String endpoint) {
        Map<String, Object> signal = TestData.signal("MENTION", "TWITTER");
        signal.put("reporter", Map.of("email", "a@" + ".".repeat(60_000) + "@"));
        long before = System.nanoTime();
        Response response = given().contentType(ContentType.JSON).body(signal).post(endpoint);
        Duration took = Duration.ofNanos(System.nanoTime() - before);
        assertInvalid(response, endpoint, "reporter.email");
        // The old pattern took about a minute of CPU on this input; a few seconds of slack for a busy host.
        assertThat("answered in " + took, took.compareTo(Duration.ofSeconds(5)) < 0, equalTo(true));
    }
}
