package nl.sglzorg.meldpunt.security;

import static io.restassured.RestAssured.given;
import static nl.sglzorg.meldpunt.ProblemAssertions.assertProblem;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import nl.sglzorg.meldpunt.TestData;
import nl.sglzorg.meldpunt.ticket.EventType;
import nl.sglzorg.meldpunt.ticket.Ticket;
import nl.sglzorg.meldpunt.ticket.TicketEvent;
import org.junit.jupiter.api.Test;

/**
 * Per-client token buckets on the public endpoints. In tests 127.0.0.1 is exempt
 * and trusted as a proxy, so every test here speaks for a fresh client through {@code X-Forwarded-For}
 * (limits are per address and the application lives for the whole test run).
 *
 * <p>The buckets refill on the real time (Bucket4j's own clock), not on the application's clock: the
 * tests rely on a handful of requests taking less than the refill interval (6 minutes per filing, 2
 * seconds per tracking look-up, 3 minutes per message). The daily filing limit (30) is not tested: it
 * would need an hour of real time for the hourly limit to let 30 through.
 */
@QuarkusTest
class RateLimitTest {

    private static final String SIGNALS = "/api/signals";
    private static final String TOKEN = "X-Tracking-Token";
    private static final String WRONG_TOKEN = "bogus-token-that-is-long-enough-xxxxxxxxxxx";

    /** A client address no other test uses (see {@link TestData#freshClient()}). */
    static String freshClient() {
        return TestData.freshClient();
    }

    private static RequestSpecification from(String client) {
        return given().header("X-Forwarded-For", client);
    }

    record Filed(String reference, String token) {
        long number() {
            return Long.parseLong(reference.substring(reference.lastIndexOf('-') + 1));
        }
    }

    private static Response postSignal(RequestSpecification request) {
        return request.contentType(ContentType.JSON).body(TestData.signal("MENTION", "TWITTER")).post(SIGNALS);
    }

    /** Files from 127.0.0.1, which is never limited. */
    private static Filed fileUnlimited() {
        Response response = postSignal(given()).then().statusCode(201).extract().response();
        return new Filed(response.path("reference"), response.path("trackingToken"));
    }

    private static long countTickets() {
        return QuarkusTransaction.requiringNew().call(() -> Ticket.count());
    }

    private static long countReporterMessages(String reference) {
        return QuarkusTransaction.requiringNew().call(() -> {
            long ticketId = Ticket.findByReference(reference).orElseThrow().id;
            return TicketEvent.count("ticketId = ?1 and type = ?2", ticketId, EventType.REPORTER_MESSAGE);
        });
    }

    /** A complete 429 problem with a sensible Retry-After that does not name the client. */
    private static long assertTooManyRequests(Response response, String path, String client, long maxSeconds) {
        assertProblem(response, 429, "too-many-requests", "Te veel verzoeken", path);
        String retryAfter = response.header("Retry-After");
        assertThat("Retry-After of " + response.asString(), retryAfter, matchesPattern("[1-9][0-9]*"));
        long seconds = Long.parseLong(retryAfter);
        assertThat("Retry-After in seconds", seconds, allOf(greaterThanOrEqualTo(1L), lessThanOrEqualTo(maxSeconds)));
        String body = response.asString();
        assertFalse(body.contains(client), () -> "the problem names the client address: " + body);
        // nor a pseudonym-free trace of it: no dotted quad at all
        assertFalse(body.matches("(?s).*\\b\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\b.*"),
                () -> "the problem holds an address: " + body);
        return seconds;
    }

    // ---------------------------------------------------------------------------------------------
    // POST /api/signals: 10 an hour per client
    // ---------------------------------------------------------------------------------------------

    @Test
    void shouldRefuseThe11thSignalWithinAnHourFromOneClientWith429AndStoreNothing() {
        String client = freshClient();
        for (int i = 1; i <= 10; i++) {
            int n = i;
            Response response = postSignal(from(client));
            assertEquals(201, response.statusCode(), () -> "signal " + n + ": " + response.asString());
        }
        Filed before = fileUnlimited();
        long tickets = countTickets();

        Response refused = postSignal(from(client));

        assertTooManyRequests(refused, SIGNALS, client, 3600);
        assertEquals(tickets, countTickets(), "the refused signal was stored");
        Filed after = fileUnlimited();
        assertEquals(before.number() + 1, after.number(),
                "the refused signal used a reference number: " + before.reference() + " then " + after.reference());
    }

    @Test
    void shouldKeepTakingSignalsFromAnotherClientWhileOneIsLimited() {
        String limited = freshClient();
        for (int i = 0; i < 10; i++) {
            postSignal(from(limited)).then().statusCode(201);
        }
        postSignal(from(limited)).then().statusCode(429);

        String other = freshClient();
        postSignal(from(other)).then().statusCode(201);
        // and the limited one stays limited
        postSignal(from(limited)).then().statusCode(429);
    }

