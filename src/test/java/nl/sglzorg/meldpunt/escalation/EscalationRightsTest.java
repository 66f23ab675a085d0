package nl.sglzorg.meldpunt.escalation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import nl.sglzorg.meldpunt.ProblemAssertions;
import nl.sglzorg.meldpunt.TestData;
import org.junit.jupiter.api.Test;

/**
 * Who may take an escalation up, and to whom one may escalate by hand. Acknowledging stops the
 * chain, so only the manager it went to (a leidinggevende of its unit, or whoever has its address)
 * or communicatie may, and never the one who raised it; a manual escalation goes only to a manager
 * Meldpunt knows.
 */
@QuarkusTest
class EscalationRightsTest {

    private static final String HR = "HR_REPRESENTATIVE";

    @Test
    void shouldRefuseAFunctionarisOfTheUnitTheAcknowledgementMeantForItsManager() {
        String unit = TestData.createUnit("Lia Leiding", uniqueEmail("leiding"));
        String manager = TestData.createUser(List.of("leidinggevende"), null, unit);
        String functionaris = TestData.createUser(List.of("functionaris"), HR, unit);
        String reference = fileForHr();
        long id = escalate(TestData.asCommunicatie(), reference, Map.of("unit", unit)).then().statusCode(201)
                .extract().<Number>path("id").longValue();

        // The functionaris handles the ticket and belongs to the unit, but is not its manager.
        ProblemAssertions.assertProblem(acknowledge(TestData.as(functionaris), reference, id), 403, "forbidden",
                "Geen toegang", acknowledgePath(reference, id));
        assertNull(escalation(reference, id).path("acknowledgedBy"), "the chain must still run");

        acknowledge(TestData.as(manager), reference, id).then().statusCode(200)
                .body("acknowledgedBy", equalTo(manager));
    }

    @Test
    void shouldRefuseAManualEscalationToAnAddressThatIsNoKnownManager() {
        String functionaris = TestData.createUser(List.of("functionaris"), HR, null);
        String reference = fileForHr();
        String path = "/api/tickets/" + reference + "/escalations";

        // Their own address, to acknowledge it themselves; or any address outside.
        ProblemAssertions.assertInvalid(escalate(TestData.as(functionaris), reference,
                Map.of("managerEmail", functionaris + "@sgl-zorg.nl")), path, "managerEmail");
        ProblemAssertions.assertInvalid(escalate(TestData.as(functionaris), reference,
                Map.of("managerEmail", "iemand." + TestData.unique("x").toLowerCase() + "@example.org")), path,
                "managerEmail");
        // Also communicatie, and also an address that only looks like a manager's.
        ProblemAssertions.assertInvalid(escalate(TestData.asCommunicatie(), reference,
                Map.of("managerEmail", uniqueEmail("leiding"))), path, "managerEmail");

        Response ticket = detail(reference);
        assertEquals("NEW", ticket.path("status"));
        assertEquals(0, ticket.<List<?>>path("escalations").size());
    }

    @Test
    void shouldEscalateByHandToEveryKindOfKnownManager() {
        String functionaris = TestData.createUser(List.of("functionaris"), HR, null);
        String unitManagerEmail = uniqueEmail("leiding");
        TestData.createUnit("Lia Leiding", unitManagerEmail);
        String functionManagerEmail = uniqueEmail("hoofd");
        createFunctionWithManager(functionManagerEmail);
        String leidinggevende = TestData.createUser(List.of("leidinggevende"), null,
                TestData.createUnit("Ander", uniqueEmail("ander")));
        String reference = fileForHr();

        for (String address : List.of(unitManagerEmail, functionManagerEmail.toUpperCase(),
                leidinggevende + "@sgl-zorg.nl")) {
            escalate(TestData.as(functionaris), reference, Map.of("managerEmail", address))
                    .then().statusCode(201).body("manager.email", equalTo(address));
        }
        assertEquals(3, detail(reference).<List<?>>path("escalations").size());
    }

