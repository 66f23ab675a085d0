package nl.sglzorg.meldpunt.security;

import static io.restassured.RestAssured.given;
import static nl.sglzorg.meldpunt.ProblemAssertions.assertProblem;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWithIgnoringCase;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.sglzorg.meldpunt.TestData;
import org.junit.jupiter.api.Test;

/**
 * A page on another site cannot make a signed-in browser change or read-and-record anything: the
 * cross-site guard refuses what a form, an {@code <img>} or a script of another origin can send, and
 * a {@code 401} never makes a browser ask for (and then remember) a password. SECURITY.md § Cross-site
 * requests.
 */
@QuarkusTest
class CrossSiteRequestTest {

    private static final String FOREIGN = "https://elders.example";

    /** What a browser sends with cached credentials but nothing an API client adds. */
    private static RequestSpecification browserAsCommunicatie() {
        return given().auth().preemptive().basic(TestData.ADMIN, TestData.ADMIN_PASSWORD);
    }

    @Test
    void shouldRefuseAFormPostedErasureAndKeepTheReporter() {
        String[] reporter = fileWithReporter();
        String erase = "/api/tickets/" + reporter[0] + "/erase-reporter";

        // What <form method=post enctype=application/x-www-form-urlencoded> sends: with the Origin of
        // the other site (every current browser) and without one (older browsers, privacy settings).
        Response withOrigin = browserAsCommunicatie().header("Origin", FOREIGN)
                .contentType("application/x-www-form-urlencoded").formParam("ja", "1").post(erase);
        Response withoutOrigin = browserAsCommunicatie()
                .contentType("application/x-www-form-urlencoded").formParam("ja", "1").post(erase);
        Response plainText = browserAsCommunicatie().contentType("text/plain").body("{}").post(erase);

        assertProblem(withOrigin, 403, "cross-site-request", "Verzoek van buiten geweigerd", erase);
        assertProblem(withoutOrigin, 403, "cross-site-request", "Verzoek van buiten geweigerd", erase);
        assertProblem(plainText, 403, "cross-site-request", "Verzoek van buiten geweigerd", erase);
        TestData.asCommunicatie().get("/api/tickets/{reference}/reporter-data", reporter[0])
                .then().statusCode(200)
                .body("name", equalTo(reporter[1]))
                .body("email", equalTo(reporter[2]));
    }

    @Test
    void shouldEraseForAnApiClientThatSaysItIsOne() {
        String[] reporter = fileWithReporter();

        browserAsCommunicatie().header(TestData.REQUESTED_BY, "curl")
                .post("/api/tickets/{reference}/erase-reporter", reporter[0])
                .then().statusCode(200).body("reference", equalTo(reporter[0]));
        TestData.asCommunicatie().get("/api/tickets/{reference}/reporter-data", reporter[0])
                .then().statusCode(200).body("name", equalTo(null));
    }

    @Test
    void shouldRefuseAForeignOriginEvenWithJson() {
        String reference = fileWithReporter()[0];
        String transitions = "/api/tickets/" + reference + "/transitions";

        Response foreign = TestData.asCommunicatie().header("Origin", FOREIGN).contentType(ContentType.JSON)
                .body(Map.of("status", "TRIAGED")).post(transitions);
        Response sibling = TestData.asCommunicatie().header("Sec-Fetch-Site", "same-site")
                .contentType(ContentType.JSON).body(Map.of("status", "TRIAGED")).post(transitions);
        Response nullOrigin = TestData.asCommunicatie().header("Origin", "null").contentType(ContentType.JSON)
                .body(Map.of("status", "TRIAGED")).post(transitions);

        assertProblem(foreign, 403, "cross-site-request", "Verzoek van buiten geweigerd", transitions);
        assertProblem(sibling, 403, "cross-site-request", "Verzoek van buiten geweigerd", transitions);
        assertProblem(nullOrigin, 403, "cross-site-request", "Verzoek van buiten geweigerd", transitions);
        assertEquals("NEW", TestData.asCommunicatie().get("/api/tickets/{reference}", reference).path("status"));
        // Meldpunt's own origin (the host the request went to) is welcome.
        TestData.asCommunicatie().header("Origin", "http://localhost:" + RestAssured.port)
                .header("Sec-Fetch-Site", "same-origin").contentType(ContentType.JSON)
                .body(Map.of("status", "TRIAGED")).post(transitions).then().statusCode(200);
    }

