package nl.sglzorg.meldpunt.directory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.sglzorg.meldpunt.TestData;
import org.junit.jupiter.api.Test;

/**
 * The accounts table and its contacts. The database is shared by all test classes: tests make their
 * own functions (which can own no topic, as the seven seeded ones own them all), and whatever they
 * change of a seeded function they put back.
 */
@QuarkusTest
class FunctionApiTest {

    private static final String PROBLEM = "application/problem+json";
    private static final List<String> SEEDED = List.of("COMMUNICATIONS", "EXECUTIVE", "REGIONAL_MANAGER",
            "HR_REPRESENTATIVE", "CARE_BROKER", "VOLUNTEER_COORDINATOR", "ACTIVITY_CENTRE");

    private static Map<String, Object> function(String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("personalPlatforms", List.of("TWITTER", "LINKEDIN"));
        body.put("corporatePlatforms", List.of("FACEBOOK"));
        body.put("locationPagePlatforms", List.of());
        body.put("provisionalPlatforms", List.of("LINKEDIN"));
        body.put("locationPageAfterIntake", false);
        body.put("topics", List.of());
        return body;
    }

    private static String newCode() {
        return TestData.unique("FN");
    }

    private static Response put(String code, Map<String, Object> body) {
        return TestData.asCommunicatie().contentType(ContentType.JSON).body(body).put("/api/functions/{code}", code);
    }

    /** Creates a function of this test's own, with no topics, and returns its code. */
    private static String createFunction() {
        String code = newCode();
        put(code, function("Functie " + code)).then().statusCode(201);
        return code;
    }

    private static long versionOf(String code) {
        return given().get("/api/functions/{code}", code).then().statusCode(200)
                .extract().<Number>path("version").longValue();
    }

    /** The row as a PUT body, to put a seeded function back exactly as it was. */
    private static Map<String, Object> asBody(Map<String, Object> view) {
        Map<String, Object> body = new HashMap<>(view);
        body.remove("code");
        body.remove("version");
        return body;
    }

