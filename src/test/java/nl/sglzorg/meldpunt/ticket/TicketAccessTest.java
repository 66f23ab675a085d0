package nl.sglzorg.meldpunt.ticket;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import nl.sglzorg.meldpunt.TestData;
import org.junit.jupiter.api.Test;
import nl.sglzorg.meldpunt.support.Signals;

/** Who sees which ticket through {@code GET /api/tickets/{reference}}. */
@QuarkusTest
class TicketAccessTest {

    /** The signal's own history: what the reporter and routing did, without e-mails and deadlines. */
    private static final String HISTORY = "events.findAll { it.type in ['FILED', 'ROUTED', 'REPORTER_MESSAGE'] }";

    private static final String PROBLEM = "application/problem+json";

    private static String file(String category, String platform, String topic) {
        Map<String, Object> signal = TestData.signal(category, platform);
        signal.put("topic", topic);
        return Signals.receipt(signal).path("reference");
    }

    /** An UNWANTED_CONTACT signal from someone of {@code unit}: its manager takes it up. */
    private static String fileUnwantedContact(String unit) {
        Map<String, Object> signal = TestData.signal("UNWANTED_CONTACT", "WHATSAPP");
        signal.put("reporter", Map.of("relation", "EMPLOYEE", "unit", unit));
        return Signals.receipt(signal).path("reference");
    }

    private static void assertHidden(String username, String reference) {
        // 404, not 403: a ticket one may not see is one that does not exist.
        TestData.as(username).get("/api/tickets/{reference}", reference)
                .then().statusCode(404)
                .contentType(PROBLEM)
                .body("status", equalTo(404));
    }

    @Test
    void shouldShowCommunicatieTheWholeTicketWithRoutingReporterAndHistory() {
        String unit = TestData.createUnit("Hanneke Hoofd", "h.hoofd@sgl-zorg.nl");
        Map<String, Object> signal = TestData.signal("MENTION", "FACEBOOK");
        signal.put("topic", "EMPLOYMENT");
        signal.put("url", "https://www.facebook.com/sglzorg/posts/42");
        signal.put("reporter", Map.of("name", "Ria Ambassadeur", "email", "ria@example.nl",
                "relation", "EMPLOYEE", "unit", unit));
        signal.put("wantsUpdates", true);
        Response filed = Signals.receipt(signal);
        String reference = filed.path("reference");

        Response ticket = TestData.asCommunicatie().get("/api/tickets/{reference}", reference)
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("reference", equalTo(reference))
                .body("status", equalTo("NEW"))
                .body("publicStatus", equalTo("Ontvangen"))
                .body("priority", equalTo("NORMAL"))
                .body("category", equalTo("MENTION"))
                .body("platform", equalTo("FACEBOOK"))
                .body("topic", equalTo("EMPLOYMENT"))
                .body("url", equalTo("https://www.facebook.com/sglzorg/posts/42"))
                .body("description", equalTo(signal.get("description")))
                .body("reporter.name", equalTo("Ria Ambassadeur"))
                .body("reporter.email", equalTo("ria@example.nl"))
                .body("reporter.relation", equalTo("EMPLOYEE"))
                .body("reporter.unit", equalTo(unit))
                .body("wantsUpdates", equalTo(true))
                .body("language", equalTo("nl"))
                .body("routing.function", equalTo("HR_REPRESENTATIVE"))
                .body("routing.functionName", equalTo("Vertegenwoordiger HRM"))
                .body("routing.respondVia", equalTo("CORPORATE_ACCOUNT"))
                .body("routing.reason", equalTo(filed.<String>path("routing.reason")))
                .body("routing.reason", containsString("Vertegenwoordiger HRM"))
                .body("routing.informed", hasSize(0))
                .body("routing.tableRevision", notNullValue())
                .body("createdAt", notNullValue())
                .body(HISTORY, hasSize(2))
                .body(HISTORY + "[0].type", equalTo("FILED"))
                .body(HISTORY + "[0].actor", equalTo("melder"))
                .body(HISTORY + "[0].newValue", equalTo("NEW"))
                .body(HISTORY + "[0].at", notNullValue())
                .body(HISTORY + "[1].type", equalTo("ROUTED"))
                .body(HISTORY + "[1].actor", equalTo("systeem"))
                .body(HISTORY + "[1].newValue", equalTo("HR_REPRESENTATIVE"))
                .body(HISTORY + "[1].text", containsString(filed.<String>path("routing.reason")))
                .extract().response();

        assertEquals("\"" + ticket.path("version") + "\"", ticket.header("ETag"));
        // The token was shown once to the reporter; staff never see it or its hash.
        String body = ticket.asString();
        assertFalse(body.contains(filed.<String>path("trackingToken")), body);
        assertFalse(body.toLowerCase().contains("token"), body);
    }

