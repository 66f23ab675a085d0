package nl.sglzorg.meldpunt.routing;

import static io.restassured.RestAssured.given;
import static nl.sglzorg.meldpunt.TestData.asCommunicatie;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.sglzorg.meldpunt.TestData;
import org.junit.jupiter.api.Test;
import nl.sglzorg.meldpunt.support.Signals;

/**
 * Routing through the HTTP API: preview, filing, the staff view of the stored decision, and edits of
 * the accounts table. The app and its database are shared with every other test class, so this class
 * makes its own units and contacts with unique names and puts every seeded row back as it found it.
 */
@QuarkusTest
class RoutingEndToEndTest {

    @Test
    void shouldPreviewPriorityAndRoutingWithoutFilingATicket() {
        long before = referenceNumber(Signals.receipt(TestData.signal("MENTION", "TWITTER")).path("reference"));

        Map<String, Object> signal = TestData.signal("DERAILED_DISCUSSION", "FACEBOOK");
        signal.put("topic", "EMPLOYMENT");
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).body(signal)
                    .post("/api/routing/preview")
                    .then().statusCode(200)
                    .contentType(ContentType.JSON)
                    .body("priority", equalTo("HIGH"))
                    .body("routing.function", equalTo("HR_REPRESENTATIVE"))
                    .body("routing.functionName", equalTo("Vertegenwoordiger HRM"))
                    .body("routing.respondVia", equalTo("CORPORATE_ACCOUNT"))
                    .body("routing.informed", hasSize(0))
                    .body("routing.reason", equalTo("Ontsporende discussie; onderwerp werk → Vertegenwoordiger HRM; "
                            + "kan via het SGL-account op Facebook reageren"))
                    .body("reference", nullValue())
                    .body("trackingToken", nullValue());
        }

        // Tests run one after another, so the next filing takes the very next number only if the
        // previews took none (a preview that filed would also draw from the reference sequence).
        long after = referenceNumber(Signals.receipt(TestData.signal("MENTION", "TWITTER")).path("reference"));
        assertEquals(before + 1, after, "previews must not file tickets");
    }

    @Test
    void shouldInformTheUnitManagerOfADerailedDiscussion() {
        String managerEmail = TestData.unique("leiding").toLowerCase() + "@sgl-zorg.nl";
        String unit = TestData.createUnit("Leidinggevende Derailed", managerEmail);
        Map<String, Object> signal = TestData.signal("DERAILED_DISCUSSION", "FACEBOOK");
        signal.put("topic", "EMPLOYMENT");
        signal.put("reporter", Map.of("relation", "EMPLOYEE", "unit", unit));

        given().contentType(ContentType.JSON).body(signal).post("/api/routing/preview")
                .then().statusCode(200)
                .body("priority", equalTo("HIGH"))
                .body("routing.informed", contains("UNIT_MANAGER"));

        Response filed = Signals.receipt(signal);
        filed.then()
                .body("priority", equalTo("HIGH"))
                .body("routing.function", equalTo("HR_REPRESENTATIVE"))
                .body("routing.informed", contains("UNIT_MANAGER"));
        // The public answer names roles, never the manager.
        assertFalse(filed.asString().contains(managerEmail), "receipt must not reveal the manager's address");

        staffView(filed.path("reference"))
                .body("priority", equalTo("HIGH"))
                .body("routing.function", equalTo("HR_REPRESENTATIVE"))
                .body("routing.respondVia", equalTo("CORPORATE_ACCOUNT"))
                .body("routing.informed", hasSize(1))
                .body("routing.informed[0].kind", equalTo("UNIT_MANAGER"))
                .body("routing.informed[0].code", equalTo(unit))
                .body("routing.informed[0].name", equalTo("Leidinggevende Derailed"))
                // Informed, not assigned: the manager field is for unwanted contact.
                .body("routing.manager", nullValue());
    }

    @Test
    void shouldGiveUnwantedContactToTheManagerOfTheReportersUnit() {
        String managerEmail = TestData.unique("leiding").toLowerCase() + "@sgl-zorg.nl";
        String unit = TestData.createUnit("Leidinggevende Ongewenst", managerEmail);
        Map<String, Object> signal = TestData.signal("UNWANTED_CONTACT", "FACEBOOK");
        signal.put("reporter", Map.of("unit", unit));

        Response filed = Signals.receipt(signal);
        filed.then()
                .body("priority", equalTo("HIGH"))
                .body("routing.function", equalTo("COMMUNICATIONS"))
                .body("routing.respondVia", equalTo("NONE"));
        assertFalse(filed.asString().contains(managerEmail), "receipt must not reveal the manager's address");

        staffView(filed.path("reference"))
                .body("priority", equalTo("HIGH"))
                .body("routing.function", equalTo("COMMUNICATIONS"))
                .body("routing.respondVia", equalTo("NONE"))
                .body("routing.manager.unit", equalTo(unit))
                .body("routing.manager.name", equalTo("Leidinggevende Ongewenst"))
                .body("routing.manager.email", equalTo(managerEmail))
                .body("routing.informed", hasSize(0));
    }

    @Test
    void shouldLeaveUnwantedContactWithCommunicationsWhenTheUnitHasNoManager() {
        String unit = TestData.unique("UNIT");
        asCommunicatie().contentType(ContentType.JSON)
                .body(Map.of("code", unit, "name", "Team zonder leidinggevende " + unit))
                .post("/api/units").then().statusCode(201);
        Map<String, Object> signal = TestData.signal("UNWANTED_CONTACT", "INSTAGRAM");
        signal.put("reporter", Map.of("unit", unit));

        staffView(Signals.receipt(signal).path("reference"))
                .body("priority", equalTo("HIGH"))
                .body("routing.function", equalTo("COMMUNICATIONS"))
                .body("routing.respondVia", equalTo("NONE"))
                .body("routing.manager", nullValue())
                .body("routing.informed", hasSize(0));
    }

    @Test
    void shouldRefuseAnUnknownReporterUnit() {
        Map<String, Object> signal = TestData.signal("DERAILED_DISCUSSION", "FACEBOOK");
        signal.put("reporter", Map.of("unit", TestData.unique("NO-SUCH-UNIT")));

        for (String path : List.of("/api/signals", "/api/routing/preview")) {
            given().contentType(ContentType.JSON).body(signal)
                    .post(path)
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("status", equalTo(400))
                    .body("violations.field", hasItem("reporter.unit"));
        }
    }

    @Test
    void shouldRouteARegionToTheManagerOfThatRegion() {
        String region = TestData.unique("Regio");
        String email = TestData.unique("regiomanager").toLowerCase() + "@sgl-zorg.nl";
        long contactId = addContact("REGIONAL_MANAGER",
                Map.of("name", "Regiomanager " + region, "email", email, "region", region));
        try {
            Map<String, Object> signal = TestData.signal("MENTION", "TWITTER");
            signal.put("topic", "REGION");
            // Reporters do not type region names the way communicatie entered them.
            signal.put("region", "  " + region.toUpperCase() + " ");

            Response filed = Signals.receipt(signal);
            filed.then()
                    .body("priority", equalTo("NORMAL"))
                    .body("routing.function", equalTo("REGIONAL_MANAGER"))
                    .body("routing.respondVia", equalTo("PERSONAL_ACCOUNT"))
                    .body("routing.informed", hasSize(0));
            assertFalse(filed.asString().contains(email), "receipt must not reveal the regional manager");

            staffView(filed.path("reference"))
                    .body("routing.function", equalTo("REGIONAL_MANAGER"))
                    .body("routing.functionName", equalTo("Regiomanagers"))
                    .body("routing.contact.name", equalTo("Regiomanager " + region))
                    .body("routing.contact.email", equalTo(email));

            // Another region, without a manager of its own, is not routed to this one.
            signal.put("region", TestData.unique("Regio"));
            staffView(Signals.receipt(signal).path("reference"))
                    .body("routing.function", equalTo("COMMUNICATIONS"))
                    .body("routing.contact", nullValue())
                    .body("routing.informed.code", contains("REGIONAL_MANAGER"));
        } finally {
            deleteContact("REGIONAL_MANAGER", contactId);
        }
    }

    @Test
    void shouldRouteAnActivityCentreWithALocationPageOnlyOnFacebook() {
        String centre = "AC " + TestData.unique("Centrum");
        String email = TestData.unique("ac").toLowerCase() + "@sgl-zorg.nl";
        long contactId = addContact("ACTIVITY_CENTRE",
                Map.of("name", "Coördinator " + centre, "email", email, "activityCentre", centre,
                        "locationPage", true));
        try {
            Map<String, Object> onFacebook = TestData.signal("MENTION", "FACEBOOK");
            onFacebook.put("topic", "ACTIVITY_CENTRE");
            onFacebook.put("activityCentre", centre);
            Response filed = Signals.receipt(onFacebook);
            filed.then()
                    .body("routing.function", equalTo("ACTIVITY_CENTRE"))
                    .body("routing.respondVia", equalTo("LOCATION_PAGE"));
            staffView(filed.path("reference"))
                    .body("routing.function", equalTo("ACTIVITY_CENTRE"))
                    .body("routing.respondVia", equalTo("LOCATION_PAGE"))
                    .body("routing.contact.name", equalTo("Coördinator " + centre))
                    .body("routing.contact.email", equalTo(email));

            // A location page exists only on Facebook: on Twitter communicatie answers for SGL.
            Map<String, Object> onTwitter = new HashMap<>(onFacebook);
            onTwitter.put("platform", "TWITTER");
            Response elsewhere = Signals.receipt(onTwitter);
            elsewhere.then()
                    .body("routing.function", equalTo("COMMUNICATIONS"))
                    .body("routing.respondVia", equalTo("CORPORATE_ACCOUNT"))
                    .body("routing.informed", contains("ACTIVITY_CENTRE"));
            staffView(elsewhere.path("reference"))
                    .body("routing.function", equalTo("COMMUNICATIONS"))
                    .body("routing.contact", nullValue())
                    .body("routing.informed[0].kind", equalTo("FUNCTION"))
                    .body("routing.informed[0].code", equalTo("ACTIVITY_CENTRE"));
        } finally {
            deleteContact("ACTIVITY_CENTRE", contactId);
        }
    }

    @Test
    void shouldRouteTheNextSignalByTheEditedTable() {
        Map<String, Object> signal = TestData.signal("MENTION", "FACEBOOK");
        signal.put("topic", "VOLUNTEERING");

        String before = Signals.receipt(signal).path("reference");
        long revisionBefore = staffView(before)
                .body("routing.function", equalTo("VOLUNTEER_COORDINATOR"))
                .body("routing.respondVia", equalTo("CORPORATE_ACCOUNT"))
                .extract().jsonPath().getLong("routing.tableRevision");

        Response original = given().get("/api/functions/VOLUNTEER_COORDINATOR").then().statusCode(200)
                .extract().response();
        Map<String, Object> restore = requestOf(original.jsonPath());
        String after;
        try {
            // The volunteer coordinator loses SGL access on Facebook.
            Map<String, Object> edited = new HashMap<>(restore);
            edited.put("corporatePlatforms", List.of("TWITTER", "LINKEDIN"));
            asCommunicatie().contentType(ContentType.JSON).header("If-Match", original.header("ETag"))
                    .body(edited)
                    .put("/api/functions/VOLUNTEER_COORDINATOR")
                    .then().statusCode(200)
                    .body("corporatePlatforms", contains("TWITTER", "LINKEDIN"));

            after = Signals.receipt(signal).path("reference");
        } finally {
            // Other test classes count on the seeded table.
            asCommunicatie().contentType(ContentType.JSON).body(restore)
                    .put("/api/functions/VOLUNTEER_COORDINATOR")
                    .then().statusCode(200);
        }

        staffView(after)
                .body("routing.function", equalTo("COMMUNICATIONS"))
                .body("routing.respondVia", equalTo("CORPORATE_ACCOUNT"))
                .body("routing.informed.code", contains("VOLUNTEER_COORDINATOR"))
                .body("routing.tableRevision", greaterThan((int) revisionBefore));
        // A stored decision stays as it was made.
        staffView(before)
                .body("routing.function", equalTo("VOLUNTEER_COORDINATOR"))
                .body("routing.tableRevision", equalTo((int) revisionBefore));
        // And the restored row routes as the seed does again.
        given().get("/api/functions/VOLUNTEER_COORDINATOR").then().statusCode(200)
                .body("corporatePlatforms", contains("TWITTER", "FACEBOOK", "LINKEDIN"));
        given().contentType(ContentType.JSON).body(signal).post("/api/routing/preview")
                .then().statusCode(200)
                .body("routing.function", equalTo("VOLUNTEER_COORDINATOR"))
                .body("routing.respondVia", equalTo("CORPORATE_ACCOUNT"));
    }

    // ------------------------------------------------------------------------------------------

    private static ValidatableResponse staffView(String reference) {
        return asCommunicatie().get("/api/tickets/{reference}", reference)
                .then().statusCode(200);
    }

    /** {@code SGL-2026-000042} → 42. */
    private static long referenceNumber(String reference) {
        return Long.parseLong(reference.substring(reference.lastIndexOf('-') + 1));
    }

    private static long addContact(String function, Map<String, Object> contact) {
        return asCommunicatie().contentType(ContentType.JSON).body(contact)
                .post("/api/functions/{code}/contacts", function)
                .then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    private static void deleteContact(String function, long id) {
        asCommunicatie().delete("/api/functions/{code}/contacts/{id}", function, id)
                .then().statusCode(204);
    }

    /** A PUT body that writes back a row exactly as GET returned it. */
    private static Map<String, Object> requestOf(JsonPath row) {
        Map<String, Object> request = new HashMap<>();
        request.put("name", row.getString("name"));
        for (String list : List.of("personalPlatforms", "corporatePlatforms", "locationPagePlatforms",
                "provisionalPlatforms", "topics")) {
            request.put(list, row.getList(list));
        }
        request.put("locationPageAfterIntake", row.getBoolean("locationPageAfterIntake"));
        return request;
    }
}
