package nl.sglzorg.meldpunt.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import nl.sglzorg.meldpunt.TestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import nl.sglzorg.meldpunt.support.Signals;

/**
 * Every {@code /api} answer — success or failure, whoever writes it (a resource,
 * an exception mapper, the payload limit, the sign-in guard, the HTTP layer) — carries
 * {@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy: no-referrer},
 * {@code Cache-Control: no-store} and a strict {@code Content-Security-Policy}.
 */
@QuarkusTest
class HeadersTest {

    private static final String SIGNALS = "/api/signals";
    private static final int MAX_BODY = 64 * 1024;

    /** One way to get an answer of a given status; the label is the test's display name. */
    record Case(String label, int status, Supplier<Headers> call) {
        @Override
        public String toString() {
            return label;
        }
    }

    /** Status and headers, from REST Assured or from the JDK client (for what REST Assured cannot send). */
    record Headers(int status, Function<String, Optional<String>> header, String body) {
        static Headers of(Response response) {
            return new Headers(response.statusCode(), name -> Optional.ofNullable(response.header(name)),
                    response.asString());
        }

        static Headers of(HttpResponse<String> response) {
            HttpHeaders headers = response.headers();
            return new Headers(response.statusCode(), headers::firstValue, response.body());
        }
    }

    static Stream<Case> answers() {
        return Stream.of(
                new Case("200 public accounts table", 200, () -> Headers.of(given().get("/api/functions"))),
                new Case("200 staff ticket", 200, () -> Headers.of(TestData.asCommunicatie()
                        .get("/api/tickets/{reference}", fileSignal().get("reference")))),
                new Case("200 tracking look-up", 200, () -> {
                    Map<String, String> filed = fileSignal();
                    return Headers.of(given().header("X-Tracking-Token", filed.get("trackingToken"))
                            .get(SIGNALS + "/{reference}", filed.get("reference")));
                }),
                new Case("201 filing", 201, () -> Headers.of(given().contentType(ContentType.JSON)
                        .body(TestData.signal("MENTION", "TWITTER")).post(SIGNALS))),
                new Case("400 invalid signal", 400, () -> Headers.of(given().contentType(ContentType.JSON)
                        .body("{\"category\": \"GOSSIP\"}").post(SIGNALS))),
                new Case("400 malformed JSON", 400, () -> Headers.of(given().contentType(ContentType.JSON)
                        .body("{\"category\": ").post(SIGNALS))),
                new Case("401 anonymous staff request", 401, () -> Headers.of(given().get("/api/units"))),
                new Case("401 wrong password", 401, () -> Headers.of(given()
                        .header("X-Forwarded-For", RateLimitTest.freshClient())
                        .auth().preemptive().basic(TestData.unique("niemand").toLowerCase(), "een-fout-wachtwoord")
                        .get("/api/units"))),
                new Case("403 functionaris on users", 403, () -> Headers.of(TestData.as(TestData.createUser(
                        List.of("functionaris"), "CARE_BROKER", null)).get("/api/users"))),
                new Case("404 unknown reference", 404, () -> Headers.of(given()
                        .header("X-Tracking-Token", "bogus-token-that-is-long-enough-xxxxxxxxxxx")
                        .get(SIGNALS + "/SGL-1999-999999"))),
                new Case("404 unknown API path", 404, () -> Headers.of(given().get("/api/bestaat-niet"))),
                new Case("405 method not allowed", 405, () -> Headers.of(TestData.api().delete(SIGNALS))),
                new Case("409 conflict", 409, () -> Headers.of(TestData.asCommunicatie().contentType(ContentType.JSON)
                        .body(Map.of("status", "CLOSED")).post("/api/tickets/{reference}/transitions",
                                fileSignal().get("reference")))),
                new Case("412 stale If-Match", 412, () -> Headers.of(TestData.asCommunicatie()
                        .contentType(ContentType.JSON).header("If-Match", "\"999\"")
                        .body(Map.of("status", "TRIAGED")).post("/api/tickets/{reference}/transitions",
                                fileSignal().get("reference")))),
                new Case("415 wrong content type", 415, () -> Headers.of(TestData.api().contentType("text/plain")
                        .body("hallo").post(SIGNALS))),
                new Case("403 cross-site request", 403, () -> Headers.of(given().contentType("text/plain")
                        .body("hallo").post(SIGNALS))),
                new Case("413 Content-Length over 64 KiB", 413, () -> Headers.of(given().contentType(ContentType.JSON)
                        .body("{\"description\": \"" + "x".repeat(MAX_BODY) + "\"}").post(SIGNALS))),
                new Case("413 chunked body over 64 KiB", 413, () -> Headers.of(postChunked(SIGNALS,
                        "{\"description\": \"" + "x".repeat(MAX_BODY) + "\"}"))),
                new Case("429 filing limit", 429, HeadersTest::overTheFilingLimit),
                new Case("429 sign-in lock", 429, HeadersTest::signInLocked));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("answers")
    void shouldSendTheSecurityHeadersOnEveryApiAnswer(Case answer) {
        Headers headers = answer.call().get();

        assertEquals(answer.status(), headers.status(), () -> answer.label() + ": " + headers.body());
        List<String> missing = new ArrayList<>();
        expect(headers, "X-Content-Type-Options", "nosniff", missing);
        expect(headers, "Referrer-Policy", "no-referrer", missing);
        expect(headers, "Cache-Control", "no-store", missing);
        Optional<String> csp = headers.header().apply("Content-Security-Policy");
        if (csp.isEmpty() || !csp.get().contains("default-src 'none'")) {
            missing.add("Content-Security-Policy with default-src 'none' (was " + csp.orElse("absent") + ")");
        }
        assertTrue(missing.isEmpty(), () -> answer.label() + " lacks " + missing);
    }

    @Test
    void shouldForbidFramingOfApiAnswers() {
        String csp = given().get("/api/functions").then().statusCode(200).extract().header("Content-Security-Policy");
        assertThat(csp, containsString("frame-ancestors 'none'"));
    }

    @Test
    void shouldGiveTheHtmlOfTheApiExplorerAStrictPolicyToo() {
        Response page = TestData.management().get("/q/swagger-ui/");
        assertThat(page.statusCode(), equalTo(200));
        assertThat(page.contentType(), containsString("text/html"));
        assertThat(page.header("X-Content-Type-Options"), equalTo("nosniff"));
        assertThat(page.header("Content-Security-Policy"), containsString("frame-ancestors 'none'"));
        assertThat(page.header("Content-Security-Policy"), containsString("default-src 'self'"));
    }

    // ---------------------------------------------------------------------------------------------
    // helpers
    // ---------------------------------------------------------------------------------------------

    private static void expect(Headers headers, String name, String value, List<String> missing) {
        Optional<String> actual = headers.header().apply(name);
        if (actual.isEmpty() || !actual.get().equals(value)) {
            missing.add(name + ": " + value + " (was " + actual.orElse("absent") + ")");
        }
    }

    private static Map<String, String> fileSignal() {
        Signals.Filed filed = Signals.file();
        return Map.of("reference", filed.reference(), "trackingToken", filed.token());
    }

    private static Headers overTheFilingLimit() {
        String client = RateLimitTest.freshClient();
        for (int i = 0; i < 10; i++) {
            given().header("X-Forwarded-For", client).contentType(ContentType.JSON)
                    .body(TestData.signal("MENTION", "TWITTER")).post(SIGNALS).then().statusCode(201);
        }
        return Headers.of(given().header("X-Forwarded-For", client).contentType(ContentType.JSON)
                .body(TestData.signal("MENTION", "TWITTER")).post(SIGNALS));
    }

    private static Headers signInLocked() {
        String client = RateLimitTest.freshClient();
        String name = TestData.unique("niemand").toLowerCase();
        for (int i = 0; i < 5; i++) {
            given().header("X-Forwarded-For", client).auth().preemptive().basic(name, "een-fout-wachtwoord")
                    .get("/api/units").then().statusCode(401);
        }
        return Headers.of(given().header("X-Forwarded-For", client).auth().preemptive()
                .basic(name, "een-fout-wachtwoord").get("/api/units"));
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
}