    @Test
    void shouldKeepTheReporterOutOfTheActorsAndShowTheirMessageInTheHistory() {
        Map<String, Object> signal = TestData.signal("MENTION", "TWITTER");
        signal.put("reporter", Map.of("name", "Karel Melder"));
        Response filed = Signals.receipt(signal);
        String reference = filed.path("reference");
        given().contentType(ContentType.JSON).header("X-Tracking-Token", filed.<String>path("trackingToken"))
                .body(Map.of("text", "Het bericht is inmiddels verwijderd."))
                .post("/api/signals/{reference}/messages", reference)
                .then().statusCode(201);

        Response ticket = TestData.asCommunicatie().get("/api/tickets/{reference}", reference)
                .then().statusCode(200)
                .body(HISTORY, hasSize(3))
                .body("events.actor", not(hasItem("Karel Melder")))
                .body(HISTORY + "[2].type", equalTo("REPORTER_MESSAGE"))
                .body(HISTORY + "[2].actor", equalTo("melder"))
                .body(HISTORY + "[2].text", equalTo("Het bericht is inmiddels verwijderd."))
                .extract().response();
        assertEquals("\"" + ticket.path("version") + "\"", ticket.header("ETag"));
    }

    @Test
    void shouldShowAFunctionarisTheTicketsOfTheirFunctionOnly() {
        String hr = TestData.createUser(List.of("functionaris"), "HR_REPRESENTATIVE", null);
        String employment = file("MENTION", "FACEBOOK", "EMPLOYMENT");
        String care = file("MENTION", "FACEBOOK", "CARE");
        String general = file("MENTION", "FACEBOOK", "GENERAL");

        TestData.as(hr).get("/api/tickets/{reference}", employment)
                .then().statusCode(200)
                .body("reference", equalTo(employment))
                .body("routing.function", equalTo("HR_REPRESENTATIVE"));
        // The CARE ticket exists (communicatie sees it), yet is hidden from HR.
        TestData.asCommunicatie().get("/api/tickets/{reference}", care)
                .then().statusCode(200)
                .body("routing.function", equalTo("CARE_BROKER"));
        assertHidden(hr, care);
        assertHidden(hr, general);
    }

    @Test
    void shouldShowAFunctionarisATicketTheirFunctionIsOnlyInformedOf() {
        // The executive has no Facebook account: communicatie answers, the executive is informed.
        String governance = file("MENTION", "FACEBOOK", "GOVERNANCE");
        String executive = TestData.createUser(List.of("functionaris"), "EXECUTIVE", null);
        String careBroker = TestData.createUser(List.of("functionaris"), "CARE_BROKER", null);

        TestData.as(executive).get("/api/tickets/{reference}", governance)
                .then().statusCode(200)
                .body("routing.function", equalTo("COMMUNICATIONS"))
                .body("routing.informed", hasSize(1))
                .body("routing.informed[0].kind", equalTo("FUNCTION"))
                .body("routing.informed[0].code", equalTo("EXECUTIVE"));
        assertHidden(careBroker, governance);
    }

    @Test
    void shouldShowALeidinggevendeTheUnwantedContactOfTheirUnitOnly() {
        String ownUnit = TestData.createUnit("Eigen Hoofd", "eigen@sgl-zorg.nl");
        String otherUnit = TestData.createUnit("Ander Hoofd", "ander@sgl-zorg.nl");
        String manager = TestData.createUser(List.of("leidinggevende"), null, ownUnit);
        String own = fileUnwantedContact(ownUnit);
        String other = fileUnwantedContact(otherUnit);

        TestData.as(manager).get("/api/tickets/{reference}", own)
                .then().statusCode(200)
                .body("category", equalTo("UNWANTED_CONTACT"))
                .body("priority", equalTo("HIGH"))
                .body("routing.function", equalTo("COMMUNICATIONS"))
                .body("routing.manager.unit", equalTo(ownUnit))
                .body("routing.manager.name", equalTo("Eigen Hoofd"))
                .body("routing.manager.email", equalTo("eigen@sgl-zorg.nl"));
        assertHidden(manager, other);
    }

    @Test
    void shouldShowALeidinggevendeATicketTheirUnitIsInformedOfButNotAPlainMention() {
        String unit = TestData.createUnit("Geïnformeerd Hoofd", "info@sgl-zorg.nl");
        String manager = TestData.createUser(List.of("leidinggevende"), null, unit);

        // A derailed discussion informs the reporter's manager; a plain mention does not.
        Map<String, Object> derailed = TestData.signal("DERAILED_DISCUSSION", "FACEBOOK");
        derailed.put("reporter", Map.of("unit", unit));
        String informed = Signals.receipt(derailed).path("reference");
        Map<String, Object> mention = TestData.signal("MENTION", "FACEBOOK");
        mention.put("reporter", Map.of("unit", unit));
        String plain = Signals.receipt(mention).path("reference");

        TestData.as(manager).get("/api/tickets/{reference}", informed)
                .then().statusCode(200)
                .body("routing.informed.find { it.kind == 'UNIT_MANAGER' }.code", equalTo(unit));
        assertHidden(manager, plain);
    }

    @Test
    void shouldAnswer401WithoutSignInAnd404ForAnUnknownReference() {
        String reference = file("MENTION", "TWITTER", "GENERAL");

        TestData.api().get("/api/tickets/{reference}", reference)
                .then().statusCode(401)
                .contentType(PROBLEM)
                .header("WWW-Authenticate", startsWith("MeldpuntBasic"))
                .body("status", equalTo(401));
        TestData.api().auth().preemptive().basic(TestData.ADMIN, "fout-wachtwoord-123")
                .get("/api/tickets/{reference}", reference)
                .then().statusCode(401)
                .contentType(PROBLEM);
        TestData.asCommunicatie().get("/api/tickets/{reference}", "SGL-2026-999999999")
                .then().statusCode(404)
                .contentType(PROBLEM);
    }
}
