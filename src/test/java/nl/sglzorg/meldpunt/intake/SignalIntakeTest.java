package nl.sglzorg.meldpunt.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import nl.sglzorg.meldpunt.TestData;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SignalIntakeTest {

    @Test
    void shouldFileASignalAndReturnReferenceTokenAndRouting() {
        Map<String, Object> signal = TestData.signal("MENTION", "FACEBOOK");
        signal.put("topic", "EMPLOYMENT");
        signal.put("url", "https://www.facebook.com/sglzorg/posts/123");

        Response response = given().contentType(ContentType.JSON).body(signal)
                .post("/api/signals")
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .body("reference", matchesPattern("SGL-\\d{4}-\\d{6,}"))
                .body("trackingToken", matchesPattern("[A-Za-z0-9_-]{43,}"))
                .body("status", equalTo("NEW"))
                .body("publicStatus", equalTo("Ontvangen"))
                .body("priority", equalTo("NORMAL"))
                .body("createdAt", not(emptyOrNullString()))
                .body("routing.function", equalTo("HR_REPRESENTATIVE"))
                .body("routing.functionName", equalTo("Vertegenwoordiger HRM"))
                .body("routing.respondVia", equalTo("CORPORATE_ACCOUNT"))
                .body("routing.informed", hasSize(0))
                .body("routing.reason",
                        equalTo("Onderwerp werk → Vertegenwoordiger HRM; kan via het SGL-account op Facebook reageren"))
                .extract().response();

        String reference = response.path("reference");
        assertEquals(true, response.header("Location").endsWith("/api/signals/" + reference));
    }

    @Test
    void shouldLetTheReporterTrackTheSignalWithTheToken() {
        Response filed = given().contentType(ContentType.JSON).body(TestData.signal("MENTION", "TWITTER"))
                .post("/api/signals").then().statusCode(201).extract().response();
        String reference = filed.path("reference");
        String token = filed.path("trackingToken");

        given().header("X-Tracking-Token", token)
                .get("/api/signals/{reference}", reference)
                .then().statusCode(200)
                .body("reference", equalTo(reference))
                .body("category", equalTo("MENTION"))
                .body("platform", equalTo("TWITTER"))
                .body("publicStatus", equalTo("Ontvangen"))
                .body("status", nullValue())
                .body("trackingToken", nullValue())
                .body("updates", hasSize(1))
                .body("updates[0].kind", equalTo("STATUS"))
                .body("updates[0].publicStatus", equalTo("Ontvangen"));
    }

    @Test
    void shouldGiveEverySignalItsOwnReferenceAndToken() {
        Response first = given().contentType(ContentType.JSON).body(TestData.signal("MENTION", "TWITTER"))
                .post("/api/signals").then().statusCode(201).extract().response();
        Response second = given().contentType(ContentType.JSON).body(TestData.signal("MENTION", "TWITTER"))
                .post("/api/signals").then().statusCode(201).extract().response();
        assertNotEquals(first.<String>path("reference"), second.<String>path("reference"));
        assertNotEquals(first.<String>path("trackingToken"), second.<String>path("trackingToken"));
    }

    @Test
    void shouldAnswerTheSame404ForWrongTokenMissingTokenAndUnknownReference() {
        Response filed = given().contentType(ContentType.JSON).body(TestData.signal("MENTION", "TWITTER"))
                .post("/api/signals").then().statusCode(201).extract().response();
        String reference = filed.path("reference");

        String wrongToken = given().header("X-Tracking-Token", "bogus-token-that-is-long-enough-xxxxxxxxxxxx")
                .get("/api/signals/{reference}", reference)
                .then().statusCode(404).contentType("application/problem+json").extract().asString();
        String missingToken = given().get("/api/signals/{reference}", reference)
                .then().statusCode(404).extract().asString();
        String unknown = given().header("X-Tracking-Token", (String) filed.path("trackingToken"))
                .get("/api/signals/{reference}", "SGL-1999-999999")
                .then().statusCode(404).extract().asString();

        assertEquals(wrongToken.replace(reference, "REF"), missingToken.replace(reference, "REF"));
        assertEquals(wrongToken.replace(reference, "REF"), unknown.replace("SGL-1999-999999", "REF"));
    }

    @Test
    void shouldAddTheReportersMessageToTheUpdates() {
        Response filed = given().contentType(ContentType.JSON).body(TestData.signal("MENTION", "TWITTER"))
                .post("/api/signals").then().statusCode(201).extract().response();
        String reference = filed.path("reference");
        String token = filed.path("trackingToken");

        given().header("X-Tracking-Token", token).contentType(ContentType.JSON)
                .body(Map.of("text", "  Het bericht is inmiddels 40 keer gedeeld.  "))
                .post("/api/signals/{reference}/messages", reference)
                .then().statusCode(201)
                .header("Location", endsWith("/api/signals/" + reference))
                .body("kind", equalTo("REPORTER_MESSAGE"))
                .body("text", equalTo("Het bericht is inmiddels 40 keer gedeeld."));

        given().header("X-Tracking-Token", token).get("/api/signals/{reference}", reference)
                .then().statusCode(200)
                .body("updates", hasSize(2))
                .body("updates[1].kind", equalTo("REPORTER_MESSAGE"))
                .body("updates[1].text", equalTo("Het bericht is inmiddels 40 keer gedeeld."));
    }

    @Test
    void shouldRefuseAMessageWithAWrongTokenAndStoreNothing() {
        Response filed = given().contentType(ContentType.JSON).body(TestData.signal("MENTION", "TWITTER"))
                .post("/api/signals").then().statusCode(201).extract().response();
        String reference = filed.path("reference");

        given().header("X-Tracking-Token", "not-the-token").contentType(ContentType.JSON)
                .body(Map.of("text", "Iemand anders probeert iets toe te voegen."))
                .post("/api/signals/{reference}/messages", reference)
                .then().statusCode(404);

        given().header("X-Tracking-Token", (String) filed.path("trackingToken"))
                .get("/api/signals/{reference}", reference)
                .then().statusCode(200).body("updates", hasSize(1));
    }

    @Test
    void shouldRefuseAnObservedAtGivenAsANumber() {
        Map<String, Object> signal = TestData.signal("MENTION", "TWITTER");
        signal.put("observedAt", 1700000000);
        given().contentType(ContentType.JSON).body(signal).post("/api/signals")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", org.hamcrest.Matchers.hasItem("observedAt"));
    }

    @Test
    void shouldTreatABlankReporterEmailAsNoneGiven() {
        Map<String, Object> signal = TestData.signal("MENTION", "TWITTER");
        signal.put("reporter", Map.of("email", "  ", "relation", "CLIENT"));
        given().contentType(ContentType.JSON).body(signal).post("/api/signals")
                .then().statusCode(201);
    }
}