    @Test
    void shouldCountARefusedSignalAgainstTheLimitButNeverLimitTheExemptAddress() {
        // An invalid signal still costs a token: a flood of bad input is a flood all the same.
        String client = freshClient();
        for (int i = 0; i < 10; i++) {
            from(client).contentType(ContentType.JSON)
                    .body(Map.of("category", "MENTION", "platform", "TWITTER", "description", "kort"))
                    .post(SIGNALS).then().statusCode(400);
        }
        postSignal(from(client)).then().statusCode(429);

        // 127.0.0.1 (the monitoring host of the test profile) is exempt: 12 in a row all pass.
        for (int i = 0; i < 12; i++) {
            postSignal(given()).then().statusCode(201);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // GET /api/signals/{reference}: 30 a minute, a wrong token costs 5
    // ---------------------------------------------------------------------------------------------

    /**
     * Six look-ups with a wrong token, then a seventh with {@code seventhToken}: 6 × 5 = 30 empties
     * the bucket, so the seventh is a 429 — unless the machine was so slow that the bucket refilled
     * (one look-up every 2 seconds), which is then checked instead. Returns whether it was a 429.
     */
    private static boolean seventhAfterSixWrongIsRefused(String client, String path, String seventhToken) {
        long start = System.nanoTime();
        for (int i = 1; i <= 6; i++) {
            int n = i;
            Response response = from(client).header(TOKEN, WRONG_TOKEN).get(path);
            assertEquals(404, response.statusCode(), () -> "wrong look-up " + n + ": " + response.asString());
        }
        Response seventh = from(client).header(TOKEN, seventhToken).get(path);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        if (seventh.statusCode() == 429) {
            assertTooManyRequests(seventh, path, client, 60);
            return true;
        }
        assertTrue(elapsedMillis >= 2000, () -> "the 7th look-up after 6 wrong ones in " + elapsedMillis
                + " ms answered " + seventh.statusCode() + ": a wrong token did not cost 5");
        return false;
    }

    @Test
    void shouldRefuseTheSeventhTrackingLookUpAfterSixWrongTokensEvenWithTheRightOne() {
        Filed filed = fileUnlimited();
        seventhAfterSixWrongIsRefused(freshClient(), SIGNALS + "/" + filed.reference(), filed.token());
    }

    @Test
    void shouldLetThirtyRightTrackingLookUpsThroughForAFreshClient() {
        Filed filed = fileUnlimited();
        String client = freshClient();
        String path = SIGNALS + "/" + filed.reference();
        for (int i = 1; i <= 30; i++) {
            int n = i;
            Response response = from(client).header(TOKEN, filed.token()).get(path);
            assertEquals(200, response.statusCode(), () -> "right look-up " + n + ": " + response.asString());
        }
        // The limit is there all the same: the bucket refills one look-up every 2 seconds, so a
        // 429 comes within a few more (unless each look-up took 2 seconds).
        boolean limited = false;
        for (int i = 0; i < 20 && !limited; i++) {
            limited = from(client).header(TOKEN, filed.token()).get(path).statusCode() == 429;
        }
        assertTrue(limited, "no 429 after 50 look-ups in a row");
    }

    @Test
    void shouldCountAnUnknownReferenceAsAWrongToken() {
        seventhAfterSixWrongIsRefused(freshClient(), SIGNALS + "/SGL-1999-999999", WRONG_TOKEN);
    }

    @Test
    void shouldKeepTrackingLimitsPerClient() {
        Filed filed = fileUnlimited();
        String path = SIGNALS + "/" + filed.reference();
        String guesser = freshClient();
        seventhAfterSixWrongIsRefused(guesser, path, filed.token());
        // the reporter, elsewhere, still follows their signal
        from(freshClient()).header(TOKEN, filed.token()).get(path).then().statusCode(200);
    }

    // ---------------------------------------------------------------------------------------------
    // POST /api/signals/{reference}/messages: 20 an hour
    // ---------------------------------------------------------------------------------------------

    @Test
    void shouldRefuseThe21stMessageWithinAnHourWith429AndStoreNothing() {
        Filed filed = fileUnlimited();
        String client = freshClient();
        String path = SIGNALS + "/" + filed.reference() + "/messages";
        for (int i = 1; i <= 20; i++) {
            from(client).header(TOKEN, filed.token()).contentType(ContentType.JSON)
                    .body(Map.of("text", "Aanvulling " + i)).post(path).then().statusCode(201);
        }
        assertEquals(20, countReporterMessages(filed.reference()));

        Response refused = from(client).header(TOKEN, filed.token()).contentType(ContentType.JSON)
                .body(Map.of("text", "Aanvulling 21")).post(path);

        assertTooManyRequests(refused, path, client, 3600);
        assertEquals(20, countReporterMessages(filed.reference()), "the refused message was stored");
        String updates = given().header(TOKEN, filed.token()).get(SIGNALS + "/" + filed.reference())
                .then().statusCode(200).extract().asString();
        assertFalse(updates.contains("Aanvulling 21"), updates);
        // the same reporter elsewhere may still write
        from(freshClient()).header(TOKEN, filed.token()).contentType(ContentType.JSON)
                .body(Map.of("text", "Aanvulling 22")).post(path).then().statusCode(201);
    }

    @Test
    void shouldChargeAMessageWithAWrongTokenAsAWrongTrackingLookUpIs() {
        Filed filed = fileUnlimited();
        String client = freshClient();
        String path = SIGNALS + "/" + filed.reference() + "/messages";
        // Four guesses at 5 each use up the 20 an hour: a guess through the messages costs what a
        // look-up does (until session 33 it cost 1, 20 guesses an hour beside the look-ups' own).
        for (int i = 1; i <= 4; i++) {
            from(client).header(TOKEN, WRONG_TOKEN).contentType(ContentType.JSON)
                    .body(Map.of("text", "Gok " + i)).post(path).then().statusCode(404);
        }
        from(client).header(TOKEN, filed.token()).contentType(ContentType.JSON)
                .body(Map.of("text", "Nu met de goede code")).post(path).then().statusCode(429);
        assertEquals(0, countReporterMessages(filed.reference()));
    }

    @Test
    void shouldKeepTheMessageLimitApartFromTheFilingLimit() {
        // Filing ten signals does not use up the messages of the same client, and vice versa.
        String client = freshClient();
        Filed filed = fileUnlimited();
        for (int i = 0; i < 10; i++) {
            postSignal(from(client)).then().statusCode(201);
        }
        postSignal(from(client)).then().statusCode(429);
        from(client).header(TOKEN, filed.token()).contentType(ContentType.JSON)
                .body(Map.of("text", "Nog een aanvulling")).post(SIGNALS + "/" + filed.reference() + "/messages")
                .then().statusCode(201);
        from(client).header(TOKEN, filed.token()).get(SIGNALS + "/" + filed.reference()).then().statusCode(200);
    }

    // ---------------------------------------------------------------------------------------------
    // the client behind a proxy: the right-most X-Forwarded-For entry that is not a trusted proxy
    // ---------------------------------------------------------------------------------------------

    @Test
    void shouldCountTheAddressTheTrustedProxySawNotTheOneTheClientWroteInFrontOfIt() {
        // 127.0.0.1 is the trusted proxy here; it appends the address it saw to what the client sent.
        String client = freshClient();
        for (int i = 0; i < 10; i++) {
            postSignal(from(freshClient() + ", " + client)).then().statusCode(201);
        }
        // another made-up address in front does not buy a new limit
        String forged = freshClient() + ", " + client;
        assertTooManyRequests(postSignal(from(forged)), SIGNALS, client, 3600);
        // while a made-up address at the end is what the proxy saw: another client, not limited
        postSignal(from(client + ", " + freshClient())).then().statusCode(201);
    }

    @Test
    void shouldSkipEveryTrustedProxyFromTheRight() {
        String client = freshClient();
        for (int i = 0; i < 10; i++) {
            postSignal(from(client + ", 127.0.0.1")).then().statusCode(201);
        }
        postSignal(from(freshClient() + ", " + client + ", 127.0.0.1")).then().statusCode(429);
        postSignal(from(client)).then().statusCode(429);
    }

    // ---------------------------------------------------------------------------------------------
    // POST /api/routing/preview: 20 a minute
    // ---------------------------------------------------------------------------------------------

    @Test
    void shouldRefuseRoutingPreviewsOverTheLimitWith429PerClient() {
        String preview = "/api/routing/preview";
        String client = freshClient();
        for (int i = 1; i <= 20; i++) {
            int n = i;
            Response response = from(client).contentType(ContentType.JSON)
                    .body(TestData.signal("MENTION", "TWITTER")).post(preview);
            assertEquals(200, response.statusCode(), () -> "preview " + n + ": " + response.asString());
        }
        // The bucket refills one preview every 3 seconds: a 429 comes within a few more.
        Response refused = null;
        for (int i = 0; i < 5 && refused == null; i++) {
            Response response = from(client).contentType(ContentType.JSON)
                    .body(TestData.signal("MENTION", "TWITTER")).post(preview);
            refused = response.statusCode() == 429 ? response : null;
        }
        assertTrue(refused != null, "no 429 after 25 previews in a row");
        assertTooManyRequests(refused, preview, client, 60);
        // another client still previews
        from(freshClient()).contentType(ContentType.JSON).body(TestData.signal("MENTION", "TWITTER"))
                .post(preview).then().statusCode(200);
    }
}