    @Test
    void shouldNeverChallengeABrowserToSignInWithBasic() {
        Response anonymous = TestData.api().get("/api/tickets");
        Response wrongPassword = given().header("X-Forwarded-For", TestData.freshClient())
                .auth().preemptive().basic(TestData.ADMIN, "niet-het-juiste-wachtwoord").get("/api/units");

        for (Response response : List.of(anonymous, wrongPassword)) {
            assertEquals(401, response.statusCode(), response.asString());
            String challenge = String.valueOf(response.header("WWW-Authenticate"));
            assertThat(challenge, not(startsWithIgnoringCase("Basic")));
            assertThat(challenge, not(startsWithIgnoringCase("Digest")));
        }
    }

    @Test
    void shouldNotRecordAReadAnImageAsked() {
        String reference = fileWithReporter()[0];
        String ticket = "/api/tickets/" + reference;
        int before = accessLogEntries(reference);

        // <img src=".../api/tickets/SGL-..."> in a current browser, and in one without Fetch Metadata.
        Response image = browserAsCommunicatie().accept("image/avif,image/webp,image/apng,*/*;q=0.8")
                .header("Sec-Fetch-Dest", "image").header("Sec-Fetch-Mode", "no-cors")
                .header("Sec-Fetch-Site", "cross-site").get(ticket);
        Response oldImage = browserAsCommunicatie().accept("image/webp,*/*").get(ticket);
        Response oldHistory = browserAsCommunicatie().accept("*/*").get(ticket + "/events");
        Response oldExport = browserAsCommunicatie().accept("*/*").get(ticket + "/reporter-data");

        assertProblem(image, 403, "cross-site-request", "Verzoek van buiten geweigerd", ticket);
        assertProblem(oldImage, 403, "cross-site-request", "Verzoek van buiten geweigerd", ticket);
        assertProblem(oldHistory, 403, "cross-site-request", "Verzoek van buiten geweigerd", ticket + "/events");
        assertProblem(oldExport, 403, "cross-site-request", "Verzoek van buiten geweigerd",
                ticket + "/reporter-data");
        assertEquals(before, accessLogEntries(reference));
        // A client that asks for JSON reads it, and the read is recorded.
        browserAsCommunicatie().accept(ContentType.JSON).get(ticket).then().statusCode(200);
        assertEquals(before + 1, accessLogEntries(reference));
    }

    @Test
    void shouldNotLetAMatrixParameterTakeARecordedReadPastTheGuard() {
        String reference = fileWithReporter()[0];
        String ticket = "/api/tickets/" + reference;
        int before = accessLogEntries(reference);

        // The REST layer routes /events;x=1 to /events: the guard must see the same operation.
        for (String path : List.of(ticket + ";x=1", ticket + "/events;x=1", ticket + "/reporter-data;a")) {
            browserAsCommunicatie().urlEncodingEnabled(false).accept("image/webp,*/*").get(path)
                    .then().statusCode(403);
        }
        assertEquals(before, accessLogEntries(reference));
    }

    @Test
    void shouldNotTakeAPlainTextTypeWithACommaForJson() {
        String[] reporter = fileWithReporter();
        String erase = "/api/tickets/" + reporter[0] + "/erase-reporter";

        // A simple type for CORS, so another site's fetch() may send it without asking first.
        Response response = browserAsCommunicatie().contentType("text/plain;x=,application/json").body("a").post(erase);

        assertProblem(response, 403, "cross-site-request", "Verzoek van buiten geweigerd", erase);
        TestData.asCommunicatie().get("/api/tickets/{reference}/reporter-data", reporter[0])
                .then().statusCode(200).body("name", equalTo(reporter[1]));
    }

    // ---------------------------------------------------------------------------------------------

    /** A signal with a named reporter: reference, name, e-mail. */
    private static String[] fileWithReporter() {
        String name = "Melder " + TestData.unique("naam");
        String email = TestData.unique("melder").toLowerCase() + "@example.org";
        Map<String, Object> signal = TestData.signal("MENTION", "FACEBOOK");
        signal.put("reporter", new HashMap<>(Map.of("name", name, "email", email, "relation", "EMPLOYEE")));
        String reference = given().contentType(ContentType.JSON).body(signal).post("/api/signals")
                .then().statusCode(201).extract().path("reference");
        return new String[] {reference, name, email};
    }

    private static int accessLogEntries(String reference) {
        return TestData.asCommunicatie().get("/api/access-log?ticket=" + reference)
                .then().statusCode(200).extract().jsonPath().getList("$").size();
    }
}