    private static Map<String, Object> contact(String name, String email) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("email", email);
        return body;
    }

    private static Response postContact(String code, Map<String, Object> body) {
        return TestData.asCommunicatie().contentType(ContentType.JSON).body(body)
                .post("/api/functions/{code}/contacts", code);
    }

    private static void deleteContact(String code, long id) {
        TestData.asCommunicatie().delete("/api/functions/{code}/contacts/{id}", code, id).then().statusCode(204);
    }

    // --- the published table ---------------------------------------------------------------------

    @Test
    void shouldListTheSevenSeededFunctionsInTableOrderWithoutSignIn() {
        Response response = given().get("/api/functions")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .extract().response();

        // Functions other tests add come after the seeded rows.
        List<String> codes = response.path("code");
        assertEquals(SEEDED, codes.subList(0, SEEDED.size()));

        response.then()
                .body("[0].name", equalTo("Communicatie"))
                .body("[0].personalPlatforms", empty())
                .body("[0].corporatePlatforms", contains("TWITTER", "FACEBOOK", "LINKEDIN", "YOUTUBE"))
                .body("[0].topics", contains("GENERAL"))
                .body("[1].name", equalTo("Bestuurder"))
                .body("[1].personalPlatforms", contains("TWITTER", "LINKEDIN", "BLOG"))
                .body("[1].provisionalPlatforms", contains("BLOG"))
                .body("[1].corporatePlatforms", empty())
                .body("[1].topics", contains("GOVERNANCE"))
                .body("[2].name", equalTo("Regiomanagers"))
                .body("[2].personalPlatforms", contains("TWITTER", "LINKEDIN"))
                .body("[2].corporatePlatforms", empty())
                .body("[2].topics", contains("REGION"))
                .body("[3].name", equalTo("Vertegenwoordiger HRM"))
                .body("[3].personalPlatforms", contains("TWITTER", "LINKEDIN"))
                .body("[3].corporatePlatforms", contains("TWITTER", "FACEBOOK", "LINKEDIN"))
                .body("[3].topics", contains("EMPLOYMENT"))
                .body("[4].name", equalTo("Zorgbemiddelaars"))
                .body("[4].corporatePlatforms", contains("TWITTER", "FACEBOOK", "LINKEDIN"))
                .body("[4].topics", contains("CARE"))
                .body("[5].name", equalTo("Coördinator vrijwilligerswerk"))
                .body("[5].corporatePlatforms", contains("TWITTER", "FACEBOOK", "LINKEDIN"))
                .body("[5].topics", contains("VOLUNTEERING"))
                .body("[6].name", equalTo("AC's"))
                .body("[6].personalPlatforms", empty())
                .body("[6].corporatePlatforms", empty())
                .body("[6].locationPagePlatforms", contains("FACEBOOK"))
                .body("[6].locationPageAfterIntake", equalTo(true))
                .body("[6].topics", contains("ACTIVITY_CENTRE"));
        // Only the blog of the executive is provisional, only the AC page waits for an intake.
        for (int i = 0; i < SEEDED.size(); i++) {
            if (i != 1) {
                response.then().body("[" + i + "].provisionalPlatforms", empty());
            }
            if (i != 6) {
                response.then().body("[" + i + "].locationPageAfterIntake", equalTo(false))
                        .body("[" + i + "].locationPagePlatforms", empty());
            }
        }
    }

    @Test
    void shouldGetOneFunctionWithoutSignInWithItsVersionAsETag() {
        Response response = given().get("/api/functions/{code}", "HR_REPRESENTATIVE")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("code", equalTo("HR_REPRESENTATIVE"))
                .body("name", equalTo("Vertegenwoordiger HRM"))
                .body("topics", contains("EMPLOYMENT"))
                .extract().response();
        assertEquals("\"" + response.path("version") + "\"", response.header("ETag"));
    }

    @Test
    void shouldAnswer404ForAnUnknownFunction() {
        given().get("/api/functions/{code}", newCode())
                .then().statusCode(404)
                .contentType(PROBLEM)
                .body("status", equalTo(404));
        // Codes are capitals: the lower-case spelling is not the same function.
        given().get("/api/functions/{code}", "executive")
                .then().statusCode(404)
                .contentType(PROBLEM);
    }

    // --- writing the table -----------------------------------------------------------------------

    @Test
    void shouldCreateANewFunctionWithPutAfterTheSeededRows() {
        String code = newCode();

        Response created = put(code, function("  Woordvoerder  "))
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .body("code", equalTo(code))
                .body("name", equalTo("Woordvoerder"))
                .body("personalPlatforms", contains("TWITTER", "LINKEDIN"))
                .body("corporatePlatforms", contains("FACEBOOK"))
                .body("provisionalPlatforms", contains("LINKEDIN"))
                .body("topics", empty())
                .extract().response();
        assertTrue(created.header("Location").endsWith("/api/functions/" + code), created.header("Location"));
        assertEquals("\"" + created.path("version") + "\"", created.header("ETag"));

        given().get("/api/functions/{code}", code)
                .then().statusCode(200)
                .body("name", equalTo("Woordvoerder"));
        List<String> codes = given().get("/api/functions").then().statusCode(200).extract().path("code");
        assertTrue(codes.indexOf(code) >= SEEDED.size(), codes.toString());
    }

    @Test
    void shouldReplaceAnExistingFunctionAndBumpItsVersion() {
        String code = createFunction();
        long before = versionOf(code);

        // The whole row is replaced: lists left out mean none.
        Response replaced = TestData.asCommunicatie().contentType(ContentType.JSON)
                .header("If-Match", "\"" + before + "\"")
                .body(Map.of("name", "Nieuwe naam", "personalPlatforms", List.of("YOUTUBE")))
                .put("/api/functions/{code}", code)
                .then().statusCode(200)
                .body("code", equalTo(code))
                .body("name", equalTo("Nieuwe naam"))
                .body("personalPlatforms", contains("YOUTUBE"))
                .body("corporatePlatforms", empty())
                .body("provisionalPlatforms", empty())
                .extract().response();
        long after = replaced.<Number>path("version").longValue();
        assertTrue(after > before, before + " -> " + after);
        assertEquals("\"" + after + "\"", replaced.header("ETag"));
        assertNull(replaced.header("Location"));

        given().get("/api/functions/{code}", code)
                .then().statusCode(200)
                .body("name", equalTo("Nieuwe naam"))
                .body("version", equalTo((int) after));
    }

    @Test
    void shouldLetASeededFunctionKeepItsOwnTopicWhenReplaced() {
        Map<String, Object> original = given().get("/api/functions/{code}", "EXECUTIVE")
                .then().statusCode(200).extract().path("$");
        try {
            // Its own topic is no conflict with itself.
            Map<String, Object> changed = asBody(original);
            changed.put("name", "Bestuurder (tijdelijk)");
            put("EXECUTIVE", changed)
                    .then().statusCode(200)
                    .body("name", equalTo("Bestuurder (tijdelijk)"))
                    .body("topics", contains("GOVERNANCE"))
                    .body("personalPlatforms", contains("TWITTER", "LINKEDIN", "BLOG"))
                    .body("provisionalPlatforms", contains("BLOG"));
        } finally {
            put("EXECUTIVE", asBody(original)).then().statusCode(200);
        }
        given().get("/api/functions/{code}", "EXECUTIVE").then().statusCode(200)
                .body("name", equalTo("Bestuurder"));
    }

    @Test
    void shouldAnswer401WithAChallengeToAnAnonymousPut() {
        String code = newCode();

        given().contentType(ContentType.JSON).body(function("Anoniem"))
                .put("/api/functions/{code}", code)
                .then().statusCode(401)
                .contentType(PROBLEM)
                .header("WWW-Authenticate", startsWith("MeldpuntBasic"))
                .body("status", equalTo(401));
        given().get("/api/functions/{code}", code).then().statusCode(404);
    }

    @Test
    void shouldAnswer403ToAFunctionarisWhoWritesTheTable() {
        String functionaris = TestData.createUser(List.of("functionaris"), "EXECUTIVE", null);
        String code = newCode();

        TestData.as(functionaris).contentType(ContentType.JSON).body(function("Eigen functie"))
                .put("/api/functions/{code}", code)
                .then().statusCode(403)
                .contentType(PROBLEM)
                .body("status", equalTo(403));
        given().get("/api/functions/{code}", code).then().statusCode(404);

        // Not even the row of their own function.
        long version = versionOf("EXECUTIVE");
        TestData.as(functionaris).contentType(ContentType.JSON).body(function("Bestuurder"))
                .put("/api/functions/{code}", "EXECUTIVE")
                .then().statusCode(403);
        assertEquals(version, versionOf("EXECUTIVE"));
    }

    @Test
    void shouldRefuseATopicThatAnotherFunctionOwnsWith409() {
        String code = newCode();
        Map<String, Object> body = function("Zorg erbij");
        body.put("topics", List.of("CARE"));

        put(code, body)
                .then().statusCode(409)
                .contentType(PROBLEM)
                .body("detail", containsString("CARE_BROKER"));
        given().get("/api/functions/{code}", code).then().statusCode(404);
        given().get("/api/functions/{code}", "CARE_BROKER").then().statusCode(200)
                .body("topics", contains("CARE"));
    }

    @Test
    void shouldRefuseATopicOwnedElsewhereWhenReplacingToo() {
        String code = createFunction();
        long version = versionOf(code);
        Map<String, Object> body = function("Vrijwilligers erbij");
        body.put("topics", List.of("VOLUNTEERING"));

        put(code, body).then().statusCode(409).contentType(PROBLEM);
        assertEquals(version, versionOf(code));
        given().get("/api/functions/{code}", code).then().body("topics", empty());
    }

    @Test
    void shouldRefuseGeneralForAFunctionOtherThanCommunications() {
        String code = newCode();
        Map<String, Object> body = function("Algemeen");
        body.put("topics", List.of("GENERAL"));

        put(code, body)
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", hasItem("topics"));
        given().get("/api/functions/{code}", code).then().statusCode(404);
    }

    @Test
    void shouldRefuseProvisionalPlatformsThatAreNotPersonalPlatforms() {
        String code = newCode();
        Map<String, Object> body = function("Voorlopig");
        body.put("personalPlatforms", List.of("TWITTER"));
        body.put("provisionalPlatforms", List.of("BLOG"));

        put(code, body)
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", hasItem("provisionalPlatforms"));
        given().get("/api/functions/{code}", code).then().statusCode(404);
    }

    @Test
    void shouldRefuseALowerCaseCodeInThePath() {
        put("nieuwe_functie", function("Kleine letters"))
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", hasItem("code"));
        given().get("/api/functions/{code}", "nieuwe_functie").then().statusCode(404);
    }

    @Test
    void shouldRefuseAFunctionWithoutNameOrWithAnUnknownPlatform() {
        String code = newCode();
        Map<String, Object> noName = function(null);
        noName.remove("name");
        put(code, noName)
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", hasItem("name"));

        Map<String, Object> badPlatform = function("Onbekend platform");
        badPlatform.put("personalPlatforms", List.of("MYSPACE"));
        put(code, badPlatform)
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("violations[0].field", startsWith("personalPlatforms"));
        given().get("/api/functions/{code}", code).then().statusCode(404);
    }

    @Test
    void shouldRefuseAStaleIfMatchAndChangeNothing() {
        String code = createFunction();
        long version = versionOf(code);

        TestData.asCommunicatie().contentType(ContentType.JSON)
                .header("If-Match", "\"" + (version + 5) + "\"")
                .body(function("Verloren wijziging"))
                .put("/api/functions/{code}", code)
                .then().statusCode(412)
                .contentType(PROBLEM)
                .body("status", equalTo(412));

        given().get("/api/functions/{code}", code)
                .then().statusCode(200)
                .body("name", equalTo("Functie " + code))
                .body("version", equalTo((int) version));
    }

    // --- contacts --------------------------------------------------------------------------------

    @Test
    void shouldAddReadChangeAndDeleteAContact() {
        String code = createFunction();

        Response created = postContact(code, contact("  Anna Smeets ", "a.smeets@sgl-zorg.nl"))
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .body("id", notNullValue())
                .body("function", equalTo(code))
                .body("name", equalTo("Anna Smeets"))
                .body("email", equalTo("a.smeets@sgl-zorg.nl"))
                .body("region", nullValue())
                .body("locationPage", equalTo(false))
                .extract().response();
        long id = created.<Number>path("id").longValue();
        assertTrue(created.header("Location").endsWith("/api/functions/" + code + "/contacts/" + id),
                created.header("Location"));

        TestData.asCommunicatie().get("/api/functions/{code}/contacts", code)
                .then().statusCode(200)
                .body("id", contains((int) id));
        Response one = TestData.asCommunicatie().get("/api/functions/{code}/contacts/{id}", code, id)
                .then().statusCode(200)
                .body("name", equalTo("Anna Smeets"))
                .extract().response();
        long version = one.<Number>path("version").longValue();
        assertEquals("\"" + version + "\"", one.header("ETag"));

        Map<String, Object> change = contact("Anna Smeets-Dols", "a.dols@sgl-zorg.nl");
        change.put("region", "Parkstad");
        TestData.asCommunicatie().contentType(ContentType.JSON).body(change)
                .header("If-Match", "\"" + version + "\"")
                .put("/api/functions/{code}/contacts/{id}", code, id)
                .then().statusCode(200)
                .body("id", equalTo((int) id))
                .body("name", equalTo("Anna Smeets-Dols"))
                .body("email", equalTo("a.dols@sgl-zorg.nl"))
                .body("region", equalTo("Parkstad"));
        TestData.asCommunicatie().get("/api/functions/{code}/contacts/{id}", code, id)
                .then().statusCode(200)
                .body("email", equalTo("a.dols@sgl-zorg.nl"));

        TestData.asCommunicatie().delete("/api/functions/{code}/contacts/{id}", code, id)
                .then().statusCode(204);
        TestData.asCommunicatie().get("/api/functions/{code}/contacts/{id}", code, id)
                .then().statusCode(404)
                .contentType(PROBLEM);
        TestData.asCommunicatie().get("/api/functions/{code}/contacts", code)
                .then().statusCode(200)
                .body("$", empty());
    }

    @Test
    void shouldRefuseAStaleIfMatchOnAContact() {
        String code = createFunction();
        long id = postContact(code, contact("Jos Peters", "j.peters@sgl-zorg.nl"))
                .then().statusCode(201).extract().<Number>path("id").longValue();
        long version = TestData.asCommunicatie().get("/api/functions/{code}/contacts/{id}", code, id)
                .then().extract().<Number>path("version").longValue();
        String stale = "\"" + (version + 1) + "\"";

        TestData.asCommunicatie().contentType(ContentType.JSON).body(contact("Verloren", "verloren@sgl-zorg.nl"))
                .header("If-Match", stale)
                .put("/api/functions/{code}/contacts/{id}", code, id)
                .then().statusCode(412).contentType(PROBLEM);
        TestData.asCommunicatie().header("If-Match", stale)
                .delete("/api/functions/{code}/contacts/{id}", code, id)
                .then().statusCode(412).contentType(PROBLEM);

        TestData.asCommunicatie().get("/api/functions/{code}/contacts/{id}", code, id)
                .then().statusCode(200)
                .body("name", equalTo("Jos Peters"));
    }

    @Test
    void shouldKeepContactsForStaffAndOutOfThePublicTable() {
        String code = createFunction();
        String email = TestData.unique("geheim").toLowerCase() + "@sgl-zorg.nl";
        long id = postContact(code, contact("Officieel Persoon", email))
                .then().statusCode(201).extract().<Number>path("id").longValue();

        given().get("/api/functions/{code}/contacts", code)
                .then().statusCode(401)
                .contentType(PROBLEM)
                .header("WWW-Authenticate", notNullValue());
        given().get("/api/functions/{code}/contacts/{id}", code, id)
                .then().statusCode(401);

        // The published table names no officials.
        String table = given().get("/api/functions").then().statusCode(200).extract().asString();
        String row = given().get("/api/functions/{code}", code).then().statusCode(200).extract().asString();
        assertFalse(table.contains(email), table);
        assertFalse(row.contains(email) || row.contains("Officieel Persoon"), row);
    }

    @Test
    void shouldLetAnyStaffRoleReadContactsButOnlyCommunicatieWriteThem() {
        String code = createFunction();
        long id = postContact(code, contact("Lies Vos", "l.vos@sgl-zorg.nl"))
                .then().statusCode(201).extract().<Number>path("id").longValue();
        String functionaris = TestData.createUser(List.of("functionaris"), "CARE_BROKER", null);
        String unit = TestData.createUnit("Hoofd", "hoofd@sgl-zorg.nl");
        String leidinggevende = TestData.createUser(List.of("leidinggevende"), null, unit);

        for (String reader : List.of(functionaris, leidinggevende)) {
            TestData.as(reader).get("/api/functions/{code}/contacts", code)
                    .then().statusCode(200)
                    .body("name", contains("Lies Vos"));
            TestData.as(reader).get("/api/functions/{code}/contacts/{id}", code, id)
                    .then().statusCode(200);
        }

        TestData.as(functionaris).contentType(ContentType.JSON).body(contact("Indringer", "x@sgl-zorg.nl"))
                .post("/api/functions/{code}/contacts", code)
                .then().statusCode(403)
                .contentType(PROBLEM);
        TestData.as(functionaris).contentType(ContentType.JSON).body(contact("Indringer", "x@sgl-zorg.nl"))
                .put("/api/functions/{code}/contacts/{id}", code, id)
                .then().statusCode(403);
        TestData.as(functionaris).delete("/api/functions/{code}/contacts/{id}", code, id)
                .then().statusCode(403);

        TestData.asCommunicatie().get("/api/functions/{code}/contacts", code)
                .then().statusCode(200)
                .body("name", contains("Lies Vos"));
    }

    @Test
    void shouldAnswer404ForContactsOfAnUnknownFunctionOrOfAnotherFunction() {
        String code = createFunction();
        String other = createFunction();
        long id = postContact(code, contact("Piet Claessens", "p.claessens@sgl-zorg.nl"))
                .then().statusCode(201).extract().<Number>path("id").longValue();

        TestData.asCommunicatie().get("/api/functions/{code}/contacts", newCode())
                .then().statusCode(404).contentType(PROBLEM);
        postContact(newCode(), contact("Niemand", "niemand@sgl-zorg.nl"))
                .then().statusCode(404).contentType(PROBLEM);
        // A contact is reached only under its own function.
        TestData.asCommunicatie().get("/api/functions/{code}/contacts/{id}", other, id)
                .then().statusCode(404);
        TestData.asCommunicatie().delete("/api/functions/{code}/contacts/{id}", other, id)
                .then().statusCode(404);
        TestData.asCommunicatie().get("/api/functions/{code}/contacts/{id}", code, id)
                .then().statusCode(200);
    }

    @Test
    void shouldRequireARegionForARegionalManagerContact() {
        String region = "Regio " + TestData.unique("R");

        postContact("REGIONAL_MANAGER", contact("Regio Zonder", "regio@sgl-zorg.nl"))
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", hasItem("region"));

        Map<String, Object> withRegion = contact("Regio Met", "regio@sgl-zorg.nl");
        withRegion.put("region", region);
        long id = postContact("REGIONAL_MANAGER", withRegion)
                .then().statusCode(201)
                .body("region", equalTo(region))
                .extract().<Number>path("id").longValue();
        try {
            // Routing sees the edit at once: a signal about that region now goes to its manager.
            Map<String, Object> signal = TestData.signal("MENTION", "TWITTER");
            signal.put("topic", "REGION");
            signal.put("region", region);
            given().contentType(ContentType.JSON).body(signal).post("/api/routing/preview")
                    .then().statusCode(200)
                    .body("routing.function", equalTo("REGIONAL_MANAGER"));

            // A blank region on a change is as missing as none.
            Map<String, Object> blank = contact("Regio Met", "regio@sgl-zorg.nl");
            blank.put("region", "   ");
            TestData.asCommunicatie().contentType(ContentType.JSON).body(blank)
                    .put("/api/functions/{code}/contacts/{id}", "REGIONAL_MANAGER", id)
                    .then().statusCode(400)
                    .body("violations.field", hasItem("region"));
        } finally {
            deleteContact("REGIONAL_MANAGER", id);
        }
    }

    @Test
    void shouldRequireAnActivityCentreForAnActivityCentreContact() {
        String centre = "AC " + TestData.unique("C");

        Map<String, Object> withoutCentre = contact("AC Zonder", "ac@sgl-zorg.nl");
        withoutCentre.put("locationPage", true);
        postContact("ACTIVITY_CENTRE", withoutCentre)
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", hasItem("activityCentre"));

        Map<String, Object> withCentre = contact("AC Met", "ac@sgl-zorg.nl");
        withCentre.put("activityCentre", centre);
        withCentre.put("locationPage", true);
        long id = postContact("ACTIVITY_CENTRE", withCentre)
                .then().statusCode(201)
                .body("activityCentre", equalTo(centre))
                .body("locationPage", equalTo(true))
                .extract().<Number>path("id").longValue();
        deleteContact("ACTIVITY_CENTRE", id);
        TestData.asCommunicatie().get("/api/functions/{code}/contacts", "ACTIVITY_CENTRE")
                .then().statusCode(200)
                .body("id", not(hasItem((int) id)));
    }

    @Test
    void shouldRefuseAnInvalidContactEmailOrAMissingName() {
        String code = createFunction();

        postContact(code, contact("Geen Adres", "geen-adres"))
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", hasItem("email"));
        postContact(code, contact("Spatie Adres", "iemand @sgl-zorg.nl"))
                .then().statusCode(400)
                .body("violations.field", hasItem("email"));
        Map<String, Object> noName = contact(null, "naamloos@sgl-zorg.nl");
        noName.remove("name");
        postContact(code, noName)
                .then().statusCode(400)
                .body("violations.field", hasItem("name"));

        TestData.asCommunicatie().get("/api/functions/{code}/contacts", code)
                .then().statusCode(200)
                .body("$", empty());
    }
}