    @Test
    void shouldRefuseToLetAnyoneAcknowledgeAnEscalationTheyRaised() {
        // Functionaris of HR and leidinggevende of the unit in one: may escalate the HR ticket to that
        // unit, and would be its manager, but raising and taking up one's own escalation stops the chain unseen.
        String unit = TestData.createUnit("Lia Leiding", uniqueEmail("leiding"));
        String both = TestData.createUser(List.of("functionaris", "leidinggevende"), HR, unit);
        String reference = fileForHr();
        long id = escalate(TestData.as(both), reference, Map.of("unit", unit)).then().statusCode(201)
                .extract().<Number>path("id").longValue();

        ProblemAssertions.assertProblem(acknowledge(TestData.as(both), reference, id), 403, "forbidden",
                "Geen toegang", acknowledgePath(reference, id));
        assertNull(escalation(reference, id).path("acknowledgedBy"));

        // Nor communicatie its own.
        String other = fileForHr();
        long own = escalate(TestData.asCommunicatie(), other, Map.of("unit", unit)).then().statusCode(201)
                .extract().<Number>path("id").longValue();
        ProblemAssertions.assertProblem(acknowledge(TestData.asCommunicatie(), other, own), 403, "forbidden",
                "Geen toegang", acknowledgePath(other, own));

        // Someone else who may: communicatie takes up the first one.
        acknowledge(TestData.asCommunicatie(), reference, id).then().statusCode(200)
                .body("acknowledgedBy", equalTo(TestData.ADMIN));
    }

    @Test
    void shouldLetTheManagerNamedByAddressAcknowledge() {
        String functionaris = TestData.createUser(List.of("functionaris"), HR, null);
        String leidinggevende = TestData.createUser(List.of("leidinggevende"), null,
                TestData.createUnit("Ander", uniqueEmail("ander")));
        String reference = fileForHr();
        long id = escalate(TestData.as(functionaris), reference,
                Map.of("managerEmail", leidinggevende + "@sgl-zorg.nl")).then().statusCode(201)
                .extract().<Number>path("id").longValue();

        acknowledge(TestData.as(leidinggevende), reference, id).then().statusCode(200)
                .body("acknowledgedBy", equalTo(leidinggevende));
    }

    @Test
    void shouldTakeAReasonOfAThousandCharactersEvenWhenEachIsAnEmoji() {
        String unit = TestData.createUnit("Lia Leiding", uniqueEmail("leiding"));
        String reference = fileForHr();
        String path = "/api/tickets/" + reference + "/escalations";
        String emoji = "\uD83D\uDE21";

        Response tooLong = TestData.asCommunicatie().contentType(ContentType.JSON)
                .body(Map.of("unit", unit, "reason", emoji.repeat(1001))).post(path);
        ProblemAssertions.assertInvalid(tooLong, path, "reason");
        assertEquals("hoogstens 1000 tekens", tooLong.path("violations.find { it.field == 'reason' }.message"));
        assertEquals(0, detail(reference).<List<?>>path("escalations").size());

        TestData.asCommunicatie().contentType(ContentType.JSON)
                .body(Map.of("unit", unit, "reason", emoji.repeat(1000))).post(path)
                .then().statusCode(201);
        assertEquals(emoji.repeat(1000), detail(reference).path("escalations[0].reason"));
    }

    // --- helpers -----------------------------------------------------------------------------------

    private static String uniqueEmail(String prefix) {
        return TestData.unique(prefix).toLowerCase() + "@sgl-zorg.nl";
    }

    /** A mention about work on Facebook: the HR representative handles it. */
    private static String fileForHr() {
        Map<String, Object> signal = TestData.signal("MENTION", "FACEBOOK");
        signal.put("topic", "EMPLOYMENT");
        String reference = given().contentType(ContentType.JSON).body(signal).post("/api/signals")
                .then().statusCode(201).extract().path("reference");
        assertEquals(HR, detail(reference).path("routing.function"));
        return reference;
    }

    private static void createFunctionWithManager(String email) {
        String code = TestData.unique("FN");
        TestData.asCommunicatie().contentType(ContentType.JSON)
                .body(Map.of("name", "Functie " + code, "topics", List.of(),
                        "escalationManager", Map.of("name", "Hoofd " + code, "email", email)))
                .put("/api/functions/{code}", code).then().statusCode(201);
    }

    private static Response escalate(RequestSpecification as, String reference, Map<String, String> target) {
        Map<String, String> body = new java.util.HashMap<>(target);
        body.put("reason", "Graag oppakken");
        return as.contentType(ContentType.JSON).body(body).post("/api/tickets/{reference}/escalations", reference);
    }

    private static String acknowledgePath(String reference, long id) {
        return "/api/tickets/" + reference + "/escalations/" + id + "/acknowledge";
    }

    private static Response acknowledge(RequestSpecification as, String reference, long id) {
        return as.post(acknowledgePath(reference, id));
    }

    private static Response escalation(String reference, long id) {
        return TestData.asCommunicatie().get("/api/tickets/{reference}/escalations/{id}", reference, id)
                .then().statusCode(200).extract().response();
    }

    private static Response detail(String reference) {
        return TestData.asCommunicatie().get("/api/tickets/{reference}", reference)
                .then().statusCode(200).extract().response();
    }
}
